#pragma once

#include "importer/column_map.hpp"
#include "importer/csv_reader.hpp"
#include "ledger/ledger.hpp"
#include "policy/policy.hpp"

#include <string>
#include <vector>

namespace dunn::importer {

// A CSV record read as an invoice: the data, or every problem found, each
// as "column 'amount': \"12,3x\" is not an amount".
struct InvoiceRow {
    ledger::InvoiceData data;
    std::vector<std::string> problems;

    bool ok() const { return problems.empty(); }
};

// True for a record with no content (a blank line, or only delimiters, as
// spreadsheets write below the data): skipped, not an error.
bool is_blank_record(const CsvRecord& record);

// Checks one record against the column map and format: field count, text
// encoding (UTF-8, no NUL), required fields, amount, dates, currency,
// email address. `default_currency` fills an empty currency.
InvoiceRow read_invoice_row(const CsvRecord& record, const ColumnMap& map,
                            const policy::ImportFormat& format,
                            const std::string& default_currency);

} // namespace dunn::importer
