// The run driver. Exactly-once rests on this order, per batch of reminders:
//
//   1. BEGIN IMMEDIATE: decide on the ledger as it is now, under the lock.
//   2. Stage each email as a hidden temporary file and fsync it.
//   3. fsync the outbox folder, so the temporary names are durable too.
//   4. Record the steps and COMMIT (synchronous = FULL: durable).
//   5. Rename each temporary file to its .eml name; fsync the folder.
//
// Killed before 4, the ledger has no record and the next run deletes the
// temporary files and decides afresh. Killed after 4, the record stands
// and the next run (Outbox::recover) renames what is left. An .eml file
// thus never appears without its record, a record never lacks its email,
// and mail software that takes .eml files away cannot cause a resend.

#include "dunning/run.hpp"

#include "claim/interest.hpp"
#include "dunning/reminder.hpp"
#include "dunning/schedule.hpp"
#include "outbox/outbox.hpp"
#include "util/error.hpp"
#include "util/fault.hpp"

#include <ctime>
#include <fmt/format.h>
#include <set>

namespace dunn::dunning {

namespace {

using util::Error;
using util::ExitCode;

// Reminders decided per transaction: large enough that fsyncing the folder
// and committing cost little per email, small enough that `dunn paid`
// waits a fraction of a second for the lock.
constexpr std::size_t batch_size = 256;

// What the reminders of a run are about: invoices by id or, for letters,
// customers by key. Ids alone keep a million-invoice run small.
struct Units {
    std::vector<std::int64_t> invoices;
    std::vector<std::string> customers;

