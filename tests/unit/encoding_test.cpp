#include "mail/encoding.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

using dunn::mail::encode_display_name;
using dunn::mail::encode_unstructured;
using dunn::mail::quoted_printable;
using dunn::mail::rfc5322_date;

namespace {

std::vector<std::string> split_crlf(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = text.find("\r\n", start);
        lines.push_back(text.substr(start, end - start));
        if (end == std::string::npos)
            return lines;
        start = end + 2;
    }
}

std::string unfold(const std::string& text) {
    std::string out;
    for (const std::string& line : split_crlf(text))
        out += line;
    return out;
}

bool has_raw_cr_or_lf(const std::string& folded) {
    return unfold(folded).find_first_of("\r\n") != std::string::npos;
}

std::string base64_decode(std::string_view text) {
    static const std::string digits =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned long bits = 0;
    int count = 0;
    for (char c : text) {
        if (c == '=')
            break;
        bits = (bits << 6) | digits.find(c);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

// Strict enough for the tests: lead byte length and continuation bytes.
bool is_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80   ? 1
                          : c < 0xC2 ? 0
                          : c < 0xE0 ? 2
                          : c < 0xF0 ? 3
                          : c < 0xF5 ? 4
                                     : 0;
        if (len == 0 || i + len > s.size())
            return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += len;
    }
    return true;
}

// Decodes a value made only of B encoded words, one per line, checking
// that each word is within 75 characters and decodes to whole UTF-8.
std::string decode_words(const std::string& folded) {
    std::string text;
    for (std::string line : split_crlf(folded)) {
        if (!line.empty() && line.front() == ' ')
            line.erase(0, 1);
        REQUIRE(line.size() <= 75);
        REQUIRE(line.rfind("=?UTF-8?B?", 0) == 0);
        REQUIRE(line.substr(line.size() - 2) == "?=");
        std::string bytes = base64_decode(line.substr(10, line.size() - 12));
        CHECK(is_utf8(bytes));
        text += bytes;
    }
    return text;
}

void check_line_widths(const std::string& folded, std::size_t used) {
    std::vector<std::string> lines = split_crlf(folded);
    CHECK(used + lines.front().size() <= 78);
    for (std::size_t i = 1; i < lines.size(); ++i)
        CHECK(lines[i].size() <= 78);
}

} // namespace

TEST_CASE("encoding: plain ASCII text stays as it is") {
    CHECK(encode_unstructured("Payment reminder RE-2026/0042", 9) ==
          "Payment reminder RE-2026/0042");
    CHECK(encode_unstructured("", 9).empty());
}

TEST_CASE("encoding: a non-ASCII subject becomes a B encoded word") {
    CHECK(encode_unstructured("Müller GmbH", 9) ==
          "=?UTF-8?B?TcO8bGxlciBHbWJI?=");
}

TEST_CASE("encoding: encoded words fill the first line after the name") {
    // "Subject: " leaves 69 columns, room for 42 bytes of text.
    CHECK(encode_unstructured("Zahlungserinnerung für Rechnung RE-2026/0042",
                              9) ==
          "=?UTF-8?B?WmFobHVuZ3NlcmlubmVydW5nIGbDvHIgUmVjaG51bmcgUkUtMjAyNi8w"
          "?=\r\n =?UTF-8?B?MDQy?=");
}

TEST_CASE("encoding: a 200-character ASCII subject folds at spaces") {
    std::string subject;
    while (subject.size() < 200)
        subject += "reminder ";
    subject.resize(200);

    std::string folded = encode_unstructured(subject, 9);

    std::vector<std::string> lines = split_crlf(folded);
    CHECK(lines.size() == 3);
    check_line_widths(folded, 9);
    // Each fold goes before a space, so unfolding gives the text back.
    CHECK(unfold(folded) == subject);
    for (std::size_t i = 1; i < lines.size(); ++i)
        CHECK(lines[i].front() == ' ');
}

