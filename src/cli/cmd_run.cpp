#include "cli/commands.hpp"
#include "dunning/run.hpp"
#include "util/error.hpp"

#include <map>

namespace dunn::cli {

namespace {

// "friendly 7, second 3", in the order of the levels.
void print_levels(const util::Log& log, const policy::Policy& policy,
                  const std::map<std::string, int>& counts) {
    for (const policy::Level& level : policy.levels)
        if (auto it = counts.find(level.name); it != counts.end())
            log.info("  {:<12} {:>6}", level.name, it->second);
}

} // namespace

util::ExitCode cmd_run(Session& session, const RunOptions& o) {
    const policy::Config& config = session.config();
    const util::Log& log = session.log();
    util::Date as_of = date_or_today("--as-of", o.as_of);
    ledger::Ledger ledger = session.open_ledger();
    dunning::RunMode mode =
        o.dry_run ? dunning::RunMode::dry_run : dunning::RunMode::write;
    dunning::StepObserver tell;
    if (o.dry_run)
        tell = [&](const dunning::PlannedStep& s) {
            log.info("would write {} ({}, level '{}')",
                     (config.outbox / s.file).string(), s.invoice, s.level);
        };

    dunning::RunReport report =
        dunning::run(ledger, config, as_of, mode, log, tell);

    if (report.recovered > 0)
        log.info("completed {} reminder(s) left by an interrupted run",
                 report.recovered);
    std::string date = util::format_date(as_of);
    if (o.dry_run)
        log.info("dry run for {}: {} reminder(s) due, nothing written", date,
                 report.steps);
    else if (report.emails == report.steps)
        log.info("run for {}: {} reminder(s) written to {}", date, report.steps,
                 config.outbox.string());
    else
        log.info("run for {}: {} letter(s) for {} reminder(s) written to {}",
                 date, report.emails, report.steps, config.outbox.string());
    print_levels(log, config.policy, report.steps_per_level);

    for (const std::string& file : report.blocked_files)
        log.warn("not written: {} already exists in the outbox but the "
                 "ledger has no record of it; move it away and run again",
                 (config.outbox / file).string());
    return report.blocked_files.empty() ? util::ExitCode::ok
                                        : util::ExitCode::cant_create;
}

} // namespace dunn::cli
