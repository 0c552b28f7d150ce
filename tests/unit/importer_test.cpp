#include "importer/importer.hpp"
#include "policy/config.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace dunn::importer;
using dunn::ledger::Ledger;
namespace fs = std::filesystem;

namespace {

struct Files {
    fs::path dir;
    Files() {
        dir = fs::temp_directory_path() /
              ("dunn-importer-test-" + std::to_string(::getpid()) + "-" +
               std::to_string(counter++));
        fs::create_directories(dir);
    }
    ~Files() { fs::remove_all(dir); }
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir / name, std::ios::binary) << text;
        return (dir / name).string();
    }
    static inline int counter = 0;
};

const std::string header = "invoice,customer,email,amount,due\n";

ImportReport import(Ledger& l, std::vector<std::string> files,
                    ImportMode mode = ImportMode::write) {
    static const dunn::policy::Config config =
        dunn::policy::load_config(std::nullopt);
    return import_files(l, files, config,
                        {mode, *dunn::util::parse_date("2026-12-01")});
}

} // namespace

TEST_CASE("importer: new, changed and unchanged are counted") {
    Files f;
    Ledger l = Ledger::in_memory();
    auto first =
        f.write("a.csv", header + "A,Ann,a@example.com,10,2026-10-01\n"
                                  "B,Bob,b@example.com,20,2026-10-01\n");
    ImportReport r = import(l, {first});
    CHECK(r.added == 2);
    CHECK(r.errors.empty());

    auto second =
        f.write("b.csv", header + "A,Ann,a@example.com,10,2026-10-01\n"
                                  "B,Bob,b@example.com,25,2026-10-01\n"
                                  "C,Cy,c@example.com,5,2026-10-01\n");
    r = import(l, {second});
    CHECK((r.added == 1 && r.changed == 1 && r.unchanged == 1));
    CHECK(r.changes == std::vector<std::string>{"B: amount 20.00 -> 25.00"});
    CHECK(l.find("B")->data.amount == dunn::util::Money::cents(2500));
    CHECK(l.find("B")->source == second + ":3");
}

TEST_CASE("importer: errors are sorted by line and nothing is written") {
    Files f;
    Ledger l = Ledger::in_memory();
    std::string text = header;
    for (int i = 1; i <= 11; ++i)
        text += "I" + std::to_string(i) + ",A,a@example.com," +
                (i == 8 || i == 9 ? "x" : "1") + ",2026-10-01\n";
    auto path = f.write("a.csv", text);
    ImportReport r = import(l, {path});
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0] == path + ":9: column 'amount': \"x\" is not an amount");
    CHECK_THAT(r.errors[1], Catch::StartsWith(path + ":10:"));
    CHECK_FALSE(l.has_invoices());
}

TEST_CASE("importer: a conflicting duplicate names both places") {
    Files f;
    Ledger l = Ledger::in_memory();
    auto a = f.write("a.csv", header + "A,Ann,a@example.com,10,2026-10-01\n");
    auto b = f.write("b.csv", header + "B,Bob,b@example.com,1,2026-10-01\n"
                                       "A,Ann,a@example.com,11,2026-10-01\n");
    ImportReport r = import(l, {a, b});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0] == b + ":3: this invoice number is also on " + a +
                             ":2, with different data; an invoice number "
                             "must be unique");
}

TEST_CASE("importer: an amount below the payments is refused") {
    Files f;
    Ledger l = Ledger::in_memory();
    import(l,
           {f.write("a.csv", header + "A,Ann,a@example.com,10,2026-10-01\n")});
    l.add_payment(l.find("A")->id, dunn::util::Money::cents(800),
                  *dunn::util::parse_date("2026-10-02"), "paid");
    ImportReport r = import(
        l,
        {f.write("b.csv", header + "A,Ann,a@example.com,7.99,2026-10-01\n")});
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0], Catch::EndsWith("column 'amount': \"7.99\" is "
                                            "less than the 8.00 already paid "
                                            "on invoice A"));
    r = import(l,
               {f.write("c.csv", "invoice,customer,email,amount,due,currency\n"
                                 "A,Ann,a@example.com,10,2026-10-01,USD\n")});
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0], Catch::Contains("currency of payments already "
                                            "recorded"));
}

TEST_CASE("importer: a dry run counts but writes nothing") {
    Files f;
    Ledger l = Ledger::in_memory();
    ImportReport r = import(
        l, {f.write("a.csv", header + "A,Ann,a@example.com,10,2026-10-01\n")},
        ImportMode::dry_run);
    CHECK(r.added == 1);
    CHECK_FALSE(l.has_invoices());
}

TEST_CASE("importer: a new invoice gets its first due date") {
    Files f;
    Ledger l = Ledger::in_memory();
    import(l,
           {f.write("a.csv", header + "A,Ann,a@example.com,10,2026-10-01\n"
                                      "B,Bob,b@example.com,1,2026-10-01\n")});
    // A is due for the friendly level 7 days later; B is under min_amount.
    auto due = l.due_candidates(*dunn::util::parse_date("2026-10-08"));
    CHECK(due == std::vector<std::int64_t>{l.find("A")->id});
}

TEST_CASE("importer: a missing file is no_input") {
    Ledger l = Ledger::in_memory();
    try {
        import(l, {"/nonexistent/x.csv"});
        FAIL("no error");
    } catch (const dunn::util::Error& e) {
        CHECK(e.code() == dunn::util::ExitCode::no_input);
    }
}
