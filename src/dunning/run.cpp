// The run driver. Exactly-once rests on this order, per batch of invoices:
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

#include "dunning/escalation.hpp"
#include "dunning/reminder.hpp"
#include "dunning/schedule.hpp"
#include "outbox/outbox.hpp"
#include "util/error.hpp"
#include "util/fault.hpp"

#include <ctime>
#include <fmt/format.h>

namespace dunn::dunning {

namespace {

using util::Error;
using util::ExitCode;

// Invoices decided per transaction: large enough that fsyncing the folder
// and committing cost little per email, small enough that `dunn paid`
// waits a fraction of a second for the lock.
constexpr std::size_t batch_size = 256;

struct Context {
    ledger::Ledger& ledger;
    const policy::Config& config;
    util::Date as_of;
    RunMode mode;
    const util::Log& log;
    const ReminderTemplates& templates;
    std::string ledger_id;
    std::int64_t run_id = 0;
};

struct Staged {
    std::int64_t invoice_id;
    int level;
    std::string file;
};

// Decides one invoice. Returns the level due, or -1.
int decide_one(const Context& c, const ledger::Invoice& invoice) {
    Standing s = standing_of(invoice);
    Decision d = decide(s, c.config.policy, c.as_of);
    c.log.explain("{}: {}", invoice.data.number,
                  explain(d, s, c.config.policy, c.as_of));
    return d.reason == Reason::due ? d.level : -1;
}

void record(Context& c, const std::vector<Staged>& staged) {
    for (const Staged& s : staged) {
        const policy::Level& level =
            c.config.policy.levels[static_cast<std::size_t>(s.level)];
        c.ledger.record_step(s.invoice_id, s.level, level.name, c.as_of, s.file,
                             c.run_id);
        reschedule(c.ledger, s.invoice_id, c.config.policy);
    }
}

// Steps 1-5 of the protocol above for one batch of invoice ids.
void write_batch(Context& c, outbox::Outbox& box,
                 const std::vector<std::int64_t>& ids, RunReport& report) {
    ledger::Ledger::Transaction transaction(c.ledger);
    std::vector<Staged> staged;
    try {
        for (std::int64_t id : ids) {
            std::optional<ledger::Invoice> invoice = c.ledger.find(id);
            int level = invoice ? decide_one(c, *invoice) : -1;
            if (level < 0)
                continue;
            const policy::Level& lv =
                c.config.policy.levels[static_cast<std::size_t>(level)];
            std::string file = outbox::Outbox::file_name(
                c.as_of, invoice->data.number, lv.name);
            if (box.contains(file)) {
                report.blocked_files.push_back(file);
                continue;
            }
            box.stage(file, render_reminder({*invoice, lv, c.as_of}, c.config,
                                            c.templates, std::time(nullptr),
                                            c.ledger_id));
            util::fault_point("staged");
            staged.push_back({id, level, file});
            report.steps.push_back(
                {invoice->data.number, invoice->data.customer, lv.name, file});
        }
        if (staged.empty())
            return;
        box.sync();
        util::fault_point("synced");
        record(c, staged);
        transaction.commit();
        util::fault_point("committed");
    } catch (...) {
        for (const Staged& s : staged)
            box.discard(s.file);
        throw;
    }

    for (const Staged& s : staged) {
        box.publish(s.file);
        util::fault_point("published");
    }
    box.sync();
}

std::vector<std::int64_t> candidates(Context& c) {
    // --verbose explains every open invoice, so it reads them all; so does
    // a dry run whose schedule is stale (it may not rewrite it).
    bool current = schedule_is_current(c.ledger, c.config.policy);
    if (c.log.verbose() || !current) {
        std::vector<std::int64_t> ids;
        c.ledger.for_each_open_invoice(
            [&](const ledger::Invoice& i) { ids.push_back(i.id); });
        return ids;
    }
    return c.ledger.due_candidates(c.as_of);
}

RunReport plan(Context& c) {
    RunReport report;
    for (std::int64_t id : candidates(c)) {
        std::optional<ledger::Invoice> invoice = c.ledger.find(id);
        int level = invoice ? decide_one(c, *invoice) : -1;
        if (level < 0)
            continue;
        const std::string& name =
            c.config.policy.levels[static_cast<std::size_t>(level)].name;
        report.steps.push_back(
            {invoice->data.number, invoice->data.customer, name,
             outbox::Outbox::file_name(c.as_of, invoice->data.number, name)});
    }
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
    transaction.commit();
}

} // namespace

RunReport run(ledger::Ledger& ledger, const policy::Config& config,
              util::Date as_of, RunMode mode, const util::Log& log) {
    ReminderTemplates templates = ReminderTemplates::load(config);
    Context c{ledger, config, as_of, mode, log, templates, ledger.ledger_id()};
    if (mode == RunMode::dry_run)
        return plan(c);

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
    std::vector<std::int64_t> ids = candidates(c);
    for (std::size_t i = 0; i < ids.size(); i += batch_size) {
        std::vector<std::int64_t> batch(
            ids.begin() + static_cast<std::ptrdiff_t>(i),
            ids.begin() + static_cast<std::ptrdiff_t>(
                              std::min(ids.size(), i + batch_size)));
        write_batch(c, box, batch, report);
    }

    ledger::Ledger::Transaction transaction(ledger);
    ledger.finish_run(c.run_id, static_cast<int>(report.steps.size()));
    transaction.commit();
    return report;
}

} // namespace dunn::dunning
