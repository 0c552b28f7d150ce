#include "dunning/claims.hpp"

#include <algorithm>

namespace dunn::dunning {

claim::DebtorKind debtor_kind(const ledger::InvoiceData& invoice,
                              const policy::Policy& policy) {
    if (invoice.kind == "b2b")
        return claim::DebtorKind::business;
    if (invoice.kind == "b2c")
        return claim::DebtorKind::consumer;
    return policy.debtor_kind;
}

claim::ClaimFacts claim_facts(ledger::Ledger& ledger,
                              const ledger::Invoice& invoice,
                              const policy::Policy& policy,
                              const std::optional<claim::Charge>& extra) {
    claim::ClaimFacts facts;
    facts.principal = invoice.data.amount;
    facts.due = invoice.data.due;
    facts.kind = debtor_kind(invoice.data, policy);

    // Only ask the ledger for what can exist: most invoices have neither
    // payments nor reminders, and list reads a million of them.
    if (!invoice.paid.is_zero())
        for (const ledger::Payment& p : ledger.payments(invoice.id))
            facts.payments.push_back({p.paid_on, p.amount});
    if (invoice.levels_sent > 0)
        for (const ledger::Step& s : ledger.steps(invoice.id))
            if (!s.fee.is_zero() || !s.compensation.is_zero())
                facts.charges.push_back({s.sent_on, s.fee, s.compensation});
    if (extra)
        facts.charges.push_back(*extra);
    return facts;
}

claim::Claim claim_of(ledger::Ledger& ledger, const ledger::Invoice& invoice,
                      const policy::Policy& policy, util::Date as_of,
                      const std::optional<claim::Charge>& extra) {
    return claim::compute(claim_facts(ledger, invoice, policy, extra),
                          policy.interest, policy.payment_order, as_of);
}

util::Money principal_open(ledger::Ledger& ledger,
                           const ledger::Invoice& invoice,
                           const policy::Policy& policy) {
    if (policy.payment_order == claim::PaymentOrder::principal_first)
        return std::max(invoice.open(), util::Money());

    // Under BGB 367 the split of each payment depends on what was owed on
    // its date; once the last payment or charge is past, the principal no
    // longer changes, so that day is as good as any later one.
    claim::ClaimFacts facts = claim_facts(ledger, invoice, policy);
    util::Date settled = facts.due;
    for (const auto& p : facts.payments)
        settled = std::max(settled, p.on);
    for (const auto& c : facts.charges)
        settled = std::max(settled, c.on);
    return claim::compute(facts, policy.interest, policy.payment_order, settled)
        .principal_open;
}

} // namespace dunn::dunning
