#pragma once

#include "claim/claim.hpp"
#include "util/charset.hpp"
#include "util/money.hpp"
#include "util/percent.hpp"

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
    // The template of a letter grouping a customer's invoices
    // ([policy] group = "customer"): templates/<letter_template>.txt.
    std::string letter_template;
    // Where the config names each template ("dunn.toml:8"), or names the
    // level when the template is named after it: for error messages.
    std::string template_origin;
    std::string letter_template_origin;
    util::Money fee;                          // charged with this level
    std::optional<util::Percent> fee_percent; // of the open principal
    bool compensation = false; // charge the statutory flat compensation
};

// One email per invoice, or one letter per customer listing them all.
enum class Grouping { invoice, customer };

// The escalation rule's parameters (docs/escalation.md).
struct Policy {
    std::string currency = "EUR"; // for rows without a currency column
    int min_days_between = 7;
    util::Money min_amount;
    std::vector<Level> levels; // strictly increasing after_days
    Grouping group = Grouping::invoice;
    claim::PaymentOrder payment_order = claim::PaymentOrder::principal_first;
    // For invoices whose CSV says neither b2b nor b2c.
    claim::DebtorKind debtor_kind = claim::DebtorKind::consumer;
    claim::InterestPolicy interest;

    // The parts of the policy that decide when an invoice is next due, as
    // text. The ledger keeps each invoice's next date under a fingerprint
    // and recomputes them all when it changes.
    std::string schedule_fingerprint() const;
};

struct Sender {
    std::string name;
    std::string email;
};

using Encoding = util::Charset;

// What the words in an export's status column mean to dunn. Words compare
// without regard to case; "" stands for an empty field and "*" for any
// word on no other list.
struct StatusWords {
    std::vector<std::string> open;
    std::vector<std::string> paid;
    std::vector<std::string> cancelled;
    std::vector<std::string> draft;
};

// How `dunn import` reads a CSV file: the built-in defaults, then a
// preset's (docs/presets.md), then the config file's [import] keys.
struct ImportFormat {
    std::string preset; // the preset in use, or ""
    char delimiter = 0; // 0: detect from the header line
    char decimal = '.';
    std::string date_format = "%Y-%m-%d";
    Encoding encoding = Encoding::utf8;
    bool line_items = false; // rows sharing an invoice number are one
    // dunn column name -> the headers it may have in the file; the first
    // one the file has is used.
    std::map<std::string, std::vector<std::string>> columns;
    StatusWords status;
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
    // For `dunn import --customers`: [import] as overridden by
    // [import.customers]; its columns are the customer list's.
    ImportFormat customers;
};

} // namespace dunn::policy
