#include "util/date.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

using dunn::util::add_days;
using dunn::util::Date;
using dunn::util::days_between;
using dunn::util::format_date;
using dunn::util::parse_date;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return Date(std::chrono::year(y) / std::chrono::month(m) /
                std::chrono::day(d));
}

// The date `text` parses to, as ISO text, or "(fails: why)".
std::string parsed(const std::string& text,
                   const std::string& format = "%Y-%m-%d") {
    auto d = parse_date(text, format);
    return d ? format_date(*d) : "(fails: " + d.error() + ")";
}

std::string why_not(const std::string& text,
                    const std::string& format = "%Y-%m-%d") {
    auto d = parse_date(text, format);
    return d ? "(parsed)" : d.error();
}

} // namespace

TEST_CASE("date: an ISO date parses to that day") {
    auto d = parse_date("2026-10-31");
    REQUIRE(d);
    CHECK(*d == ymd(2026, 10, 31));
    CHECK(parsed("2026-01-01") == "2026-01-01");
}

TEST_CASE("date: the default format is ISO") {
    CHECK(parse_date("2026-10-31").ok());
    CHECK_FALSE(parse_date("31.10.2026").ok());
}

TEST_CASE("date: a day that does not exist is not in the calendar") {
    CHECK(why_not("2026-02-30") == "is not a day in the calendar");
    CHECK(why_not("2026-02-29") == "is not a day in the calendar");
    CHECK(why_not("2026-04-31") == "is not a day in the calendar");
    CHECK(why_not("2026-13-01") == "is not a day in the calendar");
    CHECK(why_not("2026-00-10") == "is not a day in the calendar");
    CHECK(why_not("2026-01-00") == "is not a day in the calendar");
}

TEST_CASE("date: 29 February exists in a leap year") {
    CHECK(parsed("2024-02-29") == "2024-02-29");
    CHECK(parsed("2000-02-29") == "2000-02-29");
    CHECK(why_not("1900-02-29") == "is not a day in the calendar");
}

TEST_CASE("date: ISO dates need every digit") {
    const std::string shape = "is not a date like 2026-10-31";
    CHECK(why_not("2026-2-3") == shape);
    CHECK(why_not("26-02-03") == shape);
    CHECK(why_not("2026/02/03") == shape);
    CHECK(why_not("2026-02-03T1:00") == shape);
    CHECK(why_not("2026-0a-03") == shape);
    CHECK(why_not("+026-02-03") == shape);
    CHECK(why_not("20260203") == shape);
}

TEST_CASE("date: spaces around a date are ignored, empty text is empty") {
    CHECK(parsed("  2026-10-31 ") == "2026-10-31");
    CHECK(parsed(" 31.10.2026 ", "%d.%m.%Y") == "2026-10-31");
    CHECK(why_not("") == "is empty");
    CHECK(why_not("   ") == "is empty");
    CHECK(why_not("", "%d.%m.%Y") == "is empty");
}

TEST_CASE("date: custom formats with dots, slashes and no separator") {
    CHECK(parsed("31.10.2026", "%d.%m.%Y") == "2026-10-31");
    CHECK(parsed("01.02.2026", "%d.%m.%Y") == "2026-02-01");
    CHECK(parsed("31/10/2026", "%d/%m/%Y") == "2026-10-31");
    CHECK(parsed("10/31/2026", "%m/%d/%Y") == "2026-10-31");
    CHECK(parsed("15012026", "%d%m%Y") == "2026-01-15");
    CHECK(parsed("29.02.2024", "%d.%m.%Y") == "2024-02-29");
}

TEST_CASE("date: text in another shape names the format it missed") {
    CHECK(why_not("2026-10-31", "%d.%m.%Y") ==
          "does not match the date format \"%d.%m.%Y\"");
    CHECK(why_not("31/10/2026", "%d.%m.%Y") ==
          "does not match the date format \"%d.%m.%Y\"");
    CHECK(why_not("31.10.2026", "%d/%m/%Y") ==
          "does not match the date format \"%d/%m/%Y\"");
    CHECK(why_not("soon", "%d%m%Y") ==
          "does not match the date format \"%d%m%Y\"");
}

TEST_CASE("date: trailing text after a custom date is refused") {
    CHECK(why_not("31.10.2026x", "%d.%m.%Y") ==
          "does not match the date format \"%d.%m.%Y\"");
    CHECK(why_not("31.10.2026 soon", "%d.%m.%Y") ==
          "does not match the date format \"%d.%m.%Y\"");
}

TEST_CASE("date: a time of day after the date is ignored") {
    using dunn::util::format_date;
    using dunn::util::parse_date;
    CHECK(format_date(*parse_date("2026-02-03T10:00")) == "2026-02-03");
    CHECK(format_date(*parse_date("2026-02-14 23:59")) == "2026-02-14");
    CHECK(format_date(*parse_date("2026-02-14 23:59:59Z")) == "2026-02-14");
    CHECK(format_date(*parse_date("31.10.2026 10:00", "%d.%m.%Y")) ==
          "2026-10-31");
    CHECK_FALSE(parse_date("2026-02-30 10:00"));
}

