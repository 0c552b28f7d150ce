#pragma once

#include "util/date.hpp"
#include "util/money.hpp"
#include "util/percent.hpp"

#include <optional>
#include <string>
#include <vector>

// Statutory and contractual default interest, and the flat compensation
// businesses may claim (docs/claims.md). Pure functions: no clock, no
// files, no ledger.
namespace dunn::claim {

using util::Date;
using util::Money;
using util::Percent;

enum class InterestMode { none, fixed, statutory_de, statutory_uk };

// Consumers (b2c) and businesses (b2b) owe different statutory interest.
enum class DebtorKind { consumer, business };

// A central bank base rate, in force from `from` until the next entry.
struct BaseRate {
    Date from{};
    Percent percent; // may be negative
};

struct InterestPolicy {
    InterestMode mode = InterestMode::none;
    Percent fixed_rate;               // mode fixed: the annual rate
    std::vector<BaseRate> base_rates; // statutory modes; sorted by `from`
};

// The German base rate (Basiszinssatz) 2023-2026, shipped with dunn.
const std::vector<BaseRate>& german_base_rates();

// Merges `overrides` into `table`: an entry with the same `from` replaces
// the built-in one, others are added. The result is sorted by `from`.
std::vector<BaseRate> merge_base_rates(std::vector<BaseRate> table,
                                       const std::vector<BaseRate>& overrides);

// The annual interest rate on `day` for a debt due on `due`, or nothing if
// the debt bears no interest:
// - fixed: the fixed rate, for anyone;
// - statutory_de: the base rate in force on `day`, plus 5 points for a
//   consumer and 9 points for a business;
// - statutory_uk: for businesses only, 8 points over the base rate in force
//   on the 30 June or 31 December before the debt became overdue (the day
//   after `due`), fixed for the life of the debt;
// - none: nothing.
// A day before the first base rate entry uses the first entry; a day after
// the last uses the last.
std::optional<Percent> annual_rate(const InterestPolicy& policy,
                                   DebtorKind kind, Date due, Date day);

// The flat compensation a business debtor owes once per invoice:
// statutory_de: EUR 40 (for EUR invoices); statutory_uk: GBP 40 for a debt
// below 1,000, 70 below 10,000, 100 from 10,000 (for GBP invoices).
// Nothing for consumers, other currencies or other modes.
Money compensation(const InterestPolicy& policy, DebtorKind kind,
                   const std::string& currency, Money debt);

// A warning when the base rate table is out of date: its last entry began
// more than six months before `as_of` (statutory modes only).
std::optional<std::string> stale_rate_warning(const InterestPolicy& policy,
                                              Date as_of);

} // namespace dunn::claim
