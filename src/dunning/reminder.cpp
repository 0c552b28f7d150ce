// Planning a reminder: deciding each invoice under the escalation rule,
// charging the level's fee and compensation, and computing the claim as it
// stands with them.

#include "dunning/reminder.hpp"

#include "dunning/claims.hpp"
#include "dunning/escalation.hpp"
#include "dunning/schedule.hpp"
#include "outbox/outbox.hpp"

#include <algorithm>

namespace dunn::dunning {

namespace {

const policy::Level& level_at(const policy::Config& config, int index) {
    return config.policy.levels[static_cast<std::size_t>(index)];
}

// The level due for `invoice` on `as_of`, or -1, explained under -v.
int due_level(ledger::Ledger& ledger, const policy::Config& config,
              const ledger::Invoice& invoice, util::Date as_of,
              const util::Log& log) {
    Standing s = standing_of(ledger, invoice, config.policy);
    Decision d = decide(s, config.policy, as_of);
    log.explain("{}: {}", invoice.data.number,
                explain(d, s, config.policy, as_of));
    return d.reason == Reason::due ? d.level : -1;
}

// The step for `invoice` at `level`, with what it charges: the level's
// fee, and the statutory compensation if the level asks for it and none
// was charged before (it is owed once per invoice).
ledger::Step make_step(ledger::Ledger& ledger, const policy::Config& config,
                       const ledger::Invoice& invoice, int level,
                       util::Date as_of) {
    const policy::Policy& policy = config.policy;
    const policy::Level& lv = level_at(config, level);
    ledger::Step step;
    step.level_index = level;
    step.level = lv.name;
    step.sent_on = as_of;
    step.fee = claim::level_fee(lv.fee, lv.fee_percent,
                                principal_open(ledger, invoice, policy));
    if (lv.compensation) {
        bool charged = false;
        if (invoice.levels_sent > 0)
            for (const ledger::Step& earlier : ledger.steps(invoice.id))
                charged = charged || !earlier.compensation.is_zero();
        if (!charged)
            step.compensation = claim::compensation(
                policy.interest, debtor_kind(invoice.data, policy),
                invoice.data.currency, invoice.data.amount);
    }
    return step;
}

ReminderLine line_for(ledger::Ledger& ledger, const policy::Config& config,
                      const ledger::Invoice& invoice,
                      std::optional<ledger::Step> step, util::Date as_of) {
    std::optional<claim::Charge> charge;
    if (step)
        charge = claim::Charge{as_of, step->fee, step->compensation};
    ReminderLine line{invoice,
                      claim_of(ledger, invoice, config.policy, as_of, charge),
                      step ? step->level : invoice.last_level, step};
    return line;
}

} // namespace

std::optional<Reminder> plan_invoice(ledger::Ledger& ledger,
                                     const policy::Config& config,
                                     std::int64_t invoice_id, util::Date as_of,
                                     const util::Log& log) {
    std::optional<ledger::Invoice> invoice = ledger.find(invoice_id);
    if (!invoice)
        return std::nullopt;
    int level = due_level(ledger, config, *invoice, as_of, log);
    if (level < 0)
        return std::nullopt;

    Reminder r;
    r.level_index = level;
    r.level = &level_at(config, level);
    r.file =
        outbox::Outbox::file_name(as_of, invoice->data.number, r.level->name);
    ledger::Step step = make_step(ledger, config, *invoice, level, as_of);
    step.file = r.file;
    r.lines.push_back(line_for(ledger, config, *invoice, step, as_of));
    return r;
}

std::optional<Reminder> plan_customer(ledger::Ledger& ledger,
                                      const policy::Config& config,
                                      const std::string& customer_key,
                                      util::Date as_of, const util::Log& log) {
    Reminder r;
    r.letter = true;
    std::vector<std::pair<ledger::Invoice, std::optional<ledger::Step>>> shown;
    for (const ledger::Invoice& invoice :
         ledger.invoices_of_customer(customer_key)) {
        int level = due_level(ledger, config, invoice, as_of, log);
        std::optional<ledger::Step> step;
        if (level >= 0) {
            step = make_step(ledger, config, invoice, level, as_of);
            r.level_index = std::max(r.level_index, level);
        }
        bool overdue = util::days_between(invoice.data.due, as_of) > 0;
        bool held = invoice.hold &&
                    (!invoice.hold->until || as_of <= *invoice.hold->until);
        bool open =
            principal_open(ledger, invoice, config.policy) > util::Money();
        if (step || (open && overdue && !held))
            shown.emplace_back(invoice, step);
    }
    if (r.level_index < 0)
        return std::nullopt;

    r.level = &level_at(config, r.level_index);
    const ledger::InvoiceData& first = shown.front().first.data;
    r.file = outbox::Outbox::letter_name(
        as_of, first.customer_id.empty() ? first.customer : first.customer_id,
        customer_key, r.level->name);
    for (auto& [invoice, step] : shown) {
        if (step)
            step->file = r.file;
        r.lines.push_back(line_for(ledger, config, invoice, step, as_of));
    }
    return r;
}

} // namespace dunn::dunning
