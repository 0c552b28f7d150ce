#pragma once

#include "util/expected.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace dunn::util {

// A calendar date, with no time of day and no time zone.
using Date = std::chrono::sys_days;

// Reads a date written in `format` (strftime-style, as in date::parse:
// "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d%m%Y", ...). The whole text must
// match, except that a time of day after the date is ignored
// ("2026-01-15 09:12"), and the day must exist: "2026-02-30" fails. On
// failure the message completes '"30.02.2026" ...'.
Expected<Date> parse_date(std::string_view text,
                          std::string_view format = "%Y-%m-%d");

// The common date formats, other than `format`, that read `text` as a day
// that exists: {"%d/%m/%Y", "%m/%d/%Y"} for "01/10/2026", none for junk.
// For messages that tell a user which format their file is in.
std::vector<std::string> other_formats_reading(std::string_view text,
                                               std::string_view format);

// True if `format` writes and reads back a whole date: it has a day, a
// month and a year. "%m/%Y" does not.
bool names_a_day(std::string_view format);

// "2026-10-31".
std::string format_date(Date d);

// The same text in a buffer of its own, NUL-terminated, for code that
// writes millions of dates (an import binds three a row) and should not
// allocate for each.
struct DateText {
    char text[16];
    const char* c_str() const { return text; }
};
DateText date_text(Date d);

// Calendar days from `from` to `to`: negative when `to` comes first.
inline int days_between(Date from, Date to) {
    return static_cast<int>((to - from).count());
}

inline Date add_days(Date d, int days) {
    return d + std::chrono::days(days);
}

// Today in the local time zone: what "today" means to the shopkeeper.
Date today_local();

} // namespace dunn::util
