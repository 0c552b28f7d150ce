#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dunn::policy {

namespace fs = std::filesystem;

// Values for a template's placeholders, by name.
using TemplateValues = std::map<std::string, std::string, std::less<>>;

// A reminder template: a "Subject: ..." first line, a blank line, then the
// body. "{name}" is replaced by a value; "{{" and "}}" stand for literal
// braces. Line ends may be LF or CRLF.
class ReminderTemplate {
public:
    struct Placeholder {
        std::string name;
        int line;
    };

    // Parses template text. `source` names it in messages, such as
    // "templates/friendly.txt". Throws util::Error (ExitCode::config)
    // naming the source and line of a missing subject or a stray brace.
    static ReminderTemplate parse(std::string_view text, std::string source);

    const std::string& source() const { return source_; }
    // Every placeholder used, in order, with the line it is on.
    const std::vector<Placeholder>& placeholders() const {
        return placeholders_;
    }

    // Fill in every placeholder. A name missing from `values` is a bug in
    // the caller (templates are checked before use) and throws.
    std::string subject(const TemplateValues& values) const;
    std::string body(const TemplateValues& values) const;

private:
    struct Segment {
        bool is_placeholder;
        std::string text; // literal text, or the placeholder's name
    };
    using Segments = std::vector<Segment>;

    std::string render(const Segments& segments,
                       const TemplateValues& values) const;

    std::string source_;
    Segments subject_;
    Segments body_;
    std::vector<Placeholder> placeholders_;
};

// Finds template `name`: templates_dir/<name>.<language>.txt when a
// language is given and that file exists, else templates_dir/<name>.txt,
// else the built-in one. Returns nothing if none exists.
std::optional<ReminderTemplate> find_template(const fs::path& templates_dir,
                                              const std::string& name,
                                              const std::string& language = "");

} // namespace dunn::policy
