#include "importer/invoice_row.hpp"
#include "importer/line_items.hpp"
#include "policy/config.hpp"

#include <catch2/catch.hpp>

using namespace dunn::importer;
using dunn::util::Money;

namespace {

dunn::policy::ImportFormat format() {
    return dunn::policy::parse_config("", "test", ".").import;
}

ColumnMap map_of(const std::vector<std::string>& header,
                 const dunn::policy::ImportFormat& f) {
    return *ColumnMap::find(header, column_names(), f.columns, {});
}

const std::vector<std::string> header = {"invoice", "customer", "email",
                                         "amount",  "due",      "currency",
                                         "issued",  "language"};

InvoiceRow row(std::vector<std::string> fields,
               const dunn::policy::ImportFormat& f = format()) {
    ColumnMap map = map_of(header, f);
    CsvRecord record{2, std::move(fields), ""};
    return read_invoice_row(record, map, f, "EUR");
}

} // namespace

TEST_CASE("invoice_row: a good row becomes invoice data") {
    InvoiceRow r = row({" INV-1 ", "Ann", "ann@example.com", "1234.5",
                        "2026-10-01", "gbp", "2026-09-01", "de"});
    REQUIRE(r.ok());
    CHECK(r.data.number == "INV-1");
    CHECK(r.data.amount == dunn::util::Money::cents(123450));
    CHECK(r.data.currency == "GBP");
    CHECK(dunn::util::format_date(r.data.due) == "2026-10-01");
    CHECK(dunn::util::format_date(*r.data.issued) == "2026-09-01");
    CHECK(r.data.language == "de");
}

TEST_CASE("invoice_row: an empty currency takes the default") {
    InvoiceRow r =
        row({"I", "A", "a@example.com", "1", "2026-10-01", "", "", ""});
    REQUIRE(r.ok());
    CHECK(r.data.currency == "EUR");
    CHECK_FALSE(r.data.issued);
}

TEST_CASE("invoice_row: each bad field is its own problem") {
    InvoiceRow r = row({"", "", "nobody", "12,3x", "2026-02-30", "EURO",
                        "yesterday", "../de"});
    CHECK(r.problems == std::vector<std::string>{
                            "column 'invoice': is empty; every invoice needs "
                            "one",
                            "column 'customer': is empty; every invoice needs "
                            "one",
                            "column 'email': \"nobody\" is not an email "
                            "address like name@example.com",
                            "column 'language': \"../de\" is not a language "
                            "tag like \"en\" or \"de\"",
                            "column 'amount': \"12,3x\" is not an amount",
                            "column 'due': \"2026-02-30\" is not a day in the "
                            "calendar",
                            "column 'issued': \"yesterday\" is not a date like "
                            "2026-10-31",
                            "column 'currency': \"EURO\" is not a "
                            "three-letter currency code like EUR"});
}

TEST_CASE("invoice_row: the field count must match the header") {
    InvoiceRow r = row({"I", "A"});
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0] == "the row has 2 fields, the header has 8; a field "
                           "with the delimiter in it must be quoted");
}

TEST_CASE("invoice_row: zero amounts and issue dates after the due date") {
    InvoiceRow r = row(
        {"I", "A", "a@example.com", "0", "2026-10-01", "", "2026-10-02", ""});
    CHECK(r.problems == std::vector<std::string>{
                            "column 'amount': \"0\" is zero; only an amount "
                            "owed can be reminded of",
                            "column 'issued': \"2026-10-02\" is after the due "
                            "date 2026-10-01"});
}

TEST_CASE("invoice_row: control characters in names become spaces, in "
          "numbers an error") {
    InvoiceRow ok = row({"I", "Ann\r\nExample", "a@example.com", "1",
                         "2026-10-01", "", "", ""});
    CHECK(ok.data.customer == "Ann Example");
    InvoiceRow bad =
        row({"I\nBcc: x", "A", "a@example.com", "1", "2026-10-01", "", "", ""});
    REQUIRE(bad.problems.size() == 1);
    CHECK_THAT(bad.problems[0], Catch::Contains("control character"));
}

