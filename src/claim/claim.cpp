#include "claim/claim.hpp"

#include <algorithm>
#include <cstdint>

// Interest is kept exact until the end: every period adds
// principal (cents) * rate (ten-thousandths of a percent) * days to one
// numerator, and only the sum is divided by 365 * 100 * 10,000 and rounded.
// The numerator outgrows 64 bits (the largest amount dunn accepts, at an
// ordinary rate, for one year), so it is a 128-bit integer.
namespace dunn::claim {

namespace {

using Wide = __int128;

constexpr Wide interest_denominator =
    Wide(365) * 100 * Percent::units_per_percent;

// numerator / denominator to whole cents, halves rounded up. A negative
// quotient (only a negative rate gives one) rounds its halves away from
// zero, so a negative amount is the mirror of the positive one.
std::int64_t round_half_up(Wide numerator, Wide denominator) {
    bool negative = numerator < 0;
    Wide magnitude = negative ? -numerator : numerator;
    Wide rounded = (magnitude * 2 + denominator) / (denominator * 2);
    return static_cast<std::int64_t>(negative ? -rounded : rounded);
}

Wide numerator_of(const InterestPeriod& p) {
    return Wide(p.principal.minor()) * p.rate.units() * p.days();
}

Money cents_of(Wide numerator) {
    return Money::cents(round_half_up(numerator, interest_denominator));
}

// The interest clock of one invoice. It holds the principal open since
// the last change and the periods closed so far; a stretch of one
// principal is cut into periods only where the rate changes.
class Accrual {
public:
    Accrual(const InterestPolicy& policy, DebtorKind kind, Date due, Date as_of,
            Money principal)
        : policy_(policy), kind_(kind), due_(due), as_of_(as_of),
          principal_(principal), start_(util::add_days(due, 1)) {
        bears_ = annual_rate(policy, kind, due, start_).has_value();
    }

    bool bears_interest() const { return bears_; }

    // The exact interest through `day` (never past as_of), over
    // interest_denominator.
    Wide through(Date day) const {
        Wide sum = closed_;
        for (const InterestPeriod& p : stretch(std::min(day, as_of_)))
            sum += numerator_of(p);
        return sum;
    }

    // The principal is `principal` from the day after `day` on.
    void change_principal(Date day, Money principal) {
        close(std::min(day, as_of_));
        principal_ = principal;
        start_ = std::max(start_, util::add_days(day, 1));
    }

    std::vector<InterestPeriod> finish() {
        close(as_of_);
        start_ = util::add_days(as_of_, 1);
        return periods_;
    }

private:
    void close(Date to) {
        for (const InterestPeriod& p : stretch(to)) {
            closed_ += numerator_of(p);
            periods_.push_back(p);
        }
    }

    // The open stretch from start_ through `to`, cut at rate changes.
    std::vector<InterestPeriod> stretch(Date to) const {
        std::vector<InterestPeriod> out;
        if (!bears_ || principal_.is_zero())
            return out;

        for (Date from = start_; from <= to;) {
            Percent rate = *annual_rate(policy_, kind_, due_, from);
            Date last = to;
            if (auto change = next_change(from, to, rate))
                last = util::add_days(*change, -1);

            InterestPeriod p{from, last, principal_, rate, Money()};
            p.interest = cents_of(numerator_of(p));
            out.push_back(p);
            from = util::add_days(last, 1);
        }
        return out;
    }

    // The first day in (from, to] whose rate differs from `rate`. Rates
    // change only where a base rate entry begins; an entry that repeats
    // the rate before it starts no new period.
    std::optional<Date> next_change(Date from, Date to, Percent rate) const {
        std::optional<Date> first;
        for (const BaseRate& r : policy_.base_rates) {
            bool inside = r.from > from && r.from <= to;
            if (inside && (!first || r.from < *first) &&
                annual_rate(policy_, kind_, due_, r.from) != rate)
                first = r.from;
        }
        return first;
    }

