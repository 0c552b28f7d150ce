#pragma once

#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace dunn::mail {

// A display name and an address: "Example Shop" <billing@shop.example>.
struct Mailbox {
    std::string name;    // UTF-8, may be empty; any text at all
    std::string address; // already validated: local@domain.tld, ASCII
};

// A plain-text email to be written to the outbox.
struct Message {
    Mailbox from;
    Mailbox to;
    std::string subject; // UTF-8, any text at all
    std::string body;    // UTF-8, LF or CRLF line ends
    std::time_t date = 0;
    std::string message_id; // "left@right", without angle brackets
    // Further unstructured headers in order, e.g. {"X-Dunn-Invoice",
    // "RE-2026/0042"}. Values are any UTF-8 text.
    std::vector<std::pair<std::string, std::string>> extra_headers;
};

// The message as RFC 5322 / MIME text with CRLF line ends: From, To,
// Subject, Date, Message-ID, MIME-Version, Content-Type text/plain UTF-8,
// Content-Transfer-Encoding, the extra headers, a blank line and the body.
// No value can add or break a header: CR, LF and other control characters
// in names, subjects and header values never reach the output raw, and
// non-ASCII text is written as RFC 2047 encoded words. Header lines are
// folded to stay within 78 characters where possible; the body is 7bit
// when it is ASCII with short lines, otherwise quoted-printable.
std::string render(const Message& message);

} // namespace dunn::mail
