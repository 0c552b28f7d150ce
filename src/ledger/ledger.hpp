#pragma once

#include "util/date.hpp"
#include "util/error.hpp"
#include "util/money.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace SQLite {
class Database;
class Exception;
class Statement;
} // namespace SQLite

namespace dunn::ledger {

namespace fs = std::filesystem;
using util::Date;
using util::Money;

// What an import says about an invoice.
struct InvoiceData {
    std::string number;
    std::string customer;
    std::string customer_id;
    std::string email;
    std::string phone;
    std::string language;
    std::string currency;
    Money amount;
    std::optional<Date> issued;
    Date due{};
    std::string kind;            // "b2b", "b2c", or "" for the policy's default
    std::string status = "open"; // or "cancelled" (by the export)

    bool operator==(const InvoiceData&) const = default;
};

// Where an imported invoice came from, and whose it is.
struct Provenance {
    std::string source; // "invoices.csv:14"
    std::int64_t import_id = 0;
    std::optional<std::int64_t> customer_ref; // customers.id, if known
    // A hash of the row the invoice was imported from, as the importer
    // reads it: the same row again needs no more than a lookup.
    std::int64_t digest = 0;
};

// A customer from a customer list (`dunn import --customers`): contacts
// for invoices whose rows lack them.
struct Customer {
    std::int64_t id = 0;
    std::string customer_id; // the shop's number, e.g. a debtor account
    std::string name;
    std::string email;
    std::string phone;
    std::string language;
    std::string kind;
    std::string source;

    bool same_contact(const Customer& o) const {
        return std::tie(customer_id, name, email, phone, language, kind) ==
               std::tie(o.customer_id, o.name, o.email, o.phone, o.language,
                        o.kind);
    }
};

// Reminders paused: until `until` (inclusive), or until released.
struct Hold {
    std::optional<Date> until;
    std::string reason;
};

// An invoice as the ledger knows it now.
struct Invoice {
    std::int64_t id = 0;
    InvoiceData data;
    Money paid; // all payments recorded
    std::optional<Hold> hold;
    int levels_sent = 0; // reminders recorded
    std::optional<Date> last_step_on;
    std::string last_level; // name of the last level sent, or ""
    std::string source;     // "invoices.csv:14", where last imported from
    // Who the invoice belongs to, for letters grouped by customer: the
    // customer_id if there is one, else the name and email together.
    std::string customer_key;

    // The amount less all payments: the open principal when payments go to
    // principal first (see dunning::principal_open otherwise).
    Money open() const { return data.amount - paid; }
};

struct Payment {
    Money amount;
    Date paid_on{};
    std::string recorded_at; // ISO 8601 UTC
    std::string source;      // "paid" (the command) or "import"
};

struct Step {
    int level_index = 0;
    std::string level;
    Date sent_on{};     // the run's as-of date
    std::string file;   // name inside the outbox; a letter's steps share it
    Money fee;          // charged with this step
    Money compensation; // the statutory flat compensation, if charged here
};

struct Run {
    Date as_of{};
    std::string started_at;
    std::string finished_at; // "" if the run did not finish
    int steps = 0;
};

// The SQLite ledger: invoices, payments, holds, and every reminder
// written. Opened in WAL mode with foreign keys on and a busy timeout, so
// a second dunn waits for a writer instead of failing.
class Ledger {
public:
    enum class Mode { must_exist, create };

    // Opens the ledger at `path` for reading and writing, migrating an
    // older schema. `create` makes a missing file (readable by the owner
    // only); `must_exist` fails with ExitCode::no_input instead.
    static Ledger open(const fs::path& path, Mode mode);
    // A private, empty ledger in memory, for dry runs without a file.
    static Ledger in_memory();

    Ledger(Ledger&&) noexcept;
    Ledger& operator=(Ledger&&) noexcept;
    ~Ledger();

    const fs::path& path() const { return path_; }

    // BEGIN IMMEDIATE: takes the write lock now (waiting for it if need
    // be), so what is read inside is still true at COMMIT.
    class Transaction {
    public:
        explicit Transaction(Ledger& ledger);
        ~Transaction();
        void commit();

    private:
        Ledger& ledger_;
        bool done_ = false;
    };

