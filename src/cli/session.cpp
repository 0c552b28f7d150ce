#include "cli/session.hpp"

#include "policy/config.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace dunn::cli {

namespace {

util::Verbosity verbosity(const GlobalOptions& o) {
    if (o.quiet)
        return util::Verbosity::quiet;
    return o.verbose ? util::Verbosity::verbose : util::Verbosity::normal;
}

} // namespace

Session::Session(const GlobalOptions& options)
    : options_(options), log_(verbosity(options)) {}

const policy::Config& Session::config() {
    if (!config_)
        config_ = policy::load_config(
            policy::find_config_file(options_.config,
                                     std::getenv("DUNN_CONFIG")),
            preset_);
    return *config_;
}

fs::path Session::ledger_path() {
    if (!ledger_path_)
        ledger_path_ = options_.ledger ? *options_.ledger : config().ledger;
    return *ledger_path_;
}

util::Error Session::describe(const SQLite::Exception& e) const {
    return ledger::describe_failure(e, ledger_path_.value_or("the ledger"));
}

ledger::Ledger Session::open_ledger() {
    return ledger::Ledger::open(ledger_path(),
                                ledger::Ledger::Mode::must_exist);
}

util::Date date_option(const std::string& option, const std::string& value) {
    util::Expected<util::Date> d = util::parse_date(value);
    if (!d)
        throw util::Error(
            util::ExitCode::usage,
            fmt::format("{} {} {}", option, util::quoted(value), d.error()));
    return *d;
}

util::Date date_or_today(const std::string& option,
                         const std::optional<std::string>& value) {
    return value ? date_option(option, *value) : util::today_local();
}

} // namespace dunn::cli
