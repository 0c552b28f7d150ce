#include "mail/encoding.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <vector>

// Header text goes through two steps. First it is cleaned: control
// characters (C0, DEL and the C1 range) become spaces, bytes that are not
// UTF-8 become U+FFFD, and spaces at either end go. After that nothing in
// the text can end a header line. Then it is written either as ASCII,
// folded before spaces, or as base64 ("B") encoded words. B is used rather
// than Q because it needs no per-context rules about which characters are
// safe, and every mail reader decodes it.
namespace dunn::mail {

namespace {

constexpr std::size_t line_limit = 78;
// A line that may not be folded must still end well before RFC 5322's
// hard limit of 998; past this, ASCII text is written as encoded words.
constexpr std::size_t unfoldable_limit = 900;
constexpr std::size_t encoded_word_limit = 75;
constexpr std::string_view word_prefix = "=?UTF-8?B?";
constexpr std::string_view word_suffix = "?=";
constexpr std::size_t qp_line_limit = 76;
// Encoded words in a display name start after "From: ", the longer of
// the two mailbox headers.
constexpr std::size_t mailbox_used = 6;

bool is_ascii_control(unsigned char c) {
    return c < 0x20 || c == 0x7F;
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80;
    });
}

// The length of the well-formed UTF-8 sequence that starts at `s[pos]`,
// or 0 if the bytes there are not one.
std::size_t utf8_length(std::string_view s, std::size_t pos) {
    auto at = [&](std::size_t i) {
        return static_cast<unsigned char>(s[pos + i]);
    };
    unsigned char lead = at(0);
    if (lead < 0x80)
        return 1;

    std::size_t len = lead >= 0xF0   ? 4
                      : lead >= 0xE0 ? 3
                      : lead >= 0xC2 ? 2
                                     : 0;
    if (len == 0 || lead > 0xF4 || s.size() - pos < len)
        return 0;
    for (std::size_t i = 1; i < len; ++i)
        if ((at(i) & 0xC0) != 0x80)
            return 0;

    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    bool bad =
        (lead == 0xE0 && at(1) < 0xA0) || (lead == 0xED && at(1) >= 0xA0) ||
        (lead == 0xF0 && at(1) < 0x90) || (lead == 0xF4 && at(1) >= 0x90);
    return bad ? 0 : len;
}

// C1 controls (U+0080..U+009F) are two bytes, 0xC2 0x80..0x9F.
bool is_c1_control(std::string_view sequence) {
    return sequence.size() == 2 &&
           static_cast<unsigned char>(sequence[0]) == 0xC2 &&
           static_cast<unsigned char>(sequence[1]) < 0xA0;
}

std::string_view trim_spaces(std::string_view s) {
    std::size_t first = s.find_first_not_of(' ');
    if (first == std::string_view::npos)
        return {};
    std::size_t last = s.find_last_not_of(' ');
    return s.substr(first, last - first + 1);
}

// Each run of control characters becomes one space, so that "Bob\r\nBcc"
// reads "Bob Bcc" rather than "Bob  Bcc".
std::string clean_header_text(std::string_view text) {
    std::string out;
    bool in_controls = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t len = utf8_length(text, pos);
        std::string_view sequence = text.substr(pos, len);
        bool control = (len == 1 && is_ascii_control(text[pos])) ||
                       is_c1_control(sequence);
        if (control) {
            if (!in_controls)
                out += ' ';
        } else if (len == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
        } else {
            out += sequence;
        }

        in_controls = control;
        pos += std::max<std::size_t>(len, 1);
    }
    return std::string(trim_spaces(out));
}

std::string base64(std::string_view bytes) {
    static constexpr char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        unsigned long group = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            unsigned char byte = k < n ? bytes[i + k] : 0;
            group = (group << 8) | byte;
        }
        for (std::size_t k = 0; k < 4; ++k) {
            std::size_t index = (group >> (18 - 6 * k)) & 0x3F;
            out += k <= n ? digits[index] : '=';
        }
    }
    return out;
}

// How many UTF-8 bytes fit into an encoded word of at most `columns`
// characters: base64 turns each 3 bytes into 4 characters.
std::size_t payload_for(std::size_t columns) {
    std::size_t frame = word_prefix.size() + word_suffix.size();
    columns = std::min(columns, encoded_word_limit);
    return columns > frame ? (columns - frame) / 4 * 3 : 0;
}

// The length of the longest run of whole characters from `pos` that has
// at most `limit` bytes; at least one character, so that the text always
// moves on. `text` must be clean, that is, valid UTF-8.
std::size_t whole_characters(std::string_view text, std::size_t pos,
                             std::size_t limit) {
    std::size_t end = pos + utf8_length(text, pos);
    for (;;) {
        if (end >= text.size())
            return end - pos;
        std::size_t next = end + utf8_length(text, end);
        if (next - pos > limit)
            return end - pos;
        end = next;
    }
}

