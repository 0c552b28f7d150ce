#include "policy/defaults.hpp"

#include <string>
#include <vector>

namespace dunn::policy {

namespace {

std::optional<std::string_view> find(std::string_view name) {
    for (const EmbeddedFile& f : embedded_files())
        if (f.name == name)
            return f.content;
    return std::nullopt;
}

} // namespace

std::string_view default_config_text() {
    return *find("dunn.toml");
}

std::optional<std::string_view> builtin_template(std::string_view name) {
    return find("templates/" + std::string(name) + ".txt");
}

std::vector<std::string> preset_names() {
    const std::string_view prefix = "presets/";
    const std::string_view suffix = ".toml";
    std::vector<std::string> names;
    for (const EmbeddedFile& f : embedded_files())
        if (f.name.starts_with(prefix) && f.name.ends_with(suffix))
            names.emplace_back(f.name.substr(
                prefix.size(), f.name.size() - prefix.size() - suffix.size()));
    return names; // embed.cmake writes files sorted by name
}

std::optional<std::string_view> preset_text(std::string_view name) {
    return find("presets/" + std::string(name) + ".toml");
}

} // namespace dunn::policy
