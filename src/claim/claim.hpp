#pragma once

#include "claim/interest.hpp"

#include <optional>
#include <vector>

// What a customer owes on one invoice on a given day: the open principal,
// fees, compensation and interest, and how payments were applied to them.
// Reminders and `dunn show` both take their figures from compute(), so
// they always agree.
namespace dunn::claim {

// How a payment is split among what is owed.
enum class PaymentOrder {
    principal_first,          // principal, then fees and compensation,
                              // then interest
    costs_interest_principal, // German BGB 367: costs (fees and
                              // compensation), then interest, then principal
};

struct PaymentEvent {
    Date on{};
    Money amount;
};

// A fee and/or compensation charged with a reminder on `on`.
struct Charge {
    Date on{};
    Money fee;
    Money compensation;
};

struct ClaimFacts {
    Money principal; // the invoice amount
    Date due{};
    DebtorKind kind = DebtorKind::consumer;
    std::vector<PaymentEvent> payments; // any order
    std::vector<Charge> charges;        // any order
};

// A stretch of days with one open principal and one rate.
struct InterestPeriod {
    Date from{}; // first day, inclusive
    Date to{};   // last day, inclusive
    Money principal;
    Percent rate;   // annual
    Money interest; // this period alone, rounded half-up (for display)

    int days() const { return util::days_between(from, to) + 1; }
};

struct Claim {
    Money paid;           // all payments
    Money principal_open; // the invoice amount not yet covered
    Money fees_charged;
    Money fees_open;
    Money compensation_charged;
    Money compensation_open;
    Money interest_accrued; // up to as_of, rounded once
    Money interest_open;    // accrued, less what payments covered
    std::vector<InterestPeriod> periods;
    std::optional<Date> interest_from;    // the day after the due date
    std::optional<Percent> rate_on_as_of; // the rate in force on as_of

    Money total_open() const {
        return principal_open + fees_open + compensation_open + interest_open;
    }
};

// The claim on `as_of`. Rules (docs/claims.md):
// - Interest is simple interest on the open principal, from the day after
//   the due date up to and including `as_of`, days / 365 in every year,
//   summed exactly over periods split at rate changes and at principal
//   changes, and rounded once, half-up, to cents.
// - A payment on day D lowers the principal from day D + 1.
// - Payments are applied in date order as `order` says. Under
//   costs_interest_principal, a payment on day D covers the fees and
//   compensation charged on or before D, then the interest accrued up to D
//   (rounded half-up), then principal. Under principal_first, a payment
//   covers principal, then fees and compensation charged on or before D,
//   then interest accrued up to D. Money beyond what is owed at its date is
//   held as credit and covers, in the same order, what is charged or
//   accrues later; no amount ever goes below zero.
// - Every payment counts whatever its date, even one after `as_of`;
//   interest never accrues after `as_of`. A charge dated after `as_of` was
//   not yet owed on `as_of` and is left out.
// - On one day, charges come before payments, so a payment made the day a
//   reminder went out can cover its fee.
// - Periods start where the rate or the principal changes; a base rate
//   entry that repeats the rate before it starts none.
// - Only a negative rate makes interest negative; it is rounded half away
//   from zero and reported in interest_accrued and the periods, but
//   interest_open never goes below zero.
Claim compute(const ClaimFacts& facts, const InterestPolicy& interest,
              PaymentOrder order, Date as_of);

// A level's fee: `fixed`, plus `percent` of the open principal rounded
// half-up to cents (1.5% of 33.00 is 0.495, so 0.50).
Money level_fee(Money fixed, std::optional<Percent> percent,
                Money open_principal);

} // namespace dunn::claim
