#pragma once

#include "util/expected.hpp"

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace dunn::util {

// A percentage held exactly, in ten-thousandths of a percent: 11.27% is
// 112700 units. Rates and fee percentages are never floating point, so
// interest computed from them is exact until the one final rounding.
class Percent {
public:
    static constexpr std::int64_t units_per_percent = 10'000;

    constexpr Percent() = default;
    static constexpr Percent from_units(std::int64_t units) {
        return Percent(units);
    }
    static constexpr Percent points(std::int64_t whole) {
        return Percent(whole * units_per_percent);
    }

    constexpr std::int64_t units() const { return units_; }

    constexpr Percent operator+(Percent o) const {
        return Percent(units_ + o.units_);
    }
    constexpr auto operator<=>(const Percent&) const = default;

private:
    constexpr explicit Percent(std::int64_t units) : units_(units) {}
    std::int64_t units_ = 0;
};

// Reads "1.27", "-0.88", "8", "8.0" (at most four decimals, optional sign).
// On failure the message completes '"1,5" ...'.
Expected<Percent> parse_percent(std::string_view text);

// "11.27", "8.00", "-0.88", "1.5625": at least two decimals, more only when
// needed.
std::string format_percent(Percent p);

} // namespace dunn::util
