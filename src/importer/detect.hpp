#pragma once

#include <string>
#include <vector>

namespace dunn::importer {

// How well a file's header fits one preset.
struct PresetFit {
    std::string preset;
    std::size_t found = 0;            // identifying headers in the file
    std::vector<std::string> missing; // identifying headers not in it
    // dunn column -> the header it would read, for columns the file has.
    std::vector<std::pair<std::string, std::string>> mapping;

    bool full() const { return missing.empty(); }
};

// Every preset against `header`, best first: most identifying headers
// found, then fewest missing, then by name.
std::vector<PresetFit> fit_presets(const std::vector<std::string>& header);

// True if `header` has dunn's own required columns (invoice, customer,
// email, amount, due) under their own names.
bool is_plain_format(const std::vector<std::string>& header);

// Reads just the header row of `file` (delimiter detected). Throws
// util::Error: ExitCode::no_input if unreadable, ExitCode::data if empty.
std::vector<std::string> read_header(const std::string& file);

} // namespace dunn::importer
