#include "importer/importer.hpp"

#include "dunning/schedule.hpp"
#include "importer/column_map.hpp"
#include "importer/csv_reader.hpp"
#include "importer/invoice_row.hpp"
#include "util/error.hpp"
#include "util/fault.hpp"
#include "util/hash.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

namespace dunn::importer {

namespace {

using ledger::InvoiceData;
using util::Error;
using util::ExitCode;

// Where a row came from, for messages and the ledger's `source` column.
struct Place {
    std::uint32_t file;
    std::uint32_t line;
};

// Every row seen, for finding one invoice number given twice. Hashes, not
// the rows themselves, keep memory small at a million rows.
struct Seen {
    std::uint64_t number;
    std::uint64_t data;
    Place place;
};

std::uint64_t data_hash(const InvoiceData& d) {
    std::string all = fmt::format(
        "{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}",
        d.number, d.customer, d.customer_id, d.email, d.phone, d.language,
        d.currency, d.amount.minor(),
        d.issued ? util::format_date(*d.issued) : "", util::format_date(d.due),
        d.kind);
    return util::fnv1a64(all);
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
    auto date = [](const std::optional<util::Date>& d) {
        return d ? util::format_date(*d) : std::string("none");
    };
    if (from.amount != to.amount)
        parts.push_back(fmt::format("amount {} -> {}",
                                    util::format_money(from.amount),
                                    util::format_money(to.amount)));
    if (from.due != to.due)
        parts.push_back(fmt::format("due {} -> {}", util::format_date(from.due),
                                    util::format_date(to.due)));
    if (from.issued != to.issued)
        parts.push_back(
            fmt::format("issued {} -> {}", date(from.issued), date(to.issued)));
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

class Import {
public:
    Import(ledger::Ledger& ledger, const policy::Config& config,
           const std::vector<std::string>& files)
        : ledger_(ledger), config_(config), files_(files) {}

    ImportReport run(ImportMode mode);

private:
    std::string where(Place p) const {
        const std::string& f = files_[p.file];
        return fmt::format("{}:{}", f == "-" ? "<stdin>" : f, p.line);
    }
    void error(Place p, std::string what) {
        errors_.emplace_back(p, std::move(what));
    }

    void read_file(std::uint32_t index);
    void read_rows(std::uint32_t index, std::FILE* file);
    void store(const InvoiceData& data, Place place);
    void store_existing(std::int64_t id, const InvoiceData& old,
                        const InvoiceData& data, Place place);
    void find_conflicts();

    ledger::Ledger& ledger_;
    const policy::Config& config_;
    const std::vector<std::string>& files_;
    ImportReport report_;
    std::int64_t import_id_ = 0;
    bool ledger_was_empty_ = false;
    std::vector<Seen> seen_;
    std::vector<std::pair<Place, std::string>> errors_;
};

void Import::read_file(std::uint32_t index) {
    const std::string& name = files_[index];
    if (name == "-") {
        read_rows(index, stdin);
        return;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(name, ec))
        throw Error(ExitCode::no_input,
                    fmt::format("{} is a directory; give the CSV file "
                                "inside it",
                                name));
    std::FILE* file = std::fopen(name.c_str(), "rb");
    if (!file)
        throw Error(ExitCode::no_input, fmt::format("cannot read {}: {}", name,
                                                    std::strerror(errno)));
    read_rows(index, file);
    std::fclose(file);
}

void Import::read_rows(std::uint32_t index, std::FILE* file) {
    const policy::ImportFormat& format = config_.import;
    CsvReader reader(file, format.delimiter, max_field_bytes);
    CsvRecord record;
    if (!reader.next(record) || reader.empty_input()) {
        error({index, 1}, "the file is empty; it needs a header row naming "
                          "the columns (invoice, customer, email, amount, "
                          "due)");
        return;
    }
    auto place = [&] {
        return Place{index, static_cast<std::uint32_t>(record.line)};
    };
    if (!record.error.empty()) {
        error(place(), record.error);
        return;
    }
    util::Expected<ColumnMap> map = map_columns(record.fields, format);
    if (!map) {
        error(place(), map.error());
        return;
    }

    while (reader.next(record)) {
        if (!record.error.empty()) {
            error(place(), record.error);
            continue;
        }
        if (is_blank_record(record))
            continue;
        InvoiceRow row =
            read_invoice_row(record, *map, format, config_.policy.currency);
        for (const std::string& problem : row.problems)
            error(place(), problem);
        if (row.ok())
            store(row.data, place());
        util::fault_point("row");
    }
    if (std::ferror(file))
        throw Error(ExitCode::io,
                    fmt::format("cannot read {}: {}", files_[index],
                                std::strerror(errno)));
}

void Import::store(const InvoiceData& data, Place place) {
    // Rows are stored even after an error elsewhere, so that checks
    // against the ledger (amount below what was paid) report every row;
    // the transaction is rolled back at the end.
    seen_.push_back({util::fnv1a64(data.number), data_hash(data), place});

    // On a first import nearly every row is new: try the insert first.
    if (ledger_was_empty_) {
        if (ledger_.insert_if_new(
                data, where(place), import_id_,
                dunning::first_due_on(data, config_.policy))) {
            ++report_.added;
            return;
        }
    }
    auto existing = ledger_.find_data(data.number);
    if (existing) {
        store_existing(existing->first, existing->second, data, place);
        return;
    }
    ledger_.insert_if_new(data, where(place), import_id_,
                          dunning::first_due_on(data, config_.policy));
    ++report_.added;
}

void Import::store_existing(std::int64_t id, const InvoiceData& old,
                            const InvoiceData& data, Place place) {
    if (old == data) {
        ++report_.unchanged;
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
    ledger_.update(id, data, where(place), import_id_);
    dunning::reschedule(ledger_, id, config_.policy);
    ++report_.changed;
    report_.changes.push_back(
        fmt::format("{}: {}", data.number, describe_change(old, data)));
}

// One invoice number on several rows is fine if the rows agree (a file
// exported twice, say) and an error naming both lines if they do not.
void Import::find_conflicts() {
    std::sort(seen_.begin(), seen_.end(), [](const Seen& a, const Seen& b) {
        return std::tie(a.number, a.place.file, a.place.line) <
               std::tie(b.number, b.place.file, b.place.line);
    });
    for (std::size_t i = 1; i < seen_.size(); ++i) {
        const Seen& first = seen_[i - 1];
        const Seen& again = seen_[i];
        if (again.number != first.number)
            continue;
        if (again.data == first.data) {
            ++report_.duplicates;
            --report_.unchanged;
            continue;
        }
        error(again.place,
              fmt::format("this invoice number is also on {}, with "
                          "different data; an invoice number must be "
                          "unique",
                          where(first.place)));
    }
}

ImportReport Import::run(ImportMode mode) {
    ledger::Ledger::Transaction transaction(ledger_);
    dunning::align_schedule(ledger_, config_.policy);
    std::string names;
    for (const std::string& f : files_)
        names += (names.empty() ? "" : " ") + f;
    import_id_ = ledger_.begin_import(names);
    ledger_was_empty_ = !ledger_.has_invoices();

    for (std::uint32_t i = 0; i < files_.size(); ++i)
        read_file(i);
    find_conflicts();
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const auto& a, const auto& b) {
                         return std::tie(a.first.file, a.first.line) <
                                std::tie(b.first.file, b.first.line);
                     });
    for (const auto& [place, what] : errors_)
        report_.errors.push_back(fmt::format("{}: {}", where(place), what));

    if (report_.errors.empty() && mode == ImportMode::write) {
        ledger_.finish_import(import_id_, report_.added, report_.changed,
                              report_.unchanged);
        transaction.commit();
    }
    return report_;
}

} // namespace

ImportReport import_files(ledger::Ledger& ledger,
                          const std::vector<std::string>& files,
                          const policy::Config& config, ImportMode mode) {
    return Import(ledger, config, files).run(mode);
}

} // namespace dunn::importer