std::string encoded_words(std::string_view text, std::size_t used) {
    std::string out;
    std::size_t column = used;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (!out.empty()) {
            out += "\r\n ";
            column = 1;
        }

        std::size_t room = column < line_limit ? line_limit - column : 0;
        std::size_t len = whole_characters(text, pos, payload_for(room));
        out += word_prefix;
        out += base64(text.substr(pos, len));
        out += word_suffix;
        pos += len;
    }
    return out;
}

// The text cut before each run of spaces: "a b  c" gives "a", " b", "  c".
// Folding puts a line break before a piece and so loses no space.
std::vector<std::string_view> fold_pieces(std::string_view text) {
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t word = text.find_first_not_of(' ', start);
        std::size_t end = text.find(' ', word);
        if (end == std::string_view::npos)
            end = text.size();
        pieces.push_back(text.substr(start, end - start));
        start = end;
    }
    return pieces;
}

std::string fold_at_spaces(const std::vector<std::string_view>& pieces,
                           std::size_t used) {
    std::string out;
    std::size_t column = used;
    for (std::string_view piece : pieces) {
        if (!out.empty() && column + piece.size() > line_limit) {
            out += "\r\n";
            column = 0;
        }
        out += piece;
        column += piece.size();
    }
    return out;
}

// Text that merely looks like an encoded word would be decoded by mail
// readers into something else; encoding it keeps it literal.
bool looks_encoded(std::string_view text) {
    return text.find("=?") != std::string_view::npos;
}

bool is_atext(char c) {
    static constexpr std::string_view extra = "!#$%&'*+-/=?^_`{|}~";
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || extra.find(c) != std::string_view::npos;
}

std::string quoted_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

bool is_qp_literal(unsigned char c) {
    return (c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t';
}

// One line as quoted-printable: each byte a literal or an "=XX" token,
// with soft breaks between tokens so that no line passes the limit. Built
// in place: a run writes a body for every reminder.
std::string qp_line(std::string_view line) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(line.size() + line.size() / 4);
    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        auto c = static_cast<unsigned char>(line[i]);
        bool last = i + 1 == line.size();
        // Space or tab at the end of a line would be lost in transport.
        bool trailing_blank = last && (c == ' ' || c == '\t');
        bool literal = is_qp_literal(c) && !trailing_blank;
        std::size_t width = literal ? 1 : 3;

        // All but the last token must leave room for the soft break "=".
        std::size_t limit = last ? qp_line_limit : qp_line_limit - 1;
        if (column + width > limit) {
            out += "=\r\n";
            column = 0;
        }
        if (literal) {
            out += static_cast<char>(c);
        } else {
            out += '=';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
        column += width;
    }
    return out;
}

} // namespace

std::string encode_unstructured(std::string_view text, std::size_t used) {
    std::string clean = clean_header_text(text);
    std::vector<std::string_view> pieces = fold_pieces(clean);

    std::size_t longest = 0;
    for (std::string_view piece : pieces)
        longest = std::max(longest, piece.size());
    bool too_long =
        !pieces.empty() && (longest > unfoldable_limit ||
                            used + pieces.front().size() > unfoldable_limit);

    if (!is_ascii(clean) || looks_encoded(clean) || too_long)
        return encoded_words(clean, used);
    return fold_at_spaces(pieces, used);
}

std::string encode_display_name(std::string_view name) {
    std::string clean = clean_header_text(name);
    if (clean.empty())
        return {};

    if (is_ascii(clean) && !looks_encoded(clean)) {
        bool atoms = std::all_of(clean.begin(), clean.end(), [](char c) {
            return is_atext(c) || c == ' ';
        });
        std::string phrase = atoms ? clean : quoted_string(clean);
        // A longer name is written as encoded words, which fold safely.
        if (mailbox_used + phrase.size() <= line_limit)
            return phrase;
    }
    return encoded_words(clean, mailbox_used);
}

std::string quoted_printable(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end - start);
        // Only a CR right before the LF is part of the line end; any
        // other CR is text and is escaped as "=0D".
        if (end != std::string_view::npos && !line.empty() &&
            line.back() == '\r')
            line.remove_suffix(1);

        out += qp_line(line);
        if (end == std::string_view::npos)
            return out;
        out += "\r\n";
        start = end + 1;
    }
}

std::string rfc5322_date(std::time_t when) {
    static constexpr std::string_view day_names[] = {"Sun", "Mon", "Tue", "Wed",
                                                     "Thu", "Fri", "Sat"};
    static constexpr std::string_view month_names[] = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    using namespace std::chrono;
    auto moment = sys_seconds(seconds(when));
    auto day = floor<days>(moment);
    year_month_day date(day);
    hh_mm_ss time(moment - day);

    return fmt::format(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
        day_names[weekday(day).c_encoding()], unsigned(date.day()),
        month_names[unsigned(date.month()) - 1], int(date.year()),
        time.hours().count(), time.minutes().count(), time.seconds().count());
}

} // namespace dunn::mail
