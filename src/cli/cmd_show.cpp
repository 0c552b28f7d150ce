#include "cli/commands.hpp"
#include "dunning/account.hpp"
#include "dunning/claims.hpp"
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

void print_summary(ledger::Ledger& ledger, const ledger::Invoice& i,
                   const claim::Claim& c, const policy::Policy& policy,
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
    print_field("Debtor",
                dunning::debtor_kind(d, policy) == claim::DebtorKind::business
                    ? "business (b2b)"
                    : "consumer (b2c)");
    print_field("Amount", money(d.currency, d.amount));
    if (d.issued)
        print_field("Issued", util::format_date(*d.issued));
    int overdue = util::days_between(d.due, as_of);
    print_field("Due", fmt::format("{} ({} days {} on {})",
                                   util::format_date(d.due), std::abs(overdue),
                                   overdue >= 0 ? "overdue" : "to go",
                                   util::format_date(as_of)));

    std::string state(
        dunning::state_name(dunning::state_of(i, c.principal_open, as_of)));
    if (i.hold)
        state += fmt::format(
            " (held {}{})",
            i.hold->until ? "until " + util::format_date(*i.hold->until)
                          : std::string("until released"),
            i.hold->reason.empty() ? "" : ": " + i.hold->reason);
    print_field("State", state);

    dunning::Standing s = dunning::standing_of(ledger, i, policy);
    dunning::Decision decision = dunning::decide(s, policy, as_of);
    print_field("Next", dunning::explain(decision, s, policy, as_of));
    print_field("Source", i.source);
}

// The claim, line by line: what `dunn run` states in a reminder on the
// same day comes from the same computation.
void print_claim(const ledger::Invoice& i, const claim::Claim& c,
                 util::Date as_of) {
    const std::string& cur = i.data.currency;
    auto line = [&](std::string_view what, util::Money m,
                    std::string_view note = "") {
        fmt::print("  {:<22}{:>16}{}\n", what, money(cur, m), note);
    };
    fmt::print("\nClaim on {}\n", util::format_date(as_of));
    line("Amount", i.data.amount);
    line("Paid", c.paid);
    line("Principal open", c.principal_open);
    if (!c.fees_charged.is_zero())
        line("Fees open", c.fees_open,
             fmt::format("  (of {} charged)",
                         util::format_money(c.fees_charged)));
    if (!c.compensation_charged.is_zero())
        line("Compensation open", c.compensation_open);
    if (c.interest_from) {
        line("Interest open", c.interest_open,
             fmt::format("  ({} accrued from {})",
                         util::format_money(c.interest_accrued),
                         util::format_date(*c.interest_from)));
        for (const claim::InterestPeriod& p : c.periods)
            fmt::print("    {} to {}  {:>4} days on {:>12} at {:>6}%  {:>10}\n",
                       util::format_date(p.from), util::format_date(p.to),
                       p.days(), util::format_money(p.principal),
                       util::format_percent(p.rate),
                       util::format_money(p.interest));
    }
    line("Total open", c.total_open());
}

} // namespace

util::ExitCode cmd_show(Session& session, const ShowOptions& o) {
    const policy::Config& config = session.config();
    util::Date as_of = date_or_today("--as-of", o.as_of);
    ledger::Ledger ledger = session.open_ledger();
    ledger::Invoice invoice = dunning::find_invoice(ledger, o.invoice);
    claim::Claim c = dunning::claim_of(ledger, invoice, config.policy, as_of);

    print_summary(ledger, invoice, c, config.policy, as_of);
    print_claim(invoice, c, as_of);

    std::vector<ledger::Payment> payments = ledger.payments(invoice.id);
    fmt::print("\nPayments{}\n", payments.empty() ? ": none" : "");
    for (const ledger::Payment& p : payments)
        fmt::print("  {}  {:>14}  recorded {} by {}\n",
                   util::format_date(p.paid_on),
                   money(invoice.data.currency, p.amount), p.recorded_at,
                   p.source == "paid" ? "dunn paid" : p.source);

    std::vector<ledger::Step> steps = ledger.steps(invoice.id);
    fmt::print("\nReminders{}\n", steps.empty() ? ": none" : "");
    for (const ledger::Step& s : steps) {
        std::string charged;
        if (!s.fee.is_zero())
            charged += " fee " + util::format_money(s.fee);
        if (!s.compensation.is_zero())
            charged += " compensation " + util::format_money(s.compensation);
        fmt::print("  {}  {:<10}  {}{}\n", util::format_date(s.sent_on),
                   s.level, (config.outbox / s.file).string(), charged);
    }
    return util::ExitCode::ok;
}

} // namespace dunn::cli
