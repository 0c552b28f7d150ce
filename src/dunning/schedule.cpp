#include "dunning/schedule.hpp"

#include "dunning/claims.hpp"

namespace dunn::dunning {

namespace {

const char* const fingerprint_key = "schedule_fingerprint";

} // namespace

Standing standing_of(ledger::Ledger& ledger, const ledger::Invoice& invoice,
                     const policy::Policy& policy) {
    Standing s;
    s.due = invoice.data.due;
    s.open = principal_open(ledger, invoice, policy);
    s.cancelled = invoice.data.status == "cancelled";
    s.levels_sent = invoice.levels_sent;
    s.last_step_on = invoice.last_step_on;
    if (invoice.hold) {
        s.held = true;
        s.held_until = invoice.hold->until;
    }
    return s;
}

std::optional<Date> first_due_on(const ledger::InvoiceData& data,
                                 const policy::Policy& policy) {
    Standing fresh;
    fresh.due = data.due;
    fresh.open = data.amount;
    fresh.cancelled = data.status == "cancelled";
    return next_due_on(fresh, policy);
}

void for_each_unsettled(
    ledger::Ledger& ledger, const policy::Policy& policy,
    const std::function<void(const ledger::Invoice&)>& visit) {
    if (policy.payment_order == claim::PaymentOrder::principal_first)
        ledger.for_each_open_invoice(visit);
    else
        ledger.for_each_invoice(visit);
}

void invalidate_schedule(ledger::Ledger& ledger) {
    ledger.set_meta(fingerprint_key, "");
}

bool schedule_is_current(ledger::Ledger& ledger, const policy::Policy& policy) {
    return ledger.meta(fingerprint_key) == policy.schedule_fingerprint();
}

void align_schedule(ledger::Ledger& ledger, const policy::Policy& policy) {
    if (schedule_is_current(ledger, policy))
        return;
    // Settled invoices are never due under any policy; their next_on is
    // already empty. Updating next_on while reading is safe: the scan does
    // not use the next_on index.
    for_each_unsettled(ledger, policy, [&](const ledger::Invoice& invoice) {
        ledger.set_next_on(
            invoice.id,
            next_due_on(standing_of(ledger, invoice, policy), policy));
    });
    ledger.set_meta(fingerprint_key, policy.schedule_fingerprint());
}

void reschedule(ledger::Ledger& ledger, std::int64_t invoice_id,
                const policy::Policy& policy) {
    std::optional<ledger::Invoice> invoice = ledger.find(invoice_id);
    if (invoice)
        ledger.set_next_on(
            invoice_id,
            next_due_on(standing_of(ledger, *invoice, policy), policy));
}

} // namespace dunn::dunning
