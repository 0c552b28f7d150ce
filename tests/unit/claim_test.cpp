#include "claim/claim.hpp"

#include <catch2/catch.hpp>
#include <string>

using dunn::claim::BaseRate;
using dunn::claim::Charge;
using dunn::claim::Claim;
using dunn::claim::ClaimFacts;
using dunn::claim::compute;
using dunn::claim::DebtorKind;
using dunn::claim::german_base_rates;
using dunn::claim::InterestMode;
using dunn::claim::InterestPolicy;
using dunn::claim::level_fee;
using dunn::claim::PaymentEvent;
using dunn::claim::PaymentOrder;
using dunn::util::Date;
using dunn::util::format_date;
using dunn::util::Money;
using dunn::util::Percent;

// Expected interest below is worked out by hand as
//   principal (cents) * rate (%) / 100 * days / 365,
// summed over the periods and rounded once, half-up, to cents.
namespace {

Date day(const std::string& iso) {
    return *dunn::util::parse_date(iso);
}

Money cents(long long c) {
    return Money::cents(c);
}

InterestPolicy statutory_de() {
    return {InterestMode::statutory_de, Percent(), german_base_rates()};
}

InterestPolicy fixed_percent(long long whole) {
    return {InterestMode::fixed, Percent::points(whole), {}};
}

// An invoice of `principal` cents, due on `due`, from a business.
ClaimFacts invoice(long long principal, const std::string& due) {
    ClaimFacts f;
    f.principal = cents(principal);
    f.due = day(due);
    f.kind = DebtorKind::business;
    return f;
}

void pay(ClaimFacts& f, const std::string& on, long long amount) {
    f.payments.push_back({day(on), cents(amount)});
}

void charge_fee(ClaimFacts& f, const std::string& on, long long fee,
                long long compensation = 0) {
    f.charges.push_back({day(on), cents(fee), cents(compensation)});
}

Claim claim_on(const ClaimFacts& f, const InterestPolicy& policy,
               const std::string& as_of,
               PaymentOrder order = PaymentOrder::principal_first) {
    return compute(f, policy, order, day(as_of));
}

// "2025-06-16..2025-06-30 100000 @112700 = 463": one period, readable in
// a failure message.
std::string describe(const dunn::claim::InterestPeriod& p) {
    return format_date(p.from) + ".." + format_date(p.to) + " " +
           std::to_string(p.principal.minor()) + " @" +
           std::to_string(p.rate.units()) + " = " +
           std::to_string(p.interest.minor());
}

constexpr auto bgb = PaymentOrder::costs_interest_principal;

} // namespace