    const InterestPolicy& policy_;
    DebtorKind kind_;
    Date due_;
    Date as_of_;
    bool bears_ = false;
    Money principal_;
    Date start_; // the first day not yet in a closed period
    Wide closed_ = 0;
    std::vector<InterestPeriod> periods_;
};

// What the customer owes at a point in time, and the payments not yet
// spent. Interest is not stored: it accrues outside, and only the part
// payments covered is counted here.
struct Owed {
    Money principal;
    Money fees;
    Money compensation;
    Money interest_covered;
    Money credit;

    Money interest_open(Money accrued) const {
        return std::max(Money(), accrued - interest_covered);
    }

    // Spends the credit on what is owed, in `order`, with `accrued` the
    // interest so far (rounded). What is left stays credit.
    void settle(PaymentOrder order, Money accrued) {
        Money pool = credit;
        auto take = [&pool](Money owed) { return std::min(pool, owed); };
        auto pay = [&](Money& owed) {
            Money part = take(owed);
            owed -= part;
            pool -= part;
        };
        auto pay_interest = [&] {
            Money part = take(interest_open(accrued));
            interest_covered += part;
            pool -= part;
        };

        if (order == PaymentOrder::principal_first) {
            pay(principal);
            pay(fees);
            pay(compensation);
            pay_interest();
        } else {
            pay(fees);
            pay(compensation);
            pay_interest();
            pay(principal);
        }
        credit = pool;
    }
};

// A payment or a charge, as one step in time.
struct Event {
    Date on{};
    bool is_charge = false;
    Money payment;
    Charge charge;
};

// Payments and charges in date order. On one day charges come first, so
// a payment made the day a reminder went out can cover its fee. Charges
// after `as_of` were not owed on `as_of`; payments count whenever made.
std::vector<Event> events_in_order(const ClaimFacts& facts, Date as_of) {
    std::vector<Event> events;
    for (const Charge& c : facts.charges)
        if (c.on <= as_of)
            events.push_back({c.on, true, Money(), c});
    for (const PaymentEvent& p : facts.payments)
        events.push_back({p.on, false, p.amount, Charge()});

    std::stable_sort(events.begin(), events.end(),
                     [](const Event& a, const Event& b) {
                         if (a.on != b.on)
                             return a.on < b.on;
                         return a.is_charge && !b.is_charge;
                     });
    return events;
}

} // namespace

Claim compute(const ClaimFacts& facts, const InterestPolicy& interest,
              PaymentOrder order, Date as_of) {
    Claim claim;
    Accrual accrual(interest, facts.kind, facts.due, as_of, facts.principal);
    Owed owed;
    owed.principal = facts.principal;

    for (const Event& e : events_in_order(facts, as_of)) {
        if (e.is_charge) {
            owed.fees += e.charge.fee;
            owed.compensation += e.charge.compensation;
            claim.fees_charged += e.charge.fee;
            claim.compensation_charged += e.charge.compensation;
        } else {
            owed.credit += e.payment;
            claim.paid += e.payment;
        }

        Money before = owed.principal;
        owed.settle(order, cents_of(accrual.through(e.on)));
        if (owed.principal != before)
            accrual.change_principal(e.on, owed.principal);
    }

    // Credit is left only when everything, principal included, is paid,
    // so no interest accrues after it: nothing is left to settle on as_of.

    claim.interest_accrued = cents_of(accrual.through(as_of));
    claim.periods = accrual.finish();
    claim.principal_open = owed.principal;
    claim.fees_open = owed.fees;
    claim.compensation_open = owed.compensation;
    claim.interest_open = owed.interest_open(claim.interest_accrued);
    if (accrual.bears_interest())
        claim.interest_from = util::add_days(facts.due, 1);
    claim.rate_on_as_of = annual_rate(interest, facts.kind, facts.due, as_of);
    return claim;
}

Money level_fee(Money fixed, std::optional<Percent> percent,
                Money open_principal) {
    if (!percent)
        return fixed;
    Wide part = Wide(open_principal.minor()) * percent->units();
    Wide fee_denominator = Wide(100) * Percent::units_per_percent;
    return fixed + Money::cents(round_half_up(part, fee_denominator));
}

} // namespace dunn::claim
