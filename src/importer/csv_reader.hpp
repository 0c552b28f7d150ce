#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

struct csv_parser;

namespace dunn::importer {

// One CSV record: its fields, and the physical line it starts on (a quoted
// field may run over several lines). A record that could not be read has
// an `error` and no fields.
struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> fields;
    std::string error;
};

// Reads RFC 4180 CSV with libcsv: quoted fields, doubled quotes, embedded
// newlines, CRLF or LF, a UTF-8 byte order mark skipped. The delimiter is
// given, or detected from the header line (',', ';' or tab, whichever
// occurs most outside quotes). Streams: memory stays bounded by the
// longest field, which may be at most `max_field` bytes.
class CsvReader {
public:
    // Reads `file` (not owned; a file opened by the caller, or stdin).
    CsvReader(std::FILE* file, char delimiter, std::size_t max_field);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // The next record, or false at the end of the input.
    bool next(CsvRecord& record);

    // The delimiter in use (detected once the first line has been read).
    char delimiter() const { return delimiter_; }
    // True if the input was empty (or held only a byte order mark).
    bool empty_input() const { return empty_; }

private:
    struct Callbacks;

    bool fill();
    void detect_delimiter();
    void reset_parser();
    void feed(const char* data, std::size_t size);
    bool feed_plain(const char* data, std::size_t size);
    void drop_field_bytes();
    void fail(std::size_t line, std::string message);
    std::string too_long() const;

    std::FILE* file_;
    char delimiter_;
    std::size_t max_field_;
    std::unique_ptr<csv_parser> parser_;

    std::vector<char> buffer_;
    std::size_t pos_ = 0; // next unread byte in buffer_
    std::size_t end_ = 0; // bytes valid in buffer_
    bool eof_ = false;
    bool started_ = false; // the byte order mark and delimiter are settled
    bool empty_ = false;
    bool finished_ = false;

    std::size_t line_ = 1;        // physical line being fed
    std::size_t record_line_ = 0; // where the current record began
    bool in_record_ = false;
    bool skipping_ = false; // after malformed quotes, up to the next line
    CsvRecord current_;
    std::size_t current_count_ = 0; // fields of current_ filled so far
    std::vector<CsvRecord> ready_;  // completed records, oldest first
    std::size_t ready_pos_ = 0;
};

} // namespace dunn::importer
