// The command line: every command and option, declared with CLI11, and
// the one place where errors become messages and exit codes. This is the
// only file that includes CLI11 (it costs ~15 s to compile).

#include "cli/commands.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <SQLiteCpp/Exception.h>
#include <algorithm>
#include <fmt/format.h>
#include <functional>

namespace dunn::cli {

namespace {

using util::ExitCode;
using Handler = std::function<ExitCode(Session&)>;

const char* const exit_codes =
    "Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing input, 70 bug, "
    "73 cannot create, 74 I/O error, 75 busy (try again), 78 bad config.\n"
    "Documentation: docs/ in the dunn sources.";

struct Options {
    GlobalOptions global;
    InitOptions init;
    ImportOptions import;
    RunOptions run;
    PaidOptions paid;
    HoldOptions hold;
    ReleaseOptions release;
    ListOptions list;
    ShowOptions show;
};

void add_globals(CLI::App& app, GlobalOptions& g) {
    app.add_option("--config", g.config,
                   "Config file (default: $DUNN_CONFIG, else ./dunn.toml, "
                   "else built-in defaults)");
    app.add_option("--ledger", g.ledger,
                   "Ledger file (default: dunn.db beside the config file)");
    auto* quiet = app.add_flag("-q,--quiet", g.quiet,
                               "Print nothing on success (for cron)");
    auto* verbose =
        app.add_flag("-v,--verbose", g.verbose, "Explain each decision");
    quiet->excludes(verbose);
}

CLI::App* command(CLI::App& app, const char* name, const char* about,
                  Handler& chosen, Handler handler) {
    CLI::App* sub = app.add_subcommand(name, about);
    sub->callback([&chosen, handler] { chosen = handler; });
    return sub;
}

void add_init(CLI::App& app, Options& o, Handler& chosen) {
    auto* sub =
        command(app, "init",
                "Write a commented dunn.toml and the default "
                "templates into DIR, to edit",
                chosen, [&o](Session& s) { return cmd_init(s, o.init); });
    sub->add_option("DIR", o.init.dir, "Folder to write into (default: .)");
}

void add_import(CLI::App& app, Options& o, Handler& chosen) {
    auto* sub =
        command(app, "import", "Load invoices from CSV files into the ledger",
                chosen, [&o](Session& s) { return cmd_import(s, o.import); });
    sub->add_option("FILE", o.import.files, "CSV file(s); - reads stdin")
        ->required();
    sub->add_flag("--dry-run", o.import.dry_run,
                  "Check and count, but change nothing");
    sub->add_option("--preset", o.import.preset,
                    "Read the export of a known tool: invoiceninja, xero, "
                    "akaunting, datev-opos, stripe");
    sub->add_flag("--detect", o.import.detect,
                  "Say which preset fits FILE's header, and import nothing");
    sub->add_flag("--customers", o.import.customers,
                  "FILE is a customer list (contacts for invoices)");
    sub->add_option("--as-of", o.import.as_of,
                    "The import day, for payments the export shows "
                    "(default: today)");
}

void add_run(CLI::App& app, Options& o, Handler& chosen) {
    auto* sub = command(app, "run",
                        "Write the reminders due today into the outbox "
                        "(daily, from cron)",
                        chosen, [&o](Session& s) { return cmd_run(s, o.run); });
    sub->add_option("--as-of", o.run.as_of,
                    "The date to act on, YYYY-MM-DD (default: today)");
    sub->add_flag("--dry-run", o.run.dry_run,
                  "Print what would be written; change nothing");
}

void add_paid(CLI::App& app, Options& o, Handler& chosen) {
    auto* sub =
        command(app, "paid",
                "Record a payment; reminders stop once nothing is "
                "open",
                chosen, [&o](Session& s) { return cmd_paid(s, o.paid); });
    sub->add_option("INVOICE", o.paid.invoices, "Invoice number(s)")
        ->required();
    sub->add_option("--amount", o.paid.amount,
                    "Amount paid, e.g. 120.50 (default: all that is open; "
                    "one invoice only)");
    sub->add_option("--on", o.paid.on,
                    "Date of the payment, YYYY-MM-DD (default: today)");
}

void add_hold(CLI::App& app, Options& o, Handler& chosen) {
    auto* sub =
        command(app, "hold", "Pause reminders for an invoice (e.g. disputed)",
                chosen, [&o](Session& s) { return cmd_hold(s, o.hold); });
    sub->add_option("INVOICE", o.hold.invoices, "Invoice number(s)")
        ->required();
    sub->add_option("--until", o.hold.until,
                    "Last day of the pause, YYYY-MM-DD (default: until "
                    "released)");
    sub->add_option("--reason", o.hold.reason, "Why, for the record");

    auto* release =
        command(app, "release", "Resume reminders paused with 'dunn hold'",
                chosen, [&o](Session& s) { return cmd_release(s, o.release); });
    release->add_option("INVOICE", o.release.invoices, "Invoice number(s)")
        ->required();
}

void add_list(CLI::App& app, Options& o, Handler& chosen) {
    auto* sub = command(app, "list", "List invoices with their state", chosen,
                        [&o](Session& s) { return cmd_list(s, o.list); });
    sub->add_flag("--overdue", o.list.overdue,
                  "Only invoices past their due date with money open");
    sub->add_flag("--json", o.list.json, "JSON for scripts");
    sub->add_option("--as-of", o.list.as_of,
                    "Count days overdue up to this date (default: today)");

    auto* show = command(
        app, "show", "Show one invoice: payments, reminders, what is next",
        chosen, [&o](Session& s) { return cmd_show(s, o.show); });
    show->add_option("INVOICE", o.show.invoice, "Invoice number")->required();
    show->add_option("--as-of", o.show.as_of,
                     "The date to show it on (default: today)");
}

std::vector<std::string> long_names(const CLI::App& scope) {
    std::vector<std::string> names;
    for (const CLI::Option* o : scope.get_options())
        for (const std::string& n : o->get_lnames())
            names.push_back("--" + n);
    return names;
}

const CLI::Option* find_option(const CLI::App& scope, std::string_view word) {
    for (const CLI::Option* o : scope.get_options())
        if (o->check_name(std::string(word)))
            return o;
    return nullptr;
}

// CLI11 says "A subcommand is required" for "dunn rnu" and lists leftover
// words for "dunn run --as-off X". Walk the words as CLI11 would and name
// the first unknown command or option, with what was probably meant; ""
// when every word is known.
std::string unknown_word(CLI::App& app, const std::vector<std::string>& args) {
    CLI::App* command = nullptr;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view word = args[i];
        if (word == "--")
            return "";
        if (word.size() > 1 && word[0] == '-') {
            std::string_view name = word.substr(0, word.find('='));
            const CLI::Option* o =
                command ? find_option(*command, name) : nullptr;
            if (!o)
                o = find_option(app, name);
            if (o && o->get_expected_min() > 0 && name.size() == word.size())
                ++i; // its value
            if (o || name.rfind("--", 0) != 0)
                continue;
            std::vector<std::string> known = long_names(app);
            if (command)
                for (std::string& n : long_names(*command))
                    known.push_back(std::move(n));
            return fmt::format("unknown option '{}'{}{}", name,
                               command ? " for dunn " + command->get_name()
                                       : "",
                               util::did_you_mean(util::closest(name, known)));
        }
        if (command)
            continue;
        std::vector<std::string> commands;
        for (const CLI::App* sub : app.get_subcommands({}))
            commands.push_back(sub->get_name());
        auto it = std::find(commands.begin(), commands.end(), word);
        if (it != commands.end()) {
            command = app.get_subcommand(*it);
            continue;
        }
        std::vector<std::string> near = util::closest(word, commands);
        return fmt::format("unknown command '{}'{}", word,
                           near.empty() ? fmt::format("; the commands are {}",
                                                      fmt::join(commands, ", "))
                                        : util::did_you_mean(near));
    }
    return "";
}

int report(const util::Error& e) {
    fmt::print(stderr, "dunn: error: {}\n", e.what());
    return static_cast<int>(e.code());
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app("dunn reminds your customers of unpaid invoices: friendly "
                 "first, firmer later, and not once they have paid.",
                 "dunn");
    app.set_version_flag("--version", "dunn " DUNN_VERSION);
    app.footer(exit_codes);
    // Global options may also follow the command: dunn run -q.
    app.fallthrough();
    app.require_subcommand(1, 1);

    Options o;
    Handler chosen;
    add_globals(app, o.global);
    add_init(app, o, chosen);
    add_import(app, o, chosen);
    add_run(app, o, chosen);
    add_paid(app, o, chosen);
    add_hold(app, o, chosen);
    add_list(app, o, chosen);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0)
            return app.exit(e); // --help, --version
        std::string unknown =
            unknown_word(app, std::vector<std::string>(argv + 1, argv + argc));
        fmt::print(stderr, "dunn: error: {}\nRun 'dunn --help' for usage.\n",
                   unknown.empty() ? e.what() : unknown);
        return static_cast<int>(ExitCode::usage);
    }

    Session session(o.global);
    try {
        return static_cast<int>(chosen(session));
    } catch (const util::Error& e) {
        return report(e);
    } catch (const SQLite::Exception& e) {
        return report(session.describe(e));
    } catch (const std::bad_alloc&) {
        return report(util::Error(ExitCode::io, "out of memory"));
    } catch (const std::exception& e) {
        return report(util::Error(
            ExitCode::software,
            fmt::format("internal error: {}; please report it", e.what())));
    }
}

} // namespace dunn::cli
