#include "util/charset.hpp"

#include <array>
#include <fmt/format.h>
#include <iconv.h>

namespace dunn::util {

namespace {

// Each byte's UTF-8 form in a single-byte charset, "" where undefined.
// Built once through glibc's iconv, then used as a plain table: a million
// rows convert without a call per field.
using Table = std::array<std::string, 256>;

Table build_table(const char* iconv_name) {
    Table table;
    iconv_t cd = iconv_open("UTF-8", iconv_name);
    if (cd == reinterpret_cast<iconv_t>(-1))
        return table;
    for (int b = 0; b < 256; ++b) {
        char in = static_cast<char>(b);
        char out[8];
        char* in_ptr = &in;
        char* out_ptr = out;
        std::size_t in_left = 1;
        std::size_t out_left = sizeof out;
        iconv(cd, nullptr, nullptr, nullptr, nullptr); // reset state
        if (iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) !=
            static_cast<std::size_t>(-1))
            table[static_cast<std::size_t>(b)].assign(out, out_ptr);
    }
    iconv_close(cd);
    return table;
}

const Table& table_for(Charset charset) {
    static const Table windows_1252 = build_table("WINDOWS-1252");
    static const Table latin1 = build_table("ISO-8859-1");
    return charset == Charset::windows_1252 ? windows_1252 : latin1;
}

} // namespace

Expected<std::string> to_utf8(std::string_view text, Charset charset) {
    if (charset == Charset::utf8)
        return std::string(text);
    const Table& table = table_for(charset);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        const std::string& utf8 = table[static_cast<unsigned char>(c)];
        if (utf8.empty())
            return Expected<std::string>::failure(fmt::format(
                "has the byte 0x{:02X}, which {} does not define",
                static_cast<unsigned char>(c),
                charset == Charset::windows_1252 ? "Windows-1252" : "Latin-1"));
        out += utf8;
    }
    return out;
}

} // namespace dunn::util
