#include "cli/commands.hpp"
#include "dunning/account.hpp"

namespace dunn::cli {

util::ExitCode cmd_hold(Session& session, const HoldOptions& o) {
    const policy::Config& config = session.config();
    ledger::Hold hold;
    if (o.until)
        hold.until = date_option("--until", *o.until);
    hold.reason = o.reason;

    ledger::Ledger ledger = session.open_ledger();
    dunning::hold_invoices(ledger, config.policy, o.invoices, hold);
    for (const std::string& invoice : o.invoices)
        session.log().info("{}: on hold {}", invoice,
                           hold.until
                               ? "until " + util::format_date(*hold.until)
                               : std::string("until released"));
    return util::ExitCode::ok;
}

util::ExitCode cmd_release(Session& session, const ReleaseOptions& o) {
    const policy::Config& config = session.config();
    ledger::Ledger ledger = session.open_ledger();
    std::vector<std::string> not_held =
        dunning::release_invoices(ledger, config.policy, o.invoices);
    for (const std::string& invoice : o.invoices) {
        bool was_held = std::find(not_held.begin(), not_held.end(), invoice) ==
                        not_held.end();
        session.log().info("{}: {}", invoice,
                           was_held ? "released; reminders resume"
                                    : "was not on hold");
    }
    return util::ExitCode::ok;
}

} // namespace dunn::cli
