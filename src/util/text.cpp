#include "util/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>
#include <numeric>

namespace dunn::util {

std::string_view trim(std::string_view s) {
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && to_lower(a) == to_lower(b);
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = s.find(sep, start);
        parts.emplace_back(s.substr(start, end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

bool is_valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        // Most text is ASCII: skip it eight bytes at a time.
        std::uint64_t word;
        if (end - p >= 8 &&
            (std::memcpy(&word, p, 8), (word & 0x8080808080808080ULL) == 0)) {
            p += 8;
            continue;
        }
        unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (len == 0 || c > 0xF4 || end - p < len)
            return false;
        for (int i = 1; i < len; ++i)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0) ||
            (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
            return false;
        p += len;
    }
    return true;
}

std::size_t first_line_not_utf8(std::string_view s) {
    if (is_valid_utf8(s))
        return 0;
    // A line break is ASCII, so no sequence spans two lines.
    std::size_t line = 1;
    for (std::size_t start = 0; start < s.size(); ++line) {
        std::size_t end = std::min(s.find('\n', start), s.size());
        if (!is_valid_utf8(s.substr(start, end - start)))
            return line;
        start = end + 1;
    }
    return line;
}

bool has_control_char(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    });
}

std::string collapse_controls(std::string_view s) {
    if (!has_control_char(s))
        return std::string(s);
    std::string out;
    out.reserve(s.size());
    bool in_run = false;
    for (char c : s) {
        bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
        if (control && !in_run)
            out += ' ';
        else if (!control)
            out += c;
        in_run = control;
    }
    return out;
}

std::size_t display_width(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
}

std::string ellipsize(std::string_view s, std::size_t width) {
    if (display_width(s) <= width)
        return std::string(s);
    // Too narrow for any text: the dots alone, as many as fit.
    if (width < 3)
        return std::string(width, '.');
    std::size_t keep = width - 3;
    std::size_t chars = 0;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        bool starts_char = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
        if (starts_char && chars++ == keep)
            break;
    }
    return std::string(s.substr(0, i)) + "...";
}

std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            out += fmt::format("\\{}", c);
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (u < 0x20 || u == 0x7F)
            out += fmt::format("\\x{:02x}", u);
        else
            out += c;
    }
    return out + "\"";
}

std::string json_quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            out += fmt::format("\\{}", c);
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (u < 0x20 || u == 0x7F)
            out += fmt::format("\\u{:04x}", u);
        else
            out += c;
    }
    return out + "\"";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

namespace {

// "emial" for "email": two neighbours swapped are one slip of the fingers,
// though edit_distance counts two changes.
bool swaps_two_neighbours(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i])
        ++i;
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);
}

} // namespace

std::vector<std::string> closest(std::string_view word,
                                 const std::vector<std::string>& candidates,
                                 std::size_t limit) {
    std::string lower = to_lower(word);
    std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
    std::vector<std::pair<std::size_t, std::size_t>> scored; // score, index
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        std::string other = to_lower(candidates[i]);
        std::size_t d = swaps_two_neighbours(lower, other)
                            ? 1
                            : edit_distance(lower, other);
        bool contains =
            lower.size() >= 2 && (other.find(lower) != std::string::npos ||
                                  lower.find(other) != std::string::npos);
        if (d <= allowed || contains)
            scored.emplace_back(contains ? std::min(d, allowed) : d, i);
    }
    std::stable_sort(scored.begin(), scored.end());
    // A clearly better match stands alone: "statutory_de" suggests
    // "statutory-de", not "statutory-uk" too.
    std::vector<std::string> out;
    for (std::size_t k = 0; k < scored.size() && k < limit; ++k)
        if (scored[k].first <= scored[0].first + 1)
            out.push_back(candidates[scored[k].second]);
    return out;
}

std::string did_you_mean(const std::vector<std::string>& candidates) {
    if (candidates.empty())
        return "";
    std::string list;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i > 0)
            list += i + 1 == candidates.size() ? " or " : ", ";
        list += "'" + candidates[i] + "'";
    }
    return " (did you mean " + list + "?)";
}

} // namespace dunn::util
