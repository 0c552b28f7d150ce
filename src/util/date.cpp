#include "util/date.hpp"

#include "util/text.hpp"

#include <cstring>
#include <ctime>
#include <date/date.h>
#include <fmt/format.h>
#include <optional>
#include <sstream>

namespace dunn::util {

namespace {

int digits(std::string_view s) {
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

// The ISO layout is by far the most common; reading it by hand avoids a
// stream per value, which matters at a million rows.
Expected<Date> parse_iso(std::string_view s) {
    bool shaped = s.size() == 10 && s[4] == '-' && s[7] == '-';
    int y = shaped ? digits(s.substr(0, 4)) : -1;
    int m = shaped ? digits(s.substr(5, 2)) : -1;
    int d = shaped ? digits(s.substr(8, 2)) : -1;
    if (y < 0 || m < 0 || d < 0)
        return Expected<Date>::failure("is not a date like 2026-10-31");
    std::chrono::year_month_day ymd{std::chrono::year(y),
                                    std::chrono::month(unsigned(m)),
                                    std::chrono::day(unsigned(d))};
    if (!ymd.ok())
        return Expected<Date>::failure("is not a day in the calendar");
    return Date(ymd);
}

// "2026-01-15 09:12", "2026-01-15T09:12:00Z": the date before a time of
// day, or nothing if `text` does not end in one.
std::optional<std::string_view> before_time(std::string_view text) {
    std::size_t sep = text.find_first_of(" T");
    if (sep == std::string_view::npos || sep == 0)
        return std::nullopt;
    std::string_view time = trim(text.substr(sep + 1));
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    bool clock = time.size() >= 5 && digit(time[0]) && digit(time[1]) &&
                 time[2] == ':' && digit(time[3]) && digit(time[4]);
    if (!clock)
        return std::nullopt;
    return text.substr(0, sep);
}

Expected<Date> parse_day(std::string_view text, std::string_view format) {
    if (format == "%Y-%m-%d")
        return parse_iso(text);

    // Parsing into fields, not a year_month_day, tells text of the wrong
    // shape apart from a well-formed day that does not exist ("31.04.").
    std::istringstream in{std::string(text)};
    date::fields<std::chrono::seconds> fields{};
    date::from_stream(in, std::string(format).c_str(), fields);
    // %Y takes "26" as the year 26, two millennia overdue; like the ISO
    // reader, insist on a four-digit year.
    bool short_year = format.find("%Y") != std::string_view::npos &&
                      int(fields.ymd.year()) < 1000;
    if (in.fail() || in.peek() != std::char_traits<char>::eof() || short_year)
        return Expected<Date>::failure(
            fmt::format("does not match the date format \"{}\"", format));
    if (!fields.ymd.ok())
        return Expected<Date>::failure("is not a day in the calendar");
    return Date(std::chrono::year_month_day{
        std::chrono::year(int(fields.ymd.year())),
        std::chrono::month(unsigned(fields.ymd.month())),
        std::chrono::day(unsigned(fields.ymd.day()))});
}

} // namespace

Expected<Date> parse_date(std::string_view text, std::string_view format) {
    text = trim(text);
    if (text.empty())
        return Expected<Date>::failure("is empty");
    Expected<Date> day = parse_day(text, format);
    if (day)
        return day;
    // Exports often write a time of day after the date; the date is what
    // counts.
    if (std::optional<std::string_view> date = before_time(text))
        if (Expected<Date> date_only = parse_day(*date, format))
            return date_only;
    return day;
}

namespace {

// What a user's file most likely writes, day first before month first.
const char* const common_formats[] = {
    "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y",
    "%d-%m-%Y", "%Y/%m/%d", "%d%m%Y",   "%Y%m%d",
};

// The characters between the numbers: "./" of "%d.%m/%Y", "//" of
// "1/10/2026 09:12" (a time of day is not part of the date).
std::string separators(std::string_view s, bool is_format) {
    if (!is_format)
        s = s.substr(0, s.find_first_of(" T"));
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_format && s[i] == '%')
            ++i;
        else if (is_format || s[i] < '0' || s[i] > '9')
            out += s[i];
    }
    return out;
}

} // namespace

std::vector<std::string> other_formats_reading(std::string_view text,
                                               std::string_view format) {
    text = trim(text);
    std::string seen = separators(text, false);
    std::vector<std::string> out;
    // The separators rule out most formats without parsing: a million
    // rows in the wrong format must not take minutes to report.
    for (const char* candidate : common_formats)
        if (candidate != format && separators(candidate, true) == seen &&
            parse_date(text, candidate))
            out.emplace_back(candidate);
    return out;
}

bool names_a_day(std::string_view format) {
    // 2031-12-28 has a day, month and year that no format can mix up.
    Date sample = Date(std::chrono::year(2031) / 12 / 28);
    std::string written = date::format(std::string(format), sample);
    Expected<Date> back = parse_date(written, format);
    return back && *back == sample;
}

DateText date_text(Date d) {
    std::chrono::year_month_day ymd{d};
    int y = int(ymd.year());
    DateText out{};
    if (y < 0 || y > 9999) {
        fmt::format_to_n(out.text, sizeof out.text - 1, "{}-{:02}-{:02}", y,
                         unsigned(ymd.month()), unsigned(ymd.day()));
        return out;
    }
    // By hand: fmt costs ten times as much, and imports, lists and runs
    // format millions of dates.
    std::memcpy(out.text, "0000-00-00", 11);
    auto put = [&](int at, unsigned value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            out.text[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(y), 4);
    put(5, unsigned(ymd.month()), 2);
    put(8, unsigned(ymd.day()), 2);
    return out;
}

std::string format_date(Date d) {
    return date_text(d).c_str();
}

Date today_local() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    std::chrono::year_month_day ymd{
        std::chrono::year(local.tm_year + 1900),
        std::chrono::month(unsigned(local.tm_mon + 1)),
        std::chrono::day(unsigned(local.tm_mday))};
    return Date(ymd);
}

} // namespace dunn::util