TEST_CASE("invoice_row: invalid UTF-8 and NUL are reported alone") {
    InvoiceRow r = row({"I", "M\xfcller", "a@example.com", "x", "2026-10-01",
                        std::string("E\0R", 3), "", ""});
    CHECK(r.problems ==
          std::vector<std::string>{
              "field 2 is not valid UTF-8; save the file as UTF-8 (\"CSV "
              "UTF-8\" in spreadsheet programs), or set [import] encoding "
              "= \"windows-1252\"",
              "field 6 contains a NUL byte; this is not a text file"});
}

TEST_CASE("invoice_row: decimal comma and a custom date format") {
    auto f = format();
    f.decimal = ',';
    f.date_format = "%d.%m.%Y";
    InvoiceRow r = row(
        {"I", "A", "a@example.com", "1.234,56", "31.10.2026", "", "", ""}, f);
    REQUIRE(r.ok());
    CHECK(r.data.amount == dunn::util::Money::cents(123456));
}

TEST_CASE("invoice_row: blank records") {
    CHECK(is_blank_record({3, {"", " ", ""}, ""}));
    CHECK_FALSE(is_blank_record({3, {"", "x"}, ""}));
    CHECK_FALSE(is_blank_record({3, {}, "an error"}));
}

const std::vector<std::string> required = {"invoice", "due",
                                           "customer|customer_id", "amount"};

TEST_CASE("column_map: names match ignoring case, spaces and a leading *") {
    auto f = format();
    f.columns["due"] = {"Fällig am"};
    std::vector<std::string> h = {"*INVOICE", " Customer ", "email",
                                  "Amount",   "Fällig am",  "extra"};
    auto map = ColumnMap::find(h, column_names(), f.columns, required);
    REQUIRE(map);
    CHECK(map->at(Column::invoice) == 0);
    CHECK(map->at(Column::due) == 4);
    CHECK(map->width() == 6);
    CHECK_FALSE(map->has(Column::phone));
}

TEST_CASE("column_map: the first of several headers present wins") {
    auto f = format();
    f.columns["invoice"] = {"Number", "id"};
    auto only_id = ColumnMap::find({"id", "customer", "amount", "due"},
                                   column_names(), f.columns, required);
    REQUIRE(only_id);
    CHECK(only_id->at(Column::invoice) == 0);
    auto both = ColumnMap::find({"id", "Number", "customer", "amount", "due"},
                                column_names(), f.columns, required);
    CHECK(both->at(Column::invoice) == 1);
}

TEST_CASE("column_map: missing columns are named with how to map them") {
    auto f = format();
    f.columns["due"] = {"Faellig"};
    auto map = ColumnMap::find({"invoice", "email"}, column_names(), f.columns,
                               required);
    REQUIRE_FALSE(map);
    CHECK_THAT(map.error(),
               Catch::StartsWith("the header lacks the required columns "
                                 "'Faellig' (for due), 'customer' or "
                                 "'customer_id', 'amount'"));
}

TEST_CASE("column_map: a mapped header twice is ambiguous") {
    auto map = ColumnMap::find(
        {"invoice", "customer", "email", "amount", "due", "Amount"},
        column_names(), format().columns, required);
    REQUIRE_FALSE(map);
    CHECK_THAT(map.error(), Catch::Contains("columns 4 and 6"));
}

const std::vector<std::string> state_header = {
    "invoice", "customer_id", "amount", "due",
    "paid",    "open",        "status", "phone"};

InvoiceRow state_row(std::vector<std::string> fields,
                     const dunn::policy::ImportFormat& f = format()) {
    CsvRecord record{2, std::move(fields), ""};
    return read_invoice_row(record, map_of(state_header, f), f, "EUR");
}

TEST_CASE("invoice_row: payment state columns and status words") {
    InvoiceRow r = state_row({"I", "K-1", "100", "2026-10-01", "40", "60",
                              "Partial/Deposit", "'+49 30 1"});
    REQUIRE(r.ok());
    CHECK(r.data.customer.empty()); // a customer list may name it
    CHECK(*r.paid == Money::cents(4000));
    CHECK(*r.open == Money::cents(6000));
    CHECK(r.status == RowStatus::open);
    CHECK(r.data.phone == "+49 30 1");

    InvoiceRow bad =
        state_row({"I", "K-1", "100", "2026-10-01", "", "", "Lost", ""});
    REQUIRE(bad.problems.size() == 1);
    CHECK(bad.problems[0] ==
          "column 'status': \"Lost\" is on no list of [import.status] in "
          "dunn.toml; add it to open, paid, cancelled or draft there");
}

