#include "importer/invoice_row.hpp"

#include <catch2/catch.hpp>

using namespace dunn::importer;

namespace {

dunn::policy::ImportFormat format() {
    dunn::policy::ImportFormat f;
    for (std::size_t c = 0; c < column_count; ++c) {
        std::string name(column_name(static_cast<Column>(c)));
        f.columns[name] = name;
    }
    return f;
}

const std::vector<std::string> header = {"invoice", "customer", "email",
                                         "amount",  "due",      "currency",
                                         "issued",  "language"};

InvoiceRow row(std::vector<std::string> fields,
               const dunn::policy::ImportFormat& f = format()) {
    ColumnMap map = *map_columns(header, f);
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
              "UTF-8\" in spreadsheet programs)",
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

TEST_CASE("column_map: names match without regard to case or spaces") {
    auto f = format();
    f.columns["due"] = "Fällig am";
    std::vector<std::string> h = {"INVOICE", " Customer ", "email",
                                  "Amount",  "Fällig am",  "extra"};
    auto map = map_columns(h, f);
    REQUIRE(map);
    CHECK(map->at(Column::due) == 4);
    CHECK(map->width == 6);
    CHECK_FALSE(map->has(Column::phone));
}

TEST_CASE("column_map: missing columns are named with how to map them") {
    auto f = format();
    f.columns["due"] = "Faellig";
    auto map = map_columns({"invoice", "customer"}, f);
    REQUIRE_FALSE(map);
    CHECK_THAT(map.error(),
               Catch::StartsWith("the header lacks the required columns "
                                 "'email', 'amount', 'Faellig' (for due)"));
}

TEST_CASE("column_map: a mapped header twice is ambiguous") {
    auto map = map_columns(
        {"invoice", "customer", "email", "amount", "due", "Amount"}, format());
    REQUIRE_FALSE(map);
    CHECK_THAT(map.error(), Catch::Contains("columns 4 and 6"));
}
