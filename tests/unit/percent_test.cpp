#include "util/percent.hpp"

#include <catch2/catch.hpp>
#include <string>

using dunn::util::format_percent;
using dunn::util::parse_percent;
using dunn::util::Percent;

namespace {

// Ten-thousandths of a percent that `text` parses to; a sentinel far
// outside any real rate when it does not parse.
long long units_of(const std::string& text) {
    auto p = parse_percent(text);
    return p ? p->units() : -999'999'999'999;
}

// The message for text that must not parse; "(parsed)" when it did.
std::string why_not(const std::string& text) {
    auto p = parse_percent(text);
    return p ? "(parsed)" : p.error();
}

std::string formatted(long long units) {
    return format_percent(Percent::from_units(units));
}

} // namespace

TEST_CASE("percent: decimals are read exactly, in ten-thousandths") {
    CHECK(units_of("1.27") == 12'700);
    CHECK(units_of("1.5625") == 15'625);
    CHECK(units_of("0.0001") == 1);
    CHECK(units_of("11.27") == 112'700);
}

TEST_CASE("percent: whole numbers, with or without decimals, are equal") {
    CHECK(units_of("8") == 80'000);
    CHECK(units_of("8.0") == 80'000);
    CHECK(units_of("8.0000") == 80'000);
    CHECK(*parse_percent("8") == Percent::points(8));
}

TEST_CASE("percent: a sign is allowed, since base rates can be negative") {
    CHECK(units_of("-0.88") == -8'800);
    CHECK(units_of("+1.5") == 15'000);
    CHECK(units_of("-0") == 0);
}

TEST_CASE("percent: surrounding spaces are ignored") {
    CHECK(units_of(" 1.5 ") == 15'000);
}

TEST_CASE("percent: a decimal comma or junk is not a percentage") {
    const std::string shape = "is not a percentage like 1.5";
    CHECK(why_not("1,5") == shape);
    CHECK(why_not("") == shape);
    CHECK(why_not("abc") == shape);
    CHECK(why_not(".") == shape);
    CHECK(why_not(".5") == shape);
    CHECK(why_not("5.") == shape);
    CHECK(why_not("-") == shape);
    CHECK(why_not("1.2.3") == shape);
    CHECK(why_not("5%") == shape);
    CHECK(why_not("--1") == shape);
}

TEST_CASE("percent: more than four decimals is refused, not rounded") {
    CHECK(why_not("1.23456") == "has more than four decimals");
    CHECK(why_not("0.00001") == "has more than four decimals");
}

TEST_CASE("percent: format shows two decimals, more only when needed") {
    CHECK(formatted(112'700) == "11.27");
    CHECK(formatted(80'000) == "8.00");
    CHECK(formatted(-8'800) == "-0.88");
    CHECK(formatted(15'625) == "1.5625");
    CHECK(formatted(15'000) == "1.50");
    CHECK(formatted(1) == "0.0001");
    CHECK(formatted(0) == "0.00");
}

TEST_CASE("percent: format and parse round-trip") {
    for (long long units : {112'700LL, -8'800LL, 15'625LL, 1LL, -1LL}) {
        CAPTURE(units);
        CHECK(units_of(formatted(units)) == units);
    }
}

TEST_CASE("percent: points add to a base rate") {
    Percent base = Percent::from_units(-8'800);
    CHECK((base + Percent::points(5)).units() == 41'200);
    CHECK(Percent::points(9).units() == 90'000);
}
