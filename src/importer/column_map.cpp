#include "importer/column_map.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace dunn::importer {

namespace {

constexpr std::array<std::string_view, column_count> names = {
    "invoice",  "customer", "email",       "amount",   "due", "phone",
    "currency", "issued",   "customer_id", "language", "kind"};

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
        std::string name = d == '\t' ? "\\t" : std::string(1, d);
        // "auto" detects only ',', ';' and tab.
        return fmt::format("; the header looks separated by '{}': set "
                           "[import] delimiter = \"{}\"{} in dunn.toml",
                           name, name, d == '|' ? "" : " (or \"auto\")");
    }
    return "";
}

} // namespace

std::string_view column_name(Column c) {
    return names[static_cast<std::size_t>(c)];
}

bool is_required(Column c) {
    return c == Column::invoice || c == Column::customer ||
           c == Column::email || c == Column::amount || c == Column::due;
}

util::Expected<ColumnMap> map_columns(const std::vector<std::string>& header,
                                      const policy::ImportFormat& format) {
    ColumnMap map;
    map.width = header.size();
    map.index.fill(-1);

    std::vector<std::string> missing;
    for (std::size_t c = 0; c < column_count; ++c) {
        const std::string& wanted = format.columns.at(std::string(names[c]));
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (!util::iequals(util::trim(header[i]), wanted))
                continue;
            if (map.index[c] >= 0)
                return util::Expected<ColumnMap>::failure(fmt::format(
                    "the header has column {} twice (columns {} and {}); "
                    "rename one of them",
                    util::quoted(wanted), map.index[c] + 1, i + 1));
            map.index[c] = static_cast<int>(i);
        }
        if (map.index[c] < 0 && is_required(static_cast<Column>(c)))
            missing.push_back(
                wanted == names[c]
                    ? fmt::format("'{}'", wanted)
                    : fmt::format("'{}' (for {})", wanted, names[c]));
    }
    if (missing.empty())
        return map;

    std::string list;
    for (std::size_t i = 0; i < missing.size(); ++i)
        list += (i ? ", " : "") + missing[i];
    return util::Expected<ColumnMap>::failure(fmt::format(
        "the header lacks the required column{} {}; it has {}{}. If your "
        "file names them differently, map them in dunn.toml under "
        "[import.columns], e.g. due = \"Due Date\"",
        missing.size() > 1 ? "s" : "", list, header_list(header),
        delimiter_hint(header)));
}

} // namespace dunn::importer
