#pragma once

#include "cli/session.hpp"
#include "util/exit_code.hpp"

#include <optional>
#include <string>
#include <vector>

// One handler per command, each in cmd_<name>.cpp. The options are plain
// structs filled by app.cpp, the only file that knows CLI11.
namespace dunn::cli {

struct InitOptions {
    std::string dir = ".";
};
util::ExitCode cmd_init(Session& session, const InitOptions& o);

struct ImportOptions {
    std::vector<std::string> files;
    bool dry_run = false;
    std::string preset;               // --preset
    bool detect = false;              // --detect: only recognise the file
    bool customers = false;           // --customers: customer lists
    std::optional<std::string> as_of; // the import day
};
util::ExitCode cmd_import(Session& session, const ImportOptions& o);

struct RunOptions {
    std::optional<std::string> as_of;
    bool dry_run = false;
};
util::ExitCode cmd_run(Session& session, const RunOptions& o);

struct PaidOptions {
    std::vector<std::string> invoices;
    std::optional<std::string> amount;
    std::optional<std::string> on;
};
util::ExitCode cmd_paid(Session& session, const PaidOptions& o);

struct HoldOptions {
    std::vector<std::string> invoices;
    std::optional<std::string> until;
    std::string reason;
};
util::ExitCode cmd_hold(Session& session, const HoldOptions& o);

struct ReleaseOptions {
    std::vector<std::string> invoices;
};
util::ExitCode cmd_release(Session& session, const ReleaseOptions& o);

struct ListOptions {
    bool overdue = false;
    bool json = false;
    std::optional<std::string> as_of;
};
util::ExitCode cmd_list(Session& session, const ListOptions& o);

struct ShowOptions {
    std::string invoice;
    std::optional<std::string> as_of;
};
util::ExitCode cmd_show(Session& session, const ShowOptions& o);

// The whole program: parses the command line, runs one command, and turns
// every error into a "dunn: error: ..." line and its exit code.
int main(int argc, char** argv);

} // namespace dunn::cli
