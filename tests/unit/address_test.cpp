#include "mail/address.hpp"

#include <catch2/catch.hpp>
#include <string>

using dunn::mail::is_valid_address;

TEST_CASE("address: plain addresses are accepted") {
    CHECK(is_valid_address("a@b.de"));
    CHECK(is_valid_address("first.last+tag@sub.example.co.uk"));
    CHECK(is_valid_address("billing@shop.example"));
    CHECK(is_valid_address("A.B@Example.COM"));
    CHECK(is_valid_address("o'brien@x-y.ie"));
    CHECK(is_valid_address("user_1!#$%&*=?^`{|}~-@b9.de"));
}

TEST_CASE("address: text without one local@domain.tld is refused") {
    CHECK_FALSE(is_valid_address(""));
    CHECK_FALSE(is_valid_address("ab.de"));
    CHECK_FALSE(is_valid_address("@b.de"));
    CHECK_FALSE(is_valid_address("a@"));
    CHECK_FALSE(is_valid_address("a@b"));
    CHECK_FALSE(is_valid_address("a@@b.de"));
    CHECK_FALSE(is_valid_address("a@b@c.de"));
}

TEST_CASE("address: the domain needs non-empty labels and a dot") {
    CHECK_FALSE(is_valid_address("a@bde"));
    CHECK_FALSE(is_valid_address("a@.de"));
    CHECK_FALSE(is_valid_address("a@b..de"));
    CHECK_FALSE(is_valid_address("a@b.de."));
    CHECK_FALSE(is_valid_address("a@-b.de"));
    CHECK_FALSE(is_valid_address("a@b-.de"));
    CHECK_FALSE(is_valid_address("a@b_c.de"));
    CHECK(is_valid_address("a@b-c.de"));
}

TEST_CASE("address: the local part may not start, end or double a dot") {
    CHECK_FALSE(is_valid_address(".a@b.de"));
    CHECK_FALSE(is_valid_address("a.@b.de"));
    CHECK_FALSE(is_valid_address("a..b@c.de"));
    CHECK(is_valid_address("a.b@c.de"));
}

TEST_CASE("address: spaces and line breaks are refused anywhere") {
    CHECK_FALSE(is_valid_address("a b@c.de"));
    CHECK_FALSE(is_valid_address(" a@b.de"));
    CHECK_FALSE(is_valid_address("a@b.de "));
    CHECK_FALSE(is_valid_address("a@b .de"));
    CHECK_FALSE(is_valid_address("a@b.de\t"));
    CHECK_FALSE(is_valid_address("a@b.de\r\nBcc: x@y.de"));
    CHECK_FALSE(is_valid_address("a@b.de\nBcc: x@y.de"));
    CHECK_FALSE(is_valid_address("a\r@b.de"));
    CHECK_FALSE(is_valid_address("a@b.de\r"));
    CHECK_FALSE(is_valid_address(std::string("a@b.de\0", 7)));
}

TEST_CASE("address: display names and brackets are refused") {
    CHECK_FALSE(is_valid_address("<a@b.de>"));
    CHECK_FALSE(is_valid_address("\"Name\" <a@b.de>"));
    CHECK_FALSE(is_valid_address("Name <a@b.de>"));
    CHECK_FALSE(is_valid_address("\"a\"@b.de"));
    CHECK_FALSE(is_valid_address("a(comment)@b.de"));
}

TEST_CASE("address: two addresses are refused") {
    CHECK_FALSE(is_valid_address("a@b.de, c@d.de"));
    CHECK_FALSE(is_valid_address("a@b.de,c@d.de"));
    CHECK_FALSE(is_valid_address("a@b.de;c@d.de"));
}

TEST_CASE("address: non-ASCII characters are refused") {
    CHECK_FALSE(is_valid_address("m\xC3\xBCller@b.de"));
    CHECK_FALSE(is_valid_address("a@m\xC3\xBCller.de"));
    CHECK_FALSE(is_valid_address("a@b.d\xC3\xA9"));
}

TEST_CASE("address: a top-level domain is never numeric or one letter") {
    CHECK_FALSE(is_valid_address("a@1.2.3.4"));
    CHECK_FALSE(is_valid_address("a@b.123"));
    CHECK_FALSE(is_valid_address("a@b.d"));
    CHECK(is_valid_address("a@123.de"));
    CHECK(is_valid_address("a@b.x1"));
}

TEST_CASE("address: the local part holds at most 64 characters") {
    CHECK(is_valid_address(std::string(64, 'a') + "@b.de"));
    CHECK_FALSE(is_valid_address(std::string(65, 'a') + "@b.de"));
}

TEST_CASE("address: a domain label holds at most 63 characters") {
    CHECK(is_valid_address("a@" + std::string(63, 'b') + ".de"));
    CHECK_FALSE(is_valid_address("a@" + std::string(64, 'b') + ".de"));
}

TEST_CASE("address: the whole address holds at most 254 characters") {
    std::string labels = std::string(60, 'b') + "." + std::string(60, 'c') +
                         "." + std::string(60, 'd') + ".";
    std::string at_limit = std::string(64, 'a') + "@" + labels;
    at_limit += std::string(254 - at_limit.size(), 'e');
    REQUIRE(at_limit.size() == 254);
    CHECK(is_valid_address(at_limit));
    CHECK_FALSE(is_valid_address(at_limit + "e"));
}
