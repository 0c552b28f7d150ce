#include "importer/csv_reader.hpp"

#include <algorithm>
#include <cstring>
#include <csv.h>
#include <fmt/format.h>

namespace dunn::importer {

namespace {

constexpr std::size_t buffer_size = 1 << 20;
// Bytes fed to libcsv at once when a line is longer than this, so that an
// over-long field is caught before it fills memory.
constexpr std::size_t chunk_size = 1 << 16;

// libcsv's state inside a field (FIELD_BEGUN in libcsv.c): together with
// `quoted`, the parser is between a field's quotes, where line ends are
// text. csv.h makes the state public but does not name its values.
constexpr int libcsv_field_begun = 2;

// Spaces around unquoted fields are trimmed; a tab never is, since it may
// be the delimiter.
int is_space(unsigned char c) {
    return c == ' ';
}

bool is_blank(const char* data, std::size_t size) {
    return std::all_of(data, data + size,
                       [](char c) { return c == '\r' || c == '\n'; });
}

} // namespace

// libcsv calls plain C functions; these forward to the reader.
struct CsvReader::Callbacks {
    static void field(void* data, std::size_t size, void* self) {
        auto* r = static_cast<CsvReader*>(self);
        if (size > r->max_field_)
            r->current_.error = r->too_long();
        r->current_.fields.emplace_back(static_cast<const char*>(data), size);
    }

    static void record(int, void* self) {
        auto* r = static_cast<CsvReader*>(self);
        r->current_.line = r->record_line_;
        if (!r->current_.error.empty())
            r->current_.fields.clear();
        r->ready_.push_back(std::move(r->current_));
        r->current_ = CsvRecord();
        r->in_record_ = false;
    }
};

CsvReader::CsvReader(std::FILE* file, char delimiter, std::size_t max_field)
    : file_(file), delimiter_(delimiter), max_field_(max_field),
      parser_(std::make_unique<csv_parser>()), buffer_(buffer_size) {}

CsvReader::~CsvReader() {
    if (started_)
        csv_free(parser_.get());
}

void CsvReader::reset_parser() {
    if (started_)
        csv_free(parser_.get());
    csv_init(parser_.get(), CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(parser_.get(), static_cast<unsigned char>(delimiter_));
    csv_set_space_func(parser_.get(), is_space);
    current_ = CsvRecord();
    in_record_ = false;
}

bool CsvReader::fill() {
    if (eof_)
        return false;
    if (pos_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
        end_ -= pos_;
        pos_ = 0;
    }
    std::size_t n =
        std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
    end_ += n;
    if (n == 0)
        eof_ = true;
    return n > 0;
}

// Picks the delimiter that occurs most often outside quotes in the first
// line. A header is a row of names: this is reliable for it, unlike a
// guess from data rows, where amounts may hold commas.
void CsvReader::detect_delimiter() {
    std::size_t counts[3] = {0, 0, 0};
    const char candidates[3] = {',', ';', '\t'};
    bool quoted = false;
    for (std::size_t i = pos_; i < end_ && buffer_[i] != '\n'; ++i) {
        char c = buffer_[i];
        if (c == '"')
            quoted = !quoted;
        for (int k = 0; k < 3 && !quoted; ++k)
            counts[k] += c == candidates[k];
    }
    int best = 0;
    for (int k = 1; k < 3; ++k)
        if (counts[k] > counts[best])
            best = k;
    delimiter_ = candidates[best];
}

std::string CsvReader::too_long() const {
    return fmt::format("a field is longer than the {} KiB dunn accepts",
                       max_field_ / 1024);
}

void CsvReader::fail(std::size_t line, std::string message) {
    CsvRecord broken;
    broken.line = line;
    broken.error = std::move(message);
    ready_.push_back(std::move(broken));
}

void CsvReader::feed(const char* data, std::size_t size) {
    bool ends_line = size > 0 && data[size - 1] == '\n';
    if (skipping_) {
        skip(data, size, ends_line);
    } else {
        if (!in_record_ && !is_blank(data, size)) {
            in_record_ = true;
            record_line_ = line_;
        }
        std::size_t parsed =
            csv_parse(parser_.get(), data, size, Callbacks::field,
                      Callbacks::record, this);
        // A field still growing past the limit is cut off here, before it
        // fills memory; one completed within this piece is caught by the
        // field callback.
        bool overgrown = parser_->entry_pos > max_field_;
        if (parsed != size || overgrown) {
            // A field cut off between its quotes goes on past line ends,
            // and so does the skipping.
            skip_quoted_ = parsed == size && parser_->quoted &&
                           parser_->pstate == libcsv_field_begun;
            fail(parsed != size ? line_ : record_line_,
                 parsed != size
                     ? "malformed quotes: a '\"' inside a field that does "
                       "not start with one, or text after a closing quote; "
                       "quote the whole field and double any quote inside "
                       "it (\"\")"
                     : too_long());
            reset_parser();
            skipping_ = skip_quoted_ || !ends_line;
        }
    }
    if (ends_line)
        ++line_;
}

// Skips what is left of a record that could not be read: up to the end of
// its line, or of a quoted field's line after its closing quote. Counting
// quotes finds that one: a doubled quote inside the field toggles twice.
void CsvReader::skip(const char* data, std::size_t size, bool ends_line) {
    if (std::count(data, data + size, '"') % 2 == 1)
        skip_quoted_ = !skip_quoted_;
    skipping_ = skip_quoted_ || !ends_line;
}

bool CsvReader::next(CsvRecord& record) {
    while (ready_pos_ == ready_.size()) {
        ready_.clear();
        ready_pos_ = 0;
        if (finished_)
            return false;

        // Make sure a whole line (or a full chunk) is in the buffer.
        const char* begin = buffer_.data() + pos_;
        std::size_t avail = end_ - pos_;
        const void* nl = std::memchr(begin, '\n', std::min(avail, chunk_size));
        if (!nl && avail < chunk_size && fill())
            continue;

        if (!started_) {
            if (end_ - pos_ >= 3 &&
                std::memcmp(buffer_.data() + pos_, "\xEF\xBB\xBF", 3) == 0)
                pos_ += 3;
            if (delimiter_ == 0)
                detect_delimiter();
            reset_parser();
            started_ = true;
            empty_ = pos_ == end_;
            continue;
        }

        if (avail == 0) {
            finished_ = true;
            if (csv_fini(parser_.get(), Callbacks::field, Callbacks::record,
                         this) != 0)
                fail(record_line_,
                     "a quoted field is never closed: its opening quote is "
                     "on this line; add the closing '\"'");
            continue;
        }

        std::size_t size = nl ? static_cast<std::size_t>(
                                    static_cast<const char*>(nl) - begin + 1)
                              : std::min(avail, chunk_size);
        feed(begin, size);
        pos_ += size;
    }
    record = std::move(ready_[ready_pos_++]);
    return true;
}

} // namespace dunn::importer
