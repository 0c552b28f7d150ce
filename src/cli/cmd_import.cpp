#include "cli/commands.hpp"
#include "importer/detect.hpp"
#include "importer/importer.hpp"
#include "policy/defaults.hpp"
#include "util/error.hpp"

#include <fmt/ranges.h>
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

// dunn import --detect FILE: which preset fits, and the mapping it gives.
util::ExitCode detect(Session& session, const ImportOptions& o) {
    if (o.files.size() != 1)
        throw util::Error(util::ExitCode::usage,
                          "--detect looks at one file at a time");
    std::vector<std::string> header = importer::read_header(o.files[0]);
    std::vector<importer::PresetFit> fits = importer::fit_presets(header);
    const importer::PresetFit& best = fits.front();
    const util::Log& log = session.log();

    if (!best.full() && importer::is_plain_format(header)) {
        log.info("{} is in dunn's own format; no preset is needed", o.files[0]);
        return util::ExitCode::ok;
    }
    if (best.found == 0) {
        log.info("{} matches no preset ({}); map its columns in dunn.toml "
                 "under [import.columns]",
                 o.files[0], fmt::join(policy::preset_names(), ", "));
        return util::ExitCode::data;
    }
    if (best.full())
        log.info("{} matches preset \"{}\"", o.files[0], best.preset);
    else
        log.info("{} matches no preset; closest is \"{}\", which also needs "
                 "the column{} {}",
                 o.files[0], best.preset, best.missing.size() > 1 ? "s" : "",
                 fmt::join(best.missing, ", "));
    log.info("mapping{}:", best.full() ? "" : " it would use");
    for (const auto& [column, header] : best.mapping)
        log.info("  {:<12} <- {}", column, header);
    if (!best.full())
        return util::ExitCode::data;
    log.info("import it with: dunn import --preset {} {}", best.preset,
             o.files[0]);
    return util::ExitCode::ok;
}

void print_report(const util::Log& log, const importer::ImportReport& r,
                  const ImportOptions& o) {
    for (const std::string& change : r.changes)
        log.info("changed {}", change);
    for (const std::string& warning : r.warnings)
        log.warn("{}", warning);

    std::string extra;
    if (r.duplicates > 0)
        extra += fmt::format(", {} repeated rows ignored", r.duplicates);
    if (r.drafts > 0)
        extra += fmt::format(", {} drafts skipped", r.drafts);
    if (r.payments > 0)
        extra +=
            fmt::format(", {} payments recorded from the export", r.payments);
    log.info("{}{} new, {} changed, {} unchanged{}{}",
             o.dry_run ? "dry run, nothing written: would import "
                       : "imported ",
             r.added, r.changed, r.unchanged, o.customers ? " customers" : "",
             extra);
}

} // namespace

util::ExitCode cmd_import(Session& session, const ImportOptions& o) {
    if (o.detect)
        return detect(session, o);
    session.set_preset(o.preset);
    const policy::Config& config = session.config();
    fs::path path = session.ledger_path();
    std::error_code ec;
    bool existed = fs::exists(path, ec);
    importer::ImportOptions options{o.dry_run ? importer::ImportMode::dry_run
                                              : importer::ImportMode::write,
                                    date_or_today("--as-of", o.as_of)};

    bool created = !existed && !o.dry_run;
    auto import = [&] {
        ledger::Ledger ledger =
            o.dry_run && !existed
                ? ledger::Ledger::in_memory()
                : ledger::Ledger::open(path, ledger::Ledger::Mode::create);
        return o.customers
                   ? importer::import_customers(ledger, o.files, config,
                                                options)
                   : importer::import_files(ledger, o.files, config, options);
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
    print_report(session.log(), report, o);
    return util::ExitCode::ok;
}

} // namespace dunn::cli
