#include "importer/column_map.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace dunn::importer {

namespace {

std::string header_list(const std::vector<std::string>& header) {
    std::string list;
    for (std::size_t i = 0; i < header.size() && i < 12; ++i)
        list += (i ? ", " : "") + util::quoted(header[i]);
    if (header.size() > 12)
        list += ", ...";
    return list;
}

// A header that is one long field holding ';' or ',' was most likely
// split with the wrong delimiter.
std::string delimiter_hint(const std::vector<std::string>& header) {
    if (header.size() != 1)
        return "";
    for (char d : {';', ',', '\t', '|'}) {
        if (header[0].find(d) == std::string::npos)
            continue;
        std::string shown = d == '\t' ? "\\t" : std::string(1, d);
        // "auto" detects only ',', ';' and tab.
        return fmt::format("; the header looks separated by '{}': set "
                           "[import] delimiter = \"{}\"{} in dunn.toml",
                           shown, shown, d == '|' ? "" : " (or \"auto\")");
    }
    return "";
}

// "'due'", or "'Faellig' (for due)" when the file's name differs.
std::string describe(std::string_view name,
                     const std::vector<std::string>& headers) {
    std::string shown;
    for (const std::string& h : headers)
        shown += (shown.empty() ? "'" : "' or '") + h;
    shown += "'";
    return headers.size() == 1 && headers[0] == name
               ? shown
               : fmt::format("{} (for {})", shown, name);
}

std::size_t position(const std::vector<std::string_view>& names,
                     std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name)
            return i;
    return names.size();
}

} // namespace

const std::vector<std::string_view>& column_names() {
    static const std::vector<std::string_view> names = {
        "invoice",     "customer",    "email",   "amount",      "due",
        "phone",       "currency",    "issued",  "customer_id", "language",
        "kind",        "paid",        "open",    "status",      "quantity",
        "unit_amount", "line_amount", "discount"};
    return names;
}

const std::vector<std::string_view>& customer_column_names() {
    static const std::vector<std::string_view> names = {
        "customer_id", "customer", "email", "phone", "language", "kind"};
    return names;
}

std::string_view column_name(Column c) {
    return column_names()[static_cast<std::size_t>(c)];
}

bool header_matches(std::string_view header, std::string_view wanted) {
    std::string_view h = util::trim(header);
    if (!h.empty() && h.front() == '*')
        h = util::trim(h.substr(1));
    return util::iequals(h, wanted);
}

util::Expected<ColumnMap>
ColumnMap::find(const std::vector<std::string>& header,
                const std::vector<std::string_view>& names,
                const std::map<std::string, std::vector<std::string>>& wanted,
                const std::vector<std::string>& required) {
    ColumnMap map;
    map.width_ = header.size();
    map.found_.resize(names.size());

    for (std::size_t c = 0; c < names.size(); ++c) {
        for (const std::string& want : wanted.at(std::string(names[c]))) {
            int found = -1;
            for (std::size_t i = 0; i < header.size(); ++i) {
                if (!header_matches(header[i], want))
                    continue;
                if (found >= 0)
                    return util::Expected<ColumnMap>::failure(fmt::format(
                        "the header has column {} twice (columns {} and "
                        "{}); rename one of them",
                        util::quoted(want), found + 1, i + 1));
                found = static_cast<int>(i);
            }
            if (found >= 0)
                map.found_[c].push_back(found);
        }
    }

    std::vector<std::string> missing;
    for (const std::string& need : required) {
        std::vector<std::string> options = util::split(need, '|');
        bool found = false;
        for (const std::string& option : options)
            found = found || map.has(position(names, option));
        if (found)
            continue;
        std::string text;
        for (const std::string& option : options)
            text += (text.empty() ? "" : " or ") +
                    describe(option, wanted.at(option));
        missing.push_back(text);
    }
    if (missing.empty())
        return map;

    std::string list;
    for (std::size_t i = 0; i < missing.size(); ++i)
        list += (i ? ", " : "") + missing[i];
    return util::Expected<ColumnMap>::failure(fmt::format(
        "the header lacks the required column{} {}; it has {}{}. If your "
        "file names them differently, map them in dunn.toml under "
        "[import.columns], e.g. due = \"Due Date\", or use a preset "
        "(dunn import --detect FILE)",
        missing.size() > 1 ? "s" : "", list, header_list(header),
        delimiter_hint(header)));
}

} // namespace dunn::importer
