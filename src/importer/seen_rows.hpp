#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <vector>

namespace dunn::importer {

// One row an import read: hashes of its invoice number and of its data,
// and where it was (file index, line).
struct SeenRow {
    std::uint64_t number;
    std::uint64_t data;
    std::uint32_t file;
    std::uint32_t line;
};

// Every row of an import, for finding an invoice number given twice.
// Up to `memory_rows` rows are kept in memory; beyond that each batch is
// sorted and written to an anonymous temporary file, and the batches are
// merged when read. So an import's memory stays flat however long the
// file is, and a file that fits in memory never touches the disk.
class SeenRows {
public:
    explicit SeenRows(std::size_t memory_rows = std::size_t{1} << 18);
    ~SeenRows();
    SeenRows(const SeenRows&) = delete;
    SeenRows& operator=(const SeenRows&) = delete;

    // Throws util::Error (ExitCode::io) if the temporary file fails.
    void add(const SeenRow& row);

    // Every row added, ordered by number hash, then file, then line.
    void visit_sorted(const std::function<void(const SeenRow&)>& visit);

private:
    void spill();

    std::size_t memory_rows_;
    std::vector<SeenRow> rows_;
    std::FILE* spilled_ = nullptr;
    std::vector<std::size_t> run_sizes_; // rows in each sorted run
};

} // namespace dunn::importer
