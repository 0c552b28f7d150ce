#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Small string helpers that know nothing about dunning.
namespace dunn::util {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s); // ASCII letters only
bool iequals(std::string_view a, std::string_view b);
std::vector<std::string> split(std::string_view s, char sep);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);
// The line (from 1) of the first byte of `s` that is not UTF-8, or 0 when
// all of it is, for messages about a whole file.
std::size_t first_line_not_utf8(std::string_view s);
// True when `s` holds a C0 control character or DEL. Tab counts.
bool has_control_char(std::string_view s);
// Replaces each run of control characters (CR, LF, tab, ...) with a space.
std::string collapse_controls(std::string_view s);
// Characters a terminal shows for valid UTF-8 (code points, roughly).
std::size_t display_width(std::string_view s);
// Cuts to at most `width` display characters, ending in "..." if cut.
std::string ellipsize(std::string_view s, std::size_t width);
// Quotes text for a message: "a\"b" with control characters escaped, so a
// value with a newline cannot break the message's layout.
std::string quoted(std::string_view s);

// A JSON string literal: "a\"b\n", control characters as \u00XX. The
// text must be valid UTF-8 (the ledger holds only that).
std::string json_quoted(std::string_view s);

// Edit distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// Up to `limit` candidates close to `word`: nearest first, ties in the
// order given, none much further than the nearest. Close means a small
// edit distance or a case-insensitive containment either way.
std::vector<std::string> closest(std::string_view word,
                                 const std::vector<std::string>& candidates,
                                 std::size_t limit = 3);
// " (did you mean 'a' or 'b'?)", or "" without candidates.
std::string did_you_mean(const std::vector<std::string>& candidates);

} // namespace dunn::util