TEST_CASE("invoice_row: status words ignore case; * matches any other") {
    dunn::policy::StatusWords w;
    w.open = {""};
    w.paid = {"*"};
    w.cancelled = {"storno"};
    CHECK(classify_status("", w) == RowStatus::open);
    CHECK(classify_status("X", w) == RowStatus::paid);
    CHECK(classify_status(" STORNO ", w) == RowStatus::cancelled);
    CHECK_FALSE(classify_status("", dunn::policy::StatusWords{}));
}

TEST_CASE("invoice_row: a date with a time of day counts as the date") {
    InvoiceRow r =
        state_row({"I", "K-1", "100", "2026-02-14 23:59", "", "", "", ""});
    REQUIRE(r.ok());
    CHECK(dunn::util::format_date(r.data.due) == "2026-02-14");
}

TEST_CASE("line_items: quantity x unit amount less discount, per line") {
    LineItem line;
    line.quantity = 15'000; // 1.5
    line.unit_amount = Money::cents(3333);
    line.discount = dunn::util::Percent::from_units(100'000); // 10%
    // 1.5 x 33.33 x 0.9 = 44.9955, rounded half-up to 45.00.
    CHECK(line.total() == Money::cents(4500));
    line.line_amount = Money::cents(123);
    CHECK(line.total() == Money::cents(123));
}

TEST_CASE("line_items: rows of one invoice are summed; their own fields "
          "must agree") {
    auto f = format();
    f.line_items = true;
    std::vector<std::string> h = {"invoice", "customer", "email",
                                  "due",     "quantity", "unit_amount"};
    auto row = [&](std::vector<std::string> fields) {
        CsvRecord record{2, std::move(fields), ""};
        return read_invoice_row(record, map_of(h, f), f, "EUR");
    };
    LineItems lines;
    lines.add(row({"A", "Ann", "a@example.com", "2026-10-01", "2", "10"}), 2);
    lines.add(row({"B", "Bob", "b@example.com", "2026-10-01", "1", "5"}), 3);
    lines.add(row({"A", "Ann", "a@example.com", "2026-10-01", "0.5", "3"}), 4);
    lines.add(row({"A", "Ann", "a@example.com", "2026-10-09", "1", "1"}), 5);
    auto invoices = lines.invoices();
    REQUIRE(invoices.size() == 2);
    CHECK(invoices[0].row.data.number == "A");
    CHECK(invoices[0].row.data.amount == Money::cents(2150));
    CHECK(invoices[0].line == 2);
    CHECK(invoices[1].row.data.amount == Money::cents(500));
    REQUIRE(lines.problems().size() == 1);
    CHECK(lines.problems()[0].line == 5);
    CHECK_THAT(lines.problems()[0].what,
               Catch::Contains("differs from its line 2 in due;"));
}

TEST_CASE("invoice_row: an amount with the other decimal mark says so") {
    InvoiceRow r =
        row({"I", "A", "a@example.com", "1234,56", "2026-10-01", "", "", ""});
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0] ==
          "column 'amount': \"1234,56\" is not an amount; it reads as one "
          "with ',' as the decimal mark: set decimal = \",\" under [import] "
          "in the config");

    dunn::policy::ImportFormat comma = format();
    comma.decimal = ',';
    r = row({"I", "A", "a@example.com", "10.00", "2026-10-01", "", "", ""},
            comma);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].ends_with("set decimal = \".\" under [import] in the "
                                  "config"));

    // Junk in either reading gets no hint that would mislead.
    r = row({"I", "A", "a@example.com", "12,3x", "2026-10-01", "", "", ""});
    CHECK(r.problems[0] == "column 'amount': \"12,3x\" is not an amount");
}

TEST_CASE("invoice_row: a date in another common format says which") {
    InvoiceRow r = row(
        {"I", "A", "a@example.com", "1", "01.10.2026", "", "1/10/2026", ""});
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0] ==
          "column 'due': \"01.10.2026\" is not a date like 2026-10-31; it "
          "reads as one with date_format = \"%d.%m.%Y\": set that under "
          "[import] in the config");
    CHECK(r.problems[1].ends_with(
        "with date_format = \"%d/%m/%Y\" or \"%m/%d/%Y\": set the one your "
        "file uses under [import] in the config"));
}
