#include "dunning/account.hpp"

#include "dunning/claims.hpp"
#include "dunning/schedule.hpp"
#include "util/error.hpp"
#include "util/fault.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace dunn::dunning {

namespace {

using util::Error;
using util::ExitCode;

std::vector<ledger::Invoice> find_all(ledger::Ledger& ledger,
                                      const std::vector<std::string>& numbers) {
    std::vector<ledger::Invoice> found;
    for (const std::string& number : numbers) {
        for (const ledger::Invoice& earlier : found)
            if (earlier.data.number == number)
                throw Error(ExitCode::usage,
                            fmt::format("invoice {} is given twice",
                                        util::quoted(number)));
        found.push_back(find_invoice(ledger, number));
    }
    return found;
}

} // namespace

std::string_view state_name(State s) {
    switch (s) {
    case State::open:
        return "open";
    case State::paid:
        return "paid";
    case State::hold:
        return "hold";
    case State::cancelled:
        return "cancelled";
    }
    return "open";
}

State state_of(const ledger::Invoice& invoice, util::Money principal_open,
               util::Date as_of) {
    if (invoice.data.status == "cancelled")
        return State::cancelled;
    if (principal_open <= util::Money())
        return State::paid;
    if (invoice.hold && (!invoice.hold->until || as_of <= *invoice.hold->until))
        return State::hold;
    return State::open;
}

ledger::Invoice find_invoice(ledger::Ledger& ledger, std::string_view number) {
    if (std::optional<ledger::Invoice> invoice = ledger.find(number))
        return *invoice;
    std::vector<std::string> close =
        util::closest(number, ledger.invoice_numbers());
    throw Error(ExitCode::data,
                fmt::format("there is no invoice {} in the ledger{}",
                            util::quoted(number), util::did_you_mean(close)));
}

std::vector<PaymentDone> record_payments(ledger::Ledger& ledger,
                                         const policy::Policy& policy,
                                         const PaymentRequest& request) {
    if (request.amount && request.invoices.size() != 1)
        throw Error(ExitCode::usage,
                    "--amount needs exactly one invoice: record part "
                    "payments one invoice at a time");

    ledger::Ledger::Transaction transaction(ledger);
    align_schedule(ledger, policy);
    std::vector<PaymentDone> done;
    for (const ledger::Invoice& invoice : find_all(ledger, request.invoices)) {
        // What is owed on the payment's date: principal, and any fees,
        // compensation and interest.
        util::Money owed =
            claim_of(ledger, invoice, policy, request.paid_on).total_open();
        const std::string& currency = invoice.data.currency;
        if (invoice.data.status == "cancelled")
            throw Error(ExitCode::data,
                        fmt::format("invoice {} is cancelled; nothing is "
                                    "owed on it",
                                    invoice.data.number));
        if (owed <= util::Money())
            throw Error(ExitCode::data,
                        fmt::format("invoice {} is already paid in full",
                                    invoice.data.number));
        util::Money amount = request.amount.value_or(owed);
        if (amount > owed)
            throw Error(ExitCode::data,
                        fmt::format("{} {} is more than the {} {} owed on "
                                    "invoice {} on {}",
                                    currency, util::format_money(amount),
                                    currency, util::format_money(owed),
                                    invoice.data.number,
                                    util::format_date(request.paid_on)));
        ledger.add_payment(invoice.id, amount, request.paid_on, "paid");
        util::fault_point("payment");
        reschedule(ledger, invoice.id, policy);
        done.push_back({invoice.data.number, currency, amount, owed - amount});
    }
    transaction.commit();
    return done;
}

void hold_invoices(ledger::Ledger& ledger, const policy::Policy& policy,
                   const std::vector<std::string>& invoices,
                   const ledger::Hold& hold) {
    ledger::Ledger::Transaction transaction(ledger);
    align_schedule(ledger, policy);
    for (const ledger::Invoice& invoice : find_all(ledger, invoices)) {
        ledger.set_hold(invoice.id, hold);
        reschedule(ledger, invoice.id, policy);
    }
    transaction.commit();
}

std::vector<std::string>
release_invoices(ledger::Ledger& ledger, const policy::Policy& policy,
                 const std::vector<std::string>& invoices) {
    ledger::Ledger::Transaction transaction(ledger);
    align_schedule(ledger, policy);
    std::vector<std::string> not_held;
    for (const ledger::Invoice& invoice : find_all(ledger, invoices)) {
        if (!invoice.hold)
            not_held.push_back(invoice.data.number);
        ledger.clear_hold(invoice.id);
        reschedule(ledger, invoice.id, policy);
    }
    transaction.commit();
    return not_held;
}

} // namespace dunn::dunning
