#include "importer/invoice_row.hpp"

#include "mail/address.hpp"
#include "util/decimal.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace dunn::importer {

namespace {

// Longer invoice numbers are no invoice numbers; the outbox shortens file
// names above 150 bytes anyway.
constexpr std::size_t max_invoice_number = 1024;

// An export from a German or French spreadsheet writes "1234,56": the
// commonest reason a whole file of amounts fails. Say how to read it.
std::string other_mark_hint(std::string_view value, char decimal) {
    char other = decimal == ',' ? '.' : ',';
    if (!util::parse_money(value, other))
        return "";
    return fmt::format("; it reads as one with '{}' as the decimal mark: "
                       "set decimal = \"{}\" under [import] in the config",
                       other, other);
}

// "01.10.2026" read as "%Y-%m-%d": say which date_format would read it.
// "01/10/2026" fits two, day or month first; only the user knows which.
std::string other_format_hint(std::string_view value,
                              const std::string& format) {
    std::vector<std::string> formats =
        util::other_formats_reading(value, format);
    if (formats.empty())
        return "";
    std::string quoted;
    for (const std::string& f : formats)
        quoted += fmt::format("{}\"{}\"", quoted.empty() ? "" : " or ", f);
    const char* which = formats.size() == 1 ? "that" : "the one your file uses";
    return fmt::format("; it reads as one with date_format = {}: set {} "
                       "under [import] in the config",
                       quoted, which);
}

class RowReader {
public:
    RowReader(const CsvRecord& record, const ColumnMap& map, InvoiceRow& row)
        : record_(record), map_(map), row_(row) {}

    // The trimmed field of column `c`, or "" if the file lacks it. A
    // column with several headers takes the first that is not empty.
    std::string_view field(Column c) const {
        return field_of(record_, map_, c);
    }
    bool has(Column c) const { return map_.has(c); }

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

    std::optional<util::Money> money(Column c, char decimal) {
        std::string_view v = field(c);
        if (v.empty())
            return std::nullopt;
        util::Expected<util::Money> m = util::parse_money(v, decimal);
        if (!m) {
            problem(c, v, m.error() + other_mark_hint(v, decimal));
            return std::nullopt;
        }
        return *m;
    }

    std::optional<util::Date> date(Column c, const std::string& format) {
        std::string_view v = field(c);
        if (v.empty())
            return std::nullopt;
        util::Expected<util::Date> d = util::parse_date(v, format);
        if (!d) {
            problem(c, v, d.error() + other_format_hint(v, format));
            return std::nullopt;
        }
        return *d;
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
                "(\"CSV UTF-8\" in spreadsheet programs), or set [import] "
                "encoding = \"windows-1252\"",
                i + 1));
    }
    return row.problems.empty();
}

bool plain_tag(std::string_view s) {
    return s.size() <= 16 && std::all_of(s.begin(), s.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                      c == '_';
           });
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
    // on one line: it will stand in a mail header. The name may come from
    // a customer list instead, found by customer_id.
    d.customer_id = util::collapse_controls(r.field(Column::customer_id));
    d.customer = util::collapse_controls(d.customer_id.empty()
                                             ? r.required(Column::customer)
                                             : r.field(Column::customer));

    // Spreadsheets mark a phone number as text with a leading apostrophe.
    std::string_view phone = r.field(Column::phone);
    if (!phone.empty() && phone.front() == '\'')
        phone = util::trim(phone.substr(1));
    d.phone = util::collapse_controls(phone);
}

