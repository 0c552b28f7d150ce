#pragma once

#include "util/expected.hpp"

#include <string>
#include <string_view>

namespace dunn::util {

// The character sets CSV exports come in.
enum class Charset { utf8, windows_1252, latin1 };

// `text` in `charset` as UTF-8. UTF-8 text is returned as it is (checking
// it is the caller's business). Fails, naming the byte, for a byte the
// charset leaves undefined (Windows-1252 has five).
Expected<std::string> to_utf8(std::string_view text, Charset charset);

} // namespace dunn::util