    std::size_t size() const { return invoices.size() + customers.size(); }
};

struct Context {
    ledger::Ledger& ledger;
    const policy::Config& config;
    util::Date as_of;
    const util::Log& log;
    const ReminderTemplates& templates;
    const StepObserver& on_step;
    std::string ledger_id;
    std::int64_t run_id = 0;
};

bool letters(const Context& c) {
    return c.config.policy.group == policy::Grouping::customer;
}

// The reminder unit `i` needs today, if any.
std::optional<Reminder> plan(Context& c, const Units& units, std::size_t i) {
    if (letters(c))
        return plan_customer(c.ledger, c.config, units.customers[i], c.as_of,
                             c.log);
    return plan_invoice(c.ledger, c.config, units.invoices[i], c.as_of, c.log);
}

void report_steps(Context& c, const Reminder& r, RunReport& report) {
    ++report.emails;
    for (const ReminderLine& line : r.lines) {
        if (!line.step)
            continue;
        ++report.steps;
        ++report.steps_per_level[line.step->level];
        if (c.on_step)
            c.on_step({line.invoice.data.number, line.invoice.data.customer,
                       line.step->level, r.file});
    }
}

void record(Context& c, const std::vector<Reminder>& staged) {
    for (const Reminder& r : staged)
        for (const ReminderLine& line : r.lines) {
            if (!line.step)
                continue;
            c.ledger.record_step(line.invoice.id, *line.step, c.run_id);
            // The invoice as it stands with this step, without reading it
            // back: its next date follows from the step.
            Standing s = standing_of(c.ledger, line.invoice, c.config.policy);
            s.levels_sent = line.step->level_index + 1;
            s.last_step_on = c.as_of;
            c.ledger.set_next_on(line.invoice.id,
                                 next_due_on(s, c.config.policy));
        }
}

// Steps 1-5 of the protocol above for units [from, to).
void write_batch(Context& c, outbox::Outbox& box, const Units& units,
                 std::size_t from, std::size_t to, RunReport& report) {
    ledger::Ledger::Transaction transaction(c.ledger);
    std::vector<Reminder> staged;
    try {
        for (std::size_t i = from; i < to; ++i) {
            std::optional<Reminder> r = plan(c, units, i);
            if (!r)
                continue;
            if (box.contains(r->file)) {
                report.blocked_files.push_back(r->file);
                continue;
            }
            box.stage(r->file,
                      render_reminder(*r, c.config, c.templates, c.as_of,
                                      std::time(nullptr), c.ledger_id));
            util::fault_point("staged");
            staged.push_back(std::move(*r));
        }
        if (staged.empty())
            return;
        box.sync();
        util::fault_point("synced");
        record(c, staged);
        transaction.commit();
        util::fault_point("committed");
    } catch (...) {
        for (const Reminder& r : staged)
            box.discard(r.file);
        throw;
    }

    for (const Reminder& r : staged) {
        box.publish(r.file);
        util::fault_point("published");
        report_steps(c, r, report);
    }
    box.sync();
}

// The invoices that may have a step due, by id.
std::vector<std::int64_t> candidate_ids(Context& c) {
    // --verbose explains every open invoice, so it reads them all; so does
    // a dry run whose schedule is stale (it may not rewrite it).
    if (c.log.verbose() || !schedule_is_current(c.ledger, c.config.policy)) {
        std::vector<std::int64_t> ids;
        for_each_unsettled(
            c.ledger, c.config.policy,
            [&](const ledger::Invoice& i) { ids.push_back(i.id); });
        return ids;
    }
    return c.ledger.due_candidates(c.as_of);
}

Units units(Context& c) {
    Units out;
    out.invoices = candidate_ids(c);
    if (!letters(c))
        return out;
    std::set<std::string> seen;
    for (std::int64_t id : out.invoices) {
        std::optional<ledger::Invoice> invoice = c.ledger.find(id);
        if (invoice && seen.insert(invoice->customer_key).second)
            out.customers.push_back(invoice->customer_key);
    }
    out.invoices.clear();
    return out;
}

RunReport plan_only(Context& c) {
    RunReport report;
    Units all = units(c);
    for (std::size_t i = 0; i < all.size(); ++i)
        if (std::optional<Reminder> r = plan(c, all, i))
            report_steps(c, *r, report);
    return report;
}

void start_run(Context& c) {
    ledger::Ledger::Transaction transaction(c.ledger);
    std::optional<util::Date> latest = c.ledger.latest_run();
    if (latest && c.as_of < *latest)
        throw Error(ExitCode::usage,
                    fmt::format("a run dated {} is already recorded; a run "
                                "for the earlier date {} would remind "
                                "customers out of order. Run with --as-of "
                                "{} or later",
                                util::format_date(*latest),
                                util::format_date(c.as_of),
                                util::format_date(*latest)));
    c.run_id = c.ledger.start_run(c.as_of);
    align_schedule(c.ledger, c.config.policy);
    if (letters(c))
        c.ledger.ensure_customer_index();
    transaction.commit();
}

} // namespace

RunReport run(ledger::Ledger& ledger, const policy::Config& config,
              util::Date as_of, RunMode mode, const util::Log& log,
              const StepObserver& on_step) {
    ReminderTemplates templates = ReminderTemplates::load(config);
    if (auto stale = claim::stale_rate_warning(config.policy.interest, as_of))
        log.warn("{}", *stale);
    Context c{
        ledger, config, as_of, log, templates, on_step, ledger.ledger_id()};
    if (mode == RunMode::dry_run)
        return plan_only(c);

    outbox::Outbox box(config.outbox);
    box.create();
    std::optional<util::Lock> lock = box.lock();
    if (!lock)
        throw Error(ExitCode::temp_fail,
                    fmt::format("another run is in progress (it holds the "
                                "outbox {}); try again when it has finished",
                                config.outbox.string()));

    RunReport report;
    outbox::Outbox::Recovered recovered = box.recover(
        [&](const std::string& file) { return ledger.is_recorded(file); });
    report.recovered = recovered.completed;
    report.discarded = recovered.discarded;

    start_run(c);
    Units all = units(c);
    for (std::size_t i = 0; i < all.size(); i += batch_size)
        write_batch(c, box, all, i, std::min(all.size(), i + batch_size),
                    report);

    ledger::Ledger::Transaction transaction(ledger);
    ledger.finish_run(c.run_id, report.steps);
    transaction.commit();
    return report;
}

} // namespace dunn::dunning
