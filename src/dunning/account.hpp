#pragma once

#include "ledger/ledger.hpp"
#include "policy/policy.hpp"

#include <optional>
#include <string>
#include <vector>

// What a shopkeeper does to one invoice by hand: record a payment, put it
// on hold, release it; and the state an invoice is in on a given day.
namespace dunn::dunning {

enum class State { open, paid, hold, cancelled };

// Stable names: `dunn list --json` prints them.
std::string_view state_name(State s);

// cancelled when the invoicing tool cancelled it; paid when no principal
// is open; hold while a hold lasts on `as_of`; else open.
State state_of(const ledger::Invoice& invoice, util::Money principal_open,
               util::Date as_of);

// The invoice with this number. Throws util::Error (ExitCode::data) for an
// unknown number, suggesting close matches.
ledger::Invoice find_invoice(ledger::Ledger& ledger, std::string_view number);

struct PaymentRequest {
    std::vector<std::string> invoices;
    std::optional<util::Money> amount; // whole open amount if empty
    util::Date paid_on{};
};

struct PaymentDone {
    std::string invoice;
    std::string currency;
    util::Money amount;
    util::Money still_owed; // principal, fees, compensation and interest
};

// Records payments, all or none: every invoice is checked (known, money
// owed, amount not above what is owed on the payment's date: principal,
// fees, compensation and interest) before anything is written. Without an
// amount, the payment settles everything owed on that date.
// Throws util::Error: ExitCode::usage for an amount with several invoices,
// ExitCode::data for an unknown or settled invoice or too large an amount.
std::vector<PaymentDone> record_payments(ledger::Ledger& ledger,
                                         const policy::Policy& policy,
                                         const PaymentRequest& request);

// Pauses reminders for each invoice until `hold.until` (inclusive) or until
// released. All or none, like record_payments.
void hold_invoices(ledger::Ledger& ledger, const policy::Policy& policy,
                   const std::vector<std::string>& invoices,
                   const ledger::Hold& hold);

// Ends holds. Returns the numbers that were not on hold.
std::vector<std::string>
release_invoices(ledger::Ledger& ledger, const policy::Policy& policy,
                 const std::vector<std::string>& invoices);

} // namespace dunn::dunning
