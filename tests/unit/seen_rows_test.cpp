#include "importer/seen_rows.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <tuple>

using dunn::importer::SeenRow;
using dunn::importer::SeenRows;

namespace {

std::vector<SeenRow> sorted(SeenRows& seen) {
    std::vector<SeenRow> out;
    seen.visit_sorted([&](const SeenRow& r) { out.push_back(r); });
    return out;
}

bool in_order(const std::vector<SeenRow>& rows) {
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const SeenRow& a = rows[i - 1];
        const SeenRow& b = rows[i];
        if (std::tie(b.number, b.file, b.line) <
            std::tie(a.number, a.file, a.line))
            return false;
    }
    return true;
}

} // namespace

TEST_CASE("seen_rows: rows come back ordered by number, file and line") {
    SeenRows seen;
    seen.add({7, 1, 0, 9});
    seen.add({3, 2, 0, 4});
    seen.add({7, 3, 0, 2});
    std::vector<SeenRow> rows = sorted(seen);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].number == 3);
    CHECK(rows[1].line == 2);
    CHECK(rows[2].line == 9);
}

TEST_CASE("seen_rows: beyond the memory bound, sorted runs merge from disk") {
    // 3 rows in memory: 1,000 rows make 333 runs on disk and 1 in memory.
    SeenRows seen(3);
    std::mt19937_64 random(42);
    std::vector<SeenRow> added;
    for (std::uint32_t line = 2; line < 1002; ++line) {
        SeenRow row{random() % 50, random(), line % 2, line};
        added.push_back(row);
        seen.add(row);
    }
    std::vector<SeenRow> rows = sorted(seen);
    REQUIRE(rows.size() == added.size());
    CHECK(in_order(rows));

    // The same rows, none lost or made up.
    std::uint64_t sum_in = 0, sum_out = 0;
    for (const SeenRow& r : added)
        sum_in += r.data ^ r.line;
    for (const SeenRow& r : rows)
        sum_out += r.data ^ r.line;
    CHECK(sum_in == sum_out);
}

TEST_CASE("seen_rows: an exact multiple of the bound leaves memory empty") {
    SeenRows seen(2);
    for (std::uint32_t line : {5u, 4u, 3u, 2u})
        seen.add({1, line, 0, line});
    std::vector<SeenRow> rows = sorted(seen);
    REQUIRE(rows.size() == 4);
    CHECK(rows.front().line == 2);
    CHECK(rows.back().line == 5);
}
