#pragma once

#include "util/expected.hpp"

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace dunn::util {

// An amount of money in minor units (cents). Never a floating-point number:
// every figure dunn states must add up to the cent. The currency travels
// separately; every currency is taken to have two decimals.
class Money {
public:
    constexpr Money() = default;
    static constexpr Money cents(std::int64_t minor) { return Money(minor); }

    constexpr std::int64_t minor() const { return minor_; }
    constexpr bool is_zero() const { return minor_ == 0; }

    constexpr Money operator+(Money o) const {
        return Money(minor_ + o.minor_);
    }
    constexpr Money operator-(Money o) const {
        return Money(minor_ - o.minor_);
    }
    Money& operator+=(Money o) {
        minor_ += o.minor_;
        return *this;
    }
    Money& operator-=(Money o) {
        minor_ -= o.minor_;
        return *this;
    }
    constexpr auto operator<=>(const Money&) const = default;

private:
    constexpr explicit Money(std::int64_t minor) : minor_(minor) {}
    std::int64_t minor_ = 0;
};

// The largest amount dunn accepts: a trillion, far above any invoice and far
// below what int64 cents can hold, so sums of many amounts cannot overflow.
inline constexpr Money max_money = Money::cents(100'000'000'000'000);

// Reads a non-negative decimal amount such as "1234.5", "1234.50" or, with
// grouping, "1,234.50" (decimal_mark '.') or "1.234,50" (decimal_mark ',').
// Grouping must come in threes. On failure the message completes the
// sentence '"12,3x" ...', e.g. "is not an amount", "is negative".
Expected<Money> parse_money(std::string_view text, char decimal_mark = '.');

// "1,234.56": for people (reminders, tables).
std::string format_money(Money m);
// "1234.56": for machines (JSON, CSV), exactly two decimals, no grouping.
std::string format_money_plain(Money m);

} // namespace dunn::util
