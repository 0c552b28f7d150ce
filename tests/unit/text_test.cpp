#include "util/text.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace util = dunn::util;

using Strings = std::vector<std::string>;

TEST_CASE("text: trim removes spaces, tabs and line ends at both ends") {
    CHECK(util::trim("  a b  ") == "a b");
    CHECK(util::trim("\t\r\nx\r\n") == "x");
    CHECK(util::trim("") == "");
    CHECK(util::trim(" \t ") == "");
    CHECK(util::trim("a") == "a");
}

TEST_CASE("text: to_lower changes ASCII letters only") {
    CHECK(util::to_lower("ABC-Def_9") == "abc-def_9");
    CHECK(util::to_lower("\xC3\x84rger") == "\xC3\x84rger");
    CHECK(util::to_lower("") == "");
}

TEST_CASE("text: iequals ignores ASCII case") {
    CHECK(util::iequals("Amount", "AMOUNT"));
    CHECK(util::iequals("", ""));
    CHECK_FALSE(util::iequals("amount", "amounts"));
    CHECK_FALSE(util::iequals("due", "dew"));
}

TEST_CASE("text: split keeps empty fields") {
    CHECK(util::split("a,b,c", ',') == Strings{"a", "b", "c"});
    CHECK(util::split("a,,b", ',') == Strings{"a", "", "b"});
    CHECK(util::split(",a,", ',') == Strings{"", "a", ""});
    CHECK(util::split("", ',') == Strings{""});
    CHECK(util::split("abc", ',') == Strings{"abc"});
}

TEST_CASE("text: is_valid_utf8 accepts ASCII and multibyte characters") {
    CHECK(util::is_valid_utf8(""));
    CHECK(util::is_valid_utf8("plain ASCII"));
    CHECK(util::is_valid_utf8("M\xC3\xBCller"));    // ü
    CHECK(util::is_valid_utf8("\xE2\x82\xAC 5"));   // €
    CHECK(util::is_valid_utf8("\xF0\x9F\x98\x80")); // U+1F600
    CHECK(util::is_valid_utf8("\xF4\x8F\xBF\xBF")); // U+10FFFF
    CHECK(util::is_valid_utf8("\xED\x9F\xBF"));     // U+D7FF
    CHECK(util::is_valid_utf8("\xEE\x80\x80"));     // U+E000
}

TEST_CASE("text: is_valid_utf8 refuses truncated sequences") {
    CHECK_FALSE(util::is_valid_utf8("\xC3"));
    CHECK_FALSE(util::is_valid_utf8("ab\xE2\x82"));
    CHECK_FALSE(util::is_valid_utf8("\xF0\x9F\x98"));
    CHECK_FALSE(util::is_valid_utf8("\xE2\x82x"));
    CHECK_FALSE(util::is_valid_utf8("\x80"));
    CHECK_FALSE(util::is_valid_utf8("a\xBF"));
}

TEST_CASE("text: is_valid_utf8 refuses overlongs, surrogates, > U+10FFFF") {
    CHECK_FALSE(util::is_valid_utf8("\xC0\xAF"));
    CHECK_FALSE(util::is_valid_utf8("\xC1\xBF"));
    CHECK_FALSE(util::is_valid_utf8("\xE0\x80\xAF"));
    CHECK_FALSE(util::is_valid_utf8("\xF0\x80\x80\xAF"));
    CHECK_FALSE(util::is_valid_utf8("\xED\xA0\x80"));
    CHECK_FALSE(util::is_valid_utf8("\xED\xBF\xBF"));
    CHECK_FALSE(util::is_valid_utf8("\xF4\x90\x80\x80"));
    CHECK_FALSE(util::is_valid_utf8("\xF5\x80\x80\x80"));
    CHECK_FALSE(util::is_valid_utf8("\xFF"));
}

TEST_CASE("text: has_control_char finds C0 controls and DEL, tab too") {
    CHECK(util::has_control_char("a\nb"));
    CHECK(util::has_control_char("a\tb"));
    CHECK(util::has_control_char("\r"));
    CHECK(util::has_control_char("x\x7F"));
    CHECK(util::has_control_char(std::string("a\0b", 3)));
    CHECK_FALSE(util::has_control_char("M\xC3\xBCller & Co."));
    CHECK_FALSE(util::has_control_char(""));
}