    // A random id, made when the ledger was created (for Message-IDs).
    std::string ledger_id();
    std::string meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);

    // Invoices.
    bool has_invoices();
    std::optional<Invoice> find(std::string_view number);
    std::optional<Invoice> find(std::int64_t id);
    std::vector<std::string> invoice_numbers();
    // A customer's invoices (see Invoice::customer_key), oldest due first.
    std::vector<Invoice> invoices_of_customer(const std::string& key);
    // Every invoice, ordered by number.
    void for_each_invoice(const std::function<void(const Invoice&)>& visit);
    // Every invoice with money open and a level left, ordered by id.
    void
    for_each_open_invoice(const std::function<void(const Invoice&)>& visit);

    // Imports.
    std::int64_t begin_import(const std::string& files);
    void finish_import(std::int64_t import_id, int added, int changed,
                       int unchanged);
    // Inserts a new invoice; returns its id, or nothing if the number is
    // already in the ledger. Its fields are stored as imported; where
    // customer, email, phone, language or kind are empty, reading the
    // invoice takes them from its customer.
    std::optional<std::int64_t> insert_if_new(const InvoiceData& data,
                                              const Provenance& from,
                                              std::optional<Date> next_on);
    // Whether an invoice with this number is in the ledger, and if so
    // whether it was last imported from a row with this digest.
    struct Match {
        std::int64_t id;
        bool same_row;
    };
    std::optional<Match> match(std::string_view number, std::int64_t digest);
    void store_digest(std::int64_t id, std::int64_t digest);
    // Around a bulk load into an empty ledger: see schema.hpp.
    void drop_run_indexes();
    void create_run_indexes();
    // Before reading invoices_of_customer over a large ledger.
    void ensure_customer_index();
    // The imported fields of an invoice and its id: cheaper than find().
    std::optional<std::pair<std::int64_t, InvoiceData>>
    find_data(std::string_view number);
    Money paid(std::int64_t id);
    void update(std::int64_t id, const InvoiceData& data,
                const Provenance& from);

    // Customers. find_customer looks up by customer_id if it is not empty,
    // else by exact name (the oldest such customer).
    std::optional<Customer> find_customer(const std::string& customer_id,
                                          const std::string& name);
    bool has_customers();
    std::int64_t insert_customer(const Customer& c);
    void update_customer(const Customer& c);
    // Points every invoice at its customer (by customer_id, else by name),
    // after a customer list was imported.
    void link_invoices_to_customers();

    // The schedule: next_on caches when each invoice may next be due.
    void set_next_on(std::int64_t id, std::optional<Date> next_on);
    // Invoices whose next_on is on or before `as_of`, by id.
    std::vector<std::int64_t> due_candidates(Date as_of);

    void add_payment(std::int64_t id, Money amount, Date paid_on,
                     const std::string& source);
    std::vector<Payment> payments(std::int64_t id);

    void set_hold(std::int64_t id, const Hold& hold);
    void clear_hold(std::int64_t id);

    // Runs and the steps they wrote.
    std::optional<Date> latest_run();
    std::int64_t start_run(Date as_of);
    void finish_run(std::int64_t run_id, int steps);
    void record_step(std::int64_t invoice_id, const Step& step,
                     std::int64_t run_id);
    bool is_recorded(const std::string& file);
    std::vector<Step> steps(std::int64_t invoice_id);
    std::vector<Run> runs();

private:
    Ledger(std::unique_ptr<SQLite::Database> db, fs::path path);
    SQLite::Statement& statement(const char* sql);
    void close_statements();
    void configure();

    std::unique_ptr<SQLite::Database> db_;
    fs::path path_;
    // Prepared statements by their SQL text's address: each query is a
    // string literal in ledger.cpp, prepared once per process.
    std::map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
    // The invoice number bound to a lookup by number, while it runs.
    std::string lookup_key_;
};

// Turns a SQLite failure into a message a person can act on, with the
// exit code: busy -> ExitCode::temp_fail, full disk or I/O -> ExitCode::io,
// not a database -> ExitCode::data.
util::Error describe_failure(const SQLite::Exception& e, const fs::path& path);

} // namespace dunn::ledger