TEST_CASE("encoding: folding puts the break before the word that overflows") {
    std::string first(60, 'a');
    std::string second(15, 'b');

    CHECK(encode_unstructured(first + " " + second, 9) ==
          first + "\r\n " + second);
    CHECK(encode_unstructured(first + " " + second, 2) == first + " " + second);
}

TEST_CASE("encoding: a long non-ASCII subject folds into several encoded "
          "words") {
    std::string subject;
    while (subject.size() < 300)
        subject += "Grüße aus Köln, €uro ";
    subject.pop_back();

    std::string folded = encode_unstructured(subject, 9);

    CHECK(split_crlf(folded).size() > 5);
    check_line_widths(folded, 9);
    CHECK(decode_words(folded) == subject);
}

TEST_CASE("encoding: an encoded word never splits a four-byte character") {
    std::string emoji;
    for (int i = 0; i < 40; ++i)
        emoji += "\xF0\x9F\x98\x80";

    std::string folded = encode_unstructured(emoji, 9);

    CHECK(decode_words(folded) == emoji);
    // 42 bytes fit on the first line: ten emoji, never ten and a half.
    CHECK(split_crlf(folded).front() ==
          "=?UTF-8?B?8J+YgPCfmIDwn5iA8J+YgPCfmIDwn5iA8J+YgPCfmIDwn5iA8J+YgA=="
          "?=");
}

TEST_CASE("encoding: control characters in a subject become spaces") {
    CHECK(encode_unstructured("Bob\r\nBcc: evil@x.example", 9) ==
          "Bob Bcc: evil@x.example");
    CHECK(encode_unstructured("Bob\rBcc", 9) == "Bob Bcc");
    CHECK(encode_unstructured("Bob\nBcc", 9) == "Bob Bcc");
    CHECK(encode_unstructured(std::string("Bob\0Bcc", 7), 9) == "Bob Bcc");
    CHECK(encode_unstructured("a\tb\x7F"
                              "c\x1B"
                              "d",
                              9) == "a b c d");
    CHECK(encode_unstructured("Invoice\r\n", 9) == "Invoice");
    CHECK(encode_unstructured("\r\n\r\n", 9).empty());
}

TEST_CASE("encoding: control characters in non-ASCII text become spaces") {
    std::string folded = encode_unstructured("Grüße\r\nBcc: x\xC2\x85y", 9);

    CHECK(!has_raw_cr_or_lf(folded));
    CHECK(decode_words(folded) == "Grüße Bcc: x y");
}

