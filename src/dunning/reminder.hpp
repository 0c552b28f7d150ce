#pragma once

#include "claim/claim.hpp"
#include "dunning/templates.hpp"
#include "ledger/ledger.hpp"
#include "policy/policy.hpp"
#include "util/log.hpp"

#include <ctime>
#include <optional>
#include <string>
#include <vector>

// One reminder email: which steps it records, which invoices it shows,
// and its text.
namespace dunn::dunning {

// One invoice as a reminder shows it.
struct ReminderLine {
    ledger::Invoice invoice;
    claim::Claim claim; // on the run's date, with today's charges
    std::string level;  // the last level sent, counting this reminder
    // The step this reminder records for the invoice; a letter also lists
    // open overdue invoices that have no step due today.
    std::optional<ledger::Step> step;
};

struct Reminder {
    std::string file;                     // name in the outbox
    const policy::Level* level = nullptr; // the highest level of its steps
    int level_index = -1;
    bool letter = false;             // a customer's letter, not one invoice
    std::vector<ReminderLine> lines; // an invoice reminder has exactly one
};

// The reminder for one invoice on `as_of`, if its next step is due.
// `log` receives the --verbose explanation.
std::optional<Reminder> plan_invoice(ledger::Ledger& ledger,
                                     const policy::Config& config,
                                     std::int64_t invoice_id, util::Date as_of,
                                     const util::Log& log);

// The letter for one customer (see ledger::Invoice::customer_key) on
// `as_of`, if at least one of their invoices has a step due. It lists
// every open, overdue invoice of theirs that is not on hold.
std::optional<Reminder> plan_customer(ledger::Ledger& ledger,
                                      const policy::Config& config,
                                      const std::string& customer_key,
                                      util::Date as_of, const util::Log& log);

// The values for the reminder's template placeholders.
policy::TemplateValues reminder_values(const Reminder& reminder,
                                       const policy::Config& config,
                                       util::Date as_of);

// The complete email, as the text of an .eml file. `written_at` becomes
// its Date header; `ledger_id` makes its Message-ID unique across shops.
std::string render_reminder(const Reminder& reminder,
                            const policy::Config& config,
                            const ReminderTemplates& templates,
                            util::Date as_of, std::time_t written_at,
                            const std::string& ledger_id);

} // namespace dunn::dunning
