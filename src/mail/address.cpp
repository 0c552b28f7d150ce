#include "mail/address.hpp"

#include <algorithm>
#include <string>

namespace dunn::mail {

namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

// RFC 5322 "atext" plus the dots of a dot-atom.
bool is_local_char(char c) {
    static const std::string extra = "!#$%&'*+-/=?^_`{|}~.";
    return is_alnum(c) || extra.find(c) != std::string::npos;
}

bool is_valid_label(std::string_view label) {
    return !label.empty() && label.size() <= 63 && label.front() != '-' &&
           label.back() != '-' &&
           std::all_of(label.begin(), label.end(),
                       [](char c) { return is_alnum(c) || c == '-'; });
}

} // namespace

bool is_valid_address(std::string_view address) {
    std::size_t at = address.rfind('@');
    if (at == std::string_view::npos || address.size() > 254)
        return false;
    std::string_view local = address.substr(0, at);
    std::string_view domain = address.substr(at + 1);

    bool local_ok = !local.empty() && local.size() <= 64 &&
                    local.front() != '.' && local.back() != '.' &&
                    local.find("..") == std::string_view::npos &&
                    std::all_of(local.begin(), local.end(), is_local_char);
    if (!local_ok)
        return false;

    std::size_t dot = domain.find('.');
    if (dot == std::string_view::npos)
        return false;
    std::size_t start = 0;
    std::string_view last;
    for (;;) {
        std::size_t end = domain.find('.', start);
        last = domain.substr(start, end - start);
        if (!is_valid_label(last))
            return false;
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    // A top-level domain is never numeric: "a@1.2.3.4" is not an address.
    return last.size() >= 2 &&
           std::any_of(last.begin(), last.end(),
                       [](char c) { return !(c >= '0' && c <= '9'); });
}

} // namespace dunn::mail
