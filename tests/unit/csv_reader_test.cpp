#include "importer/csv_reader.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

using dunn::importer::CsvReader;
using dunn::importer::CsvRecord;

namespace {

struct Read {
    std::vector<CsvRecord> records;
    char delimiter = 0;
    bool empty = false;
};

// Reads `text` as a file would be read, through a FILE*.
Read read_all(const std::string& text, char delimiter = 0,
              std::size_t max_field = 64 * 1024) {
    std::FILE* f = fmemopen(const_cast<char*>(text.data()), text.size(), "rb");
    if (text.empty())
        f = std::tmpfile();
    Read r;
    {
        CsvReader reader(f, delimiter, max_field);
        CsvRecord rec;
        while (reader.next(rec))
            r.records.push_back(rec);
        r.delimiter = reader.delimiter();
        r.empty = reader.empty_input();
    }
    std::fclose(f);
    return r;
}

using Fields = std::vector<std::string>;

} // namespace

TEST_CASE("csv_reader: plain records with their line numbers") {
    Read r = read_all("a,b\n1,2\n3,4\n");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[1].fields == Fields{"1", "2"});
    CHECK(r.records[2].line == 3);
    CHECK(r.delimiter == ',');
}

TEST_CASE("csv_reader: quotes, doubled quotes and embedded newlines") {
    Read r = read_all("a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\nlast,row\n");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[1].fields == Fields{"x, \"y\"", "two\nlines"});
    CHECK(r.records[1].line == 2);
    CHECK(r.records[2].line == 4);
}

TEST_CASE("csv_reader: CRLF, a byte order mark and no final newline") {
    Read r = read_all("\xEF\xBB\xBF"
                      "a,b\r\n1,2\r\n3,4");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[0].fields == Fields{"a", "b"});
    CHECK(r.records[2].fields == Fields{"3", "4"});
    CHECK(r.records[2].line == 3);
}

TEST_CASE("csv_reader: blank lines are skipped but counted") {
    Read r = read_all("a,b\n\n\n1,2\n");
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1].line == 4);
}

TEST_CASE("csv_reader: the delimiter is detected from the header line") {
    CHECK(read_all("a;b;c\n1,5;2;3\n").delimiter == ';');
    CHECK(read_all("a\tb\n1\t2\n").delimiter == '\t');
    CHECK(read_all("\"x;y\",b\n").delimiter == ',');
    Read r = read_all("a;b\n\"1,5\";2\n");
    CHECK(r.records[1].fields == Fields{"1,5", "2"});
}

TEST_CASE("csv_reader: a given delimiter is used as it is") {
    Read r = read_all("a;b,c\n1;2,3\n", ',');
    CHECK(r.records[0].fields == Fields{"a;b", "c"});
}

TEST_CASE("csv_reader: tabs inside fields survive a tab delimiter") {
    Read r = read_all("a\tb\n\" x\t\"\ty\n", '\t');
    CHECK(r.records[1].fields == Fields{" x\t", "y"});
}

TEST_CASE("csv_reader: a stray quote is an error on its line, and reading "
          "goes on") {
    Read r = read_all("a,b\n1,x\"y\n2,3\n");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[1].line == 2);
    CHECK_THAT(r.records[1].error, Catch::Contains("malformed quotes"));
    CHECK(r.records[2].fields == Fields{"2", "3"});
}

TEST_CASE("csv_reader: an unterminated quote names the line it opened on") {
    Read r = read_all("a,b\n1,2\n3,\"open\nmore\n");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[2].line == 3);
    CHECK_THAT(r.records[2].error, Catch::Contains("never closed"));
}

TEST_CASE("csv_reader: an over-long field is an error, not a memory hog") {
    std::string big(300 * 1024, 'x');
    Read r = read_all("a,b\n1," + big + "\n2,3\n", 0, 64 * 1024);
    REQUIRE(r.records.size() == 3);
    CHECK_THAT(r.records[1].error, Catch::Contains("longer than the 64 KiB"));
    CHECK(r.records[2].fields == Fields{"2", "3"});
}

TEST_CASE("csv_reader: a field just over the limit in one piece is caught") {
    std::string field(70 * 1024, 'y');
    Read r = read_all("a\n" + field + "\nz\n", 0, 64 * 1024);
    REQUIRE(r.records.size() == 3);
    CHECK_FALSE(r.records[1].error.empty());
    CHECK(r.records[2].fields == Fields{"z"});
}

TEST_CASE("csv_reader: empty input and a byte order mark alone are empty") {
    CHECK(read_all("").records.empty());
    CHECK(read_all("").empty);
    Read bom = read_all("\xEF\xBB\xBF");
    CHECK(bom.empty);
    CHECK(bom.records.empty());
}

TEST_CASE("csv_reader: NUL bytes pass through for the caller to judge") {
    Read r = read_all(std::string("a,b\n1,x\0y\n", 10));
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1].fields[1] == std::string("x\0y", 3));
}

TEST_CASE("csv_reader: lines longer than the read buffer") {
    std::string wide(2 * 1024 * 1024, 'w');
    std::string text = "a,b\n";
    for (int i = 0; i < 3; ++i)
        text += std::to_string(i) + ",\"" + wide.substr(0, 60000) + "\"\n";
    Read r = read_all(text);
    REQUIRE(r.records.size() == 4);
    CHECK(r.records[3].line == 4);
    CHECK(r.records[3].fields[1].size() == 60000);
}

TEST_CASE("csv_reader: an over-long quoted field is skipped to its end") {
    // Once one error: before, every line inside the rest of the field was
    // read as a record of its own (millions of errors for a 10 MB field).
    std::string lines;
    for (int i = 0; i < 40000; ++i)
        lines += "x\n\"\",";
    Read r = read_all("a,b\n1,\"" + lines + "\"\n2,\"3\n4\"\n", 0, 64 * 1024);
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[1].line == 2);
    CHECK_THAT(r.records[1].error, Catch::Contains("longer than the 64 KiB"));
    CHECK(r.records[2].fields == Fields{"2", "3\n4"});
    CHECK(r.records[2].line == 40003);
}

TEST_CASE("csv_reader: lines without quotes read as libcsv reads them") {
    // Such lines skip libcsv (for speed); these pin that both agree.
    Read r = read_all("a,b,c\n x , y ,\n,,\n\"q\", r ,s\n  \nlast,one,x");
    REQUIRE(r.records.size() == 5);
    CHECK(r.records[1].fields == Fields{"x", "y", ""});
    CHECK(r.records[2].fields == Fields{"", "", ""});
    CHECK(r.records[3].fields == Fields{"q", "r", "s"});
    CHECK(r.records[4].fields == Fields{"last", "one", "x"});
    CHECK(r.records[4].line == 6);
}

TEST_CASE("csv_reader: a lone CR inside a line ends a record, as in libcsv") {
    Read r = read_all("a,b\n1,2\r3,4\n");
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[1].fields == Fields{"1", "2"});
    CHECK(r.records[2].fields == Fields{"3", "4"});
}
