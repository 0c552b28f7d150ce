#pragma once

namespace SQLite {
class Database;
}

// An invoice's customer, as letters grouped per customer know them: its
// customer_id, else its name and email. `t` is the table's alias with its
// dot ("i.") or "". A query compares with exactly this expression, so that
// SQLite can use the index on it (ensure_customer_index). It was a
// generated column until schema 5, but SQLite computed it for every row
// inserted, index or not: 3% of an import.
#define DUNN_CUSTOMER_KEY(t)                                                   \
    "(CASE WHEN " t "customer_id <> '' THEN 'id:' || " t "customer_id "        \
    "ELSE 'name:' || " t "customer || char(31) || " t "email END)"

namespace dunn::ledger {

// The schema version this dunn writes (PRAGMA user_version).
int schema_version();

// Brings a ledger at any earlier version (0: a new, empty file) up to
// schema_version(), one migration at a time, inside a transaction.
// Throws util::Error (ExitCode::data) for a ledger from a newer dunn or a
// SQLite file that is not a dunn ledger.
void migrate(SQLite::Database& db, const char* path_for_messages);

// Drops and recreates the indexes that only `dunn run` reads, around a
// bulk load (inside its transaction).
void drop_run_indexes(SQLite::Database& db);
void create_run_indexes(SQLite::Database& db);
// The index letters grouped per customer need (see schema.cpp).
void ensure_customer_index(SQLite::Database& db);

} // namespace dunn::ledger
