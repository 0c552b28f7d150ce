// Fuzzes the CSV importer on any bytes: the reader, the column map, the
// check of each row, and a whole import into a ledger. Bad input must come
// back as row errors. A finding is a crash, a sanitizer report, an
// exception other than util::Error, a record that breaks the reader's
// contract, a field limit that changes where records start and end, or a
// row accepted although it breaks a documented rule (an invoice number
// with a control character, an address that is not one) or would give its
// email an extra header.
//
// The first two bytes choose the import format and the rest is the file.
// Byte 0: delimiter (bits 0-1), decimal mark (2), date format (3-4), the
// reader's field limit (5-7). Byte 1: encoding (bits 0-1), line items (2),
// preset (3-5).

#include "fuzz_check.hpp"
#include "importer/column_map.hpp"
#include "importer/csv_reader.hpp"
#include "importer/importer.hpp"
#include "importer/invoice_row.hpp"
#include "importer/source.hpp"
#include "ledger/ledger.hpp"
#include "mail/address.hpp"
#include "mail/message.hpp"
#include "policy/config.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace dunn;
using fuzz::check;

const policy::Config& preset_config(std::uint8_t choice) {
    static const char* const presets[] = {
        "", "akaunting", "datev-opos", "invoiceninja", "stripe", "xero"};
    static std::map<int, policy::Config> configs;
    int index = choice % 6;
    auto it = configs.find(index);
    if (it == configs.end())
        it = configs
                 .emplace(index, policy::parse_config("", "fuzz.toml", ".",
                                                      presets[index]))
                 .first;
    return it->second;
}

policy::Config config_for(std::uint8_t format, std::uint8_t more) {
    static constexpr char delimiters[] = {0, ',', ';', '\t'};
    static constexpr const char* dates[] = {"%Y-%m-%d", "%d.%m.%Y",
                                            "%d/%m/%y", "%m/%d/%Y"};
    static constexpr util::Charset charsets[] = {
        util::Charset::utf8, util::Charset::windows_1252,
        util::Charset::latin1, util::Charset::utf8};
    policy::Config c = preset_config(more >> 3);
    // A preset sets its own format; the rest of the byte varies it only
    // without one.
    if (c.import.preset.empty()) {
        c.import.delimiter = delimiters[format & 3];
        c.import.decimal = (format & 4) ? ',' : '.';
        c.import.date_format = dates[(format >> 3) & 3];
        c.import.encoding = charsets[more & 3];
        c.import.line_items = (more & 4) != 0;
    }
    return c;
}

// The input as a file that fopen can open by name, in memory.
class MemoryFile {
public:
    MemoryFile() : fd_(::memfd_create("fuzz.csv", 0)) {
        check(fd_ >= 0, "memfd_create failed");
    }
    std::string write(const std::uint8_t* data, std::size_t size) {
        check(::ftruncate(fd_, 0) == 0 &&
                  ::pwrite(fd_, data, size, 0) == static_cast<ssize_t>(size),
              "cannot write the memory file");
        return "/proc/self/fd/" + std::to_string(fd_);
    }

private:
    int fd_;
};

void check_record(const importer::CsvRecord& r, std::size_t max_field,
                  std::size_t& last_line) {
    check(r.error.empty() || r.fields.empty(),
          "a record with an error keeps fields");
    check(r.line >= last_line, "record line numbers go backwards");
    last_line = r.line;
    if (r.error.empty())
        for (const std::string& f : r.fields)
            check(f.size() <= max_field, "a field over the limit was read");
}

std::vector<importer::CsvRecord> read_records(const std::string& path,
                                              char delimiter,
                                              std::size_t max_field) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    check(file != nullptr, "cannot open the memory file");
    std::vector<importer::CsvRecord> records;
    {
        importer::CsvReader reader(file, delimiter, max_field);
        importer::CsvRecord record;
        std::size_t last_line = 0;
        while (reader.next(record)) {
            check_record(record, max_field, last_line);
            records.push_back(std::move(record));
        }
    }
    std::fclose(file);
    return records;
}

