#include "policy/reminder_template.hpp"

#include "policy/defaults.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace dunn::policy {

namespace {

using util::Error;
using util::ExitCode;

std::string normalise_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n'))
            out += text[i];
    return out;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

// What a '{' starts: the text up to its '}', or to the end of the line if
// it has none, and the placeholder's name if that text is one.
struct Braced {
    std::string_view whole;
    std::string name; // empty: not a placeholder
};

// A placeholder must close on its own line: otherwise a stray '{' would
// swallow text up to some later brace, and every later line number in a
// message would be off.
Braced read_braced(std::string_view part, std::size_t open) {
    std::size_t stop = part.find_first_of("}\n", open);
    bool closed = stop != std::string_view::npos && part[stop] == '}';
    std::size_t end = closed ? stop + 1 : std::min(stop, part.size());
    Braced b{part.substr(open, end - open), ""};
    if (!closed)
        return b;
    std::string name(util::trim(b.whole.substr(1, b.whole.size() - 2)));
    if (std::all_of(name.begin(), name.end(), is_name_char))
        b.name = std::move(name);
    return b;
}

std::string not_a_placeholder(std::string_view whole) {
    return fmt::format("{} is not a placeholder; write {{name}}, or '{{{{' "
                       "for a brace",
                       util::quoted(util::ellipsize(whole, 30)));
}

} // namespace

ReminderTemplate ReminderTemplate::parse(std::string_view raw,
                                         std::string source) {
    ReminderTemplate t;
    t.source_ = std::move(source);
    std::string text = normalise_line_ends(raw);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        text.erase(0, 3);

    auto fail = [&](int line, std::string_view what) -> Error {
        return Error(ExitCode::config,
                     fmt::format("{}:{}: {}", t.source_, line, what));
    };

    // The email says charset=UTF-8; a template saved as Windows-1252
    // would put bytes in it that mail programs show as garbage.
    if (std::size_t bad = util::first_line_not_utf8(text))
        throw fail(static_cast<int>(bad),
                   "the template is not valid UTF-8; save it as UTF-8 in "
                   "your editor");

    std::size_t eol = text.find('\n');
    std::string first = text.substr(0, eol);
    if (first.rfind("Subject:", 0) != 0)
        throw fail(1, "a template must start with a \"Subject: ...\" line, "
                      "then a blank line, then the body");
    std::size_t body_start = eol == std::string::npos ? text.size() : eol + 1;
    std::size_t second_end = text.find('\n', body_start);
    std::string second = text.substr(body_start, second_end - body_start);
    if (body_start < text.size() && !util::trim(second).empty())
        throw fail(2, "the subject line must be followed by a blank line");
    if (util::trim(first.substr(8)).empty())
        throw fail(1, "the subject is empty");

    // Split one part of the template into literal text and placeholders.
    auto split = [&](std::string_view part, int line, Segments& out) {
        std::string literal;
        for (std::size_t i = 0; i < part.size(); ++i) {
            char c = part[i];
            if (c == '\n')
                ++line;
            bool doubled = i + 1 < part.size() && part[i + 1] == c;
            if ((c == '{' || c == '}') && doubled) {
                literal += c;
                ++i;
            } else if (c == '}') {
                throw fail(line, "a lone '}'; write '}}' for a brace");
            } else if (c == '{') {
                Braced b = read_braced(part, i);
                if (b.name.empty())
                    throw fail(line, not_a_placeholder(b.whole));
                out.push_back({false, std::move(literal)});
                literal.clear();
                out.push_back({true, b.name});
                t.placeholders_.push_back({b.name, line});
                i += b.whole.size() - 1;
            } else {
                literal += c;
            }
        }
        out.push_back({false, std::move(literal)});
    };

    split(util::trim(first.substr(8)), 1, t.subject_);
    std::size_t body_from =
        second_end == std::string::npos ? text.size() : second_end + 1;
    split(std::string_view(text).substr(body_from), 3, t.body_);
    return t;
}

std::string ReminderTemplate::render(const Segments& segments,
                                     const TemplateValues& values) const {
    std::string out;
    for (const Segment& s : segments) {
        if (!s.is_placeholder) {
            out += s.text;
            continue;
        }
        auto it = values.find(s.text);
        if (it == values.end())
            throw Error(ExitCode::software,
                        fmt::format("{}: no value for placeholder '{}'",
                                    source_, s.text));
        out += it->second;
    }
    return out;
}

std::string ReminderTemplate::subject(const TemplateValues& values) const {
    return render(subject_, values);
}

std::string ReminderTemplate::body(const TemplateValues& values) const {
    return render(body_, values);
}

std::optional<ReminderTemplate> find_template(const fs::path& dir,
                                              const std::string& name,
                                              const std::string& language) {
    // The language comes from a CSV column: only a plain tag such as "de"
    // or "pt-BR" may become part of a file name.
    bool plain_language =
        !language.empty() && language.size() <= 16 &&
        std::all_of(language.begin(), language.end(),
                    [](char c) { return is_name_char(c) || c == '-'; });
    std::vector<fs::path> candidates;
    if (plain_language)
        candidates.push_back(dir / (name + "." + language + ".txt"));
    candidates.push_back(dir / (name + ".txt"));
    for (const fs::path& file : candidates) {
        std::error_code ec;
        if (fs::exists(file, ec))
            return ReminderTemplate::parse(util::read_file(file, "template"),
                                           file.string());
    }
    if (auto text = builtin_template(name))
        return ReminderTemplate::parse(
            *text, fmt::format("built-in template '{}'", name));
    return std::nullopt;
}

} // namespace dunn::policy
