#include "util/money.hpp"

#include <cstdlib>

namespace dunn::util {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Checks that an integer part with group separators has groups of three:
// "1,234,567" yes, "12,34" no. Returns the digits alone, or nothing.
bool strip_grouping(std::string_view whole, char group, std::string& digits) {
    std::size_t first = whole.find(group);
    if (first == std::string_view::npos) {
        digits.assign(whole);
        return true;
    }
    if (first == 0 || first > 3)
        return false;
    digits.assign(whole.substr(0, first));
    std::string_view rest = whole.substr(first);
    while (!rest.empty()) {
        if (rest.size() < 4 || rest[0] != group)
            return false;
        for (std::size_t i = 1; i < 4; ++i)
            if (!is_digit(rest[i]))
                return false;
        digits.append(rest.substr(1, 3));
        rest.remove_prefix(4);
    }
    return true;
}

// True for scientific notation such as "1e5" or "1.5E+3", which
// spreadsheets write for large numbers; a lone "e" is just junk.
bool is_exponent_form(std::string_view s) {
    std::size_t e = s.find_first_of("eE");
    if (e == 0 || e == std::string_view::npos || !is_digit(s[e - 1]))
        return false;
    std::string_view mantissa = s.substr(0, e);
    std::string_view exponent = s.substr(e + 1);
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-'))
        exponent.remove_prefix(1);
    return !exponent.empty() &&
           mantissa.find_first_not_of("0123456789.,") == mantissa.npos &&
           exponent.find_first_not_of("0123456789") == exponent.npos;
}

// A short reason for text that is not a plain amount, for the message.
std::string why_not(std::string_view s) {
    if (is_exponent_form(s))
        return "uses an exponent; write the amount as plain digits";
    return "is not an amount";
}

} // namespace

Expected<Money> parse_money(std::string_view text, char decimal_mark) {
    std::string_view s = trim_spaces(text);
    if (s.empty())
        return Expected<Money>::failure("is empty");
    if (s.front() == '-')
        return Expected<Money>::failure("is negative");
    if (s.front() == '+')
        s.remove_prefix(1);

    char group = decimal_mark == ',' ? '.' : ',';
    std::size_t mark = s.rfind(decimal_mark);
    std::string_view whole = s.substr(0, mark);
    std::string_view fraction;
    if (mark != std::string_view::npos)
        fraction = s.substr(mark + 1);

    std::string digits;
    bool shaped = !whole.empty() && is_digit(whole.front()) &&
                  strip_grouping(whole, group, digits);
    for (char c : digits)
        shaped = shaped && is_digit(c);
    for (char c : fraction)
        shaped = shaped && is_digit(c);
    if (mark != std::string_view::npos && fraction.empty())
        shaped = false;
    if (!shaped)
        return Expected<Money>::failure(why_not(s));
    if (fraction.size() > 2)
        return Expected<Money>::failure("has more than two decimals");

    // Thirteen digits hold max_money itself and cannot overflow int64
    // below; the comparison with max_money decides the rest.
    std::size_t first_nonzero = digits.find_first_not_of('0');
    if (first_nonzero != std::string::npos &&
        digits.size() - first_nonzero > 13)
        return Expected<Money>::failure("is too large");

    std::int64_t minor = 0;
    for (char c : digits)
        minor = minor * 10 + (c - '0');
    std::int64_t cents = 0;
    for (std::size_t i = 0; i < 2; ++i)
        cents = cents * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    Money m = Money::cents(minor * 100 + cents);
    if (m > max_money)
        return Expected<Money>::failure("is too large");
    return m;
}

std::string format_money_plain(Money m) {
    std::int64_t v = m.minor();
    std::string out = v < 0 ? "-" : "";
    std::uint64_t a = v < 0 ? 0 - static_cast<std::uint64_t>(v)
                            : static_cast<std::uint64_t>(v);
    out += std::to_string(a / 100);
    out += '.';
    out += static_cast<char>('0' + (a % 100) / 10);
    out += static_cast<char>('0' + a % 10);
    return out;
}

std::string format_money(Money m) {
    std::string plain = format_money_plain(m);
    bool negative = plain.front() == '-';
    std::string_view digits(plain);
    if (negative)
        digits.remove_prefix(1);
    std::string_view whole = digits.substr(0, digits.size() - 3);

    std::string out = negative ? "-" : "";
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0)
            out += ',';
        out += whole[i];
    }
    out += digits.substr(digits.size() - 3);
    return out;
}

} // namespace dunn::util
