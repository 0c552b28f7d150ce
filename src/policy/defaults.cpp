#include "policy/defaults.hpp"

#include <string>

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

} // namespace dunn::policy
