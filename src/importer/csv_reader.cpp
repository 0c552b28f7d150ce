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
    // Fields are assigned into the strings of a recycled record, so that
    // a steady stream of rows allocates nothing.
    static void field(void* data, std::size_t size, void* self) {
        auto* r = static_cast<CsvReader*>(self);
        if (size > r->max_field_)
            r->current_.error = r->too_long();
        std::vector<std::string>& fields = r->current_.fields;
        const char* text = static_cast<const char*>(data);
        if (r->current_count_ < fields.size())
            fields[r->current_count_].assign(text, size);
        else
            fields.emplace_back(text, size);
        ++r->current_count_;
    }

    static void record(int, void* self) {
        auto* r = static_cast<CsvReader*>(self);
        r->current_.line = r->record_line_;
        r->current_.fields.resize(r->current_.error.empty() ? r->current_count_
                                                            : 0);
        r->ready_.push_back(std::move(r->current_));
        r->current_ = CsvRecord();
        r->current_count_ = 0;
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
    current_count_ = 0;
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

// Most lines of most exports hold no quote at all. Such a line is one
// record whose fields lie between delimiters, so it is split here directly:
// libcsv reads a character at a time and took a third of a re-import.
// Anything else, a quote or a lone CR, goes to libcsv.
bool CsvReader::feed_plain(const char* data, std::size_t size) {
    // Only whole lines: a longer one comes in pieces, which libcsv joins.
    if (in_record_ || skipping_ || size == 0 || data[size - 1] != '\n' ||
        std::memchr(data, '"', size) != nullptr)
        return false;
    std::size_t len = size;
    while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
        --len;
    if (std::memchr(data, '\r', len) != nullptr)
        return false;

    std::string_view line(data, len);
    if (line.find_first_not_of(' ') != std::string_view::npos) {
        record_line_ = line_;
        std::size_t start = 0;
        for (;;) {
            std::size_t end = line.find(delimiter_, start);
            std::string_view field = line.substr(start, end - start);
            std::size_t first = field.find_first_not_of(' ');
            field = first == std::string_view::npos
                        ? std::string_view()
                        : field.substr(first,
                                       field.find_last_not_of(' ') - first + 1);
            Callbacks::field(const_cast<char*>(field.data()), field.size(),
                             this);
            if (end == std::string_view::npos)
                break;
            start = end + 1;
        }
        Callbacks::record('\n', this);
    }
    ++line_;
    return true;
}

void CsvReader::feed(const char* data, std::size_t size) {
    if (feed_plain(data, size))
        return;
    bool ends_line = size > 0 && data[size - 1] == '\n';
    if (skipping_) {
        skipping_ = !ends_line;
    } else {
        if (!in_record_ && !is_blank(data, size)) {
            in_record_ = true;
            record_line_ = line_;
        }
        std::size_t parsed =
            csv_parse(parser_.get(), data, size, Callbacks::field,
                      Callbacks::record, this);
        if (parsed != size) {
            fail(line_, "malformed quotes: a '\"' inside a field that does "
                        "not start with one, or text after a closing quote; "
                        "quote the whole field and double any quote inside "
                        "it (\"\")");
            reset_parser();
            skipping_ = !ends_line;
        } else if (parser_->entry_pos > max_field_) {
            // A field still growing past the limit (one completed within
            // this piece is caught by the field callback): its record is
            // an error, and libcsv reads on to where the record ends, but
            // the field's bytes are dropped before they fill memory.
            current_.error = too_long();
            drop_field_bytes();
        }
    }
    if (ends_line)
        ++line_;
}

// Empties libcsv's buffer for the field it is in, but for the bytes it may
// still take back from the end: the closing quote and spaces after it
// (csv.h: entry_pos is the buffer's size, `spaces` the trailing spaces).
void CsvReader::drop_field_bytes() {
    csv_parser& p = *parser_;
    std::size_t keep = std::min(p.entry_pos, p.spaces + 1);
    std::memmove(p.entry_buf, p.entry_buf + p.entry_pos - keep, keep);
    p.entry_pos = keep;
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
    // Hand the record over and keep the caller's previous one, strings and
    // all, to fill next.
    std::swap(record, ready_[ready_pos_++]);
    if (current_count_ == 0 && current_.fields.empty()) {
        std::swap(current_, ready_[ready_pos_ - 1]);
        current_.error.clear();
    }
    return true;
}

} // namespace dunn::importer
