#include "mail/message.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using dunn::mail::Mailbox;
using dunn::mail::Message;
using dunn::mail::render;

namespace {

Message sample() {
    Message message;
    message.from = {"Example Shop", "billing@shop.example"};
    message.to = {"Müller GmbH", "ap@mueller.example"};
    message.subject = "Payment reminder";
    message.body = "Hello,\nplease pay.\n";
    message.date = 1796315229;
    message.message_id = "r1.abc@shop.example";
    message.extra_headers = {{"X-Dunn-Invoice", "RE-2026/0042"}};
    return message;
}

std::string header_block(const std::string& rendered) {
    std::size_t end = rendered.find("\r\n\r\n");
    REQUIRE(end != std::string::npos);
    return rendered.substr(0, end + 2);
}

std::string body_of(const std::string& rendered) {
    return rendered.substr(rendered.find("\r\n\r\n") + 4);
}

std::vector<std::string> lines_of(const std::string& block) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    std::size_t end;
    while ((end = block.find("\r\n", start)) != std::string::npos) {
        lines.push_back(block.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

// The field names of the header, in order; continuation lines (starting
// with a space) belong to the field before them.
std::vector<std::string> field_names(const std::string& rendered) {
    std::vector<std::string> names;
    for (const std::string& line : lines_of(header_block(rendered)))
        if (line.front() != ' ')
            names.push_back(line.substr(0, line.find(':')));
    return names;
}

std::string with_nul(const std::string& before, const std::string& after) {
    return before + '\0' + after;
}

bool only_crlf_line_ends(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))
            return false;
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            return false;
    }
    return true;
}

const std::vector<std::string> kExpectedFields = {
    "From",          "To",
    "Subject",       "Date",
    "Message-ID",    "MIME-Version",
    "Content-Type",  "Content-Transfer-Encoding",
    "X-Dunn-Invoice"};

void check_no_injection(const std::string& rendered) {
    CHECK(only_crlf_line_ends(rendered));
    CHECK(field_names(rendered) == kExpectedFields);
    for (const std::string& line : lines_of(header_block(rendered)))
        CHECK(line.find('\0') == std::string::npos);
}

} // namespace

TEST_CASE("message: a small message renders exactly") {
    CHECK(render(sample()) ==
          "From: Example Shop <billing@shop.example>\r\n"
          "To: =?UTF-8?B?TcO8bGxlciBHbWJI?= <ap@mueller.example>\r\n"
          "Subject: Payment reminder\r\n"
          "Date: Thu, 03 Dec 2026 16:27:09 +0000\r\n"
          "Message-ID: <r1.abc@shop.example>\r\n"
          "MIME-Version: 1.0\r\n"
          "Content-Type: text/plain; charset=UTF-8\r\n"
          "Content-Transfer-Encoding: 7bit\r\n"
          "X-Dunn-Invoice: RE-2026/0042\r\n"
          "\r\n"
          "Hello,\r\n"
          "please pay.\r\n");
}

TEST_CASE("message: extra headers follow the fixed ones in their order") {
    Message message = sample();
    message.extra_headers = {{"X-B", "2"}, {"X-A", "1"}, {"X-C", "3"}};

    std::vector<std::string> names = field_names(render(message));

    std::vector<std::string> expected(kExpectedFields.begin(),
                                      kExpectedFields.end() - 1);
    expected.insert(expected.end(), {"X-B", "X-A", "X-C"});
    CHECK(names == expected);
}

TEST_CASE("message: an empty display name gives a bare address") {
    Message message = sample();
    message.to = {"", "ap@mueller.example"};
    message.from = {"\r\n", "billing@shop.example"};

    std::string rendered = render(message);

    CHECK(rendered.find("\r\nTo: <ap@mueller.example>\r\n") !=
          std::string::npos);
    CHECK(rendered.rfind("From: <billing@shop.example>\r\n", 0) == 0);
}

TEST_CASE("message: a display name with specials is quoted") {
    Message message = sample();
    message.to = {"Doe, John \"JD\"", "jd@example.com"};

    CHECK(render(message).find(
              "\r\nTo: \"Doe, John \\\"JD\\\"\" <jd@example.com>\r\n") !=
          std::string::npos);
}

TEST_CASE("message: a line break in a display name cannot add a header") {
    std::string name = GENERATE(std::string("Bob\r\nBcc: evil@x.example"),
                                std::string("Bob\nBcc: evil@x.example"),
                                std::string("Bob\rBcc: evil@x.example"),
                                with_nul("Bob", "Bcc: evil@x.example"),
                                std::string("Bob\r\n\r\nBcc: evil@x.example"),
                                std::string("Bjørn\r\nBcc: evil@x.example"));
    Message message = sample();
    message.to.name = name;

    std::string rendered = render(message);

    check_no_injection(rendered);
    CHECK(rendered.find("\r\nBcc") == std::string::npos);
}

TEST_CASE("message: a line break in the subject cannot add a header") {
    std::string subject =
        GENERATE(std::string("Reminder\r\nBcc: evil@x.example"),
                 std::string("Reminder\nBcc: evil@x.example"),
                 std::string("Reminder\rBcc: evil@x.example"),
                 with_nul("Reminder", "Bcc: evil@x.example"),
                 std::string("Reminder\r\n\r\nfake body"),
                 std::string("Erinnerung für\r\nBcc: evil@x.example"));
    Message message = sample();
    message.subject = subject;

    std::string rendered = render(message);

    check_no_injection(rendered);
    CHECK(body_of(rendered) == "Hello,\r\nplease pay.\r\n");
}

