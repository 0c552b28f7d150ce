#pragma once

#include "claim/claim.hpp"
#include "ledger/ledger.hpp"
#include "policy/policy.hpp"

// The claim module's computation applied to invoices in the ledger: the
// one place reminders, `show`, `list` and `paid` get their figures from.
namespace dunn::dunning {

claim::DebtorKind debtor_kind(const ledger::InvoiceData& invoice,
                              const policy::Policy& policy);

// What the claim computation needs to know about an invoice: its amount,
// due date, payments, and the fees and compensation charged with its
// reminders. `extra` is a charge not yet in the ledger (a step about to be
// recorded).
claim::ClaimFacts claim_facts(ledger::Ledger& ledger,
                              const ledger::Invoice& invoice,
                              const policy::Policy& policy,
                              const std::optional<claim::Charge>& extra = {});

claim::Claim claim_of(ledger::Ledger& ledger, const ledger::Invoice& invoice,
                      const policy::Policy& policy, util::Date as_of,
                      const std::optional<claim::Charge>& extra = {});

// The invoice amount not yet covered by payments: what decides whether
// reminders go on. Under principal-first it is the amount less payments;
// under BGB 367 payments cover costs and interest first.
util::Money principal_open(ledger::Ledger& ledger,
                           const ledger::Invoice& invoice,
                           const policy::Policy& policy);

} // namespace dunn::dunning
