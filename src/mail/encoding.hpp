#pragma once

#include <ctime>
#include <string>
#include <string_view>

// The encodings an email needs: RFC 2047 encoded words for header text,
// quoted-printable (RFC 2045) for bodies, and the RFC 5322 date.
namespace dunn::mail {

// Header text for an unstructured field (Subject, X-...), starting after
// `used` columns ("Subject: " is 9). Control characters become spaces.
// Plain ASCII stays as it is; text with non-ASCII characters becomes
// "=?UTF-8?B?...?=" encoded words that never split a UTF-8 character.
// Long values are folded with CRLF + space so that lines stay within 78
// characters where the text allows.
std::string encode_unstructured(std::string_view text, std::size_t used);

// A display name as an RFC 5322 phrase: an atom as it is, a quoted string
// if it holds specials such as '.', ',' or '"', encoded words if it holds
// non-ASCII characters. Control characters become spaces.
std::string encode_display_name(std::string_view name);

// The body as quoted-printable with CRLF line ends and lines of at most 76
// characters (soft breaks "=" where a line is longer).
std::string quoted_printable(std::string_view text);

// "Thu, 03 Dec 2026 16:27:09 +0000" for `when` in UTC.
std::string rfc5322_date(std::time_t when);

} // namespace dunn::mail