TEST_CASE("text: collapse_controls turns each run of controls into a space") {
    CHECK(util::collapse_controls("a\r\nb") == "a b");
    CHECK(util::collapse_controls("a\tb\nc") == "a b c");
    CHECK(util::collapse_controls("\n\nx\n") == " x ");
    CHECK(util::collapse_controls("a\x7F\x01z") == "a z");
    CHECK(util::collapse_controls("M\xC3\xBCller") == "M\xC3\xBCller");
}

TEST_CASE("text: display_width counts characters, not bytes") {
    CHECK(util::display_width("") == 0);
    CHECK(util::display_width("abc") == 3);
    CHECK(util::display_width("M\xC3\xBCller") == 6);
    CHECK(util::display_width("\xE2\x82\xAC 5") == 3);
    CHECK(util::display_width("\xF0\x9F\x98\x80") == 1);
}

TEST_CASE("text: ellipsize leaves short text alone") {
    CHECK(util::ellipsize("abc", 3) == "abc");
    CHECK(util::ellipsize("abc", 10) == "abc");
    CHECK(util::ellipsize("", 0) == "");
}

TEST_CASE("text: ellipsize cuts to the width, dots included") {
    CHECK(util::ellipsize("abcdefghij", 6) == "abc...");
    CHECK(util::ellipsize("abcd", 3) == "...");
    CHECK(util::display_width(util::ellipsize("abcdefghij", 6)) == 6);
}

TEST_CASE("text: ellipsize never exceeds a width below three") {
    CHECK(util::ellipsize("abcdef", 2) == "..");
    CHECK(util::ellipsize("abcdef", 1) == ".");
    CHECK(util::ellipsize("abcdef", 0) == "");
}

TEST_CASE("text: ellipsize does not split a UTF-8 character") {
    std::string umlauts = "\xC3\xA4\xC3\xB6\xC3\xBC\xC3\xA4\xC3\xB6\xC3\xBC";
    std::string cut = util::ellipsize(umlauts, 5);
    CHECK(cut == "\xC3\xA4\xC3\xB6...");
    CHECK(util::is_valid_utf8(cut));
    CHECK(util::ellipsize(umlauts, 6) == umlauts);
}

TEST_CASE("text: quoted escapes quotes, backslashes and controls") {
    CHECK(util::quoted("abc") == "\"abc\"");
    CHECK(util::quoted("") == "\"\"");
    CHECK(util::quoted("a\"b") == "\"a\\\"b\"");
    CHECK(util::quoted("a\\b") == "\"a\\\\b\"");
    CHECK(util::quoted("x\ny") == "\"x\\ny\"");
    CHECK(util::quoted("x\r\ny") == "\"x\\r\\ny\"");
    CHECK(util::quoted("\tx") == "\"\\tx\"");
    CHECK(util::quoted("\x01\x1F\x7F") == "\"\\x01\\x1f\\x7f\"");
    CHECK(util::quoted("M\xC3\xBCller") == "\"M\xC3\xBCller\"");
}

TEST_CASE("text: a quoted value never holds a raw line break") {
    std::string q = util::quoted("12,3\r\nBcc: x@y.de");
    CHECK(q.find_first_of("\r\n") == std::string::npos);
}

TEST_CASE("text: json_quoted writes a JSON string literal") {
    CHECK(util::json_quoted("abc") == "\"abc\"");
    CHECK(util::json_quoted("a\"b\n") == "\"a\\\"b\\n\"");
    CHECK(util::json_quoted("a\\b") == "\"a\\\\b\"");
    CHECK(util::json_quoted("\t") == "\"\\t\"");
    CHECK(util::json_quoted("\r") == "\"\\u000d\"");
    CHECK(util::json_quoted("\x01") == "\"\\u0001\"");
    CHECK(util::json_quoted("\x1F") == "\"\\u001f\"");
    CHECK(util::json_quoted("\xE2\x82\xAC") == "\"\xE2\x82\xAC\"");
}

TEST_CASE("text: edit_distance counts insertions, deletions, changes") {
    CHECK(util::edit_distance("", "") == 0);
    CHECK(util::edit_distance("abc", "") == 3);
    CHECK(util::edit_distance("", "abc") == 3);
    CHECK(util::edit_distance("abc", "abc") == 0);
    CHECK(util::edit_distance("kitten", "sitting") == 3);
    CHECK(util::edit_distance("min_days_betwen", "min_days_between") == 1);
    CHECK(util::edit_distance("ab", "ba") == 2);
}