TEST_CASE("date: a custom format still checks the calendar") {
    CHECK(why_not("31.04.2026", "%d.%m.%Y") == "is not a day in the calendar");
    CHECK(why_not("29.02.2026", "%d.%m.%Y") == "is not a day in the calendar");
    CHECK(why_not("30022026", "%d%m%Y") == "is not a day in the calendar");
}

TEST_CASE("date: a two-digit year does not pass for %Y") {
    // "31.10.26" read as the year 26 would make an invoice 2000 years
    // overdue; the ISO reader refuses short years too.
    CHECK(why_not("31.10.26", "%d.%m.%Y") ==
          "does not match the date format \"%d.%m.%Y\"");
    CHECK(parsed("31.10.26", "%d.%m.%y") == "2026-10-31");
}

TEST_CASE("date: format_date writes ISO with leading zeros") {
    CHECK(format_date(ymd(2026, 10, 31)) == "2026-10-31");
    CHECK(format_date(ymd(2026, 1, 5)) == "2026-01-05");
    CHECK(format_date(ymd(999, 12, 1)) == "0999-12-01");
}

TEST_CASE("date: days_between counts calendar days, negative backwards") {
    CHECK(days_between(ymd(2026, 10, 1), ymd(2026, 10, 31)) == 30);
    CHECK(days_between(ymd(2026, 10, 31), ymd(2026, 10, 1)) == -30);
    CHECK(days_between(ymd(2026, 10, 1), ymd(2026, 10, 1)) == 0);
}

TEST_CASE("date: days_between across a leap day and a year boundary") {
    CHECK(days_between(ymd(2024, 2, 28), ymd(2024, 3, 1)) == 2);
    CHECK(days_between(ymd(2026, 2, 28), ymd(2026, 3, 1)) == 1);
    CHECK(days_between(ymd(2025, 12, 31), ymd(2026, 1, 1)) == 1);
    CHECK(days_between(ymd(2025, 12, 20), ymd(2026, 1, 10)) == 21);
    CHECK(days_between(ymd(2024, 1, 1), ymd(2025, 1, 1)) == 366);
}

TEST_CASE("date: add_days moves across months and years") {
    CHECK(add_days(ymd(2026, 10, 31), 1) == ymd(2026, 11, 1));
    CHECK(add_days(ymd(2026, 12, 25), 7) == ymd(2027, 1, 1));
    CHECK(add_days(ymd(2024, 2, 28), 1) == ymd(2024, 2, 29));
    CHECK(add_days(ymd(2026, 3, 1), -1) == ymd(2026, 2, 28));
    CHECK(add_days(ymd(2026, 3, 1), 0) == ymd(2026, 3, 1));
}

TEST_CASE("date: today_local is a real calendar day") {
    std::chrono::year_month_day today{dunn::util::today_local()};
    CHECK(today.ok());
    CHECK(int(today.year()) >= 2024);
}

TEST_CASE("date: date_text writes the same text as format_date") {
    using dunn::util::date_text;
    using dunn::util::format_date;
    using dunn::util::parse_date;
    CHECK(std::string(date_text(*parse_date("2026-02-03")).c_str()) ==
          "2026-02-03");
    CHECK(std::string(date_text(*parse_date("0001-01-01")).c_str()) ==
          "0001-01-01");
    // Outside four digits the text grows instead of being cut.
    auto far = std::chrono::sys_days(
        std::chrono::year(12026) / std::chrono::month(1) / std::chrono::day(5));
    CHECK(std::string(date_text(far).c_str()) == "12026-01-05");
    CHECK(format_date(far) == "12026-01-05");
}

TEST_CASE("date: which common formats read a date written otherwise") {
    using dunn::util::other_formats_reading;
    using Formats = std::vector<std::string>;
    CHECK(other_formats_reading("01.10.2026", "%Y-%m-%d") ==
          Formats{"%d.%m.%Y"});
    CHECK(other_formats_reading("1/10/2026", "%Y-%m-%d") ==
          Formats{"%d/%m/%Y", "%m/%d/%Y"});
    CHECK(other_formats_reading("13/10/2026", "%Y-%m-%d") ==
          Formats{"%d/%m/%Y"});
    CHECK(other_formats_reading("10/13/2026", "%d/%m/%Y") ==
          Formats{"%m/%d/%Y"});
    CHECK(other_formats_reading(" 2026-10-01 09:12 ", "%d.%m.%Y") ==
          Formats{"%Y-%m-%d"});
    CHECK(other_formats_reading("01102026", "%Y-%m-%d") == Formats{"%d%m%Y"});
    // No format makes a day of junk, of a day that does not exist, or of
    // a two-digit year.
    CHECK(other_formats_reading("yesterday", "%Y-%m-%d").empty());
    CHECK(other_formats_reading("31.02.2026", "%Y-%m-%d").empty());
    CHECK(other_formats_reading("01.10.26", "%Y-%m-%d").empty());
}
