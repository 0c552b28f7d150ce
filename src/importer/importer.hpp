#pragma once

#include "ledger/ledger.hpp"
#include "policy/policy.hpp"

#include <string>
#include <vector>

namespace dunn::importer {

enum class ImportMode { write, dry_run };

struct ImportOptions {
    ImportMode mode = ImportMode::write;
    // The import day: the date of payments that only the export knows of.
    util::Date today{};
};

struct ImportReport {
    int added = 0;
    int changed = 0;
    int unchanged = 0;
    int duplicates = 0; // rows repeating an earlier row exactly
    int drafts = 0;     // rows with a draft status, skipped
    int payments = 0;   // payments recorded because the export showed them
    // "INV-42: amount 100.00 -> 120.00", one per changed invoice.
    std::vector<std::string> changes;
    // Things kept as they were but worth knowing, e.g. an export that
    // shows less paid than the ledger knows.
    std::vector<std::string> warnings;
    // "invoices.csv:14: column 'amount': \"12,3x\" is not an amount". If
    // there is any, nothing was written.
    std::vector<std::string> errors;
};

// Imports invoice CSV files ("-" is standard input) into the ledger as one
// transaction: every row of every file is checked, and if any is bad
// nothing is written and the report lists every problem. New invoices are
// added; changed ones updated (payments recorded stay); unchanged ones left
// alone; drafts skipped. Payment state in the export (paid, open, status
// columns) records the payments the ledger lacks. A dry run checks and
// counts but writes nothing.
// Throws util::Error (ExitCode::no_input) if a file cannot be read.
ImportReport import_files(ledger::Ledger& ledger,
                          const std::vector<std::string>& files,
                          const policy::Config& config,
                          const ImportOptions& options);

// Imports customer lists (`dunn import --customers`), read with the
// [import.customers] format, the same way: one transaction, every problem
// reported. Customers are matched by customer_id, else by name; afterwards
// every invoice is linked to its customer.
ImportReport import_customers(ledger::Ledger& ledger,
                              const std::vector<std::string>& files,
                              const policy::Config& config,
                              const ImportOptions& options);

} // namespace dunn::importer
