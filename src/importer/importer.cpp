// Importing invoices: files -> records -> rows -> (line items grouped into
// invoices) -> the ledger, in one transaction. Problems are collected with
// their place and reported together; nothing is committed if there is one.

#include "importer/importer.hpp"

#include "dunning/schedule.hpp"
#include "importer/column_map.hpp"
#include "importer/invoice_row.hpp"
#include "importer/line_items.hpp"
#include "importer/seen_rows.hpp"
#include "importer/source.hpp"
#include "util/fault.hpp"
#include "util/hash.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <tuple>

namespace dunn::importer {

namespace {

using ledger::InvoiceData;

// Where a row came from, for messages and the ledger's `source` column.
struct Place {
    std::uint32_t file;
    std::uint32_t line;
};

std::string date_text(const std::optional<util::Date>& d) {
    return d ? util::format_date(*d) : "none";
}

// A hash of everything a row says, fed field by field: formatting a
// string per row first cost a tenth of an import.
std::uint64_t row_hash(const InvoiceRow& row) {
    const InvoiceData& d = row.data;
    std::uint64_t h = util::fnv1a64("");
    auto add = [&](std::string_view s) {
        h = util::fnv1a64_more(h, s);
        h = util::fnv1a64_more(h, "\x1f");
    };
    auto add_number = [&](std::int64_t n) {
        add(std::string_view(reinterpret_cast<const char*>(&n), sizeof n));
    };
    for (const std::string* s :
         {&d.number, &d.customer, &d.customer_id, &d.email, &d.phone,
          &d.language, &d.currency, &d.kind, &d.status})
        add(*s);
    add_number(d.amount.minor());
    add_number(d.issued ? d.issued->time_since_epoch().count() : -1);
    add_number(d.due.time_since_epoch().count());
    add_number(row.paid ? row.paid->minor() : -1);
    add_number(row.open ? row.open->minor() : -1);
    add_number(static_cast<int>(row.status));
    return h;
}

// "amount 100.00 -> 120.00, due 2026-01-01 -> 2026-02-01".
std::string describe_change(const InvoiceData& from, const InvoiceData& to) {
    std::vector<std::string> parts;
    auto text = [&](const char* name, const std::string& a,
                    const std::string& b) {
        if (a != b)
            parts.push_back(fmt::format("{} {} -> {}", name, util::quoted(a),
                                        util::quoted(b)));
    };
    if (from.amount != to.amount)
        parts.push_back(fmt::format("amount {} -> {}",
                                    util::format_money(from.amount),
                                    util::format_money(to.amount)));
    if (from.due != to.due)
        parts.push_back(fmt::format("due {} -> {}", util::format_date(from.due),
                                    util::format_date(to.due)));
    if (from.issued != to.issued)
        parts.push_back(fmt::format("issued {} -> {}", date_text(from.issued),
                                    date_text(to.issued)));
    text("status", from.status, to.status);
    text("currency", from.currency, to.currency);
    text("customer", from.customer, to.customer);
    text("email", from.email, to.email);
    text("phone", from.phone, to.phone);
    text("customer_id", from.customer_id, to.customer_id);
    text("language", from.language, to.language);
    text("kind", from.kind, to.kind);

    std::string out;
    for (const std::string& p : parts)
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

// What the export says was paid, if it says: the paid column, else amount
// less the open column, else everything when the status says paid.
std::optional<util::Money> export_paid(const InvoiceRow& row) {
    if (row.paid)
        return row.paid;
    if (row.open)
        return row.data.amount - *row.open;
    if (row.status == RowStatus::paid)
        return row.data.amount;
    return std::nullopt;
}

// The customer of an invoice, as a message names them.
std::string who_is(const InvoiceData& d) {
    if (d.customer_id.empty())
        return util::quoted(d.customer);
    if (d.customer.empty())
        return "with customer_id " + util::quoted(d.customer_id);
    return fmt::format("{} (customer_id {})", util::quoted(d.customer),
                       util::quoted(d.customer_id));
}

class Import {
public:
    Import(ledger::Ledger& ledger, const policy::Config& config,
           const std::vector<std::string>& files, const ImportOptions& options)
        : ledger_(ledger), config_(config), files_(files), options_(options) {}

    ImportReport run();

private:
    std::string where(Place p) const {
        const std::string& f = files_[p.file];
        return (f == "-" ? std::string("<stdin>") : f) + ":" +
               std::to_string(p.line);
    }
    void error(Place p, std::string what) {
        errors_.emplace_back(p, std::move(what));
    }

    void read_file(std::uint32_t index);
    void accept(InvoiceRow row, Place place);
    bool check_payment_state(const InvoiceRow& row, Place place);
    std::optional<ledger::Customer> customer_for(const InvoiceRow& row,
                                                 Place place);
    std::optional<std::int64_t> store(const InvoiceData& data,
                                      const ledger::Provenance& from);
    void store_existing(std::int64_t id, const InvoiceData& old,
                        const InvoiceData& data, const ledger::Provenance& from,
                        Place place, bool& stored);
    void record_export_payment(std::int64_t id, const InvoiceRow& row);
    void find_conflicts();
    void collect_errors();
    std::uint64_t format_digest(const ColumnMap& map) const;
    std::uint64_t row_digest(std::uint64_t seed, const CsvRecord& record,
                             const ColumnMap& map) const;
    bool already_imported(const CsvRecord& record, const ColumnMap& map,
                          std::uint64_t digest, Place place);

    ledger::Ledger& ledger_;
    const policy::Config& config_;
    const std::vector<std::string>& files_;
    const ImportOptions& options_;
    ImportReport report_;
    std::int64_t import_id_ = 0;
    bool ledger_was_empty_ = false;
    bool has_customers_ = false;
    SeenRows seen_;
    std::vector<std::pair<Place, std::string>> errors_;
};

// Without a customer list, emails can only come from the file itself.
std::vector<std::string> required_columns(const policy::ImportFormat& f,
                                          bool has_customers) {
    std::vector<std::string> columns = {
        "invoice", has_customers ? "customer|customer_id" : "customer",
        has_customers ? "" : "email",
        f.line_items ? "amount|unit_amount|line_amount" : "amount", "due"};
    columns.erase(std::remove(columns.begin(), columns.end(), ""),
                  columns.end());
    return columns;
}

void Import::read_file(std::uint32_t index) {
    const policy::ImportFormat& format = config_.import;
    Source source(files_[index], format);
    CsvRecord record;
    auto place = [&] {
        return Place{index, static_cast<std::uint32_t>(record.line)};
    };
    if (!source.next(record) || source.empty_input()) {
        error({index, 1}, "the file is empty; it needs a header row naming "
                          "the columns (invoice, customer, email, amount, "
                          "due)");
        return;
    }
    if (!record.error.empty()) {
        error(place(), record.error);
        return;
    }
    auto map = ColumnMap::find(record.fields, column_names(), format.columns,
                               required_columns(format, has_customers_));
    if (!map) {
        bool emailless =
            !has_customers_ && !ColumnMap::find(record.fields, column_names(),
                                                format.columns, {"email"});
        error(place(),
              map.error() + (emailless ? ". An export without emails needs a "
                                         "customer list first: dunn import "
                                         "--customers FILE"
                                       : ""));
        return;
    }

    std::uint64_t seed = format_digest(*map);
    LineItems lines;
    while (source.next(record)) {
        if (!record.error.empty()) {
            error(place(), record.error);
            continue;
        }
        if (is_blank_record(record))
            continue;
        std::uint64_t digest = row_digest(seed, record, *map);
        if (!format.line_items &&
            already_imported(record, *map, digest, place()))
            continue;
        InvoiceRow row =
            read_invoice_row(record, *map, format, config_.policy.currency);
        row.digest = digest;
        for (const std::string& problem : row.problems)
            error(place(), problem);
        if (row.ok() && format.line_items)
            lines.add(std::move(row), place().line);
        else if (row.ok())
            accept(std::move(row), place());
        util::fault_point("row");
    }

    for (const LineItems::Problem& p : lines.problems())
        error({index, p.line}, p.what);
    // An invoice made of lines is hashed as the invoice it became.
    for (LineItems::Invoice& invoice : lines.invoices()) {
        invoice.row.digest = row_hash(invoice.row);
        accept(std::move(invoice.row), {index, invoice.line});
    }
}

// Everything that decides how a row is read, so that a row counts as the
// same only when read the same way.
std::uint64_t Import::format_digest(const ColumnMap& map) const {
    const policy::ImportFormat& f = config_.import;
    std::string text = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", f.decimal,
                                   f.date_format, static_cast<int>(f.encoding),
                                   f.line_items, config_.policy.currency);
    for (const auto* words :
         {&f.status.open, &f.status.paid, &f.status.cancelled, &f.status.draft})
        text += fmt::format("\x1f{}", fmt::join(*words, "\x1e"));
    for (std::size_t c = 0; c < column_names().size(); ++c)
        for (int i : map.all(c))
            text += fmt::format("\x1f{}:{}", c, i);
    return util::fnv1a64(text);
}

std::uint64_t Import::row_digest(std::uint64_t seed, const CsvRecord& record,
                                 const ColumnMap& map) const {
    std::uint64_t h = seed;
    for (std::size_t c = 0; c < column_names().size(); ++c) {
        h = util::fnv1a64_more(h,
                               field_of(record, map, static_cast<Column>(c)));
        h = util::fnv1a64_more(h, "\x1f");
    }
    return h;
}

// A re-import's usual row: the very row the invoice was last imported from.
// It was checked then, so it needs neither checking nor storing now.
bool Import::already_imported(const CsvRecord& record, const ColumnMap& map,
                              std::uint64_t digest, Place place) {
    if (ledger_was_empty_ || record.fields.size() != map.width())
        return false;
    std::string_view number = field_of(record, map, Column::invoice);
    if (number.empty())
        return false;
    auto match = ledger_.match(number, static_cast<std::int64_t>(digest));
    if (!match || !match->same_row)
        return false;
    seen_.add({util::fnv1a64(number), digest, place.file, place.line});
    ++report_.unchanged;
    return true;
}

// The customer whose contact fills in what the row lacks; an error if the
// row needs one and there is none.
std::optional<ledger::Customer> Import::customer_for(const InvoiceRow& row,
                                                     Place place) {
    const InvoiceData& d = row.data;
    std::optional<ledger::Customer> customer;
    if (has_customers_)
        customer = ledger_.find_customer(d.customer_id, d.customer);

    // No one is reminded of a cancelled or settled invoice: it may lack
    // an email.
    std::optional<util::Money> paid = export_paid(row);
    bool reminded =
        row.status != RowStatus::cancelled && !(paid && *paid >= d.amount);
    if (reminded && d.email.empty() && (!customer || customer->email.empty())) {
        error(place, fmt::format("no email for customer {}: add an email "
                                 "column to the export, or import a "
                                 "customer list with 'dunn import "
                                 "--customers FILE' first",
                                 who_is(d)));
        return std::nullopt;
    }
    if (d.customer.empty() && (!customer || customer->name.empty()))
        error(place, fmt::format("no name for customer {}: add a customer "
                                 "column, or import a customer list with "
                                 "'dunn import --customers FILE' first",
                                 who_is(d)));
    return customer;
}

bool Import::check_payment_state(const InvoiceRow& row, Place place) {
    const InvoiceData& d = row.data;
    if (d.amount <= util::Money()) {
        error(place, fmt::format("the lines of invoice {} add up to {}; "
                                 "only an amount owed can be reminded of",
                                 util::quoted(d.number),
                                 util::format_money(d.amount)));
        return false;
    }
    std::optional<util::Money> paid = export_paid(row);
    if (row.open && *row.open > d.amount)
        error(place, fmt::format("column 'open': {} is more than the "
                                 "amount {}",
                                 util::format_money(*row.open),
                                 util::format_money(d.amount)));
    else if (paid && *paid > d.amount)
        error(place, fmt::format("column 'paid': {} is more than the "
                                 "amount {}",
                                 util::format_money(*paid),
                                 util::format_money(d.amount)));
    else if (row.status == RowStatus::paid && paid && *paid < d.amount)
        error(place, fmt::format("column 'status': {} says paid, but {} "
                                 "is still open",
                                 util::quoted(row.status_word),
                                 util::format_money(d.amount - *paid)));
    else
        return true;
    return false;
}

void Import::accept(InvoiceRow row, Place place) {
    if (row.status == RowStatus::draft) {
        ++report_.drafts;
        return;
    }
    row.data.status = row.status == RowStatus::cancelled ? "cancelled" : "open";
    // Every row counts for duplicates, even one with other problems.
    seen_.add(
        {util::fnv1a64(row.data.number), row.digest, place.file, place.line});
    if (!check_payment_state(row, place))
        return;
    std::optional<ledger::Customer> customer = customer_for(row, place);

    // Rows are stored even after an error elsewhere, so that checks
    // against the ledger (amount below what was paid) report every row;
    // the transaction is rolled back at the end.
    ledger::Provenance from{where(place), import_id_,
                            customer ? std::optional(customer->id)
                                     : std::nullopt,
                            static_cast<std::int64_t>(row.digest)};
    bool stored = false;
    std::optional<std::int64_t> id;
    if (ledger_was_empty_)
        id = ledger_.insert_if_new(
            row.data, from, dunning::first_due_on(row.data, config_.policy));
    if (id) {
        ++report_.added;
        stored = true;
    } else if (auto existing = ledger_.find_data(row.data.number)) {
        id = existing->first;
        store_existing(*id, existing->second, row.data, from, place, stored);
    } else {
        id = ledger_.insert_if_new(
            row.data, from, dunning::first_due_on(row.data, config_.policy));
        ++report_.added;
        stored = true;
    }
    if (stored)
        record_export_payment(*id, row);
}

void Import::store_existing(std::int64_t id, const InvoiceData& old,
                            const InvoiceData& data,
                            const ledger::Provenance& from, Place place,
                            bool& stored) {
    if (old == data) {
        // Written differently, or imported before digests: the same.
        ledger_.store_digest(id, from.digest);
        ++report_.unchanged;
        stored = true;
        return;
    }
    util::Money paid = ledger_.paid(id);
    if (data.amount < paid) {
        error(place, fmt::format("column 'amount': {} is less than the {} "
                                 "already paid on invoice {}",
                                 util::quoted(util::format_money(data.amount)),
                                 util::format_money(paid), data.number));
        return;
    }
    if (data.currency != old.currency && !paid.is_zero()) {
        error(place, fmt::format("column 'currency': {} differs from {}, "
                                 "the currency of payments already recorded",
                                 util::quoted(data.currency), old.currency));
        return;
    }
    ledger_.update(id, data, from);
    dunning::reschedule(ledger_, id, config_.policy);
    ++report_.changed;
    report_.changes.push_back(
        fmt::format("{}: {}", data.number, describe_change(old, data)));
    stored = true;
}

// The export's paid-to-date is the truth about money the ledger has not
// heard of; what `dunn paid` recorded is never taken back.
void Import::record_export_payment(std::int64_t id, const InvoiceRow& row) {
    std::optional<util::Money> said = export_paid(row);
    if (!said)
        return;
    util::Money known = ledger_.paid(id);
    const std::string& cur = row.data.currency;
    if (*said > known) {
        ledger_.add_payment(id, *said - known, options_.today, "import");
        dunning::reschedule(ledger_, id, config_.policy);
        ++report_.payments;
    } else if (*said < known) {
        report_.warnings.push_back(fmt::format(
            "{}: the export shows {} {} paid, the ledger {} {}; keeping the "
            "payments recorded in the ledger",
            row.data.number, cur, util::format_money(*said), cur,
            util::format_money(known)));
    }
}

// One invoice number on several rows is fine if the rows agree (a file
// exported twice, say) and an error naming both lines if they do not.
void Import::find_conflicts() {
    std::optional<SeenRow> previous;
    seen_.visit_sorted([&](const SeenRow& again) {
        std::optional<SeenRow> first = previous;
        previous = again;
        if (!first || again.number != first->number)
            return;
        if (again.data == first->data) {
            ++report_.duplicates;
            --report_.unchanged;
            return;
        }
        error({again.file, again.line},
              fmt::format("this invoice number is also on {}, with "
                          "different data; an invoice number must be "
                          "unique",
                          where({first->file, first->line})));
    });
}

void Import::collect_errors() {
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const auto& a, const auto& b) {
                         return std::tie(a.first.file, a.first.line) <
                                std::tie(b.first.file, b.first.line);
                     });
    for (const auto& [place, what] : errors_)
        report_.errors.push_back(fmt::format("{}: {}", where(place), what));
}