TEST_CASE("message: a line break in an extra header value cannot add a "
          "header") {
    std::string value = GENERATE(std::string("RE-1\r\nBcc: evil@x.example"),
                                 std::string("RE-1\nBcc: evil@x.example"),
                                 std::string("RE-1\rBcc: evil@x.example"),
                                 with_nul("RE-1", "Bcc: evil@x.example"));
    Message message = sample();
    message.extra_headers = {{"X-Dunn-Invoice", value}};

    std::string rendered = render(message);

    check_no_injection(rendered);
    CHECK(rendered.find("X-Dunn-Invoice: RE-1 Bcc: evil@x.example\r\n") !=
          std::string::npos);
}

TEST_CASE("message: a bad extra header name throws") {
    std::string name =
        GENERATE(std::string(""), std::string("X Bad"), std::string("X:Bad"),
                 std::string("X-Bad\r\nBcc"), std::string("X-Ünicode"),
                 std::string("Subject"), std::string("bcc\n"),
                 std::string("from"), std::string(80, 'X'));
    Message message = sample();
    message.extra_headers = {{name, "value"}};

    CHECK_THROWS_AS(render(message), std::invalid_argument);
}

TEST_CASE("message: a bad address or message id throws") {
    Message message = sample();

    SECTION("address with a line break") {
        message.to.address = "a@b.example\r\nBcc: evil@x.example";
    }
    SECTION("address with an angle bracket") {
        message.from.address = "a@b.example>";
    }
    SECTION("message id with a line break") {
        message.message_id = "r1@shop.example\r\nBcc: evil@x.example";
    }
    SECTION("message id with angle brackets") {
        message.message_id = "<r1@shop.example>";
    }

    CHECK_THROWS_AS(render(message), std::invalid_argument);
}

TEST_CASE("message: an ASCII body with short lines is 7bit") {
    Message message = sample();
    message.body = "Dear customer,\r\n\r\n\tplease pay " + std::string(60, '.');

    std::string rendered = render(message);

    CHECK(rendered.find("Content-Transfer-Encoding: 7bit\r\n") !=
          std::string::npos);
    CHECK(body_of(rendered) == "Dear customer,\r\n\r\n\tplease pay " +
                                   std::string(60, '.') + "\r\n");
}

TEST_CASE("message: LF and CRLF line ends in the body both become CRLF") {
    Message message = sample();
    message.body = "one\ntwo\r\nthree";

    CHECK(body_of(render(message)) == "one\r\ntwo\r\nthree\r\n");

    message.body = "";
    CHECK(body_of(render(message)) == "\r\n");
}

TEST_CASE("message: a non-ASCII body is quoted-printable") {
    Message message = sample();
    message.body = "Sehr geehrte Frau Müller,\nbitte zahlen Sie 1=1.";

    std::string rendered = render(message);

    CHECK(rendered.find("Content-Transfer-Encoding: quoted-printable\r\n") !=
          std::string::npos);
    CHECK(body_of(rendered) ==
          "Sehr geehrte Frau M=C3=BCller,\r\nbitte zahlen Sie 1=3D1.\r\n");
}

TEST_CASE("message: a body line over 76 characters is quoted-printable") {
    Message message = sample();
    message.body = std::string(76, 'a') + "\n";
    CHECK(render(message).find("Content-Transfer-Encoding: 7bit") !=
          std::string::npos);

    message.body = std::string(77, 'a') + "\n";
    std::string rendered = render(message);
    CHECK(rendered.find("Content-Transfer-Encoding: quoted-printable") !=
          std::string::npos);
    CHECK(body_of(rendered) == std::string(75, 'a') + "=\r\naa\r\n");
}

TEST_CASE("message: a control character or lone CR in the body forces "
          "quoted-printable") {
    Message message = sample();
    message.body = GENERATE(std::string("a\0b\n", 4), std::string("a\rb\n"),
                            std::string("bell\x07\n"), std::string("\x7F\n"));

    std::string rendered = render(message);

    CHECK(rendered.find("Content-Transfer-Encoding: quoted-printable") !=
          std::string::npos);
    CHECK(only_crlf_line_ends(rendered));
    CHECK(body_of(rendered).find('\0') == std::string::npos);
}

TEST_CASE("message: long names and subjects keep lines within 78 "
          "characters") {
    Message message = sample();
    message.from.name = std::string(40, 'a') + " " + std::string(30, 'b');
    message.to.name = "Zoë " + std::string(100, 'z');
    message.subject = "Zahlungserinnerung " + std::string(120, 'x') + " ä";
    message.extra_headers = {
        {"X-Dunn-Invoice", "Jörg " + std::string(90, 'j')}};

    std::string rendered = render(message);

    check_no_injection(rendered);
    for (const std::string& line : lines_of(header_block(rendered)))
        CHECK(line.size() <= 78);
}

TEST_CASE("message: a name filling the line moves the address to the next "
          "line") {
    Message message = sample();
    message.from.name = std::string(70, 'a');

    std::string rendered = render(message);

    CHECK(rendered.rfind("From: " + std::string(70, 'a') +
                             "\r\n <billing@shop.example>\r\n",
                         0) == 0);
}
