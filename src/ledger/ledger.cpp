#include "ledger/ledger.hpp"

#include "ledger/schema.hpp"
#include "util/file.hpp"
#include "util/hash.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <random>
#include <sqlite3.h>
#include <unistd.h>

namespace dunn::ledger {

namespace {

using util::Error;
using util::ExitCode;

// A writer holds the lock for one import or one batch of a run: seconds at
// most. Waiting this long before giving up (exit 75) rides that out.
constexpr int busy_timeout_ms = 120'000;

std::string now_utc() {
    auto now = std::chrono::floor<std::chrono::seconds>(
        std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::string text_or_empty(const SQLite::Column& c) {
    return c.isNull() ? std::string() : c.getString();
}

Date column_date(const SQLite::Column& c) {
    return *util::parse_date(c.getString());
}

std::optional<Date> column_optional_date(const SQLite::Column& c) {
    if (c.isNull())
        return std::nullopt;
    return column_date(c);
}

void bind_optional_id(SQLite::Statement& s, int index,
                      const std::optional<std::int64_t>& id) {
    if (id)
        s.bind(index, *id);
    else
        s.bind(index);
}

// Binds a date's text without a copy; `text` holds it and must outlive
// the statement's run. A copy would cost SQLite an allocation per date,
// and an import binds three a row.
void bind_optional_date(SQLite::Statement& s, int index,
                        const std::optional<Date>& d, util::DateText& text) {
    if (!d) {
        s.bind(index);
        return;
    }
    text = util::date_text(*d);
    s.bindNoCopy(index, text.c_str());
}

// The texts of the dates bound to one statement, while it runs.
struct BoundDates {
    util::DateText issued, due, next_on;
};

// Creates the ledger file readable by its owner only, before SQLite opens
// it: SQLite gives its -wal and -shm files the same permissions.
void create_private_file(const fs::path& path) {
    int fd =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0)
        ::close(fd);
    else if (errno != EEXIST)
        throw Error(ExitCode::cant_create,
                    fmt::format("cannot create ledger {}: {}", path.string(),
                                std::strerror(errno)));
}

std::string random_id() {
    std::random_device random;
    return fmt::format("{:08x}{:08x}", random(), random());
}

// Every query that reads a whole Invoice selects these columns, in order.
// Contact fields the invoice row left empty come from its customer.
#define INVOICE_COLUMNS                                                        \
    "i.id, i.number, COALESCE(NULLIF(i.customer, ''), c.name, ''), "           \
    "i.customer_id, COALESCE(NULLIF(i.email, ''), c.email, ''), "              \
    "COALESCE(NULLIF(i.phone, ''), c.phone, ''), "                             \
    "COALESCE(NULLIF(i.language, ''), c.language, ''), i.currency, "           \
    "i.amount, i.issued, i.due, COALESCE(NULLIF(i.kind, ''), c.kind, ''), "    \
    "i.held, i.hold_until, i.hold_reason, i.source, "                          \
    "(SELECT COALESCE(SUM(p.amount), 0) FROM payments p "                      \
    " WHERE p.invoice_id = i.id), "                                            \
    "s.level_index, s.level, s.sent_on, " DUNN_CUSTOMER_KEY("i.") ", "         \
                                                                  "i.status "
#define INVOICE_FROM                                                           \
    "FROM invoices i LEFT JOIN steps s ON s.invoice_id = i.id AND "            \
    "s.level_index = (SELECT MAX(level_index) FROM steps "                     \
    "WHERE invoice_id = i.id) LEFT JOIN customers c ON c.id = i.customer_ref "

// Columns 1 to 11 of a query that selects id, number, customer, ...,
// due, kind; the status is read by the caller.
InvoiceData read_data(SQLite::Statement& s) {
    InvoiceData d;
    d.number = s.getColumn(1).getString();
    d.customer = s.getColumn(2).getString();
    d.customer_id = s.getColumn(3).getString();
    d.email = s.getColumn(4).getString();
    d.phone = s.getColumn(5).getString();
    d.language = s.getColumn(6).getString();
    d.currency = s.getColumn(7).getString();
    d.amount = Money::cents(s.getColumn(8).getInt64());
    d.issued = column_optional_date(s.getColumn(9));
    d.due = column_date(s.getColumn(10));
    d.kind = s.getColumn(11).getString();
    return d;
}

Invoice read_invoice(SQLite::Statement& s) {
    Invoice inv;
    inv.id = s.getColumn(0).getInt64();
    inv.data = read_data(s);
    if (s.getColumn(12).getInt() != 0)
        inv.hold = Hold{column_optional_date(s.getColumn(13)),
                        s.getColumn(14).getString()};
    inv.source = s.getColumn(15).getString();
    inv.paid = Money::cents(s.getColumn(16).getInt64());
    if (!s.getColumn(17).isNull()) {
        inv.levels_sent = s.getColumn(17).getInt() + 1;
        inv.last_level = s.getColumn(18).getString();
        inv.last_step_on = column_date(s.getColumn(19));
    }
    inv.customer_key = s.getColumn(20).getString();
    inv.data.status = s.getColumn(21).getString();
    return inv;
}

// Binds an invoice's fields to parameters ?1 to ?12, in the order of
// read_data. By position and without copies: an import binds a million
// rows, and looking names up cost more than the insert itself.
void bind_data(SQLite::Statement& s, const InvoiceData& d, BoundDates& dates) {
    s.bindNoCopy(1, d.number);
    s.bindNoCopy(2, d.customer);
    s.bindNoCopy(3, d.customer_id);
    s.bindNoCopy(4, d.email);
    s.bindNoCopy(5, d.phone);
    s.bindNoCopy(6, d.language);
    s.bindNoCopy(7, d.currency);
    s.bind(8, static_cast<std::int64_t>(d.amount.minor()));
    bind_optional_date(s, 9, d.issued, dates.issued);
    bind_optional_date(s, 10, d.due, dates.due);
    s.bindNoCopy(11, d.kind);
    s.bindNoCopy(12, d.status);
}

} // namespace

Ledger::Ledger(std::unique_ptr<SQLite::Database> db, fs::path path)
    : db_(std::move(db)), path_(std::move(path)) {}
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;
Ledger::~Ledger() {
    // Statements must be finalised before the connection closes.
    statements_.clear();
}

// Settings of the SQLite library itself, before its first connection
// opens (later, sqlite3_config refuses them). Without this SQLite counts
// every allocation under a global mutex, for statistics dunn never reads:
// 5% of an import's instructions.
void configure_sqlite() {
    static const int once = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)once;
}

Ledger Ledger::open(const fs::path& path, Mode mode) {
    configure_sqlite();
    std::error_code ec;
    bool exists = fs::exists(path, ec);
    if (mode == Mode::must_exist && !exists)
        throw Error(ExitCode::no_input,
                    fmt::format("there is no ledger at {} yet; import "
                                "invoices first with 'dunn import FILE'",
                                path.string()));
    if (fs::is_directory(path, ec))
        throw Error(ExitCode::cant_create,
                    fmt::format("the ledger {} is a directory, not a file",
                                path.string()));
    if (!exists) {
        if (!path.parent_path().empty())
            util::make_private_directory(path.parent_path());
        create_private_file(path);
    }

    // Even a reader opens read-write: a WAL reader may need to create the
    // -shm file, and migrating an older ledger writes.
    // One connection, one thread: SQLite's own mutexes would only cost.
    auto db = std::make_unique<SQLite::Database>(
        path.string(),
        SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
        busy_timeout_ms);
    Ledger ledger(std::move(db), path);
    ledger.configure();
    migrate(*ledger.db_, path.c_str());
    if (ledger.meta("ledger_id").empty())
        ledger.set_meta("ledger_id", random_id());
    return ledger;
}

Ledger Ledger::in_memory() {
    configure_sqlite();
    auto db = std::make_unique<SQLite::Database>(
        ":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    Ledger ledger(std::move(db), ":memory:");
    ledger.db_->exec("PRAGMA foreign_keys = ON");
    migrate(*ledger.db_, ":memory:");
    return ledger;
}

void Ledger::configure() {
    db_->exec("PRAGMA journal_mode = WAL");
    // FULL: a commit is on disk when COMMIT returns. The outbox protocol
    // relies on it: a step recorded must stay recorded after power loss.
    db_->exec("PRAGMA synchronous = FULL");
    db_->exec("PRAGMA foreign_keys = ON");
    // 16 MB of page cache (SQLite's default is 2): a million-invoice
    // ledger's indexes then stay in memory during an import.
    db_->exec("PRAGMA cache_size = -16384");
}

SQLite::Statement& Ledger::statement(const char* sql) {
    auto& slot = statements_[sql];
    if (!slot)
        slot = std::make_unique<SQLite::Statement>(*db_, sql);
    // Every caller binds every parameter, so bindings need no clearing.
    // A failure of the last use was thrown then; reset only repeats it.
    slot->tryReset();
    return *slot;
}

// A cached statement left on a row keeps a read transaction open. BEGIN
// IMMEDIATE would then have to upgrade that stale snapshot, and fails at
// once with SQLITE_BUSY (without waiting) if another process wrote since:
// so every transaction starts and ends with all statements reset.
Ledger::Transaction::Transaction(Ledger& ledger) : ledger_(ledger) {
    ledger_.close_statements();
    ledger_.db_->exec("BEGIN IMMEDIATE");
}

Ledger::Transaction::~Transaction() {
    if (done_)
        return;
    try {
        ledger_.close_statements();
        ledger_.db_->exec("ROLLBACK");
    } catch (...) {
        // Rolling back can only fail if SQLite already rolled back.
    }
}

void Ledger::Transaction::commit() {
    ledger_.close_statements();
    ledger_.db_->exec("COMMIT");
    done_ = true;
}

std::string Ledger::ledger_id() {
    return meta("ledger_id");
}

std::string Ledger::meta(const std::string& key) {
    auto& s = statement("SELECT value FROM meta WHERE key = ?");
    s.bind(1, key);
    return s.executeStep() ? s.getColumn(0).getString() : std::string();
}

void Ledger::set_meta(const std::string& key, const std::string& value) {
    auto& s =
        statement("INSERT INTO meta (key, value) VALUES (?, ?) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    s.bind(1, key);
    s.bind(2, value);
    s.exec();
}

bool Ledger::has_invoices() {
    auto& s = statement("SELECT EXISTS (SELECT 1 FROM invoices)");
    s.executeStep();
    return s.getColumn(0).getInt() != 0;
}

std::optional<Invoice> Ledger::find(std::string_view number) {
    auto& s =
        statement("SELECT " INVOICE_COLUMNS INVOICE_FROM "WHERE i.number = ?");
    s.bind(1, std::string(number));
    if (!s.executeStep())
        return std::nullopt;
    return read_invoice(s);
}

std::optional<Invoice> Ledger::find(std::int64_t id) {
    auto& s =
        statement("SELECT " INVOICE_COLUMNS INVOICE_FROM "WHERE i.id = ?");
    s.bind(1, id);
    if (!s.executeStep())
        return std::nullopt;
    return read_invoice(s);
}

std::vector<std::string> Ledger::invoice_numbers() {
    auto& s = statement("SELECT number FROM invoices ORDER BY number");
    std::vector<std::string> numbers;
    while (s.executeStep())
        numbers.push_back(s.getColumn(0).getString());
    return numbers;
}

void Ledger::for_each_invoice(
    const std::function<void(const Invoice&)>& visit) {
    // A statement of its own, not a cached one: `visit` may query too.
    SQLite::Statement s(*db_, "SELECT " INVOICE_COLUMNS INVOICE_FROM
                              "ORDER BY i.number");
    while (s.executeStep())
        visit(read_invoice(s));
}

void Ledger::for_each_open_invoice(
    const std::function<void(const Invoice&)>& visit) {
    SQLite::Statement s(*db_, "SELECT " INVOICE_COLUMNS INVOICE_FROM
                              "WHERE i.amount > (SELECT COALESCE(SUM("
                              "p.amount), 0) FROM payments p WHERE "
                              "p.invoice_id = i.id) ORDER BY i.id");
    while (s.executeStep())
        visit(read_invoice(s));
}

std::vector<Invoice> Ledger::invoices_of_customer(const std::string& key) {
    auto& s =
        statement("SELECT " INVOICE_COLUMNS INVOICE_FROM
                  "WHERE " DUNN_CUSTOMER_KEY("i.") " = ? "
                                                   "ORDER BY i.due, i.number");
    s.bind(1, key);
    std::vector<Invoice> out;
    while (s.executeStep())
        out.push_back(read_invoice(s));
    return out;
}

std::int64_t Ledger::begin_import(const std::string& files) {
    auto& s = statement("INSERT INTO imports (imported_at, files) "
                        "VALUES (?, ?)");
    s.bind(1, now_utc());
    s.bind(2, files);
    s.exec();
    return db_->getLastInsertRowid();
}

void Ledger::finish_import(std::int64_t import_id, int added, int changed,
                           int unchanged) {
    auto& s = statement("UPDATE imports SET new = ?, changed = ?, "
                        "unchanged = ? WHERE id = ?");
    s.bind(1, added);
    s.bind(2, changed);
    s.bind(3, unchanged);
    s.bind(4, import_id);
    s.exec();
}

std::optional<std::int64_t> Ledger::insert_if_new(const InvoiceData& data,
                                                  const Provenance& from,
                                                  std::optional<Date> next_on) {
    auto& s = statement(
        "INSERT INTO invoices (number, customer, customer_id, email, phone, "
        "language, currency, amount, issued, due, kind, status, source, "
        "import_id, next_on, customer_ref, digest) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
        "ON CONFLICT (number) DO NOTHING");
    BoundDates dates;
    bind_data(s, data, dates);
    s.bindNoCopy(13, from.source);
    s.bind(14, from.import_id);
    bind_optional_date(s, 15, next_on, dates.next_on);
    bind_optional_id(s, 16, from.customer_ref);
    s.bind(17, from.digest);
    if (s.exec() == 0)
        return std::nullopt;
    return db_->getLastInsertRowid();
}

std::optional<Ledger::Match> Ledger::match(std::string_view number,
                                           std::int64_t digest) {
    auto& s = statement("SELECT id, digest FROM invoices WHERE number = ?");
    // Bound from a buffer kept for it, so that a million lookups do not
    // allocate a copy each.
    lookup_key_.assign(number);
    s.bindNoCopy(1, lookup_key_);
    if (!s.executeStep())
        return std::nullopt;
    return Match{s.getColumn(0).getInt64(),
                 !s.getColumn(1).isNull() &&
                     s.getColumn(1).getInt64() == digest};
}

void Ledger::store_digest(std::int64_t id, std::int64_t digest) {
    auto& s = statement("UPDATE invoices SET digest = ? WHERE id = ?");
    s.bind(1, digest);
    s.bind(2, id);
    s.exec();
}

// Schema changes wait for statements that are still open on the table:
// cached statements stay open after their last row until reused.
void Ledger::close_statements() {
    // tryReset: a statement whose last step failed reports that failure
    // again on reset; it was already thrown where it happened.
    for (auto& [sql, statement] : statements_)
        statement->tryReset();
}

void Ledger::drop_run_indexes() {
    close_statements();
    ledger::drop_run_indexes(*db_);
}

void Ledger::create_run_indexes() {
    close_statements();
    // Index building sorts through the page cache; a smaller cache for
    // the sort cuts a million-row import's peak memory by a third and
    // costs no measurable time (the sorter spills to temporary files).
    db_->exec("PRAGMA cache_size = -4096");
    ledger::create_run_indexes(*db_);
    db_->exec("PRAGMA cache_size = -16384");
}

void Ledger::ensure_customer_index() {
    close_statements();
    ledger::ensure_customer_index(*db_);
}

std::optional<std::pair<std::int64_t, InvoiceData>>
Ledger::find_data(std::string_view number) {
    auto& s = statement("SELECT id, number, customer, customer_id, email, "
                        "phone, language, currency, amount, issued, due, "
                        "kind, status FROM invoices WHERE number = ?");
    lookup_key_.assign(number);
    s.bindNoCopy(1, lookup_key_);
    if (!s.executeStep())
        return std::nullopt;
    InvoiceData d = read_data(s);
    d.status = s.getColumn(12).getString();
    return std::make_pair(s.getColumn(0).getInt64(), std::move(d));
}

Money Ledger::paid(std::int64_t id) {
    auto& s = statement("SELECT COALESCE(SUM(amount), 0) FROM payments "
                        "WHERE invoice_id = ?");
    s.bind(1, id);
    s.executeStep();
    return Money::cents(s.getColumn(0).getInt64());
}

void Ledger::update(std::int64_t id, const InvoiceData& data,
                    const Provenance& from) {
    auto& s = statement(
        "UPDATE invoices SET number = ?1, customer = ?2, customer_id = ?3, "
        "email = ?4, phone = ?5, language = ?6, currency = ?7, amount = ?8, "
        "issued = ?9, due = ?10, kind = ?11, status = ?12, source = ?13, "
        "import_id = ?14, customer_ref = ?15, digest = ?16 WHERE id = ?17");
    BoundDates dates;
    bind_data(s, data, dates);
    s.bindNoCopy(13, from.source);
    s.bind(14, from.import_id);
    bind_optional_id(s, 15, from.customer_ref);
    s.bind(16, from.digest);
    s.bind(17, id);
    s.exec();
}

void Ledger::set_next_on(std::int64_t id, std::optional<Date> next_on) {
    auto& s = statement("UPDATE invoices SET next_on = ? WHERE id = ?");
    util::DateText text;
    bind_optional_date(s, 1, next_on, text);
    s.bind(2, id);
    s.exec();
}

std::vector<std::int64_t> Ledger::due_candidates(Date as_of) {
    // Sorted here, not by ORDER BY id: SQLite would then scan the whole
    // table in id order instead of reading only the next_on index.
    auto& s = statement("SELECT id FROM invoices WHERE next_on <= ?");
    s.bind(1, util::format_date(as_of));
    std::vector<std::int64_t> ids;
    while (s.executeStep())
        ids.push_back(s.getColumn(0).getInt64());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void Ledger::add_payment(std::int64_t id, Money amount, Date paid_on,
                         const std::string& source) {
    auto& s = statement("INSERT INTO payments (invoice_id, amount, paid_on, "
                        "recorded_at, source) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, id);
    s.bind(2, static_cast<std::int64_t>(amount.minor()));
    s.bind(3, util::format_date(paid_on));
    s.bind(4, now_utc());
    s.bind(5, source);
    s.exec();
}

std::vector<Payment> Ledger::payments(std::int64_t id) {
    auto& s = statement("SELECT amount, paid_on, recorded_at, source "
                        "FROM payments WHERE invoice_id = ? "
                        "ORDER BY paid_on, id");
    s.bind(1, id);
    std::vector<Payment> out;
    while (s.executeStep())
        out.push_back({Money::cents(s.getColumn(0).getInt64()),
                       column_date(s.getColumn(1)), s.getColumn(2).getString(),
                       s.getColumn(3).getString()});
    return out;
}

void Ledger::set_hold(std::int64_t id, const Hold& hold) {
    auto& s = statement("UPDATE invoices SET held = 1, hold_until = ?, "
                        "hold_reason = ? WHERE id = ?");
    util::DateText until;
    bind_optional_date(s, 1, hold.until, until);
    s.bind(2, hold.reason);
    s.bind(3, id);
    s.exec();
}

void Ledger::clear_hold(std::int64_t id) {
    auto& s = statement("UPDATE invoices SET held = 0, hold_until = NULL, "
                        "hold_reason = '' WHERE id = ?");
    s.bind(1, id);
    s.exec();
}

std::optional<Date> Ledger::latest_run() {
    auto& s = statement("SELECT MAX(as_of) FROM runs");
    s.executeStep();
    return column_optional_date(s.getColumn(0));
}

std::int64_t Ledger::start_run(Date as_of) {
    auto& s = statement("INSERT INTO runs (as_of, started_at) VALUES (?, ?)");
    s.bind(1, util::format_date(as_of));
    s.bind(2, now_utc());
    s.exec();
    return db_->getLastInsertRowid();
}

void Ledger::finish_run(std::int64_t run_id, int steps) {
    auto& s = statement("UPDATE runs SET finished_at = ?, steps = ? "
                        "WHERE id = ?");
    s.bind(1, now_utc());
    s.bind(2, steps);
    s.bind(3, run_id);
    s.exec();
}

void Ledger::record_step(std::int64_t invoice_id, const Step& step,
                         std::int64_t run_id) {
    auto& s = statement("INSERT INTO steps (invoice_id, level_index, level, "
                        "sent_on, file, run_id, fee, compensation) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, invoice_id);
    s.bind(2, step.level_index);
    s.bind(3, step.level);
    s.bind(4, util::format_date(step.sent_on));
    s.bind(5, step.file);
    s.bind(6, run_id);
    s.bind(7, static_cast<std::int64_t>(step.fee.minor()));
    s.bind(8, static_cast<std::int64_t>(step.compensation.minor()));
    s.exec();
}

bool Ledger::is_recorded(const std::string& file) {
    auto& s = statement("SELECT EXISTS (SELECT 1 FROM steps WHERE file = ?)");
    s.bind(1, file);
    s.executeStep();
    return s.getColumn(0).getInt() != 0;
}

std::vector<Step> Ledger::steps(std::int64_t invoice_id) {
    auto& s = statement("SELECT level_index, level, sent_on, file, fee, "
                        "compensation FROM steps WHERE invoice_id = ? "
                        "ORDER BY level_index");
    s.bind(1, invoice_id);
    std::vector<Step> out;
    while (s.executeStep())
        out.push_back({s.getColumn(0).getInt(), s.getColumn(1).getString(),
                       column_date(s.getColumn(2)), s.getColumn(3).getString(),
                       Money::cents(s.getColumn(4).getInt64()),
                       Money::cents(s.getColumn(5).getInt64())});
    return out;
}

std::vector<Run> Ledger::runs() {
    auto& s = statement("SELECT as_of, started_at, finished_at, steps "
                        "FROM runs ORDER BY id");
    std::vector<Run> out;
    while (s.executeStep())
        out.push_back({column_date(s.getColumn(0)), s.getColumn(1).getString(),
                       text_or_empty(s.getColumn(2)), s.getColumn(3).getInt()});
    return out;
}

util::Error describe_failure(const SQLite::Exception& e, const fs::path& path) {
    int code = e.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return Error(ExitCode::temp_fail,
                     fmt::format("the ledger {} is busy: another dunn has "
                                 "been writing to it for over {} s; try "
                                 "again later",
                                 path.string(), busy_timeout_ms / 1000));
    if (code == SQLITE_NOTADB)
        return Error(ExitCode::data,
                     fmt::format("{} is not a dunn ledger (not a SQLite "
                                 "database)",
                                 path.string()));
    if (code == SQLITE_CORRUPT)
        return Error(ExitCode::data,
                     fmt::format("the ledger {} is damaged: {}; restore it "
                                 "from a backup",
                                 path.string(), e.what()));
    if (code == SQLITE_FULL || code == SQLITE_IOERR)
        return Error(ExitCode::io, fmt::format("cannot write the ledger {}: {}",
                                               path.string(), e.what()));
    if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY ||
        code == SQLITE_PERM)
        return Error(ExitCode::cant_create,
                     fmt::format("cannot open the ledger {} for writing: {}",
                                 path.string(), e.what()));
    return Error(ExitCode::software,
                 fmt::format("ledger {}: {}", path.string(), e.what()));
}

} // namespace dunn::ledger
