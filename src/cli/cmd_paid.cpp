#include "cli/commands.hpp"
#include "dunning/account.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dunn::cli {

util::ExitCode cmd_paid(Session& session, const PaidOptions& o) {
    const policy::Config& config = session.config();
    dunning::PaymentRequest request;
    request.invoices = o.invoices;
    request.paid_on = date_or_today("--on", o.on);
    if (o.amount) {
        util::Expected<util::Money> amount = util::parse_money(*o.amount);
        if (!amount || amount->is_zero())
            throw util::Error(util::ExitCode::usage,
                              fmt::format("--amount {} {}",
                                          util::quoted(*o.amount),
                                          amount ? "is zero" : amount.error()));
        request.amount = *amount;
    }

    ledger::Ledger ledger = session.open_ledger();
    for (const dunning::PaymentDone& p :
         dunning::record_payments(ledger, config.policy, request)) {
        session.log().info("{}: recorded {} {} paid on {}; {}", p.invoice,
                           p.currency, util::format_money(p.amount),
                           util::format_date(request.paid_on),
                           p.still_owed.is_zero()
                               ? std::string("paid in full, no more reminders")
                               : fmt::format("{} {} still owed", p.currency,
                                             util::format_money(p.still_owed)));
    }
    return util::ExitCode::ok;
}

} // namespace dunn::cli
