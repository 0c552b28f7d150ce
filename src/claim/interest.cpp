#include "claim/interest.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace dunn::claim {

namespace {

using namespace std::chrono;

constexpr Date on(int y, unsigned m, unsigned d) {
    return Date(year(y) / month(m) / day(d));
}

// The entry in force on `when`: the latest one that began on or before it,
// or, before the table starts, the earliest. The table is searched whole
// rather than trusted to be sorted, since it is a handful of rows.
std::optional<Percent> base_rate_on(const std::vector<BaseRate>& table,
                                    Date when) {
    const BaseRate* in_force = nullptr;
    const BaseRate* earliest = nullptr;
    for (const BaseRate& r : table) {
        if (!earliest || r.from < earliest->from)
            earliest = &r;
        if (r.from <= when && (!in_force || r.from > in_force->from))
            in_force = &r;
    }
    if (!in_force)
        in_force = earliest;
    if (!in_force)
        return std::nullopt;
    return in_force->percent;
}

// The UK Act fixes the rate for the whole debt at the base rate on the
// last 30 June or 31 December strictly before the day it became overdue.
Date uk_reference_day(Date due) {
    year_month_day overdue{due + days(1)};
    if (overdue.month() <= June)
        return Date((overdue.year() - years(1)) / December / day(31));
    return Date(overdue.year() / June / day(30));
}

// `from` plus six calendar months; a day the target month lacks becomes
// its last day (31 August -> 28 or 29 February).
Date six_months_after(Date from) {
    year_month_day later = year_month_day(from) + months(6);
    if (!later.ok())
        later = later.year() / later.month() / last;
    return Date(later);
}

bool is_statutory(InterestMode mode) {
    return mode == InterestMode::statutory_de ||
           mode == InterestMode::statutory_uk;
}

Money uk_compensation(Money debt) {
    if (debt < Money::cents(1'000'00))
        return Money::cents(40'00);
    if (debt < Money::cents(10'000'00))
        return Money::cents(70'00);
    return Money::cents(100'00);
}

} // namespace

const std::vector<BaseRate>& german_base_rates() {
    // Published by the Deutsche Bundesbank each January and July.
    static const std::vector<BaseRate> table = {
        {on(2023, 1, 1), Percent::from_units(16'200)},
        {on(2023, 7, 1), Percent::from_units(31'200)},
        {on(2024, 1, 1), Percent::from_units(36'200)},
        {on(2024, 7, 1), Percent::from_units(33'700)},
        {on(2025, 1, 1), Percent::from_units(22'700)},
        {on(2025, 7, 1), Percent::from_units(12'700)},
        {on(2026, 1, 1), Percent::from_units(12'700)},
    };
    return table;
}

std::vector<BaseRate> merge_base_rates(std::vector<BaseRate> table,
                                       const std::vector<BaseRate>& overrides) {
    for (const BaseRate& o : overrides) {
        auto same =
            std::find_if(table.begin(), table.end(),
                         [&](const BaseRate& r) { return r.from == o.from; });
        if (same != table.end())
            same->percent = o.percent;
        else
            table.push_back(o);
    }

    std::stable_sort(
        table.begin(), table.end(),
        [](const BaseRate& a, const BaseRate& b) { return a.from < b.from; });
    return table;
}

std::optional<Percent> annual_rate(const InterestPolicy& policy,
                                   DebtorKind kind, Date due, Date day) {
    bool business = kind == DebtorKind::business;
    switch (policy.mode) {
    case InterestMode::none:
        return std::nullopt;
    case InterestMode::fixed:
        return policy.fixed_rate;
    case InterestMode::statutory_de: {
        auto base = base_rate_on(policy.base_rates, day);
        if (!base)
            return std::nullopt;
        return *base + Percent::points(business ? 9 : 5);
    }
    case InterestMode::statutory_uk: {
        // The Late Payment Act covers business debts only.
        if (!business)
            return std::nullopt;
        auto base = base_rate_on(policy.base_rates, uk_reference_day(due));
        if (!base)
            return std::nullopt;
        return *base + Percent::points(8);
    }
    }
    return std::nullopt;
}

Money compensation(const InterestPolicy& policy, DebtorKind kind,
                   const std::string& currency, Money debt) {
    if (kind != DebtorKind::business)
        return Money();
    if (policy.mode == InterestMode::statutory_de && currency == "EUR")
        return Money::cents(40'00);
    if (policy.mode == InterestMode::statutory_uk && currency == "GBP")
        return uk_compensation(debt);
    return Money();
}

std::optional<std::string> stale_rate_warning(const InterestPolicy& policy,
                                              Date as_of) {
    if (!is_statutory(policy.mode) || policy.base_rates.empty())
        return std::nullopt;

    auto newest = std::max_element(
        policy.base_rates.begin(), policy.base_rates.end(),
        [](const BaseRate& a, const BaseRate& b) { return a.from < b.from; });
    if (as_of <= six_months_after(newest->from))
        return std::nullopt;

    return fmt::format("the newest base rate in the table is from {}, more "
                       "than six months before {}; add the current rate as "
                       "[[interest.base_rate]] in dunn.toml",
                       util::format_date(newest->from),
                       util::format_date(as_of));
}

} // namespace dunn::claim