// A field limit decides which records are errors, never where records
// start and end: read with a small limit and with none to speak of, the
// file has as many records, and those read whole both times agree. (Not
// for a lone CR as line end, which the format does not allow.)
void check_same_records(const std::vector<importer::CsvRecord>& limited,
                        const std::vector<importer::CsvRecord>& whole) {
    check(limited.size() == whole.size(),
          "a field limit changed how many records there are");
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (!limited[i].error.empty() || !whole[i].error.empty())
            continue;
        check(limited[i].line == whole[i].line &&
                  limited[i].fields == whole[i].fields,
              "a field limit changed a record read whole");
    }
}

bool has_lone_cr(const std::uint8_t* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i)
        if (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'))
            return true;
    return false;
}

// The rules docs/csv-format.md states for a row it accepts. Customer and
// email may be empty (a customer list fills them in) and the amount may
// come from line items.
void check_accepted(const importer::InvoiceRow& row) {
    const ledger::InvoiceData& d = row.data;
    check(!d.number.empty() && !util::has_control_char(d.number) &&
              d.number.size() <= 1024,
          "accepted a bad invoice number", d.number);
    check(!util::has_control_char(d.customer) &&
              !util::has_control_char(d.phone) &&
              !util::has_control_char(d.customer_id),
          "accepted a control character in a name, phone or customer_id");
    check(d.email.empty() || mail::is_valid_address(d.email),
          "accepted a bad address", d.email);
    check(!row.has_amount || d.amount.minor() > 0,
          "accepted an amount that is not positive");
    check(d.currency.size() == 3, "accepted a bad currency", d.currency);
    check(!d.issued || *d.issued <= d.due, "accepted issued after due");
    for (const std::string* text :
         {&d.number, &d.customer, &d.email, &d.phone, &d.customer_id,
          &d.language, &d.currency})
        check(util::is_valid_utf8(*text), "accepted text that is not UTF-8",
              *text);
}

// What becomes of an accepted row in a reminder: its values in the
// headers and the body must not add or break a header.
void check_email_of(const ledger::InvoiceData& d) {
    if (d.email.empty())
        return;
    mail::Message m;
    m.from = {"Example Shop", "billing@shop.example"};
    m.to = {d.customer, d.email};
    m.subject = "Reminder: invoice " + d.number;
    m.body = "Dear " + d.customer + ",\n" + d.phone + "\n" + d.customer_id;
    m.date = 1'800'000'000;
    m.message_id = "fuzz.1@shop.example";
    m.extra_headers = {{"X-Dunn-Invoice", d.number}};
    fuzz::check_email(mail::render(m), {"X-Dunn-Invoice"});
}

// The map and row check, as the importer chains them.
void read_rows(const std::vector<importer::CsvRecord>& records,
               const policy::Config& config) {
    static const std::vector<std::string> required = {
        "invoice", "customer", "email", "amount|unit_amount|line_amount",
        "due"};
    std::optional<importer::ColumnMap> map;
    for (const importer::CsvRecord& record : records) {
        if (!record.error.empty())
            continue;
        if (!map) {
            auto found =
                importer::ColumnMap::find(record.fields,
                                          importer::column_names(),
                                          config.import.columns, required);
            if (!found)
                break;
            map = *found;
            continue;
        }
        if (importer::is_blank_record(record))
            continue;
        importer::InvoiceRow row = importer::read_invoice_row(
            record, *map, config.import, config.policy.currency);
        if (row.ok()) {
            check_accepted(row);
            check_email_of(row.data);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
    if (size < 2)
        return 0;
    static MemoryFile file;
    static ledger::Ledger ledger = ledger::Ledger::in_memory();
    policy::Config config = config_for(data[0], data[1]);
    std::string path = file.write(data + 2, size - 2);

    // Small field limits too, so that short inputs reach the limit's paths.
    static constexpr std::size_t limits[] = {
        8, 16, 64, 256, 1024, 4096, 16384, importer::max_field_bytes};
    std::vector<importer::CsvRecord> records =
        read_records(path, config.import.delimiter, limits[data[0] >> 5]);
    read_rows(records, config);
    if (!has_lone_cr(data + 2, size - 2))
        check_same_records(records,
                           read_records(path, config.import.delimiter,
                                        importer::max_field_bytes));
    try {
        // A dry run rolls back, so every input meets the same empty ledger.
        importer::ImportOptions options;
        options.mode = importer::ImportMode::dry_run;
        options.today = util::Date(std::chrono::days(20'600));
        importer::import_files(ledger, {path}, config, options);
    } catch (const util::Error&) {
        // An expected outcome: an unreadable file, say.
    }
    return 0;
}
