#include "dunning/schedule.hpp"

namespace dunn::dunning {

namespace {

const char* const fingerprint_key = "schedule_fingerprint";

} // namespace

Standing standing_of(const ledger::Invoice& invoice) {
    Standing s;
    s.due = invoice.data.due;
    s.open = invoice.open();
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
    return next_due_on(fresh, policy);
}

bool schedule_is_current(ledger::Ledger& ledger, const policy::Policy& policy) {
    return ledger.meta(fingerprint_key) == policy.schedule_fingerprint();
}

void align_schedule(ledger::Ledger& ledger, const policy::Policy& policy) {
    if (schedule_is_current(ledger, policy))
        return;
    // Paid invoices are never due under any policy; their next_on is
    // already empty. Updating next_on while reading is safe: the scan does
    // not use the next_on index.
    ledger.for_each_open_invoice([&](const ledger::Invoice& invoice) {
        ledger.set_next_on(invoice.id,
                           next_due_on(standing_of(invoice), policy));
    });
    ledger.set_meta(fingerprint_key, policy.schedule_fingerprint());
}

void reschedule(ledger::Ledger& ledger, std::int64_t invoice_id,
                const policy::Policy& policy) {
    std::optional<ledger::Invoice> invoice = ledger.find(invoice_id);
    if (invoice)
        ledger.set_next_on(invoice_id,
                           next_due_on(standing_of(*invoice), policy));
}

} // namespace dunn::dunning
