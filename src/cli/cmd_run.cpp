#include "cli/commands.hpp"
#include "dunning/run.hpp"
#include "util/error.hpp"

#include <map>
#include <set>

namespace dunn::cli {

namespace {

// "friendly 7, second 3", in the order of the levels.
void print_levels(const util::Log& log, const policy::Policy& policy,
                  const std::vector<dunning::PlannedStep>& steps) {
    std::map<std::string, int> counts;
    for (const dunning::PlannedStep& s : steps)
        ++counts[s.level];
    for (const policy::Level& level : policy.levels)
        if (counts.count(level.name) != 0)
            log.info("  {:<12} {:>6}", level.name, counts[level.name]);
}

} // namespace

util::ExitCode cmd_run(Session& session, const RunOptions& o) {
    const policy::Config& config = session.config();
    const util::Log& log = session.log();
    util::Date as_of = date_or_today("--as-of", o.as_of);
    ledger::Ledger ledger = session.open_ledger();
    dunning::RunMode mode =
        o.dry_run ? dunning::RunMode::dry_run : dunning::RunMode::write;

    dunning::RunReport report = dunning::run(ledger, config, as_of, mode, log);

    if (report.recovered > 0)
        log.info("completed {} reminder(s) left by an interrupted run",
                 report.recovered);
    std::string date = util::format_date(as_of);
    if (o.dry_run) {
        for (const dunning::PlannedStep& s : report.steps)
            log.info("would write {} ({}, level '{}')",
                     (config.outbox / s.file).string(), s.invoice, s.level);
        log.info("dry run for {}: {} reminder(s) due, nothing written", date,
                 report.steps.size());
    } else {
        std::set<std::string> files;
        for (const dunning::PlannedStep& s : report.steps)
            files.insert(s.file);
        if (files.size() == report.steps.size())
            log.info("run for {}: {} reminder(s) written to {}", date,
                     report.steps.size(), config.outbox.string());
        else
            log.info("run for {}: {} letter(s) for {} reminder(s) written "
                     "to {}",
                     date, files.size(), report.steps.size(),
                     config.outbox.string());
    }
    print_levels(log, config.policy, report.steps);

    for (const std::string& file : report.blocked_files)
        log.warn("not written: {} already exists in the outbox but the "
                 "ledger has no record of it; move it away and run again",
                 (config.outbox / file).string());
    return report.blocked_files.empty() ? util::ExitCode::ok
                                        : util::ExitCode::cant_create;
}

} // namespace dunn::cli
