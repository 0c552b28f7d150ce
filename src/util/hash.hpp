#pragma once

#include <cstdint>
#include <string_view>

namespace dunn::util {

// FNV-1a, 64 bits: a stable hash for names and ids (not for security).
// Stable across versions and machines: file names and Message-IDs use it.
inline std::uint64_t fnv1a64_more(std::uint64_t h, std::string_view s) {
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

inline std::uint64_t fnv1a64(std::string_view s) {
    return fnv1a64_more(0xcbf29ce484222325ULL, s);
}

} // namespace dunn::util
