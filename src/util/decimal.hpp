#pragma once

#include "util/expected.hpp"

#include <cstdint>
#include <string_view>

namespace dunn::util {

// Reads a plain decimal number exactly, as an integer count of
// 10^-places: parse_fixed("1.5", 4) is 15000. An optional sign, digits,
// and at most `places` decimals after `decimal_mark`; no grouping, no
// exponent. On failure the message completes '"1,5x" ...'.
Expected<std::int64_t> parse_fixed(std::string_view text, int places,
                                   char decimal_mark = '.');

} // namespace dunn::util
