#include "util/percent.hpp"

#include "util/decimal.hpp"

#include <fmt/format.h>

namespace dunn::util {

Expected<Percent> parse_percent(std::string_view text) {
    Expected<std::int64_t> units = parse_fixed(text, 4);
    if (units)
        return Percent::from_units(*units);
    if (units.error().starts_with("has more"))
        return Expected<Percent>::failure("has more than four decimals");
    return Expected<Percent>::failure("is not a percentage like 1.5");
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
