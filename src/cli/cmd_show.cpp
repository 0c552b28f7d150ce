#include "cli/commands.hpp"
#include "dunning/account.hpp"
#include "dunning/escalation.hpp"
#include "dunning/schedule.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace dunn::cli {

namespace {

void print_field(std::string_view name, std::string_view value) {
    fmt::print("{:<10}{}\n", name, value);
}

std::string money(const std::string& currency, util::Money m) {
    return fmt::format("{} {}", currency, util::format_money(m));
}

void print_summary(const ledger::Invoice& i, const policy::Policy& policy,
                   util::Date as_of) {
    const ledger::InvoiceData& d = i.data;
    print_field("Invoice", d.number);
    print_field("Customer",
                d.customer_id.empty()
                    ? d.customer
                    : fmt::format("{} (id {})", d.customer, d.customer_id));
    print_field("Email", d.email);
    if (!d.phone.empty())
        print_field("Phone", d.phone);
    print_field("Amount", money(d.currency, d.amount));
    if (d.issued)
        print_field("Issued", util::format_date(*d.issued));
    int overdue = util::days_between(d.due, as_of);
    print_field("Due", fmt::format("{} ({} days {} on {})",
                                   util::format_date(d.due), std::abs(overdue),
                                   overdue >= 0 ? "overdue" : "to go",
                                   util::format_date(as_of)));
    print_field("Paid", money(d.currency, i.paid));
    print_field("Open", money(d.currency, i.open()));

    std::string state(dunning::state_name(dunning::state_of(i, as_of)));
    if (i.hold)
        state += fmt::format(
            " (held {}{})",
            i.hold->until ? "until " + util::format_date(*i.hold->until)
                          : std::string("until released"),
            i.hold->reason.empty() ? "" : ": " + i.hold->reason);
    print_field("State", state);

    dunning::Standing s = dunning::standing_of(i);
    dunning::Decision decision = dunning::decide(s, policy, as_of);
    print_field("Next", dunning::explain(decision, s, policy, as_of));
    print_field("Source", i.source);
}

} // namespace

util::ExitCode cmd_show(Session& session, const ShowOptions& o) {
    const policy::Config& config = session.config();
    util::Date as_of = date_or_today("--as-of", o.as_of);
    ledger::Ledger ledger = session.open_ledger();
    ledger::Invoice invoice = dunning::find_invoice(ledger, o.invoice);

    print_summary(invoice, config.policy, as_of);

    std::vector<ledger::Payment> payments = ledger.payments(invoice.id);
    fmt::print("\nPayments{}\n", payments.empty() ? ": none" : "");
    for (const ledger::Payment& p : payments)
        fmt::print("  {}  {:>14}  recorded {} by {}\n",
                   util::format_date(p.paid_on),
                   money(invoice.data.currency, p.amount), p.recorded_at,
                   p.source == "paid" ? "dunn paid" : p.source);

    std::vector<ledger::Step> steps = ledger.steps(invoice.id);
    fmt::print("\nReminders{}\n", steps.empty() ? ": none" : "");
    for (const ledger::Step& s : steps)
        fmt::print("  {}  {:<10}  {}\n", util::format_date(s.sent_on), s.level,
                   (config.outbox / s.file).string());
    return util::ExitCode::ok;
}

} // namespace dunn::cli