ImportReport Import::run() {
    ledger::Ledger::Transaction transaction(ledger_);
    dunning::align_schedule(ledger_, config_.policy);
    std::string names;
    for (const std::string& f : files_)
        names += (names.empty() ? "" : " ") + f;
    import_id_ = ledger_.begin_import(names);
    ledger_was_empty_ = !ledger_.has_invoices();
    has_customers_ = ledger_.has_customers();

    // A first import is a bulk load: indexes only `dunn run` reads are
    // built once at the end rather than kept up row by row.
    if (ledger_was_empty_)
        ledger_.drop_run_indexes();
    for (std::uint32_t i = 0; i < files_.size(); ++i)
        read_file(i);
    if (ledger_was_empty_)
        ledger_.create_run_indexes();
    find_conflicts();
    collect_errors();

    if (report_.errors.empty() && options_.mode == ImportMode::write) {
        ledger_.finish_import(import_id_, report_.added, report_.changed,
                              report_.unchanged);
        transaction.commit();
    }
    return report_;
}

} // namespace

ImportReport import_files(ledger::Ledger& ledger,
                          const std::vector<std::string>& files,
                          const policy::Config& config,
                          const ImportOptions& options) {
    return Import(ledger, config, files, options).run();
}

} // namespace dunn::importer