TEST_CASE("text: closest suggests the misspelt config key") {
    Strings keys = {"currency", "min_days_between", "min_amount"};
    CHECK(util::closest("min_days_betwen", keys) ==
          Strings{"min_days_between"});
    CHECK(util::closest("curency", keys) == Strings{"currency"});
    CHECK(util::closest("Min_Amount", keys) == Strings{"min_amount"});
}

TEST_CASE("text: closest finds an invoice number written without zeros") {
    Strings numbers = {"RE-2026/0001", "RE-2026/0040", "RE-2026/0042",
                       "RE-2025/0042", "RE-2026/1042"};
    // 0042 and 1042 are both two insertions away; the order given breaks
    // the tie. 0040 and 2025/0042 are three away, so only 0040 fits.
    CHECK(util::closest("RE-2026/42", numbers) ==
          Strings{"RE-2026/0042", "RE-2026/1042", "RE-2026/0040"});
}

TEST_CASE("text: closest matches containment either way") {
    Strings numbers = {"INV-42", "INV-7", "CN-42-B"};
    CHECK(util::closest("inv-42-x", numbers).front() == "INV-42");
    CHECK(util::closest("42", numbers) == Strings{"INV-42", "CN-42-B"});
}

TEST_CASE("text: closest orders nearest first, ties as given, up to limit") {
    Strings words = {"abcx", "abcd", "abxy", "abc"};
    CHECK(util::closest("abc", words, 2) == Strings{"abc", "abcx"});
    CHECK(util::closest("abc", words).size() == 3);
    CHECK(util::closest("abc", words, 0).empty());
}

TEST_CASE("text: closest suggests nothing far away") {
    Strings keys = {"currency", "min_days_between", "min_amount"};
    CHECK(util::closest("delimiter", keys).empty());
    CHECK(util::closest("x", {}).empty());
}

TEST_CASE("text: did_you_mean lists one, two or three candidates") {
    CHECK(util::did_you_mean({}) == "");
    CHECK(util::did_you_mean({"a"}) == " (did you mean 'a'?)");
    CHECK(util::did_you_mean({"a", "b"}) == " (did you mean 'a' or 'b'?)");
    CHECK(util::did_you_mean({"a", "b", "c"}) ==
          " (did you mean 'a', 'b' or 'c'?)");
}

TEST_CASE("text: closest forgives two neighbouring letters swapped") {
    Strings keys = {"name", "email"};
    CHECK(util::closest("emial", keys) == Strings{"email"});
    CHECK(util::closest("naem", keys) == Strings{"name"});
    CHECK(util::closest("maile", keys).empty()); // a rotation is two slips
}

TEST_CASE("text: is_valid_utf8 finds a bad byte after long ASCII runs") {
    // ASCII is skipped eight bytes at a time: a bad byte at any offset,
    // and a sequence across a word boundary, must still be seen.
    for (std::size_t at = 0; at < 20; ++at) {
        std::string s(24, 'a');
        s[at] = '\xFF';
        CHECK_FALSE(util::is_valid_utf8(s));
        std::string ok(24, 'a');
        ok.replace(at, 2, "\xC3\xBC");
        CHECK(util::is_valid_utf8(ok));
    }
}

TEST_CASE("text: collapse_controls leaves clean text as it is") {
    CHECK(util::collapse_controls("M\xC3\xBCller GmbH") ==
          "M\xC3\xBCller GmbH");
    CHECK(util::collapse_controls("a\r\n\tb\x7F") == "a b ");
}

TEST_CASE("text: first_line_not_utf8 names the line of the first bad byte") {
    CHECK(util::first_line_not_utf8("") == 0);
    CHECK(util::first_line_not_utf8("a\nM\xc3\xbcller\n") == 0);
    CHECK(util::first_line_not_utf8("M\xfcller") == 1);
    CHECK(util::first_line_not_utf8("a\nb\n\xc3\n\xff\n") == 3);
    // A sequence cut by a line break is bad on the line where it starts.
    CHECK(util::first_line_not_utf8("ok\n\xe2\x82\n\xac") == 2);
}
