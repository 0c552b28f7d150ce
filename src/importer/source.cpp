#include "importer/source.hpp"

#include "util/charset.hpp"
#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

namespace dunn::importer {

using util::Error;
using util::ExitCode;

Source::Source(const std::string& name, const policy::ImportFormat& format)
    : display_(name == "-" ? "<stdin>" : name), encoding_(format.encoding) {
    if (name == "-") {
        file_ = stdin;
    } else {
        std::error_code ec;
        if (std::filesystem::is_directory(name, ec))
            throw Error(ExitCode::no_input,
                        fmt::format("{} is a directory; give the CSV file "
                                    "inside it",
                                    name));
        file_ = std::fopen(name.c_str(), "rb");
        if (!file_)
            throw Error(
                ExitCode::no_input,
                fmt::format("cannot read {}: {}", name, std::strerror(errno)));
        owned_ = true;
    }
    reader_ =
        std::make_unique<CsvReader>(file_, format.delimiter, max_field_bytes);
}

Source::~Source() {
    reader_.reset();
    if (owned_)
        std::fclose(file_);
}

bool Source::next(CsvRecord& record) {
    if (!reader_->next(record)) {
        if (std::ferror(file_))
            throw Error(ExitCode::io,
                        fmt::format("cannot read {}: {}", display_,
                                    std::strerror(errno)));
        return false;
    }
    if (encoding_ == policy::Encoding::utf8 || !record.error.empty())
        return true;

    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        util::Expected<std::string> utf8 =
            util::to_utf8(record.fields[i], encoding_);
        if (!utf8) {
            record.error = fmt::format("field {} {}", i + 1, utf8.error());
            record.fields.clear();
            break;
        }
        record.fields[i] = std::move(utf8).value();
    }
    return true;
}

} // namespace dunn::importer
