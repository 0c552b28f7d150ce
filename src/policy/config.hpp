#pragma once

#include "policy/policy.hpp"

#include <optional>

namespace dunn::policy {

// Which config file to read: the --config option, else $DUNN_CONFIG, else
// ./dunn.toml if it exists, else none (built-in defaults).
std::optional<fs::path> find_config_file(const std::optional<fs::path>& option,
                                         const char* env_value);

// Reads `file` over the built-in defaults, or the defaults alone. Relative
// paths resolve against the file's directory, or the current directory.
// Throws util::Error: ExitCode::no_input if the file cannot be read,
// ExitCode::config for bad syntax, unknown keys, wrong types or values,
// with the file, line and key in the message.
// `preset` (from `dunn import --preset`) overrides [import] preset; an
// unknown preset name is ExitCode::usage from there, ExitCode::config from
// the file.
Config load_config(const std::optional<fs::path>& file,
                   const std::string& preset = "");

// The same for config text already in memory; `name` stands for the file in
// messages and `base` is the folder relative paths resolve against.
Config parse_config(std::string_view text, const std::string& name,
                    const fs::path& base, const std::string& preset = "");

// True when the defaults dunn builds in code equal the embedded dunn.toml
// that `dunn init` writes out, parsed: for a unit test.
bool built_in_values_match_text();

// The headers that identify a preset's export, for `dunn import --detect`.
struct PresetHeaders {
    std::vector<std::string> identifying;
};
PresetHeaders preset_headers(const std::string& name);

} // namespace dunn::policy
