#pragma once

#include "ledger/ledger.hpp"
#include "policy/policy.hpp"
#include "util/log.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace dunn::dunning {

enum class RunMode { write, dry_run };

// One step a run wrote (or, in a dry run, would write).
struct PlannedStep {
    std::string invoice;
    std::string customer;
    std::string level;
    std::string file; // name inside the outbox
};

// Told of each step as the run writes it (or, in a dry run, plans it).
using StepObserver = std::function<void(const PlannedStep&)>;

// What a run did, in counts. It keeps no list of the steps, so a run's
// memory stays flat however many reminders it writes; a caller that wants
// them passes a StepObserver.
struct RunReport {
    int steps = 0;  // invoice steps recorded (or due, in a dry run)
    int emails = 0; // files written; a letter can hold several steps
    std::map<std::string, int> steps_per_level; // by level name
    // Steps not written because a file of the same name was already in the
    // outbox without a record in the ledger (exit 73).
    std::vector<std::string> blocked_files;
    int recovered = 0; // emails of an interrupted run put in place
    int discarded = 0; // unrecorded leftovers of an interrupted run removed
};

// The daily job: for every invoice with a step due on `as_of`, writes the
// reminder into the outbox and records the step in the ledger, exactly
// once even if the process dies at any moment (docs/architecture.md).
// A dry run decides the same but writes nothing at all.
// Throws util::Error: ExitCode::config for a bad template (before any
// email is written), ExitCode::usage for a date before the latest run,
// ExitCode::temp_fail if another run holds the outbox.
RunReport run(ledger::Ledger& ledger, const policy::Config& config,
              util::Date as_of, RunMode mode, const util::Log& log,
              const StepObserver& on_step = {});

} // namespace dunn::dunning
