#pragma once

#include <string_view>

namespace dunn::mail {

// True for an address of the shape local@domain.tld, in ASCII, with
// nothing a mail header could trip over: no spaces, no control characters,
// no angle brackets, quotes, commas or semicolons. Syntax only: whether
// the mailbox exists is for the mail server to find out.
bool is_valid_address(std::string_view address);

} // namespace dunn::mail
