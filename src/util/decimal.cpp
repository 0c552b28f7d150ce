#include "util/decimal.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace dunn::util {

Expected<std::int64_t> parse_fixed(std::string_view text, int places,
                                   char decimal_mark) {
    std::string_view s = trim(text);
    bool negative = !s.empty() && s.front() == '-';
    if (!s.empty() && (s.front() == '-' || s.front() == '+'))
        s.remove_prefix(1);

    std::size_t mark = s.find(decimal_mark);
    std::string_view whole = s.substr(0, mark);
    std::string_view fraction = mark == std::string_view::npos
                                    ? std::string_view()
                                    : s.substr(mark + 1);
    auto digits = [](std::string_view d) {
        return d.find_first_not_of("0123456789") == std::string_view::npos;
    };
    bool shaped = !whole.empty() && whole.size() <= 12 && digits(whole) &&
                  digits(fraction) &&
                  (mark == std::string_view::npos || !fraction.empty());
    if (!shaped)
        return Expected<std::int64_t>::failure("is not a number like 1.5");
    if (fraction.size() > static_cast<std::size_t>(places))
        return Expected<std::int64_t>::failure(
            fmt::format("has more than {} decimals", places));

    std::int64_t units = 0;
    for (char c : whole)
        units = units * 10 + (c - '0');
    for (std::size_t i = 0; i < static_cast<std::size_t>(places); ++i)
        units = units * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    return negative ? -units : units;
}

} // namespace dunn::util
