#include "importer/seen_rows.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <queue>
#include <tuple>
#include <unistd.h>

namespace dunn::importer {

namespace {

using util::Error;
using util::ExitCode;

bool before(const SeenRow& a, const SeenRow& b) {
    return std::tie(a.number, a.file, a.line) <
           std::tie(b.number, b.file, b.line);
}

[[noreturn]] void fail(const char* what) {
    throw Error(ExitCode::io,
                fmt::format("cannot {} the temporary file that holds the "
                            "rows read so far: {}; check the free space "
                            "in /tmp",
                            what, std::strerror(errno)));
}

// One sorted run in the temporary file, read a block at a time.
class Run {
public:
    Run(int fd, off_t offset, std::size_t rows)
        : fd_(fd), offset_(offset), left_(rows) {}

    bool empty() const { return next_ == block_.size() && left_ == 0; }
    const SeenRow& front() {
        if (next_ == block_.size())
            refill();
        return block_[next_];
    }
    void pop() { ++next_; }

private:
    void refill() {
        block_.resize(std::min<std::size_t>(left_, 4096));
        std::size_t bytes = block_.size() * sizeof(SeenRow);
        if (::pread(fd_, block_.data(), bytes, offset_) !=
            static_cast<ssize_t>(bytes))
            fail("read");
        offset_ += static_cast<off_t>(bytes);
        left_ -= block_.size();
        next_ = 0;
    }

    int fd_;
    off_t offset_;
    std::size_t left_;
    std::vector<SeenRow> block_;
    std::size_t next_ = 0;
};

} // namespace

SeenRows::SeenRows(std::size_t memory_rows)
    : memory_rows_(std::max<std::size_t>(memory_rows, 1)) {}

SeenRows::~SeenRows() {
    if (spilled_)
        std::fclose(spilled_);
}

void SeenRows::add(const SeenRow& row) {
    if (rows_.size() == memory_rows_)
        spill();
    rows_.push_back(row);
}

void SeenRows::spill() {
    if (!spilled_ && !(spilled_ = std::tmpfile()))
        fail("create");
    std::sort(rows_.begin(), rows_.end(), before);
    if (std::fwrite(rows_.data(), sizeof(SeenRow), rows_.size(), spilled_) !=
        rows_.size())
        fail("write");
    run_sizes_.push_back(rows_.size());
    rows_.clear();
}

void SeenRows::visit_sorted(const std::function<void(const SeenRow&)>& visit) {
    std::sort(rows_.begin(), rows_.end(), before);
    if (!spilled_) {
        for (const SeenRow& row : rows_)
            visit(row);
        return;
    }
    if (std::fflush(spilled_) != 0)
        fail("write");

    // Merge the runs on disk with the rows still in memory.
    std::vector<Run> runs;
    off_t offset = 0;
    for (std::size_t rows : run_sizes_) {
        runs.emplace_back(fileno(spilled_), offset, rows);
        offset += static_cast<off_t>(rows * sizeof(SeenRow));
    }
    runs.emplace_back(-1, 0, 0);
    std::size_t in_memory = 0;
    auto head = [&](std::size_t i) -> const SeenRow& {
        return i + 1 == runs.size() ? rows_[in_memory] : runs[i].front();
    };
    auto later = [&](std::size_t a, std::size_t b) {
        return before(head(b), head(a));
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)>
        queue(later);
    for (std::size_t i = 0; i + 1 < runs.size(); ++i)
        queue.push(i);
    if (!rows_.empty())
        queue.push(runs.size() - 1);

    while (!queue.empty()) {
        std::size_t i = queue.top();
        queue.pop();
        visit(head(i));
        bool more;
        if (i + 1 == runs.size()) {
            more = ++in_memory < rows_.size();
        } else {
            runs[i].pop();
            more = !runs[i].empty();
        }
        if (more)
            queue.push(i);
    }
}

} // namespace dunn::importer
