#pragma once

namespace SQLite {
class Database;
}

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
