#include "mail/message.hpp"

#include "mail/address.hpp"
#include "mail/encoding.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

namespace dunn::mail {

namespace {

constexpr std::size_t line_limit = 78;

// The headers render() writes itself; an extra header may not repeat one,
// or a reader would have to choose between two Subjects.
constexpr std::array<std::string_view, 8> fixed_headers = {
    "From",       "To",           "Subject",      "Date",
    "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"};

// RFC 5322 field-name: printable ASCII except the colon. The length limit
// keeps "Name: " on one line with room for the value.
void check_header_name(std::string_view name) {
    bool valid = !name.empty() && name.size() <= line_limit - 2 &&
                 std::all_of(name.begin(), name.end(), [](char c) {
                     return c >= 33 && c <= 126 && c != ':';
                 });
    if (!valid)
        throw std::invalid_argument("not a mail header name: '" +
                                    std::string(name) + "'");

    for (std::string_view fixed : fixed_headers)
        if (util::iequals(name, fixed))
            throw std::invalid_argument("header '" + std::string(name) +
                                        "' is written by render()");
}

// Addresses come validated, but the check is cheap and a bad one would
// put raw text into a header.
void check_address(std::string_view address) {
    if (!is_valid_address(address))
        throw std::invalid_argument("not a mail address: '" +
                                    std::string(address) + "'");
}

void check_message_id(std::string_view id) {
    bool valid = id.find('@') != std::string_view::npos &&
                 std::all_of(id.begin(), id.end(), [](char c) {
                     return c >= 33 && c <= 126 && c != '<' && c != '>';
                 });
    if (!valid)
        throw std::invalid_argument("not a message id: '" + std::string(id) +
                                    "'");
}

std::string header(std::string_view name, std::string_view value) {
    std::string line(name);
    line += value.empty() ? ":" : ": ";
    line += value;
    return line + "\r\n";
}

// The column where the last line of `text` ends.
std::size_t last_line_width(std::string_view text) {
    std::size_t newline = text.rfind('\n');
    return newline == std::string_view::npos ? text.size()
                                             : text.size() - newline - 1;
}

// "Name <addr>", or "<addr>" without a name. The address moves to a line
// of its own when it would make the name's last line too long.
std::string mailbox_header(std::string_view field, const Mailbox& mailbox) {
    check_address(mailbox.address);
    std::string angle = "<" + mailbox.address + ">";
    std::string name = encode_display_name(mailbox.name);
    if (name.empty())
        return header(field, angle);

    std::string value = name;
    std::size_t column = last_line_width(value);
    if (value.find('\n') == std::string::npos)
        column += field.size() + 2;
    value += column + 1 + angle.size() > line_limit ? "\r\n " : " ";
    value += angle;
    return header(field, value);
}

std::string unstructured_header(std::string_view name, std::string_view value) {
    return header(name, encode_unstructured(value, name.size() + 2));
}

// 7bit needs ASCII without stray control characters, lines of at most 76
// characters, and no CR except before an LF.
bool fits_7bit(std::string_view body) {
    std::size_t line = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        auto c = static_cast<unsigned char>(body[i]);
        bool crlf = c == '\r' && i + 1 < body.size() && body[i + 1] == '\n';
        if (c == '\n' || crlf) {
            line = 0;
            continue;
        }
        if (c >= 0x80 || (c < 0x20 && c != '\t') || c == 0x7F)
            return false;
        if (++line > 76)
            return false;
    }
    return true;
}

std::string crlf_lines(std::string_view body) {
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\r')
            continue; // fits_7bit let through only a CR before an LF
        if (body[i] == '\n')
            out += '\r';
        out += body[i];
    }
    return out;
}

} // namespace

std::string render(const Message& message) {
    check_message_id(message.message_id);
    for (const auto& [name, value] : message.extra_headers)
        check_header_name(name);

    // A text body ends with a line break, so the file does too.
    std::string body = message.body;
    if (body.empty() || body.back() != '\n')
        body += '\n';
    bool is_7bit = fits_7bit(body);

    std::string out;
    out += mailbox_header("From", message.from);
    out += mailbox_header("To", message.to);
    out += unstructured_header("Subject", message.subject);
    out += header("Date", rfc5322_date(message.date));
    out += header("Message-ID", "<" + message.message_id + ">");
    out += header("MIME-Version", "1.0");
    out += header("Content-Type", "text/plain; charset=UTF-8");
    out += header("Content-Transfer-Encoding",
                  is_7bit ? "7bit" : "quoted-printable");
    for (const auto& [name, value] : message.extra_headers)
        out += unstructured_header(name, value);

    out += "\r\n";
    out += is_7bit ? crlf_lines(body) : quoted_printable(body);
    return out;
}

} // namespace dunn::mail
