#pragma once

#include "ledger/ledger.hpp"
#include "policy/policy.hpp"
#include "util/log.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace dunn::cli {

namespace fs = std::filesystem;

// The global options, as given on the command line.
struct GlobalOptions {
    std::optional<fs::path> config;
    std::optional<fs::path> ledger;
    bool quiet = false;
    bool verbose = false;
};

// What every command needs: the config (read when first asked for), the
// ledger's path, and where to report. One per process.
class Session {
public:
    explicit Session(const GlobalOptions& options);

    const policy::Config& config();
    // Reads the config with this import preset (dunn import --preset).
    void set_preset(const std::string& preset) { preset_ = preset; }
    // --ledger if given, else the config's [ledger] path.
    fs::path ledger_path();
    const util::Log& log() const { return log_; }

    // Opens the ledger, which must exist (ExitCode::no_input otherwise).
    ledger::Ledger open_ledger();

    // A ledger failure as an error naming the ledger, if it is known.
    util::Error describe(const SQLite::Exception& e) const;

private:
    GlobalOptions options_;
    std::optional<policy::Config> config_;
    std::string preset_;
    std::optional<fs::path> ledger_path_;
    util::Log log_;
};

// Reads a date option such as --as-of; throws ExitCode::usage if it is not
// YYYY-MM-DD.
util::Date date_option(const std::string& option, const std::string& value);

// The date given, or today.
util::Date date_or_today(const std::string& option,
                         const std::optional<std::string>& value);

} // namespace dunn::cli
