#include "importer/invoice_row.hpp"

#include "mail/address.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace dunn::importer {

namespace {

// Longer invoice numbers are no invoice numbers; they would also make
// unwieldy file names.
constexpr std::size_t max_invoice_number = 1024;

class RowReader {
public:
    RowReader(const CsvRecord& record, const ColumnMap& map, InvoiceRow& row)
        : record_(record), map_(map), row_(row) {}

    // The trimmed field of column `c`, or "" if the file lacks it.
    std::string_view field(Column c) const {
        return map_.has(c)
                   ? util::trim(
                         record_.fields[static_cast<std::size_t>(map_.at(c))])
                   : std::string_view();
    }

    void problem(Column c, std::string_view value, std::string_view what) {
        row_.problems.push_back(fmt::format(
            "column '{}': {} {}", column_name(c), util::quoted(value), what));
    }

    void problem(Column c, std::string_view what) {
        row_.problems.push_back(
            fmt::format("column '{}': {}", column_name(c), what));
    }

    // A required field: present and not empty.
    std::string_view required(Column c) {
        std::string_view v = field(c);
        if (v.empty())
            problem(c, "is empty; every invoice needs one");
        return v;
    }

private:
    const CsvRecord& record_;
    const ColumnMap& map_;
    InvoiceRow& row_;
};

// Encoding problems make every other check meaningless: report them alone.
bool check_encoding(const CsvRecord& record, InvoiceRow& row) {
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        const std::string& f = record.fields[i];
        if (f.find('\0') != std::string::npos)
            row.problems.push_back(fmt::format(
                "field {} contains a NUL byte; this is not a text file",
                i + 1));
        else if (!util::is_valid_utf8(f))
            row.problems.push_back(fmt::format(
                "field {} is not valid UTF-8; save the file as UTF-8 "
                "(\"CSV UTF-8\" in spreadsheet programs)",
                i + 1));
    }
    return row.problems.empty();
}

void read_identity(RowReader& r, InvoiceRow& row) {
    ledger::InvoiceData& d = row.data;
    std::string_view number = r.required(Column::invoice);
    if (util::has_control_char(number))
        r.problem(Column::invoice, number,
                  "contains a line break or control character");
    else if (number.size() > max_invoice_number)
        r.problem(Column::invoice,
                  fmt::format("is longer than {} bytes", max_invoice_number));
    d.number = number;

    // A multi-line name (an address block pasted into one cell) is kept
    // on one line: it will stand in a mail header.
    d.customer = util::collapse_controls(r.required(Column::customer));
    d.customer_id = util::collapse_controls(r.field(Column::customer_id));
    d.phone = util::collapse_controls(r.field(Column::phone));
}

void read_contact(RowReader& r, InvoiceRow& row) {
    ledger::InvoiceData& d = row.data;
    std::string_view email = r.required(Column::email);
    if (!email.empty() && !mail::is_valid_address(email))
        r.problem(Column::email, email,
                  "is not an email address like name@example.com");
    d.email = email;

    std::string_view language = r.field(Column::language);
    bool plain = language.size() <= 16 &&
                 std::all_of(language.begin(), language.end(), [](char c) {
                     return std::isalnum(static_cast<unsigned char>(c)) ||
                            c == '-' || c == '_';
                 });
    if (!plain)
        r.problem(Column::language, language,
                  "is not a language tag like \"en\" or \"de\"");
    d.language = language;

    // b2b or b2c; empty leaves it to [policy] debtor_kind.
    std::string kind = util::to_lower(r.field(Column::kind));
    if (kind != "" && kind != "b2b" && kind != "b2c")
        r.problem(Column::kind, r.field(Column::kind),
                  "is neither b2b (a business) nor b2c (a consumer)");
    d.kind = kind;
}

void read_money_and_dates(RowReader& r, InvoiceRow& row,
                          const policy::ImportFormat& format,
                          const std::string& default_currency) {
    ledger::InvoiceData& d = row.data;
    std::string_view amount = r.required(Column::amount);
    if (!amount.empty()) {
        util::Expected<util::Money> m =
            util::parse_money(amount, format.decimal);
        if (!m)
            r.problem(Column::amount, amount, m.error());
        else if (m->is_zero())
            r.problem(Column::amount, amount,
                      "is zero; only an amount owed can be reminded of");
        else
            d.amount = *m;
    }

    std::string_view due = r.required(Column::due);
    bool due_ok = false;
    if (!due.empty()) {
        util::Expected<util::Date> date =
            util::parse_date(due, format.date_format);
        due_ok = date.ok();
        if (date)
            d.due = *date;
        else
            r.problem(Column::due, due, date.error());
    }

    std::string_view issued = r.field(Column::issued);
    if (!issued.empty()) {
        util::Expected<util::Date> date =
            util::parse_date(issued, format.date_format);
        if (!date)
            r.problem(Column::issued, issued, date.error());
        else if (due_ok && *date > d.due)
            r.problem(Column::issued, issued,
                      fmt::format("is after the due date {}",
                                  util::format_date(d.due)));
        else
            d.issued = *date;
    }

    // Exports write "eur" as often as "EUR".
    std::string currency(r.field(Column::currency));
    for (char& c : currency)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    if (currency.empty())
        currency = default_currency;
    bool iso = currency.size() == 3 &&
               std::all_of(currency.begin(), currency.end(),
                           [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!iso)
        r.problem(Column::currency, r.field(Column::currency),
                  "is not a three-letter currency code like EUR");
    d.currency = currency;
}

} // namespace

bool is_blank_record(const CsvRecord& record) {
    return record.error.empty() &&
           std::all_of(
               record.fields.begin(), record.fields.end(),
               [](const std::string& f) { return util::trim(f).empty(); });
}

InvoiceRow read_invoice_row(const CsvRecord& record, const ColumnMap& map,
                            const policy::ImportFormat& format,
                            const std::string& default_currency) {
    InvoiceRow row;
    if (record.fields.size() != map.width) {
        row.problems.push_back(fmt::format(
            "the row has {} fields, the header has {}; a field with the "
            "delimiter in it must be quoted",
            record.fields.size(), map.width));
        return row;
    }
    if (!check_encoding(record, row))
        return row;

    RowReader r(record, map, row);
    read_identity(r, row);
    read_contact(r, row);
    read_money_and_dates(r, row, format, default_currency);
    return row;
}

} // namespace dunn::importer