TEST_CASE("claim: worked example, EUR 1,000 b2b, statutory-de, 60 days") {
    // 15 days at 11.27% to 30 June, 45 days at 10.27% after:
    // 1000 * (0.1127 * 15 + 0.1027 * 45) / 365 = 17.2931... -> 17.29.
    Claim c =
        claim_on(invoice(1'000'00, "2025-06-15"), statutory_de(), "2025-08-14");

    CHECK(c.interest_accrued.minor() == 17'29);
    CHECK(c.interest_open.minor() == 17'29);
    REQUIRE(c.periods.size() == 2);
    CHECK(describe(c.periods[0]) ==
          "2025-06-16..2025-06-30 100000 @112700 = 463");
    CHECK(describe(c.periods[1]) ==
          "2025-07-01..2025-08-14 100000 @102700 = 1266");
    CHECK(c.periods[0].days() + c.periods[1].days() == 60);
    REQUIRE(c.interest_from);
    CHECK(format_date(*c.interest_from) == "2025-06-16");
    REQUIRE(c.rate_on_as_of);
    CHECK(c.rate_on_as_of->units() == 102'700);
    CHECK(c.principal_open.minor() == 1'000'00);
    CHECK(c.total_open().minor() == 1'017'29);
}

TEST_CASE("claim: worked example, 100.00 at a fixed 10% for 15 days") {
    // 100 * 0.10 * 15 / 365 = 0.41095... -> 0.41.
    Claim c = claim_on(invoice(100'00, "2025-03-01"), fixed_percent(10),
                       "2025-03-16");
    CHECK(c.interest_accrued.minor() == 41);
    REQUIRE(c.periods.size() == 1);
    CHECK(c.periods[0].days() == 15);
}

TEST_CASE("claim: a leap year has 366 days of interest over 365") {
    // 2024-01-01..2024-12-31 is 366 days: 1000 * 0.10 * 366 / 365
    // = 100.27397... -> 100.27, a little more than a year's rate.
    Claim c = claim_on(invoice(1'000'00, "2023-12-31"), fixed_percent(10),
                       "2024-12-31");
    CHECK(c.interest_accrued.minor() == 100'27);
    REQUIRE(c.periods.size() == 1);
    CHECK(c.periods[0].days() == 366);
}

TEST_CASE("claim: 29 February is a day of interest") {
    // 28 Feb, 29 Feb, 1 Mar: 1000 * 0.10 * 3 / 365 = 0.8219... -> 0.82.
    Claim c = claim_on(invoice(1'000'00, "2024-02-27"), fixed_percent(10),
                       "2024-03-01");
    CHECK(c.interest_accrued.minor() == 82);
    REQUIRE(c.periods.size() == 1);
    CHECK(c.periods[0].days() == 3);
}

TEST_CASE("claim: a partial payment lowers the principal the next day") {
    // Due 2025-01-31; 30 days to 2025-03-02. 400.00 paid on day 10
    // (2025-02-10), so 600.00 is open from day 11:
    // (1000 * 10 + 600 * 20) * 0.10 / 365 = 6.0274... -> 6.03.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-02-10", 400'00);
    Claim c = claim_on(f, fixed_percent(10), "2025-03-02");

    CHECK(c.interest_accrued.minor() == 6'03);
    CHECK(c.interest_open.minor() == 6'03);
    CHECK(c.principal_open.minor() == 600'00);
    CHECK(c.paid.minor() == 400'00);
    REQUIRE(c.periods.size() == 2);
    CHECK(describe(c.periods[0]) ==
          "2025-02-01..2025-02-10 100000 @100000 = 274");
    CHECK(describe(c.periods[1]) ==
          "2025-02-11..2025-03-02 60000 @100000 = 329");
}

TEST_CASE("claim: a partial payment under BGB 367 covers interest first") {
    // Same facts. On 2025-02-10 the interest so far is
    // 1000 * 0.10 * 10 / 365 = 2.7397 -> 2.74, so the 400.00 pays 2.74
    // interest and 397.26 principal; 602.74 is open from 2025-02-11.
    // Interest: (1000 * 10 + 602.74 * 20) * 0.10 / 365 = 6.0424 -> 6.04,
    // of which 2.74 is paid: 3.30 open.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-02-10", 400'00);
    Claim c = claim_on(f, fixed_percent(10), "2025-03-02", bgb);

    CHECK(c.principal_open.minor() == 602'74);
    CHECK(c.interest_accrued.minor() == 6'04);
    CHECK(c.interest_open.minor() == 3'30);
    REQUIRE(c.periods.size() == 2);
    CHECK(c.periods[1].principal.minor() == 602'74);
}

TEST_CASE("claim: a payment on the due date counts from the first day") {
    // 600.00 is open for all 30 days: 600 * 0.10 * 30 / 365 = 4.93.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-01-31", 400'00);
    Claim c = claim_on(f, fixed_percent(10), "2025-03-02");

    CHECK(c.interest_accrued.minor() == 4'93);
    REQUIRE(c.periods.size() == 1);
    CHECK(describe(c.periods[0]) ==
          "2025-02-01..2025-03-02 60000 @100000 = 493");
}

TEST_CASE("claim: a payment after as_of counts, interest stops at as_of") {
    // 30 days on 1000.00: 1000 * 0.10 * 30 / 365 = 8.219 -> 8.22.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-03-10", 1'000'00);
    Claim c = claim_on(f, fixed_percent(10), "2025-03-02");

    CHECK(c.paid.minor() == 1'000'00);
    CHECK(c.principal_open.minor() == 0);
    CHECK(c.interest_accrued.minor() == 8'22);
    CHECK(c.interest_open.minor() == 8'22);
    REQUIRE(c.periods.size() == 1);
    CHECK(format_date(c.periods[0].to) == "2025-03-02");
}

TEST_CASE("claim: interest on a paid invoice stops after the payment day") {
    // Paid in full on 2025-02-10: 10 days, 1000 * 0.10 * 10 / 365 = 2.74,
    // and nothing from 2025-02-11 to as_of.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-02-10", 1'000'00);
    Claim c = claim_on(f, fixed_percent(10), "2025-03-31");

    CHECK(c.interest_accrued.minor() == 2'74);
    CHECK(c.total_open().minor() == 2'74);
    REQUIRE(c.periods.size() == 1);
    CHECK(format_date(c.periods[0].to) == "2025-02-10");
}

TEST_CASE("claim: BGB 367 leaves principal open where principal-first "
          "leaves the fee") {
    // A 5.00 fee is charged before a payment of exactly the principal.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    charge_fee(f, "2025-02-15", 5'00);
    pay(f, "2025-02-20", 1'000'00);

    Claim german = claim_on(f, InterestPolicy(), "2025-03-02", bgb);
    CHECK(german.fees_open.minor() == 0);
    CHECK(german.principal_open.minor() == 5'00);

    Claim plain = claim_on(f, InterestPolicy(), "2025-03-02");
    CHECK(plain.fees_open.minor() == 5'00);
    CHECK(plain.principal_open.minor() == 0);

    CHECK(german.total_open() == plain.total_open());
    CHECK(german.fees_charged.minor() == 5'00);
}

TEST_CASE("claim: BGB 367 with interest: costs, interest, then principal") {
    // To 2025-02-20: 1000 * 0.10 * 20 / 365 = 5.479 -> 5.48. The 1000.00
    // pays the 5.00 fee, 5.48 interest and 989.52 principal, leaving
    // 10.48 open from 2025-02-21; 10 more days to 2025-03-02:
    // (1000 * 20 + 10.48 * 10) * 0.10 / 365 = 5.508 -> 5.51, 0.03 open.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    charge_fee(f, "2025-02-15", 5'00);
    pay(f, "2025-02-20", 1'000'00);

    Claim german = claim_on(f, fixed_percent(10), "2025-03-02", bgb);
    CHECK(german.principal_open.minor() == 10'48);
    CHECK(german.fees_open.minor() == 0);
    CHECK(german.interest_accrued.minor() == 5'51);
    CHECK(german.interest_open.minor() == 3);

    // Principal first: the fee and all 5.48 of interest stay open.
    Claim plain = claim_on(f, fixed_percent(10), "2025-03-02");
    CHECK(plain.principal_open.minor() == 0);
    CHECK(plain.fees_open.minor() == 5'00);
    CHECK(plain.interest_open.minor() == 5'48);
}

TEST_CASE("claim: principal-first pays fees before interest") {
    // 1003.00 on 2025-02-20: 1000.00 principal, then 3.00 of the 5.00
    // fee; none of the 5.48 interest.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    charge_fee(f, "2025-02-15", 5'00);
    pay(f, "2025-02-20", 1'003'00);
    Claim c = claim_on(f, fixed_percent(10), "2025-02-20");

    CHECK(c.principal_open.minor() == 0);
    CHECK(c.fees_open.minor() == 2'00);
    CHECK(c.interest_open.minor() == 5'48);
}

TEST_CASE("claim: BGB 367 pays costs before interest") {
    // 7.00 on 2025-02-20: the 5.00 fee, then 2.00 of the 5.48 interest.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    charge_fee(f, "2025-02-15", 5'00);
    pay(f, "2025-02-20", 7'00);
    Claim c = claim_on(f, fixed_percent(10), "2025-02-20", bgb);

    CHECK(c.fees_open.minor() == 0);
    CHECK(c.interest_open.minor() == 3'48);
    CHECK(c.principal_open.minor() == 1'000'00);
}

TEST_CASE("claim: BGB 367 with a payment smaller than the interest") {
    // 2.74 interest by 2025-02-10; 2.00 covers part of it and no principal.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-02-10", 2'00);
    Claim c = claim_on(f, fixed_percent(10), "2025-02-10", bgb);

    CHECK(c.principal_open.minor() == 1'000'00);
    CHECK(c.interest_accrued.minor() == 2'74);
    CHECK(c.interest_open.minor() == 74);
}

TEST_CASE("claim: on one day a charge comes before a payment") {
    // Under BGB 367 a payment of the principal on the day a 5.00 fee is
    // charged pays the fee first, so 5.00 of principal stays open; were
    // the payment first, the fee would stay open instead. The order of the
    // lists (payment listed first here) must not matter.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-02-20", 1'000'00);
    charge_fee(f, "2025-02-20", 5'00);
    Claim c = claim_on(f, InterestPolicy(), "2025-03-02", bgb);

    CHECK(c.fees_open.minor() == 0);
    CHECK(c.principal_open.minor() == 5'00);
}

TEST_CASE("claim: a payment covers a fee charged the same day") {
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-02-20", 1'005'00);
    charge_fee(f, "2025-02-20", 5'00);

    for (auto order : {PaymentOrder::principal_first, bgb}) {
        Claim c = claim_on(f, InterestPolicy(), "2025-03-02", order);
        CHECK(c.total_open().minor() == 0);
    }
}

TEST_CASE("claim: credit carries forward to later charges") {
    // 10.00 paid too much; a 5.00 fee is then covered in full and 5.00 of
    // a 40.00 compensation.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-02-10", 1'010'00);
    charge_fee(f, "2025-02-20", 5'00);
    charge_fee(f, "2025-02-25", 0, 40'00);
    Claim c = claim_on(f, InterestPolicy(), "2025-03-02");

    CHECK(c.paid.minor() == 1'010'00);
    CHECK(c.principal_open.minor() == 0);
    CHECK(c.fees_charged.minor() == 5'00);
    CHECK(c.fees_open.minor() == 0);
    CHECK(c.compensation_charged.minor() == 40'00);
    CHECK(c.compensation_open.minor() == 35'00);
    CHECK(c.total_open().minor() == 35'00);
}

TEST_CASE("claim: an overpayment covers interest accrued to its day") {
    // 1003.00 on 2025-02-10: principal, then the 2.74 interest; the 0.26
    // left over goes to a fee charged later.
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    pay(f, "2025-02-10", 1'003'00);
    charge_fee(f, "2025-02-20", 5'00);
    Claim c = claim_on(f, fixed_percent(10), "2025-03-02");

    CHECK(c.interest_accrued.minor() == 2'74);
    CHECK(c.interest_open.minor() == 0);
    CHECK(c.fees_open.minor() == 4'74);
}

TEST_CASE("claim: a charge after as_of is not yet owed") {
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    charge_fee(f, "2025-03-03", 5'00, 40'00);
    Claim c = claim_on(f, InterestPolicy(), "2025-03-02");
    CHECK(c.fees_charged.minor() == 0);
    CHECK(c.compensation_charged.minor() == 0);
    CHECK(c.total_open().minor() == 1'000'00);
}

TEST_CASE("claim: rate change and payment split periods, a fee does not") {
    // Statutory-de b2b, 500.00 paid on 2025-06-20, a fee on 2025-07-10:
    //   1000.00 * 11.27% * 5 / 365  = 1.5438
    //    500.00 * 11.27% * 10 / 365 = 1.5438
    //    500.00 * 10.27% * 45 / 365 = 6.3308
    // together 9.4185 -> 9.42.
    ClaimFacts f = invoice(1'000'00, "2025-06-15");
    pay(f, "2025-06-20", 500'00);
    charge_fee(f, "2025-07-10", 5'00);
    Claim c = claim_on(f, statutory_de(), "2025-08-14");

    CHECK(c.interest_accrued.minor() == 9'42);
    REQUIRE(c.periods.size() == 3);
    CHECK(describe(c.periods[0]) ==
          "2025-06-16..2025-06-20 100000 @112700 = 154");
    CHECK(describe(c.periods[1]) ==
          "2025-06-21..2025-06-30 50000 @112700 = 154");
    CHECK(describe(c.periods[2]) ==
          "2025-07-01..2025-08-14 50000 @102700 = 633");
}

TEST_CASE("claim: a base rate entry that repeats the rate starts no period") {
    // 1.27% from 2025-07-01 and again from 2026-01-01: one period of 47
    // days, 1000 * 0.1027 * 47 / 365 = 13.224 -> 13.22.
    Claim c =
        claim_on(invoice(1'000'00, "2025-12-15"), statutory_de(), "2026-01-31");
    REQUIRE(c.periods.size() == 1);
    CHECK(c.periods[0].days() == 47);
    CHECK(c.interest_accrued.minor() == 13'22);
}

TEST_CASE("claim: periods are rounded for display, the total only once") {
    // 14.60 for 1 day and 7.30 for 2 days at 10% are 0.004 each, so each
    // period shows 0.00, but together 0.008 rounds to 0.01.
    ClaimFacts f = invoice(14'60, "2025-03-01");
    pay(f, "2025-03-02", 7'30);
    Claim c = claim_on(f, fixed_percent(10), "2025-03-04");

    REQUIRE(c.periods.size() == 2);
    CHECK(c.periods[0].interest.minor() == 0);
    CHECK(c.periods[1].interest.minor() == 0);
    CHECK(c.interest_accrued.minor() == 1);
}

TEST_CASE("claim: half a cent of interest rounds up, a negative one down") {
    // 18.25 * 10% / 365 = 0.005 exactly.
    ClaimFacts f = invoice(18'25, "2025-03-01");
    Claim up = claim_on(f, fixed_percent(10), "2025-03-02");
    CHECK(up.interest_accrued.minor() == 1);

    // A negative rate is mirrored (half away from zero), but never makes
    // the customer owe less than the principal.
    Claim negative = claim_on(f, fixed_percent(-10), "2025-03-02");
    CHECK(negative.interest_accrued.minor() == -1);
    CHECK(negative.interest_open.minor() == 0);
    CHECK(negative.total_open().minor() == 18'25);
}

TEST_CASE("claim: a negative base rate still gives a consumer interest") {
    // Base -0.88% + 5 points = 4.12%; 2020-02-01..2020-03-01 is 30 days
    // (a leap February): 1000 * 0.0412 * 30 / 365 = 3.386 -> 3.39.
    InterestPolicy de{
        InterestMode::statutory_de,
        Percent(),
        {BaseRate{day("2016-07-01"), Percent::from_units(-8'800)}}};
    ClaimFacts f = invoice(1'000'00, "2020-01-31");
    f.kind = DebtorKind::consumer;
    Claim c = claim_on(f, de, "2020-03-01");

    CHECK(c.interest_accrued.minor() == 3'39);
    REQUIRE(c.rate_on_as_of);
    CHECK(c.rate_on_as_of->units() == 41'200);
}

TEST_CASE("claim: without interest there are no periods and no start") {
    ClaimFacts f = invoice(1'000'00, "2025-01-31");
    Claim none = claim_on(f, InterestPolicy(), "2025-03-02");
    CHECK(none.periods.empty());
    CHECK_FALSE(none.interest_from);
    CHECK_FALSE(none.rate_on_as_of);
    CHECK(none.interest_accrued.minor() == 0);

    // The UK Act does not cover consumers.
    f.kind = DebtorKind::consumer;
    InterestPolicy uk{
        InterestMode::statutory_uk,
        Percent(),
        {BaseRate{day("2024-11-07"), Percent::from_units(47'500)}}};
    Claim consumer = claim_on(f, uk, "2025-03-02");
    CHECK(consumer.periods.empty());
    CHECK_FALSE(consumer.interest_from);
    CHECK(consumer.total_open().minor() == 1'000'00);
}

TEST_CASE("claim: not yet overdue: interest would start, nothing accrued") {
    Claim c = claim_on(invoice(1'000'00, "2025-01-31"), fixed_percent(10),
                       "2025-01-31");
    REQUIRE(c.interest_from);
    CHECK(format_date(*c.interest_from) == "2025-02-01");
    CHECK(c.periods.empty());
    CHECK(c.interest_accrued.minor() == 0);
}

TEST_CASE("claim: statutory-uk interest is fixed at the reference rate") {
    // Overdue 2025-03-11: 4.75% on 2024-12-31 + 8 = 12.75% throughout,
    // though the bank rate fell on 2025-05-08. 2025-03-11..2025-06-08 is
    // 90 days: 1000 * 0.1275 * 90 / 365 = 31.438 -> 31.44.
    InterestPolicy uk{
        InterestMode::statutory_uk,
        Percent(),
        {BaseRate{day("2024-11-07"), Percent::from_units(47'500)},
         BaseRate{day("2025-05-08"), Percent::from_units(42'500)}}};
    Claim c = claim_on(invoice(1'000'00, "2025-03-10"), uk, "2025-06-08");
    REQUIRE(c.periods.size() == 1);
    CHECK(c.periods[0].rate.units() == 127'500);
    CHECK(c.interest_accrued.minor() == 31'44);
}

TEST_CASE("claim: level_fee is fixed plus a percent rounded half-up") {
    CHECK(level_fee(cents(5'00), std::nullopt, cents(1'000'00)).minor() ==
          5'00);
    // 1.5% of 33.00 is 0.495: exactly half a cent, rounded up to 0.50.
    auto one_and_a_half = Percent::from_units(15'000);
    CHECK(level_fee(Money(), one_and_a_half, cents(33'00)).minor() == 50);
    // 1.5% of 0.33 is 0.00495: below half a cent.
    CHECK(level_fee(Money(), one_and_a_half, cents(33)).minor() == 0);
    // 1.5% of 1.00 is 0.015 -> 0.02.
    CHECK(level_fee(Money(), one_and_a_half, cents(1'00)).minor() == 2);
    CHECK(level_fee(cents(5'00), one_and_a_half, cents(1'000'00)).minor() ==
          20'00);
}
