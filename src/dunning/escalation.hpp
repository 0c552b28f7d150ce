#pragma once

#include "policy/policy.hpp"
#include "util/date.hpp"
#include "util/money.hpp"

#include <optional>
#include <string>

// The escalation rule as pure functions of an invoice's standing, the
// policy and a date (docs/escalation.md). Nothing here reads a clock, a
// file or the ledger.
namespace dunn::dunning {

using util::Date;
using util::Money;

// What the rule needs to know about one invoice.
struct Standing {
    Date due{};
    Money open;                       // what is still to be paid
    int levels_sent = 0;              // reminders already written
    std::optional<Date> last_step_on; // date of the last one
    bool held = false;
    std::optional<Date> held_until; // last day of the hold, if any
    bool cancelled = false;         // by the shop's invoicing tool
};

// Why an invoice gets a step today, or why not.
enum class Reason {
    due,          // the next level is due today
    nothing_open, // paid in full
    cancelled,    // cancelled in the invoicing tool
    on_hold,      // held until released
    held_until,   // held until a date not yet past
    all_levels_sent,
    below_minimum, // open amount under min_amount
    not_yet,       // not far enough past the due date
    too_soon,      // too soon after the previous reminder
};

struct Decision {
    Reason reason = Reason::not_yet;
    int level = -1;                  // index into policy.levels when due
    std::optional<Date> eligible_on; // first day a step can be due
};

// Decides whether the next level is due for `s` on `as_of`. At most one
// level: an invoice far overdue on its first run gets the first level.
Decision decide(const Standing& s, const policy::Policy& p, Date as_of);

// The first day decide() would return Reason::due, or nothing if no day
// ever will (paid, on hold without end, all levels sent, below minimum).
// For every date d: decide(s, p, d).reason == Reason::due exactly when
// next_due_on(s, p) <= d.
std::optional<Date> next_due_on(const Standing& s, const policy::Policy& p);

// One line for --verbose: "due: level 'second'", "too soon: the last
// reminder was on 2026-10-03; the next may go on 2026-10-10", ...
std::string explain(const Decision& d, const Standing& s,
                    const policy::Policy& p, Date as_of);

} // namespace dunn::dunning
