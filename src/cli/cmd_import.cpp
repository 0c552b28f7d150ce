#include "cli/commands.hpp"
#include "importer/importer.hpp"
#include "util/error.hpp"

#include <unistd.h>

namespace dunn::cli {

namespace {

// A failed first import leaves no ledger behind: the folder looks as it
// did before. Unless another dunn has filled it meanwhile.
void remove_new_ledger(const fs::path& path) {
    try {
        if (ledger::Ledger::open(path, ledger::Ledger::Mode::must_exist)
                .has_invoices())
            return;
    } catch (const std::exception&) {
        return; // busy or unreadable: leave it be
    }
    for (const char* suffix : {"", "-wal", "-shm"})
        ::unlink((path.string() + suffix).c_str());
}

} // namespace

util::ExitCode cmd_import(Session& session, const ImportOptions& o) {
    const policy::Config& config = session.config();
    const util::Log& log = session.log();
    fs::path path = session.ledger_path();
    std::error_code ec;
    bool existed = fs::exists(path, ec);
    importer::ImportMode mode =
        o.dry_run ? importer::ImportMode::dry_run : importer::ImportMode::write;

    bool created = !existed && !o.dry_run;
    auto import = [&] {
        ledger::Ledger ledger =
            o.dry_run && !existed
                ? ledger::Ledger::in_memory()
                : ledger::Ledger::open(path, ledger::Ledger::Mode::create);
        return importer::import_files(ledger, o.files, config, mode);
    };
    importer::ImportReport report;
    try {
        report = import();
    } catch (...) {
        if (created)
            remove_new_ledger(path);
        throw;
    }

    if (!report.errors.empty()) {
        if (created)
            remove_new_ledger(path);
        for (const std::string& e : report.errors)
            fmt::print(stderr, "dunn: error: {}\n", e);
        throw util::Error(util::ExitCode::data,
                          fmt::format("nothing imported: {} problem{} found; "
                                      "fix the file{} and import again",
                                      report.errors.size(),
                                      report.errors.size() == 1 ? "" : "s",
                                      o.files.size() == 1 ? "" : "s"));
    }

    for (const std::string& change : report.changes)
        log.info("changed {}", change);
    log.info("{}{} new, {} changed, {} unchanged{}",
             o.dry_run ? "dry run, nothing written: would import "
                       : "imported ",
             report.added, report.changed, report.unchanged,
             report.duplicates > 0
                 ? fmt::format(" ({} repeated rows ignored)", report.duplicates)
                 : "");
    return util::ExitCode::ok;
}

} // namespace dunn::cli
