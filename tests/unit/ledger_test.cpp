#include "ledger/ledger.hpp"
#include "ledger/schema.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using dunn::ledger::InvoiceData;
using dunn::ledger::Ledger;
using dunn::util::Money;
namespace fs = std::filesystem;

namespace {

dunn::util::Date day(const char* iso) {
    return *dunn::util::parse_date(iso);
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("dunn-ledger-test-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    static inline int counter = 0;
};

InvoiceData invoice(const char* number, std::int64_t cents = 10000) {
    InvoiceData d;
    d.number = number;
    d.customer = "Ann";
    d.email = "ann@example.com";
    d.currency = "EUR";
    d.amount = Money::cents(cents);
    d.due = day("2026-10-01");
    return d;
}

std::int64_t add(Ledger& l, const char* number, std::int64_t cents = 10000) {
    std::int64_t import_id = l.begin_import("test.csv");
    return *l.insert_if_new(invoice(number, cents), {"test.csv:2", import_id},
                            day("2026-10-08"));
}

} // namespace

TEST_CASE("ledger: a new ledger is private, in WAL mode, at the schema "
          "version") {
    TempDir dir;
    fs::path path = dir.path / "sub" / "dunn.db";
    {
        Ledger l = Ledger::open(path, Ledger::Mode::create);
        CHECK(l.ledger_id().size() == 16);
    }
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    SQLite::Database db(path.string());
    CHECK(db.execAndGet("PRAGMA user_version").getInt() ==
          dunn::ledger::schema_version());
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("ledger: must_exist refuses a missing ledger with no_input") {
    TempDir dir;
    try {
        Ledger::open(dir.path / "none.db", Ledger::Mode::must_exist);
        FAIL("no error");
    } catch (const dunn::util::Error& e) {
        CHECK(e.code() == dunn::util::ExitCode::no_input);
    }
    CHECK_FALSE(fs::exists(dir.path / "none.db"));
}

TEST_CASE("ledger: a ledger from a newer dunn or a foreign database is "
          "refused") {
    TempDir dir;
    fs::path newer = dir.path / "newer.db";
    {
        SQLite::Database db(newer.string(),
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA user_version = 999");
    }
    CHECK_THROWS_WITH(Ledger::open(newer, Ledger::Mode::must_exist),
                      Catch::Contains("newer dunn"));

    fs::path foreign = dir.path / "foreign.db";
    {
        SQLite::Database db(foreign.string(),
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE mine (x)");
    }
    CHECK_THROWS_WITH(Ledger::open(foreign, Ledger::Mode::must_exist),
                      Catch::Contains("not a dunn ledger"));
}

TEST_CASE("ledger: migrating a version 0 file creates every table") {
    TempDir dir;
    fs::path path = dir.path / "empty.db";
    {
        SQLite::Database db(path.string(),
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    }
    Ledger l = Ledger::open(path, Ledger::Mode::must_exist);
    CHECK_FALSE(l.has_invoices());
    CHECK_FALSE(l.latest_run());
}

TEST_CASE("ledger: insert, find, update and the open amount") {
    Ledger l = Ledger::in_memory();
    std::int64_t id = add(l, "INV-1");
    CHECK_FALSE(l.insert_if_new(invoice("INV-1"), {"x", 1}, std::nullopt));

    l.add_payment(id, Money::cents(2500), day("2026-10-05"), "paid");
    l.add_payment(id, Money::cents(500), day("2026-10-06"), "paid");
    auto inv = l.find("INV-1");
    REQUIRE(inv);
    CHECK(inv->paid == Money::cents(3000));
    CHECK(inv->open() == Money::cents(7000));
    CHECK(inv->source == "test.csv:2");
    CHECK(l.paid(id) == Money::cents(3000));

    InvoiceData changed = invoice("INV-1", 12000);
    changed.issued = day("2026-09-01");
    l.update(id, changed, {"other.csv:9", 1});
    auto data = l.find_data("INV-1");
    REQUIRE(data);
    CHECK(data->second == changed);
    CHECK_FALSE(l.find("INV-2"));
}

namespace {

dunn::ledger::Step step(int level, const char* on, const char* file,
                        std::int64_t fee = 0) {
    return {level,
            level == 0 ? "friendly" : "second",
            day(on),
            file,
            Money::cents(fee),
            Money()};
}

} // namespace

TEST_CASE("ledger: a step is unique per invoice and level, and per file "
          "and invoice") {
    Ledger l = Ledger::in_memory();
    std::int64_t id = add(l, "INV-1");
    std::int64_t run = l.start_run(day("2026-10-08"));
    l.record_step(id, step(0, "2026-10-08", "a.eml", 250), run);
    CHECK_THROWS_AS(l.record_step(id, step(0, "2026-10-09", "b.eml"), run),
                    SQLite::Exception);
    CHECK_THROWS_AS(l.record_step(id, step(1, "2026-10-09", "a.eml"), run),
                    SQLite::Exception);

    // A letter records the steps of several invoices under one file.
    std::int64_t other = add(l, "INV-2");
    l.record_step(other, step(0, "2026-10-08", "a.eml"), run);

    auto inv = l.find(id);
    CHECK(inv->levels_sent == 1);
    CHECK(inv->last_level == "friendly");
    CHECK(l.steps(id).at(0).fee == Money::cents(250));
    CHECK(l.is_recorded("a.eml"));
    CHECK_FALSE(l.is_recorded("b.eml"));
}

TEST_CASE("ledger: an invoice's missing contact comes from its customer") {
    Ledger l = Ledger::in_memory();
    dunn::ledger::Customer c;
    c.customer_id = "10001";
    c.name = "Müller GmbH";
    c.email = "buchhaltung@mueller.example";
    c.kind = "b2b";
    c.source = "customers.csv:2";
    std::int64_t cid = l.insert_customer(c);

    InvoiceData bare = invoice("RE-1");
    bare.customer = "";
    bare.email = "";
    bare.customer_id = "10001";
    std::int64_t import_id = l.begin_import("x");
    std::int64_t id = *l.insert_if_new(bare, {"x:2", import_id, cid}, {});
    auto inv = l.find(id);
    CHECK(inv->data.customer == "Müller GmbH");
    CHECK(inv->data.email == "buchhaltung@mueller.example");
    CHECK(inv->data.kind == "b2b");
    CHECK(l.find_data("RE-1")->second.email.empty()); // stored as imported

    c.id = cid;
    c.email = "neu@mueller.example";
    l.update_customer(c);
    CHECK(l.find(id)->data.email == "neu@mueller.example");
    CHECK(l.find_customer("10001", "")->name == "Müller GmbH");
    CHECK(l.find_customer("", "Müller GmbH")->id == cid);
    CHECK_FALSE(l.find_customer("10002", "Müller GmbH"));
}

TEST_CASE("ledger: invoices are linked to customers after a customer list") {
    Ledger l = Ledger::in_memory();
    std::int64_t id = add(l, "A"); // customer "Ann", no customer_id
    dunn::ledger::Customer c;
    c.name = "Ann";
    c.phone = "+49 1";
    c.source = "c.csv:2";
    l.insert_customer(c);
    CHECK(l.find(id)->data.phone.empty());
    l.link_invoices_to_customers();
    CHECK(l.find(id)->data.phone == "+49 1");
}

TEST_CASE("ledger: due candidates come from next_on") {
    Ledger l = Ledger::in_memory();
    std::int64_t a = add(l, "A");
    std::int64_t b = add(l, "B");
    l.set_next_on(b, day("2026-11-01"));
    CHECK(l.due_candidates(day("2026-10-07")).empty());
    CHECK(l.due_candidates(day("2026-10-08")) == std::vector<std::int64_t>{a});
    CHECK(l.due_candidates(day("2026-11-01")).size() == 2);
    l.set_next_on(a, std::nullopt);
    CHECK(l.due_candidates(day("2027-01-01")) == std::vector<std::int64_t>{b});
}

TEST_CASE("ledger: holds, runs and meta") {
    Ledger l = Ledger::in_memory();
    std::int64_t id = add(l, "A");
    l.set_hold(id, {day("2026-12-01"), "disputed"});
    auto held = l.find(id);
    REQUIRE(held->hold);
    CHECK(held->hold->reason == "disputed");
    l.clear_hold(id);
    CHECK_FALSE(l.find(id)->hold);

    std::int64_t run = l.start_run(day("2026-10-08"));
    l.finish_run(run, 3);
    CHECK(*l.latest_run() == day("2026-10-08"));
    CHECK(l.runs().at(0).steps == 3);

    l.set_meta("k", "v1");
    l.set_meta("k", "v2");
    CHECK(l.meta("k") == "v2");
    CHECK(l.meta("missing").empty());
}

TEST_CASE("ledger: a transaction not committed leaves nothing") {
    Ledger l = Ledger::in_memory();
    {
        Ledger::Transaction t(l);
        add(l, "A");
    }
    CHECK_FALSE(l.has_invoices());
    {
        Ledger::Transaction t(l);
        add(l, "A");
        t.commit();
    }
    CHECK(l.has_invoices());
}

TEST_CASE("ledger: a version 1 ledger written by dunn 1.0 migrates intact") {
    TempDir dir;
    fs::path path = dir.path / "old.db";
    {
        std::ifstream in(std::string(DUNN_TEST_DATA) + "/ledger-v1.sql");
        REQUIRE(in);
        std::string sql((std::istreambuf_iterator<char>(in)), {});
        SQLite::Database db(path.string(),
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(sql);
        REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 1);
    }

    Ledger l = Ledger::open(path, Ledger::Mode::must_exist);
    auto inv = l.find("RE-2026/0042");
    REQUIRE(inv);
    CHECK(inv->levels_sent == 1);
    CHECK(inv->data.kind.empty());
    CHECK(inv->customer_key == "name:Müller & Söhne GmbH\x1f"
                               "buchhaltung@mueller-soehne.example");
    auto steps = l.steps(inv->id);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].file == "2026-11-30_RE-2026%2F0042_friendly.eml");
    CHECK(steps[0].fee.is_zero());
    CHECK(l.find("RE-2026/0043")->paid == Money::cents(8000));
    CHECK(l.find("RE-2026/0044")->hold->reason == "disputed");
    CHECK(*l.latest_run() == day("2026-11-30"));

    SQLite::Database db(path.string());
    CHECK(db.execAndGet("PRAGMA user_version").getInt() ==
          dunn::ledger::schema_version());
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("ledger: run indexes rebuilt after a bulk load read as migrated") {
    TempDir dir;
    fs::path path = dir.path / "l.db";
    auto schema = [&] {
        SQLite::Database db(path.string());
        SQLite::Statement s(db, "SELECT name, sql FROM sqlite_schema WHERE "
                                "type = 'index' AND sql IS NOT NULL "
                                "ORDER BY name");
        std::vector<std::string> out;
        while (s.executeStep())
            out.push_back(s.getColumn(0).getString() + ": " +
                          s.getColumn(1).getString());
        return out;
    };
    { Ledger::open(path, Ledger::Mode::create); }
    std::vector<std::string> migrated = schema();
    {
        Ledger l = Ledger::open(path, Ledger::Mode::must_exist);
        Ledger::Transaction t(l);
        l.drop_run_indexes();
        add(l, "A");
        l.create_run_indexes();
        t.commit();
    }
    CHECK(schema() == migrated);
}

TEST_CASE("ledger: a digest tells the row an invoice came from") {
    Ledger l = Ledger::in_memory();
    std::int64_t import_id = l.begin_import("x");
    std::int64_t id =
        *l.insert_if_new(invoice("A"), {"x:2", import_id, {}, 42}, {});
    CHECK(l.match("A", 42)->same_row);
    CHECK(l.match("A", 42)->id == id);
    CHECK_FALSE(l.match("A", 43)->same_row);
    CHECK_FALSE(l.match("B", 42));
    l.store_digest(id, 43);
    CHECK(l.match("A", 43)->same_row);
}

TEST_CASE("ledger: a version 4 ledger with a customer index migrates") {
    // Schema 4 kept the customer key as a generated column, indexed once a
    // run grouped letters. Made here by hand from a new ledger.
    TempDir dir;
    fs::path path = dir.path / "v4.db";
    {
        Ledger l = Ledger::open(path, Ledger::Mode::create);
        add(l, "A");
    }
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec("ALTER TABLE invoices ADD COLUMN customer_key TEXT "
                "GENERATED ALWAYS AS " DUNN_CUSTOMER_KEY("") " VIRTUAL");
        db.exec("CREATE INDEX invoices_customer ON invoices (customer_key)");
        db.exec("PRAGMA user_version = 4");
    }

    Ledger l = Ledger::open(path, Ledger::Mode::must_exist);
    l.ensure_customer_index();
    std::vector<dunn::ledger::Invoice> of_ann =
        l.invoices_of_customer("name:Ann\x1f"
                               "ann@example.com");
    REQUIRE(of_ann.size() == 1);
    CHECK(of_ann[0].data.number == "A");

    SQLite::Database db(path.string());
    CHECK(db.execAndGet("SELECT count(*) FROM pragma_table_xinfo('invoices') "
                        "WHERE name = 'customer_key'")
              .getInt() == 0);
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("ledger: a customer's invoices are found through the index") {
    TempDir dir;
    fs::path path = dir.path / "l.db";
    {
        Ledger l = Ledger::open(path, Ledger::Mode::create);
        l.ensure_customer_index();
    }
    SQLite::Database db(path.string());
    SQLite::Statement plan(
        db, "EXPLAIN QUERY PLAN SELECT i.id FROM "
            "invoices i WHERE " DUNN_CUSTOMER_KEY("i.") " = 'name:Ann'");
    std::string details;
    while (plan.executeStep())
        details += plan.getColumn(3).getString() + "\n";
    CHECK_THAT(details, Catch::Contains("USING INDEX invoices_customer"));
}
