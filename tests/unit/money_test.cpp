#include "util/money.hpp"

#include <catch2/catch.hpp>
#include <string>

using dunn::util::format_money;
using dunn::util::format_money_plain;
using dunn::util::max_money;
using dunn::util::Money;
using dunn::util::parse_money;

namespace {

// The amount `text` parses to, in cents; -1 when it does not parse, so a
// failed parse cannot pass for any real amount.
long long cents_of(const std::string& text, char decimal_mark = '.') {
    auto m = parse_money(text, decimal_mark);
    return m ? m->minor() : -1;
}

// The message for text that must not parse; "(parsed)" when it did.
std::string why_not(const std::string& text, char decimal_mark = '.') {
    auto m = parse_money(text, decimal_mark);
    return m ? "(parsed)" : m.error();
}

} // namespace

TEST_CASE("money: 1234.5 and 1234.50 are the same amount") {
    CHECK(cents_of("1234.5") == 123450);
    CHECK(cents_of("1234.50") == 123450);
    CHECK(*parse_money("1234.5") == *parse_money("1234.50"));
}

TEST_CASE("money: whole amounts and single cents parse exactly") {
    CHECK(cents_of("12") == 1200);
    CHECK(cents_of("0.01") == 1);
    CHECK(cents_of("0.1") == 10);
    CHECK(cents_of("19.99") == 1999);
    CHECK(cents_of("007.50") == 750);
}

TEST_CASE("money: zero parses; rejecting it is the importer's business") {
    auto m = parse_money("0");
    REQUIRE(m);
    CHECK(m->is_zero());
    CHECK(cents_of("0.00") == 0);
}

TEST_CASE("money: more than two decimals is an error, not a rounding") {
    CHECK(why_not("1.234") == "has more than two decimals");
    CHECK(why_not("0.001") == "has more than two decimals");
    CHECK(why_not("1,234.567") == "has more than two decimals");
}

TEST_CASE("money: a negative amount is refused") {
    CHECK(why_not("-5") == "is negative");
    CHECK(why_not("-1,234.56") == "is negative");
    CHECK(why_not(" -0.01") == "is negative");
}

TEST_CASE("money: exponents are refused with a hint") {
    const std::string hint =
        "uses an exponent; write the amount as plain digits";
    CHECK(why_not("1e5") == hint);
    CHECK(why_not("1.5E+3") == hint);
    CHECK(why_not("2E-2") == hint);
}

TEST_CASE("money: junk is not an amount") {
    CHECK(why_not("12,3x") == "is not an amount");
    CHECK(why_not("abc") == "is not an amount");
    CHECK(why_not("EUR 5") == "is not an amount");
    CHECK(why_not("5 EUR") == "is not an amount");
    CHECK(why_not("5.") == "is not an amount");
    CHECK(why_not(".5") == "is not an amount");
    CHECK(why_not("1.2.3") == "is not an amount");
    CHECK(why_not("+") == "is not an amount");
    CHECK(why_not("++5") == "is not an amount");
    CHECK(why_not("1 234") == "is not an amount");
}

TEST_CASE("money: letters e and E alone are not mistaken for an exponent") {
    CHECK(why_not("e") == "is not an amount");
    CHECK(why_not("E+") == "is not an amount");
    CHECK(why_not(".e") == "is not an amount");
}

TEST_CASE("money: empty text and bare spaces are empty") {
    CHECK(why_not("") == "is empty");
    CHECK(why_not("   ") == "is empty");
    CHECK(why_not(" \t ") == "is empty");
}

TEST_CASE("money: grouping with decimal mark '.' comes in threes") {
    CHECK(cents_of("1,234.56") == 123456);
    CHECK(cents_of("1,234") == 123400);
    CHECK(cents_of("12,345,678.9") == 1234567890);
    CHECK(why_not("12,34") == "is not an amount");
    CHECK(why_not("1,2345") == "is not an amount");
    CHECK(why_not("1234,567") == "is not an amount");
    CHECK(why_not(",123") == "is not an amount");
    CHECK(why_not("1,234,") == "is not an amount");
}

TEST_CASE("money: grouping with decimal mark ',' uses dots") {
    CHECK(cents_of("1.234,56", ',') == 123456);
    CHECK(cents_of("1234,5", ',') == 123450);
    CHECK(cents_of("1.234.567", ',') == 123456700);
    CHECK(why_not("12.34", ',') == "is not an amount");
    CHECK(why_not("1,234.56", ',') == "is not an amount");
    CHECK(why_not("1,234", ',') == "has more than two decimals");
}

TEST_CASE("money: amounts above a trillion are too large") {
    CHECK(why_not("9999999999999") == "is too large");
    CHECK(why_not("1000000000000.01") == "is too large");
    CHECK(why_not("99999999999999999999999999") == "is too large");
    CHECK(cents_of("1,000,000,000,000") == max_money.minor());
    CHECK(cents_of("999999999999.99") == 99999999999999);
}

TEST_CASE("money: leading zeros do not count towards too large") {
    CHECK(cents_of("0000000000000000012.50") == 1250);
}

TEST_CASE("money: spaces and tabs around the amount are ignored") {
    CHECK(cents_of("  12.50") == 1250);
    CHECK(cents_of("12.50  ") == 1250);
    CHECK(cents_of("\t12.50\t") == 1250);
}

TEST_CASE("money: a leading plus sign is allowed") {
    CHECK(cents_of("+5") == 500);
    CHECK(cents_of(" +1,234.5") == 123450);
}

TEST_CASE("money: arithmetic and comparison work in cents") {
    Money a = Money::cents(150);
    Money b = Money::cents(275);
    CHECK((a + b).minor() == 425);
    CHECK((a - b).minor() == -125);
    CHECK(a < b);
    a += b;
    CHECK(a.minor() == 425);
    a -= Money::cents(25);
    CHECK(a == Money::cents(400));
    CHECK(Money().is_zero());
}

TEST_CASE("money: format_money groups thousands for people") {
    CHECK(format_money(Money::cents(123456)) == "1,234.56");
    CHECK(format_money(Money::cents(-123456)) == "-1,234.56");
    CHECK(format_money(Money::cents(5)) == "0.05");
    CHECK(format_money(Money::cents(-5)) == "-0.05");
    CHECK(format_money(Money::cents(100000000)) == "1,000,000.00");
    CHECK(format_money(Money::cents(99999)) == "999.99");
    CHECK(format_money(Money::cents(100000)) == "1,000.00");
    CHECK(format_money(Money()) == "0.00");
}

TEST_CASE("money: format_money_plain has two decimals and no grouping") {
    CHECK(format_money_plain(Money::cents(100050)) == "1000.50");
    CHECK(format_money_plain(Money::cents(7)) == "0.07");
    CHECK(format_money_plain(Money::cents(-100050)) == "-1000.50");
    CHECK(format_money_plain(max_money) == "1000000000000.00");
}

TEST_CASE("money: formatting and parsing round-trip") {
    for (long long c : {0LL, 1LL, 99LL, 100LL, 123456LL, 100000000LL}) {
        Money m = Money::cents(c);
        CHECK(cents_of(format_money(m)) == c);
        CHECK(cents_of(format_money_plain(m)) == c);
    }
}
