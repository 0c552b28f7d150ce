#pragma once

#include "importer/column_map.hpp"
#include "importer/csv_reader.hpp"
#include "ledger/ledger.hpp"
#include "policy/policy.hpp"
#include "util/percent.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dunn::importer {

// What an export's status word says about an invoice.
enum class RowStatus { open, paid, cancelled, draft };

// One line of an invoice, in a file with one row per line item.
struct LineItem {
    std::int64_t quantity = 10'000; // in ten-thousandths: decimals allowed
    util::Money unit_amount;
    util::Percent discount;
    std::optional<util::Money> line_amount; // if the file states it

    // The stated line amount, or quantity x unit amount less the discount,
    // rounded half-up to cents.
    util::Money total() const;
};

// A CSV record read as an invoice: the data, or every problem found, each
// as "column 'amount': \"12,3x\" is not an amount".
struct InvoiceRow {
    ledger::InvoiceData data; // email and customer may be "" (customer list)
    bool has_amount = false;  // the amount column gave the amount
    std::optional<util::Money> paid; // paid to date, per the export
    std::optional<util::Money> open; // the balance, per the export
    RowStatus status = RowStatus::open;
    std::string status_word;      // as written, for messages
    std::optional<LineItem> line; // with [import] line_items = true
    std::uint64_t digest = 0;     // see ledger::Provenance::digest
    std::vector<std::string> problems;

    bool ok() const { return problems.empty(); }
};

// The trimmed field of column `c`, or "" if the file lacks it. A column
// with several headers takes the first that is not empty.
std::string_view field_of(const CsvRecord& record, const ColumnMap& map,
                          Column c);

// True for a record with no content (a blank line, or only delimiters, as
// spreadsheets write below the data): skipped, not an error.
bool is_blank_record(const CsvRecord& record);

// The status a word stands for under `words`, or nothing if it is on no
// list.
std::optional<RowStatus> classify_status(std::string_view word,
                                         const policy::StatusWords& words);

// Checks one record (already UTF-8) against the column map and format:
// field count, text encoding, required fields, amounts, dates, currency,
// email address, status word, line item. `default_currency` fills an
// empty currency.
InvoiceRow read_invoice_row(const CsvRecord& record, const ColumnMap& map,
                            const policy::ImportFormat& format,
                            const std::string& default_currency);

} // namespace dunn::importer
