#include "claim/interest.hpp"

#include <catch2/catch.hpp>
#include <string>

using dunn::claim::annual_rate;
using dunn::claim::BaseRate;
using dunn::claim::compensation;
using dunn::claim::DebtorKind;
using dunn::claim::german_base_rates;
using dunn::claim::InterestMode;
using dunn::claim::InterestPolicy;
using dunn::claim::merge_base_rates;
using dunn::claim::stale_rate_warning;
using dunn::util::Date;
using dunn::util::format_date;
using dunn::util::Money;
using dunn::util::Percent;

namespace {

Date day(const std::string& iso) {
    return *dunn::util::parse_date(iso);
}

BaseRate rate_from(const std::string& iso, long long units) {
    return {day(iso), Percent::from_units(units)};
}

InterestPolicy statutory_de() {
    return {InterestMode::statutory_de, Percent(), german_base_rates()};
}

// Bank of England rates around 2024-2025, as a user would configure them.
InterestPolicy statutory_uk() {
    return {InterestMode::statutory_uk,
            Percent(),
            {rate_from("2023-08-03", 52'500), rate_from("2024-08-01", 50'000),
             rate_from("2024-11-07", 47'500), rate_from("2025-02-06", 45'000),
             rate_from("2025-05-08", 42'500), rate_from("2025-08-07", 40'000)}};
}

// The rate in ten-thousandths of a percent; -1 for no interest at all,
// which no test expects as a rate.
long long units(const InterestPolicy& policy, DebtorKind kind,
                const std::string& due, const std::string& on) {
    auto rate = annual_rate(policy, kind, day(due), day(on));
    return rate ? rate->units() : -1;
}

long long compensation_cents(const InterestPolicy& policy, DebtorKind kind,
                             const std::string& currency, long long debt) {
    return compensation(policy, kind, currency, Money::cents(debt)).minor();
}

std::string warning(const InterestPolicy& policy, const std::string& as_of) {
    return stale_rate_warning(policy, day(as_of)).value_or("(none)");
}

constexpr DebtorKind business = DebtorKind::business;
constexpr DebtorKind consumer = DebtorKind::consumer;

} // namespace