TEST_CASE("encoding: bytes that are not UTF-8 become replacement "
          "characters") {
    std::string folded = encode_unstructured("caf\xE9 \xC0\xAF", 9);

    CHECK(decode_words(folded) == "caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("encoding: text that looks like an encoded word stays literal") {
    std::string folded = encode_unstructured("=?UTF-8?B?QUJD?=", 9);

    CHECK(decode_words(folded) == "=?UTF-8?B?QUJD?=");
}

TEST_CASE("encoding: an ASCII word longer than a line stays whole") {
    std::string word(150, 'x');

    CHECK(encode_unstructured("see " + word, 9) == "see\r\n " + word);
}

TEST_CASE("encoding: ASCII text without spaces past 900 characters becomes "
          "encoded words") {
    std::string word(1000, 'x');

    std::string folded = encode_unstructured(word, 9);

    check_line_widths(folded, 9);
    CHECK(decode_words(folded) == word);
}

TEST_CASE("encoding: a display name of atoms stays as it is") {
    CHECK(encode_display_name("Example Shop") == "Example Shop");
    CHECK(encode_display_name("O'Brien & Sons") == "O'Brien & Sons");
    CHECK(encode_display_name("").empty());
    CHECK(encode_display_name(" \r\n ").empty());
}

TEST_CASE("encoding: a display name with specials becomes a quoted string") {
    CHECK(encode_display_name("Shop, Inc.") == "\"Shop, Inc.\"");
    CHECK(encode_display_name("a@b (c) <d>: [e];") == "\"a@b (c) <d>: [e];\"");
    CHECK(encode_display_name("say \"hi\" \\ bye") ==
          "\"say \\\"hi\\\" \\\\ bye\"");
}

TEST_CASE("encoding: a display name with a line break cannot add a header") {
    CHECK(encode_display_name("Bob\r\nBcc: evil@x.example") ==
          "\"Bob Bcc: evil@x.example\"");
    CHECK(encode_display_name(std::string("Bob\0\nX", 6)) == "Bob X");
}

TEST_CASE("encoding: a non-ASCII display name becomes encoded words") {
    CHECK(encode_display_name("Müller GmbH") == "=?UTF-8?B?TcO8bGxlciBHbWJI?=");

    std::string long_name(40, 'a');
    long_name += " ü ";
    long_name += std::string(60, 'b');
    std::string folded = encode_display_name(long_name);
    check_line_widths(folded, 6);
    CHECK(decode_words(folded) == long_name);
}

TEST_CASE("encoding: a display name too long for a line becomes encoded "
          "words") {
    std::string name(30, 'a');
    name += ", ";
    name += std::string(60, 'b');

    std::string folded = encode_display_name(name);

    check_line_widths(folded, 6);
    CHECK(decode_words(folded) == name);
}

TEST_CASE("encoding: quoted-printable escapes '=' and non-ASCII bytes") {
    CHECK(quoted_printable("a=b für\n") == "a=3Db f=C3=BCr\r\n");
    CHECK(quoted_printable("plain text") == "plain text");
    CHECK(quoted_printable("bell\x07 del\x7F") == "bell=07 del=7F");
}

TEST_CASE("encoding: quoted-printable makes every line end CRLF") {
    CHECK(quoted_printable("a\nb\r\nc\n") == "a\r\nb\r\nc\r\n");
    CHECK(quoted_printable("\n\n") == "\r\n\r\n");
}

TEST_CASE("encoding: quoted-printable escapes a lone CR") {
    CHECK(quoted_printable("a\rb\n") == "a=0Db\r\n");
    CHECK(quoted_printable("a\r\r\nb") == "a=0D\r\nb");
    CHECK(quoted_printable("end\r") == "end=0D");
}

TEST_CASE("encoding: quoted-printable escapes blanks before a line break") {
    CHECK(quoted_printable("end  \nnext\t\n") == "end =20\r\nnext=09\r\n");
    CHECK(quoted_printable("last ") == "last=20");
    CHECK(quoted_printable("in between\n") == "in between\r\n");
}

TEST_CASE("encoding: quoted-printable breaks long lines softly") {
    std::string line76(76, 'a');
    std::string line100(100, 'a');

    CHECK(quoted_printable(line76 + "\n") == line76 + "\r\n");
    CHECK(quoted_printable(line76 + "a") == std::string(75, 'a') + "=\r\naa");
    CHECK(quoted_printable(line100) ==
          std::string(75, 'a') + "=\r\n" + std::string(25, 'a'));
}

TEST_CASE("encoding: quoted-printable never splits an escape") {
    CHECK(quoted_printable(std::string(72, 'a') + "ü") ==
          std::string(72, 'a') + "=C3=\r\n=BC");
    CHECK(quoted_printable(std::string(73, 'a') + "ü") ==
          std::string(73, 'a') + "=\r\n=C3=BC");

    std::string text;
    for (int i = 0; i < 100; ++i)
        text += "ü";
    for (std::string line : split_crlf(quoted_printable(text))) {
        CHECK(line.size() <= 76);
        // Escapes are three characters: a line of whole ones, without its
        // soft break, has a length of 3n.
        if (line.size() % 3 == 1 && line.back() == '=')
            line.pop_back();
        CHECK(line.size() % 3 == 0);
    }
}

TEST_CASE("encoding: the date is RFC 5322 in UTC with English names") {
    CHECK(rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
    CHECK(rfc5322_date(1796315229) == "Thu, 03 Dec 2026 16:27:09 +0000");
    CHECK(rfc5322_date(1709251199) == "Thu, 29 Feb 2024 23:59:59 +0000");
    CHECK(rfc5322_date(-1) == "Wed, 31 Dec 1969 23:59:59 +0000");
}