void read_contact(RowReader& r, InvoiceRow& row) {
    ledger::InvoiceData& d = row.data;
    std::string_view email = r.field(Column::email);
    if (!email.empty() && !mail::is_valid_address(email))
        r.problem(Column::email, email,
                  "is not an email address like name@example.com");
    d.email = email;

    std::string_view language = r.field(Column::language);
    if (!plain_tag(language))
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

void read_amount(RowReader& r, InvoiceRow& row,
                 const policy::ImportFormat& format) {
    // With line items an invoice may take its amount from its lines.
    bool from_lines = format.line_items && r.field(Column::amount).empty();
    if (from_lines)
        return;
    std::string_view text = r.required(Column::amount);
    std::optional<util::Money> amount = r.money(Column::amount, format.decimal);
    if (amount && amount->is_zero())
        r.problem(Column::amount, text,
                  "is zero; only an amount owed can be reminded of");
    else if (amount) {
        row.data.amount = *amount;
        row.has_amount = true;
    }
}

void read_dates(RowReader& r, InvoiceRow& row,
                const policy::ImportFormat& format) {
    ledger::InvoiceData& d = row.data;
    r.required(Column::due);
    std::optional<util::Date> due = r.date(Column::due, format.date_format);
    if (due)
        d.due = *due;
    std::optional<util::Date> issued =
        r.date(Column::issued, format.date_format);
    if (issued && due && *issued > *due)
        r.problem(
            Column::issued, r.field(Column::issued),
            fmt::format("is after the due date {}", util::format_date(*due)));
    else
        d.issued = issued;
}

void read_currency(RowReader& r, InvoiceRow& row,
                   const std::string& default_currency) {
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
    row.data.currency = currency;
}

void read_payment_state(RowReader& r, InvoiceRow& row,
                        const policy::ImportFormat& format) {
    row.paid = r.money(Column::paid, format.decimal);
    row.open = r.money(Column::open, format.decimal);
    if (!r.has(Column::status))
        return;

    row.status_word = r.field(Column::status);
    std::optional<RowStatus> status =
        classify_status(row.status_word, format.status);
    if (status)
        row.status = *status;
    else
        r.problem(Column::status, row.status_word,
                  "is on no list of [import.status] in dunn.toml; add it to "
                  "open, paid, cancelled or draft there");
}

void read_line(RowReader& r, InvoiceRow& row,
               const policy::ImportFormat& format) {
    if (!format.line_items)
        return;
    LineItem line;
    std::string_view quantity = r.field(Column::quantity);
    if (!quantity.empty()) {
        auto q = util::parse_fixed(quantity, 4, format.decimal);
        if (!q || *q < 0)
            r.problem(Column::quantity, quantity,
                      q ? "is negative" : q.error());
        else
            line.quantity = *q;
    }
    line.unit_amount =
        r.money(Column::unit_amount, format.decimal).value_or(util::Money());
    line.line_amount = r.money(Column::line_amount, format.decimal);
    std::string_view discount = r.field(Column::discount);
    if (!discount.empty()) {
        auto p = util::parse_fixed(discount, 4, format.decimal);
        if (!p || *p < 0 || *p > 100 * util::Percent::units_per_percent)
            r.problem(Column::discount, discount,
                      "is not a discount in percent from 0 to 100");
        else
            line.discount = util::Percent::from_units(*p);
    }
    row.line = line;
}

} // namespace

std::string_view field_of(const CsvRecord& record, const ColumnMap& map,
                          Column c) {
    // A row shorter than the header is reported by read_invoice_row; here
    // its missing fields simply read as empty.
    for (int i : map.all(c)) {
        if (static_cast<std::size_t>(i) >= record.fields.size())
            continue;
        std::string_view v =
            util::trim(record.fields[static_cast<std::size_t>(i)]);
        if (!v.empty())
            return v;
    }
    return {};
}

util::Money LineItem::total() const {
    if (line_amount)
        return *line_amount;
    // cents x (quantity / 10^4) x (1 - discount / 10^6), rounded half-up.
    __int128 scale = __int128(10'000) * 100 * util::Percent::units_per_percent;
    __int128 exact =
        __int128(unit_amount.minor()) * quantity *
        (100 * util::Percent::units_per_percent - discount.units());
    return util::Money::cents(
        static_cast<std::int64_t>((exact * 2 + scale) / (scale * 2)));
}

bool is_blank_record(const CsvRecord& record) {
    return record.error.empty() &&
           std::all_of(
               record.fields.begin(), record.fields.end(),
               [](const std::string& f) { return util::trim(f).empty(); });
}

std::optional<RowStatus> classify_status(std::string_view word,
                                         const policy::StatusWords& words) {
    std::string w = util::to_lower(util::trim(word));
    const std::pair<const std::vector<std::string>*, RowStatus> lists[] = {
        {&words.open, RowStatus::open},
        {&words.paid, RowStatus::paid},
        {&words.cancelled, RowStatus::cancelled},
        {&words.draft, RowStatus::draft}};
    for (const auto& [list, status] : lists)
        if (std::find(list->begin(), list->end(), w) != list->end())
            return status;
    for (const auto& [list, status] : lists)
        if (!w.empty() &&
            std::find(list->begin(), list->end(), "*") != list->end())
            return status;
    return std::nullopt;
}

InvoiceRow read_invoice_row(const CsvRecord& record, const ColumnMap& map,
                            const policy::ImportFormat& format,
                            const std::string& default_currency) {
    InvoiceRow row;
    if (record.fields.size() != map.width()) {
        row.problems.push_back(fmt::format(
            "the row has {} fields, the header has {}; a field with the "
            "delimiter in it must be quoted",
            record.fields.size(), map.width()));
        return row;
    }
    if (!check_encoding(record, row))
        return row;

    RowReader r(record, map, row);
    read_identity(r, row);
    read_contact(r, row);
    read_amount(r, row, format);
    read_dates(r, row, format);
    read_currency(r, row, default_currency);
    read_payment_state(r, row, format);
    read_line(r, row, format);
    return row;
}

} // namespace dunn::importer
