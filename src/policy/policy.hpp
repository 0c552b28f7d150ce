#pragma once

#include "util/money.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dunn::policy {

namespace fs = std::filesystem;

// One escalation step: friendly reminder, second reminder, final notice.
struct Level {
    std::string name;          // as written in the config; in X-Dunn-Level
    int after_days = 0;        // days past the due date
    std::string template_name; // templates/<template_name>.txt
};

// The escalation rule's parameters (docs/escalation.md).
struct Policy {
    std::string currency = "EUR"; // for rows without a currency column
    int min_days_between = 7;
    util::Money min_amount;
    std::vector<Level> levels; // strictly increasing after_days

    // The parts of the policy that decide when an invoice is next due, as
    // text. The ledger keeps each invoice's next date under a fingerprint
    // and recomputes them all when it changes.
    std::string schedule_fingerprint() const;
};

struct Sender {
    std::string name;
    std::string email;
};

// How `dunn import` reads a CSV file.
struct ImportFormat {
    char delimiter = 0; // 0: detect from the header line
    char decimal = '.';
    std::string date_format = "%Y-%m-%d";
    // dunn column name -> header in the file, for every dunn column.
    std::map<std::string, std::string> columns;
};

// Everything a config file (or the built-in defaults) says, with relative
// paths already resolved.
struct Config {
    std::optional<fs::path> file; // the file read, if any
    fs::path ledger;
    fs::path outbox;
    fs::path templates_dir;
    Sender sender;
    Policy policy;
    ImportFormat import;
};

} // namespace dunn::policy