TEST_CASE("interest: the German base rates 2023-2026 are built in") {
    const auto& table = german_base_rates();
    REQUIRE(table.size() == 7);
    CHECK(format_date(table.front().from) == "2023-01-01");
    CHECK(table.front().percent.units() == 16'200);
    CHECK(format_date(table[3].from) == "2024-07-01");
    CHECK(table[3].percent.units() == 33'700);
    CHECK(format_date(table.back().from) == "2026-01-01");
    CHECK(table.back().percent.units() == 12'700);
    for (std::size_t i = 1; i < table.size(); ++i)
        CHECK(table[i - 1].from < table[i].from);
}

TEST_CASE("interest: statutory-de is base + 9 for business, + 5 for consumer") {
    InterestPolicy de = statutory_de();
    CHECK(units(de, business, "2025-06-15", "2025-06-30") == 112'700);
    CHECK(units(de, consumer, "2025-06-15", "2025-06-30") == 72'700);
    CHECK(units(de, business, "2025-06-15", "2025-07-01") == 102'700);
    CHECK(units(de, consumer, "2025-06-15", "2025-07-01") == 62'700);
}

TEST_CASE("interest: statutory-de follows the base rate on each day") {
    InterestPolicy de = statutory_de();
    // The due date does not fix the rate: only the day asked about counts.
    CHECK(units(de, business, "2023-03-01", "2023-06-30") == 106'200);
    CHECK(units(de, business, "2023-03-01", "2023-07-01") == 121'200);
    CHECK(units(de, business, "2023-03-01", "2024-01-01") == 126'200);
}

TEST_CASE("interest: before the table its first rate, after it its last") {
    InterestPolicy de = statutory_de();
    CHECK(units(de, business, "2022-01-01", "2022-06-01") == 106'200);
    CHECK(units(de, business, "2026-01-01", "2031-12-31") == 102'700);
}

TEST_CASE("interest: a negative base rate carries into the rate") {
    InterestPolicy de{InterestMode::statutory_de,
                      Percent(),
                      {rate_from("2016-07-01", -8'800)}};
    CHECK(units(de, consumer, "2019-01-31", "2019-02-01") == 41'200);
    CHECK(units(de, business, "2019-01-31", "2019-02-01") == 81'200);
}

TEST_CASE("interest: fixed mode charges its rate to anyone on any day") {
    InterestPolicy fixed{InterestMode::fixed, Percent::points(8), {}};
    CHECK(units(fixed, consumer, "2025-01-01", "2025-03-01") == 80'000);
    CHECK(units(fixed, business, "2025-01-01", "2030-03-01") == 80'000);
}

TEST_CASE("interest: no mode or no base rate table means no interest") {
    InterestPolicy none;
    CHECK(units(none, business, "2025-01-01", "2025-03-01") == -1);
    InterestPolicy empty_de{InterestMode::statutory_de, Percent(), {}};
    CHECK(units(empty_de, business, "2025-01-01", "2025-03-01") == -1);
    InterestPolicy empty_uk{InterestMode::statutory_uk, Percent(), {}};
    CHECK(units(empty_uk, business, "2025-01-01", "2025-03-01") == -1);
}

TEST_CASE("interest: statutory-uk overdue in March uses the 31 December "
          "before, for the whole debt") {
    InterestPolicy uk = statutory_uk();
    // Overdue on 2025-03-11; on 2024-12-31 the rate was 4.75% (from
    // 2024-11-07), whatever it became later.
    CHECK(units(uk, business, "2025-03-10", "2025-03-11") == 127'500);
    CHECK(units(uk, business, "2025-03-10", "2025-09-01") == 127'500);
}

TEST_CASE("interest: statutory-uk overdue on 1 July uses 30 June") {
    InterestPolicy uk = statutory_uk();
    // Due 30 June, overdue 1 July: 30 June is strictly before, at 4.25%.
    CHECK(units(uk, business, "2025-06-30", "2025-07-01") == 122'500);
    // Due 29 June, overdue on 30 June itself: back to 31 December, 4.75%.
    CHECK(units(uk, business, "2025-06-29", "2025-07-01") == 127'500);
    // Overdue on 1 January: the 31 December just before, 4.75%.
    CHECK(units(uk, business, "2024-12-31", "2025-01-01") == 127'500);
    // Overdue on 31 December: the 30 June before, 5.25%.
    CHECK(units(uk, business, "2024-12-30", "2025-01-01") == 132'500);
}

TEST_CASE("interest: statutory-uk counts an entry starting on the "
          "reference day") {
    InterestPolicy uk = statutory_uk();
    uk.base_rates.push_back(rate_from("2025-06-30", 10'000));
    CHECK(units(uk, business, "2025-06-30", "2025-07-01") == 90'000);
}

TEST_CASE("interest: statutory-uk before its table uses the first entry") {
    InterestPolicy uk = statutory_uk();
    CHECK(units(uk, business, "2020-03-10", "2020-04-01") == 132'500);
}

TEST_CASE("interest: statutory-uk gives consumers no interest") {
    CHECK(units(statutory_uk(), consumer, "2025-03-10", "2025-04-01") == -1);
}

TEST_CASE("interest: statutory-de compensation is EUR 40 for businesses") {
    InterestPolicy de = statutory_de();
    CHECK(compensation_cents(de, business, "EUR", 1) == 40'00);
    CHECK(compensation_cents(de, business, "EUR", 50'000'00) == 40'00);
    CHECK(compensation_cents(de, consumer, "EUR", 50'000'00) == 0);
    CHECK(compensation_cents(de, business, "GBP", 50'000'00) == 0);
}

TEST_CASE("interest: statutory-uk compensation steps at 1,000 and 10,000") {
    InterestPolicy uk = statutory_uk();
    CHECK(compensation_cents(uk, business, "GBP", 999'99) == 40'00);
    CHECK(compensation_cents(uk, business, "GBP", 1'000'00) == 70'00);
    CHECK(compensation_cents(uk, business, "GBP", 9'999'99) == 70'00);
    CHECK(compensation_cents(uk, business, "GBP", 10'000'00) == 100'00);
    CHECK(compensation_cents(uk, business, "EUR", 10'000'00) == 0);
    CHECK(compensation_cents(uk, consumer, "GBP", 10'000'00) == 0);
}

TEST_CASE("interest: no compensation without a statutory mode") {
    InterestPolicy fixed{InterestMode::fixed, Percent::points(8), {}};
    CHECK(compensation_cents(fixed, business, "EUR", 1'000'00) == 0);
    CHECK(compensation_cents(InterestPolicy(), business, "EUR", 100) == 0);
}

TEST_CASE("interest: merge_base_rates replaces same days, adds the rest") {
    auto merged = merge_base_rates(german_base_rates(),
                                   {rate_from("2026-07-01", 15'000),
                                    rate_from("2025-07-01", 99'900),
                                    rate_from("2022-07-01", -8'800)});

    REQUIRE(merged.size() == 9);
    CHECK(format_date(merged.front().from) == "2022-07-01");
    CHECK(merged.front().percent.units() == -8'800);
    CHECK(format_date(merged[6].from) == "2025-07-01");
    CHECK(merged[6].percent.units() == 99'900);
    CHECK(format_date(merged.back().from) == "2026-07-01");
    CHECK(merged.back().percent.units() == 15'000);
    for (std::size_t i = 1; i < merged.size(); ++i)
        CHECK(merged[i - 1].from < merged[i].from);
}

TEST_CASE("interest: merge_base_rates into an empty table sorts it") {
    auto merged = merge_base_rates({}, {rate_from("2025-02-06", 45'000),
                                        rate_from("2024-08-01", 50'000),
                                        rate_from("2025-02-06", 44'000)});
    REQUIRE(merged.size() == 2);
    CHECK(format_date(merged[0].from) == "2024-08-01");
    // The later of two overrides for one day wins.
    CHECK(merged[1].percent.units() == 44'000);
}

TEST_CASE("interest: stale rate warning from six months and a day on") {
    InterestPolicy de = statutory_de(); // newest entry 2026-01-01
    CHECK(warning(de, "2026-06-30") == "(none)");
    CHECK(warning(de, "2026-07-01") == "(none)");
    CHECK(warning(de, "2026-07-02") ==
          "the newest base rate in the table is from 2026-01-01, more than "
          "six months before 2026-07-02; add the current rate as "
          "[[interest.base_rate]] in dunn.toml");
}

TEST_CASE("interest: stale rate warning counts calendar months") {
    // 31 August + 6 months has no 31st: the last day of February counts.
    InterestPolicy de{InterestMode::statutory_de,
                      Percent(),
                      {rate_from("2025-08-31", 12'700)}};
    CHECK(warning(de, "2026-02-28") == "(none)");
    CHECK(warning(de, "2026-03-01") != "(none)");
}

TEST_CASE("interest: stale rate warning only for statutory tables") {
    CHECK(warning(statutory_uk(), "2026-02-07") == "(none)");
    CHECK(warning(statutory_uk(), "2026-02-08") != "(none)");

    InterestPolicy fixed{InterestMode::fixed, Percent::points(8),
                         german_base_rates()};
    CHECK(warning(fixed, "2030-01-01") == "(none)");
    CHECK(warning(InterestPolicy(), "2030-01-01") == "(none)");
    InterestPolicy empty_de{InterestMode::statutory_de, Percent(), {}};
    CHECK(warning(empty_de, "2030-01-01") == "(none)");
}
