// The ledger's schema and its migrations. Each migration takes the schema
// from version N to N+1 and never changes once released: a ledger written
// by any earlier dunn must open in this one. Values stored are fixed
// encodings: money in integer cents, dates as 'YYYY-MM-DD' text (so they
// sort and compare as dates), timestamps as ISO 8601 UTC.

#include "ledger/schema.hpp"

#include "util/error.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <vector>

namespace dunn::ledger {

namespace {

// Version 1: dunn 1.0.
const char* const schema_v1 = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,
    files       TEXT NOT NULL,
    new         INTEGER NOT NULL DEFAULT 0,
    changed     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE invoices (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    customer    TEXT NOT NULL,
    customer_id TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL,
    phone       TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT '',
    currency    TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    issued      TEXT,
    due         TEXT NOT NULL,
    held        INTEGER NOT NULL DEFAULT 0,
    hold_until  TEXT,
    hold_reason TEXT NOT NULL DEFAULT '',
    -- Derived, for speed: the first day a reminder may be due under the
    -- policy named by meta 'schedule_fingerprint'; NULL when none ever is.
    next_on     TEXT,
    source      TEXT NOT NULL,
    import_id   INTEGER NOT NULL REFERENCES imports(id)
);
CREATE INDEX invoices_next_on ON invoices (next_on)
    WHERE next_on IS NOT NULL;

CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    paid_on     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    source      TEXT NOT NULL
);
CREATE INDEX payments_invoice ON payments (invoice_id);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    as_of       TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    steps       INTEGER NOT NULL DEFAULT 0
);

-- One row per reminder written. The UNIQUE constraints are the last line
-- of defence against a step recorded twice or two steps sharing a file.
CREATE TABLE steps (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id),
    level_index INTEGER NOT NULL,
    level       TEXT NOT NULL,
    sent_on     TEXT NOT NULL,
    file        TEXT NOT NULL UNIQUE,
    run_id      INTEGER NOT NULL REFERENCES runs(id),
    UNIQUE (invoice_id, level_index)
);
)sql";

// Version 2: claims. Steps carry the fee and compensation charged with
// them; one grouped letter records several steps under one file, so a
// file is no longer unique per step; invoices say whether the debtor is a
// business, and know their customer key for grouping.
const char* const schema_v2 = R"sql(
ALTER TABLE invoices ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN customer_key TEXT
    GENERATED ALWAYS AS (
        CASE WHEN customer_id <> '' THEN 'id:' || customer_id
             ELSE 'name:' || customer || char(31) || email END) VIRTUAL;
CREATE INDEX invoices_customer ON invoices (customer_key);

CREATE TABLE steps_v2 (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
    level_index  INTEGER NOT NULL,
    level        TEXT NOT NULL,
    sent_on      TEXT NOT NULL,
    file         TEXT NOT NULL,
    run_id       INTEGER NOT NULL REFERENCES runs(id),
    fee          INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),
    compensation INTEGER NOT NULL DEFAULT 0 CHECK (compensation >= 0),
    UNIQUE (invoice_id, level_index),
    UNIQUE (file, invoice_id)
);
INSERT INTO steps_v2 (id, invoice_id, level_index, level, sent_on, file,
                      run_id)
    SELECT id, invoice_id, level_index, level, sent_on, file, run_id
    FROM steps;
DROP TABLE steps;
ALTER TABLE steps_v2 RENAME TO steps;
)sql";

// Version 3: imports from invoicing tools. An export may say an invoice
// was cancelled; a customer list supplies contacts that invoice rows lack,
// and invoices point at their customer.
const char* const schema_v3 = R"sql(
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL
);
CREATE UNIQUE INDEX customers_by_id ON customers (customer_id)
    WHERE customer_id <> '';
CREATE INDEX customers_by_name ON customers (name);

ALTER TABLE invoices ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'cancelled'));
ALTER TABLE invoices ADD COLUMN customer_ref INTEGER
    REFERENCES customers(id);
)sql";

// Version 4: speed. A digest of the row each invoice was imported from
// lets a re-import recognise an unchanged row with one indexed lookup. The
// index by customer serves only letters grouped per customer; `dunn run`
// creates it when a policy groups (Ledger::ensure_customer_index), so that
// imports into other ledgers do not maintain it.
const char* const schema_v4 = R"sql(
ALTER TABLE invoices ADD COLUMN digest INTEGER;
DROP INDEX invoices_customer;
)sql";

// Version 5: speed. The customer key is computed in queries, not stored
// as a generated column (see DUNN_CUSTOMER_KEY); its index, if a run made
// one, goes with it and is made again on the expression.
const char* const schema_v5 = R"sql(
DROP INDEX IF EXISTS invoices_customer;
ALTER TABLE invoices DROP COLUMN customer_key;
)sql";

// Indexes that serve `dunn run` rather than `dunn import`. A first import
// into an empty ledger drops them and builds them again at the end, which
// sorts once instead of inserting a million keys at random. They must read
// as the migrations above leave them (a unit test compares).
const char* const run_indexes[][2] = {
    {"invoices_next_on", "CREATE INDEX invoices_next_on ON invoices "
                         "(next_on)\n    WHERE next_on IS NOT NULL"},
};

// migrations[i] takes a ledger from version i to version i + 1.
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> all = {
        schema_v1, schema_v2, schema_v3, schema_v4, schema_v5};
    return all;
}

bool has_foreign_tables(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM sqlite_schema "
                         "WHERE name NOT LIKE 'sqlite_%'")
               .getInt() > 0;
}

} // namespace

int schema_version() {
    return static_cast<int>(migrations().size());
}

void drop_run_indexes(SQLite::Database& db) {
    for (const auto& index : run_indexes)
        db.exec(fmt::format("DROP INDEX IF EXISTS {}", index[0]));
}

void create_run_indexes(SQLite::Database& db) {
    for (const auto& index : run_indexes)
        db.exec(index[1]);
}

void ensure_customer_index(SQLite::Database& db) {
    db.exec("CREATE INDEX IF NOT EXISTS invoices_customer ON invoices "
            "(" DUNN_CUSTOMER_KEY("") ")");
}

void migrate(SQLite::Database& db, const char* path) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version == schema_version())
        return;
    if (version > schema_version())
        throw util::Error(
            util::ExitCode::data,
            fmt::format("{} was written by a newer dunn (ledger schema {}); "
                        "this dunn knows schema {} at most: upgrade dunn",
                        path, version, schema_version()));
    if (version == 0 && has_foreign_tables(db))
        throw util::Error(util::ExitCode::data,
                          fmt::format("{} is a SQLite database but not a "
                                      "dunn ledger; choose another file "
                                      "with --ledger",
                                      path));

    for (int v = version; v < schema_version(); ++v)
        db.exec(migrations()[static_cast<std::size_t>(v)]);
    db.exec(fmt::format("PRAGMA user_version = {}", schema_version()));
    transaction.commit();
}

} // namespace dunn::ledger
