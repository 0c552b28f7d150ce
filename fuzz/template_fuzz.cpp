// Fuzzes reminder templates and the email they become. The input is the
// template text, then optionally a NUL byte and a value that every
// placeholder is given. A template must parse or be refused with
// util::Error; a parsed one must render with values for all its
// placeholders; and mail::render must turn any subject, body and name into
// an email that keeps its promises (fuzz_check.hpp) and says what it was
// given: the body decodes to the text rendered, and a clean subject and
// name decode to themselves.

#include "fuzz_check.hpp"
#include "mail/message.hpp"
#include "policy/reminder_template.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace dunn;
using fuzz::check;

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string decode_quoted_printable(std::string_view qp) {
    std::string out;
    for (std::size_t i = 0; i < qp.size(); ++i) {
        if (qp[i] != '=') {
            out += qp[i];
            continue;
        }
        if (qp.substr(i + 1, 2) == "\r\n") {
            i += 2; // a soft line break
            continue;
        }
        check(i + 2 < qp.size(), "quoted-printable ends in '='");
        int hi = hex_digit(qp[i + 1]);
        int lo = hex_digit(qp[i + 2]);
        check(hi >= 0 && lo >= 0, "bad quoted-printable escape",
              qp.substr(i, 3));
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// The body as render() is to send it: LF or CRLF line ends become CRLF,
// a lone CR stays, and the text ends with a line end.
std::string expected_body(std::string body) {
    if (body.empty() || body.back() != '\n')
        body += '\n';
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n')
            continue;
        if (body[i] == '\n')
            out += '\r';
        out += body[i];
    }
    return out;
}

std::string decode_base64(std::string_view text) {
    static constexpr std::string_view digits =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned long bits = 0;
    int count = 0;
    for (char c : text) {
        if (c == '=')
            break;
        std::size_t v = digits.find(c);
        check(v != std::string_view::npos, "bad base64", text);
        bits = (bits << 6) | v;
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

// Encoded words separated by folding white space, as render() writes
// them (RFC 2047: the space between two words is not part of the text).
std::string decode_words(std::string_view value) {
    static constexpr std::string_view prefix = "=?UTF-8?B?";
    std::string out;
    while (!value.empty()) {
        check(value.substr(0, prefix.size()) == prefix,
              "text between encoded words", value);
        std::size_t end = value.find("?=", prefix.size());
        check(end != std::string_view::npos, "unclosed encoded word", value);
        check(end + 2 <= 75, "encoded word over 75 characters", value);
        out += decode_base64(value.substr(prefix.size(), end - prefix.size()));
        value.remove_prefix(end + 2);
        while (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
    }
    return out;
}

// A header's value with its folding undone.
std::string header_value(std::string_view eml, std::string_view name) {
    std::string head(eml.substr(0, eml.find("\r\n\r\n") + 2));
    std::size_t at = head.rfind(std::string(name) + ":", 0) == 0
                         ? 0
                         : head.find("\r\n" + std::string(name) + ":");
    check(at != std::string::npos, "header missing", name);
    std::size_t start = head.find(':', at) + 1;
    std::string value;
    for (std::size_t i = start; i < head.size(); ++i) {
        if (head.compare(i, 2, "\r\n") == 0) {
            if (i + 2 >= head.size() || (head[i + 2] != ' ' &&
                                         head[i + 2] != '\t'))
                break;
            ++i;
            continue;
        }
        value += head[i];
    }
    if (!value.empty() && value.front() == ' ')
        value.erase(0, 1);
    return value;
}

std::string decode_unstructured(const std::string& value) {
    return value.rfind("=?", 0) == 0 ? decode_words(value) : value;
}

// "Name <a@b.example>": the name, unquoted or decoded.
std::string decode_display_name(const std::string& value) {
    std::size_t angle = value.rfind('<');
    std::string phrase = value.substr(0, angle);
    while (!phrase.empty() && phrase.back() == ' ')
        phrase.pop_back();
    if (phrase.rfind("=?", 0) == 0)
        return decode_words(phrase);
    if (phrase.empty() || phrase.front() != '"')
        return phrase;
    std::string out;
    for (std::size_t i = 1; i + 1 < phrase.size(); ++i) {
        if (phrase[i] == '\\')
            ++i;
        out += phrase[i];
    }
    return out;
}

// Text a header can carry unchanged: valid UTF-8 without control
// characters (C0, DEL, C1) or spaces at either end. Anything else is
// cleaned first, and then need only come out clean.
bool is_clean(std::string_view s) {
    if (!util::is_valid_utf8(s) || util::has_control_char(s))
        return false;
    if (!s.empty() && (s.front() == ' ' || s.back() == ' '))
        return false;
    for (std::size_t i = 0; i + 1 < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) == 0xC2 &&
            static_cast<unsigned char>(s[i + 1]) < 0xA0)
            return false;
    return true;
}

void check_header_text(const std::string& given, const std::string& decoded,
                       std::string_view what) {
    if (is_clean(given))
        check(decoded == given, what, given + " -> " + decoded);
    else
        check(is_clean(decoded), what, decoded);
}

void check_rendered(const std::string& subject, const std::string& body,
                    const std::string& value) {
    mail::Message m;
    m.from = {"Example Shop", "billing@shop.example"};
    m.to = {value, "ann@example.com"};
    m.subject = subject;
    m.body = body;
    m.date = 1'800'000'000;
    m.message_id = "fuzz.1@shop.example";
    m.extra_headers = {{"X-Dunn-Invoice", value}, {"X-Dunn-Level", "x"}};
    std::string eml = mail::render(m);
    fuzz::check_email(eml, {"X-Dunn-Invoice", "X-Dunn-Level"});

    std::string_view sent =
        std::string_view(eml).substr(eml.find("\r\n\r\n") + 4);
    bool qp = header_value(eml, "Content-Transfer-Encoding") ==
              "quoted-printable";
    check((qp ? decode_quoted_printable(sent) : std::string(sent)) ==
              expected_body(body),
          "the body does not decode to the text rendered", body);

    check_header_text(subject,
                      decode_unstructured(header_value(eml, "Subject")),
                      "the subject does not decode to the text given");
    check_header_text(value,
                      decode_unstructured(header_value(eml, "X-Dunn-Invoice")),
                      "an extra header does not decode to its value");
    check_header_text(value, decode_display_name(header_value(eml, "To")),
                      "the display name does not decode to the name given");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t nul = input.find('\0');
    std::string_view text = input.substr(0, nul);
    std::string value = nul == std::string_view::npos
                            ? "Ann Example"
                            : std::string(input.substr(nul + 1));

    std::optional<policy::ReminderTemplate> t;
    try {
        t = policy::ReminderTemplate::parse(text, "fuzz.txt");
    } catch (const util::Error&) {
        return 0; // a refused template: an expected outcome
    }
    policy::TemplateValues values;
    for (const auto& p : t->placeholders()) {
        check(!p.name.empty() && p.line >= 1, "bad placeholder", p.name);
        values[p.name] = value;
    }
    check_rendered(t->subject(values), t->body(values), value);
    return 0;
}
