#pragma once

#include "ledger/ledger.hpp"
#include "policy/policy.hpp"

#include <string>
#include <vector>

namespace dunn::importer {

enum class ImportMode { write, dry_run };

struct ImportReport {
    int added = 0;
    int changed = 0;
    int unchanged = 0;
    int duplicates = 0; // rows repeating an earlier row exactly
    // "INV-42: amount 100.00 -> 120.00", one per changed invoice.
    std::vector<std::string> changes;
    // "invoices.csv:14: column 'amount': \"12,3x\" is not an amount". If
    // there is any, nothing was written.
    std::vector<std::string> errors;
};

// The largest field dunn reads; a longer one is a row error.
inline constexpr std::size_t max_field_bytes = 64 * 1024;

// Imports invoice CSV files ("-" is standard input) into the ledger as one
// transaction: every row of every file is checked, and if any is bad
// nothing is written and the report lists every problem. New invoices are
// added; changed ones updated (payments recorded stay); unchanged ones left
// alone. A dry run checks and counts but writes nothing.
// Throws util::Error (ExitCode::no_input) if a file cannot be read.
ImportReport import_files(ledger::Ledger& ledger,
                          const std::vector<std::string>& files,
                          const policy::Config& config, ImportMode mode);

} // namespace dunn::importer
