#pragma once

#include "dunning/escalation.hpp"
#include "ledger/ledger.hpp"
#include "policy/policy.hpp"

// Keeps the ledger's next_on column - the first day each invoice may next
// be due - true to the current policy, so that a run reads only the
// invoices that are due instead of every open one.
namespace dunn::dunning {

// The escalation rule's view of a ledger invoice.
Standing standing_of(ledger::Ledger& ledger, const ledger::Invoice& invoice,
                     const policy::Policy& policy);

// If the ledger's next_on values were computed under another policy
// (levels, min_days_between or min_amount changed), recomputes them all.
// Call inside a write transaction, before changing any invoice.
void align_schedule(ledger::Ledger& ledger, const policy::Policy& policy);

// next_on for an invoice just imported: nothing paid, nothing sent.
std::optional<Date> first_due_on(const ledger::InvoiceData& data,
                                 const policy::Policy& policy);

// Recomputes next_on for one invoice after it changed.
void reschedule(ledger::Ledger& ledger, std::int64_t invoice_id,
                const policy::Policy& policy);

// Every invoice that may still owe principal: those with money open by a
// plain count, or every invoice under BGB 367, where payments may have
// gone to fees and interest instead.
void for_each_unsettled(
    ledger::Ledger& ledger, const policy::Policy& policy,
    const std::function<void(const ledger::Invoice&)>& visit);

// Marks next_on as stale, so that the next command that writes recomputes
// it: after changes the fingerprint cannot see (a customer's kind).
void invalidate_schedule(ledger::Ledger& ledger);

// True if next_on in the ledger follows `policy`.
bool schedule_is_current(ledger::Ledger& ledger, const policy::Policy& policy);

} // namespace dunn::dunning
