#pragma once

#include "importer/csv_reader.hpp"
#include "policy/policy.hpp"

#include <cstdio>
#include <memory>
#include <string>

namespace dunn::importer {

// The largest field dunn reads; a longer one is a row error.
inline constexpr std::size_t max_field_bytes = 64 * 1024;

// One input file ("-" for standard input) as CSV records in UTF-8: the
// file's charset ([import] encoding) is converted field by field, and a
// byte the charset does not define becomes the record's error.
class Source {
public:
    // Opens the file. Throws util::Error (ExitCode::no_input) if it is
    // missing, a directory or unreadable.
    Source(const std::string& name, const policy::ImportFormat& format);
    ~Source();
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;

    // "invoices.csv", or "<stdin>".
    const std::string& display_name() const { return display_; }
    bool empty_input() const { return reader_->empty_input(); }

    // The next record, or false at the end. Throws ExitCode::io on a read
    // error.
    bool next(CsvRecord& record);

private:
    std::string display_;
    policy::Encoding encoding_;
    std::FILE* file_ = nullptr;
    bool owned_ = false;
    std::unique_ptr<CsvReader> reader_;
};

} // namespace dunn::importer
