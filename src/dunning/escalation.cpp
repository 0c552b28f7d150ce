#include "dunning/escalation.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace dunn::dunning {

namespace {

// Two steps for one invoice never fall on the same day, even with
// min_days_between = 0: running twice on one date must write nothing new.
int gap_days(const policy::Policy& p) {
    return std::max(p.min_days_between, 1);
}

} // namespace

std::optional<Date> next_due_on(const Standing& s, const policy::Policy& p) {
    if (s.cancelled || s.open <= Money() || s.open < p.min_amount)
        return std::nullopt;
    if (s.held && !s.held_until)
        return std::nullopt;
    if (s.levels_sent >= static_cast<int>(p.levels.size()))
        return std::nullopt;

    const policy::Level& next =
        p.levels[static_cast<std::size_t>(s.levels_sent)];
    Date day = util::add_days(s.due, next.after_days);
    if (s.last_step_on)
        day = std::max(day, util::add_days(*s.last_step_on, gap_days(p)));
    if (s.held)
        day = std::max(day, util::add_days(*s.held_until, 1));
    return day;
}

Decision decide(const Standing& s, const policy::Policy& p, Date as_of) {
    Decision d;
    d.eligible_on = next_due_on(s, p);

    if (s.cancelled)
        d.reason = Reason::cancelled;
    else if (s.open <= Money())
        d.reason = Reason::nothing_open;
    else if (s.held && !s.held_until)
        d.reason = Reason::on_hold;
    else if (s.levels_sent >= static_cast<int>(p.levels.size()))
        d.reason = Reason::all_levels_sent;
    else if (s.open < p.min_amount)
        d.reason = Reason::below_minimum;
    else if (s.held && as_of <= *s.held_until)
        d.reason = Reason::held_until;
    else if (s.last_step_on &&
             util::days_between(*s.last_step_on, as_of) < gap_days(p))
        d.reason = Reason::too_soon;
    else if (as_of < *d.eligible_on)
        d.reason = Reason::not_yet;
    else
        d.reason = Reason::due;

    if (d.reason == Reason::due)
        d.level = s.levels_sent;
    return d;
}

std::string explain(const Decision& d, const Standing& s,
                    const policy::Policy& p, Date as_of) {
    int overdue = util::days_between(s.due, as_of);
    auto next_level = [&]() -> const policy::Level& {
        return p.levels[static_cast<std::size_t>(s.levels_sent)];
    };
    switch (d.reason) {
    case Reason::due:
        return fmt::format("due: level '{}' ({} days overdue; the level "
                           "starts at {})",
                           next_level().name, overdue, next_level().after_days);
    case Reason::nothing_open:
        return "nothing: paid in full";
    case Reason::cancelled:
        return "nothing: cancelled";
    case Reason::on_hold:
        return "nothing: on hold until released";
    case Reason::held_until:
        return fmt::format("nothing: on hold until {}",
                           util::format_date(*s.held_until));
    case Reason::all_levels_sent:
        return "nothing: every level has been sent";
    case Reason::below_minimum:
        return fmt::format("nothing: {} open is below min_amount {}",
                           util::format_money(s.open),
                           util::format_money(p.min_amount));
    case Reason::too_soon:
        return fmt::format("nothing: the last reminder was on {}; level '{}' "
                           "may follow on {}",
                           util::format_date(*s.last_step_on),
                           next_level().name,
                           util::format_date(*d.eligible_on));
    case Reason::not_yet:
        return fmt::format("nothing yet: {} days overdue; level '{}' is due "
                           "on {}",
                           overdue, next_level().name,
                           util::format_date(*d.eligible_on));
    }
    return "";
}

} // namespace dunn::dunning
