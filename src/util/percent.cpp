#include "util/percent.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace dunn::util {

Expected<Percent> parse_percent(std::string_view text) {
    std::string_view s = trim(text);
    bool negative = !s.empty() && s.front() == '-';
    if (!s.empty() && (s.front() == '-' || s.front() == '+'))
        s.remove_prefix(1);

    std::size_t dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    std::string_view fraction =
        dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
    auto digits = [](std::string_view d) {
        return d.find_first_not_of("0123456789") == std::string_view::npos;
    };
    bool shaped = !whole.empty() && whole.size() <= 6 && digits(whole) &&
                  digits(fraction) &&
                  (dot == std::string_view::npos || !fraction.empty());
    if (!shaped)
        return Expected<Percent>::failure("is not a percentage like 1.5");
    if (fraction.size() > 4)
        return Expected<Percent>::failure("has more than four decimals");

    std::int64_t units = 0;
    for (char c : whole)
        units = units * 10 + (c - '0');
    for (std::size_t i = 0; i < 4; ++i)
        units = units * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    return Percent::from_units(negative ? -units : units);
}

std::string format_percent(Percent p) {
    std::int64_t u = p.units();
    std::uint64_t a = u < 0 ? 0 - static_cast<std::uint64_t>(u)
                            : static_cast<std::uint64_t>(u);
    std::string fraction = fmt::format("{:04}", a % 10'000);
    while (fraction.size() > 2 && fraction.back() == '0')
        fraction.pop_back();
    return fmt::format("{}{}.{}", u < 0 ? "-" : "", a / 10'000, fraction);
}

} // namespace dunn::util
