// Reading dunn.toml. The built-in defaults are the values of a dunn.toml
// (src/policy/defaults/dunn.toml, embedded for `dunn init`), made in code
// for speed (built_in_values; a unit test holds the two equal); a user's
// file is merged over them table by table, except that [[level]] replaces
// the default levels whole. Each value keeps the place it came from, so an
// error names the user's file and line, or "built-in dunn.toml" for a
// default.
//
// This is the only file that includes toml11 (it costs ~15 s to compile).

#include "policy/config.hpp"

#include "mail/address.hpp"
#include "policy/defaults.hpp"
#include "util/date.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <sstream>
#include <toml.hpp>

namespace dunn::policy {

namespace {

using util::Error;
using util::ExitCode;

// The keys each table may hold. "level" is each [[level]] entry.
const std::map<std::string, std::vector<std::string>>& schema() {
    static const std::map<std::string, std::vector<std::string>> keys = {
        {"",
         {"sender", "ledger", "outbox", "templates", "policy", "import",
          "level", "interest"}},
        {"sender", {"name", "email"}},
        {"ledger", {"path"}},
        {"outbox", {"path"}},
        {"templates", {"path"}},
        {"policy",
         {"currency", "min_days_between", "min_amount", "group",
          "payment_order", "debtor_kind"}},
        {"interest", {"mode", "rate", "base_rate"}},
        {"interest.base_rate", {"from", "percent"}},
        {"import",
         {"preset", "delimiter", "decimal", "date_format", "encoding",
          "line_items", "columns", "status", "customers"}},
        {"import.columns",
         {"invoice", "customer", "email", "amount", "due", "phone", "currency",
          "issued", "customer_id", "language", "kind", "paid", "open", "status",
          "quantity", "unit_amount", "line_amount", "discount"}},
        {"import.status", {"open", "paid", "cancelled", "draft"}},
        {"import.customers",
         {"delimiter", "decimal", "date_format", "encoding", "columns"}},
        {"import.customers.columns",
         {"customer_id", "customer", "email", "phone", "language", "kind"}},
        {"level",
         {"name", "after_days", "template", "letter_template", "fee",
          "fee_percent", "compensation"}},
    };
    return keys;
}

// Built-in values are made in code (built_in_values), with no source:
// toml11 then names "unknown file" and "unknown line".
bool from_source(const toml::value& v) {
    const toml::source_location loc = v.location();
    return loc.file_name() != "unknown file" ||
           loc.line_str() != "unknown line";
}

std::string place(const toml::value& v) {
    if (!from_source(v))
        return "built-in dunn.toml";
    const toml::source_location loc = v.location();
    return fmt::format("{}:{}", loc.file_name(), loc.line());
}

[[noreturn]] void bad(const toml::value& v, std::string_view key,
                      std::string_view message) {
    throw Error(ExitCode::config,
                fmt::format("{}: key '{}': {}", place(v), key, message));
}

std::string kind(const toml::value& v);
toml::value parse_toml(std::string_view text, const std::string& name);

// The [import] part of a built-in preset, as a table to merge. Throws
// ExitCode::config for an unknown name, suggesting close ones.
toml::value preset_table(const std::string& name, const toml::value& user) {
    std::optional<std::string_view> text = preset_text(name);
    if (!text) {
        std::string message = fmt::format(
            "there is no preset {}{}; the presets are {}", util::quoted(name),
            util::did_you_mean(util::closest(name, preset_names())),
            fmt::join(preset_names(), ", "));
        if (user.contains("import") && user.at("import").contains("preset"))
            bad(user.at("import").at("preset"), "import.preset", message);
        throw Error(ExitCode::usage, message);
    }
    toml::value preset = parse_toml(*text, "preset " + name);
    toml::value table(toml::table{});
    table.as_table()["import"] = preset.at("import");
    return table;
}

std::string kind(const toml::value& v) {
    std::ostringstream name;
    name << v.type();
    return name.str();
}

std::string joined(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

bool key_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           c == '-' || c == '.';
}

// The end of the string that starts at `i` (a quote): past its closing
// quote, or the end of the text. Counts the lines it spans.
std::size_t string_end(std::string_view text, std::size_t i,
                       std::size_t& line) {
    char quote = text[i];
    bool multi = text.substr(i, 3) == std::string(3, quote);
    std::string_view close = multi ? text.substr(i, 3) : text.substr(i, 1);
    for (std::size_t j = i + close.size(); j < text.size(); ++j) {
        if (text[j] == '\n')
            ++line;
        else if (text[j] == '\\' && quote == '"')
            ++j; // an escape: the next character cannot close
        else if (text.substr(j, close.size()) == close)
            return j + close.size();
    }
    return text.size();
}

bool binary_at(std::string_view text, std::size_t i) {
    return text.substr(i, 2) == "0b" && (i == 0 || !key_char(text[i - 1]));
}

// Text that is not UTF-8 is refused before toml11 sees it: TOML must be, a
// config saved as Windows-1252 ("Müller") is an easy mistake to make, and
// toml11 3.7 reads past the end of its buffer when reporting invalid
// UTF-8 inside a 'literal string' (found by the config fuzz target).
void check_utf8(std::string_view text, const std::string& name) {
    std::size_t line = util::first_line_not_utf8(text);
    if (line == 0)
        return;
    throw Error(ExitCode::config,
                fmt::format("{}:{}: the file is not valid UTF-8, as TOML "
                            "must be; save it as UTF-8 in your editor",
                            name, line));
}

// The text toml11 is given, from a TOML file that is valid UTF-8 (see
// check_utf8). Two things happen first:
//
// - Lines that hold only a comment are emptied (their line breaks kept,
//   so line numbers in messages stay right). toml11 spends about 2,000
//   instructions on every byte, comments included, and the dunn.toml
//   that `dunn init` writes is three quarters comments.
// - A binary integer of more than 62 digits is refused. toml11 3.7 reads
//   one by doubling a signed 64-bit place value per digit, so it would
//   overflow (undefined behaviour) before dunn could check the number,
//   and no setting needs such a number.
//
// Strings are copied whole, so neither touches what is inside them.
std::string prepare_toml(std::string_view text, const std::string& name) {
    check_utf8(text, name);
    std::string out;
    out.reserve(text.size());
    std::size_t line = 1;
    bool blank_so_far = true; // on this line
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        std::size_t end = i + 1;
        if (c == '\n') {
            ++line;
            blank_so_far = true;
        } else if (c == '#') {
            end = std::min(text.find('\n', i), text.size());
            if (blank_so_far)
                i = end; // nothing of the comment is copied
        } else if (c == '"' || c == '\'') {
            end = string_end(text, i, line);
        } else if (binary_at(text, i)) {
            std::size_t digits = 0;
            for (end = i + 2;
                 end < text.size() &&
                 (text[end] == '0' || text[end] == '1' || text[end] == '_');
                 ++end)
                digits += text[end] != '_';
            if (digits > 62)
                throw Error(ExitCode::config,
                            fmt::format("{}:{}: a binary number of {} digits; "
                                        "no setting takes a number that "
                                        "large",
                                        name, line, digits));
        }
        if (c != '\n' && c != ' ' && c != '\t' && c != '\r')
            blank_so_far = blank_so_far && c == '#';
        out.append(text.substr(i, end - i));
        i = end - 1;
    }
    return out;
}

toml::value parse_toml(std::string_view text, const std::string& name) {
    std::istringstream in{prepare_toml(text, name)};
    try {
        return toml::parse(in, name);
    } catch (const toml::syntax_error& e) {
        // toml11's message is "[error] what\n --> file\n | excerpt"; keep
        // the excerpt, which points at the offending character.
        std::string what = e.what();
        if (what.rfind("[error] ", 0) == 0)
            what.erase(0, 8);
        throw Error(ExitCode::config,
                    fmt::format("{}:{}: bad TOML syntax: {}", name,
                                e.location().line(), what));
    }
}

void check_keys(const toml::value& table, const std::string& path);

void check_entry(const std::string& key, const toml::value& value,
                 const std::string& path) {
    std::string full = joined(path, key);
    if (full == "level" || full == "interest.base_rate") {
        std::string how = fmt::format("write these as [[{}]] tables", full);
        if (!value.is_array())
            bad(value, full, how);
        for (const toml::value& entry : value.as_array()) {
            if (!entry.is_table())
                bad(entry, full, how);
            check_keys(entry, full);
        }
        return;
    }
    if (schema().count(full) != 0) {
        if (!value.is_table())
            bad(value, full,
                fmt::format("expected a table [{}], found {}", full,
                            kind(value)));
        check_keys(value, full);
    }
}

// Unknown keys are errors, not warnings: a misspelt min_days_between would
// otherwise silently remind customers on the wrong days.
void check_keys(const toml::value& table, const std::string& path) {
    const std::vector<std::string>& known = schema().at(path);
    std::vector<std::pair<std::string, const toml::value*>> entries;
    for (const auto& [key, value] : table.as_table())
        entries.emplace_back(key, &value);
    std::sort(entries.begin(), entries.end(), [](auto& a, auto& b) {
        return a.second->location().line() < b.second->location().line();
    });

    for (const auto& [key, value] : entries) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string where = path.empty() ? "" : " in [" + path + "]";
            bad(*value, joined(path, key),
                fmt::format("unknown key{}{}", where,
                            util::did_you_mean(util::closest(key, known))));
        }
        check_entry(key, *value, path);
    }
}

void merge(toml::value& base, const toml::value& over) {
    for (const auto& [key, value] : over.as_table()) {
        toml::table& table = base.as_table();
        auto it = table.find(key);
        if (it != table.end() && it->second.is_table() && value.is_table())
            merge(it->second, value);
        else
            table[key] = value;
    }
}

// A value's text as written in the file, such as "1_000" or "0x10".
std::string written(const toml::value& v) {
    if (!from_source(v) && v.is_integer())
        return std::to_string(v.as_integer());
    const toml::source_location loc = v.location();
    return loc.line_str().substr(loc.column() - 1, loc.region());
}

// toml11 wraps integers too large for 64 bits without a word, so read the
// digits actually written, in their base, and compare.
bool fits_int64(const toml::value& v) {
    std::string digits = written(v);
    digits.erase(std::remove(digits.begin(), digits.end(), '_'), digits.end());
    bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
        digits.erase(0, 1);
    int base = 10;
    if (digits.size() > 2 && digits[0] == '0') {
        base = digits[1] == 'x' ? 16 : digits[1] == 'o' ? 8 : 2;
        digits.erase(0, 2);
    }

    std::uint64_t magnitude = 0;
    const char* end = digits.data() + digits.size();
    auto [stop, error] = std::from_chars(digits.data(), end, magnitude, base);
    if (error != std::errc() || stop != end)
        return false;
    std::int64_t n = v.as_integer();
    std::uint64_t parsed = n < 0 ? 0 - static_cast<std::uint64_t>(n)
                                 : static_cast<std::uint64_t>(n);
    return magnitude == parsed && (negative ? n <= 0 : n >= 0);
}

// Typed access to a merged table, with the key's full name for messages.
class Section {
public:
    Section(const toml::value& table, std::string path)
        : table_(table), path_(std::move(path)) {}

    const toml::value& at(const std::string& key) const {
        return table_.at(key);
    }
    bool has(const std::string& key) const { return table_.contains(key); }
    std::string name(const std::string& key) const {
        return joined(path_, key);
    }

    std::string text(const std::string& key) const {
        const toml::value& v = at(key);
        if (!v.is_string())
            bad(v, name(key),
                fmt::format("expected a string, found {}", kind(v)));
        return v.as_string().str;
    }

    std::int64_t integer(const std::string& key, std::int64_t lo,
                         std::int64_t hi) const {
        const toml::value& v = at(key);
        if (!v.is_integer())
            bad(v, name(key),
                fmt::format("expected a whole number, found {}", kind(v)));
        std::int64_t n = v.as_integer();
        if (!fits_int64(v) || n < lo || n > hi)
            bad(v, name(key), fmt::format("must be between {} and {}", lo, hi));
        return n;
    }

private:
    const toml::value& table_;
    std::string path_;
};

fs::path resolve(const fs::path& base, const std::string& value) {
    fs::path p(value);
    return p.is_absolute() ? p : (base / p).lexically_normal();
}

std::string nonempty(const Section& s, const std::string& key) {
    std::string v = s.text(key);
    if (util::trim(v).empty())
        bad(s.at(key), s.name(key), "must not be empty");
    return v;
}

// Level and template names end up in file names and mail headers.
std::string plain_name(const Section& s, const std::string& key) {
    std::string v = nonempty(s, key);
    bool plain = std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (!plain)
        bad(s.at(key), s.name(key),
            fmt::format("{} may hold only letters, digits, '-' and '_'",
                        util::quoted(v)));
    return v;
}

Sender read_sender(const Section& s) {
    Sender sender{nonempty(s, "name"), nonempty(s, "email")};
    if (util::has_control_char(sender.name))
        bad(s.at("name"), s.name("name"), "must be a single line of text");
    if (!mail::is_valid_address(sender.email))
        bad(s.at("email"), s.name("email"),
            fmt::format("{} is not an email address like "
                        "billing@shop.example",
                        util::quoted(sender.email)));
    return sender;
}

std::string read_currency(const Section& s, const std::string& key) {
    std::string code = s.text(key);
    for (char& c : code)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    bool iso = code.size() == 3 &&
               std::all_of(code.begin(), code.end(),
                           [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!iso)
        bad(s.at(key), s.name(key),
            fmt::format("{} is not a three-letter currency code like EUR",
                        util::quoted(code)));
    return code;
}

util::Money read_money(const Section& s, const std::string& key) {
    const toml::value& v = s.at(key);
    if (v.is_floating())
        bad(v, s.name(key),
            "write money as a string, e.g. \"5.00\", so no cent is lost");
    if (v.is_integer() && !fits_int64(v))
        bad(v, s.name(key), util::quoted(written(v)) + " is too large");
    std::string text =
        v.is_integer() ? std::to_string(v.as_integer()) : s.text(key);
    util::Expected<util::Money> m = util::parse_money(text);
    if (!m)
        bad(v, s.name(key), util::quoted(text) + " " + m.error());
    return *m;
}

// One of a few words; the message lists them and suggests the closest.
template <class T>
T read_choice(const Section& s, const std::string& key,
              const std::vector<std::pair<std::string, T>>& choices) {
    std::string word = s.text(key);
    std::vector<std::string> words;
    for (const auto& [name, value] : choices) {
        if (name == word)
            return value;
        words.push_back(name);
    }
    std::string list;
    for (const std::string& w : words)
        list += (list.empty() ? "\"" : ", \"") + w + "\"";
    bad(s.at(key), s.name(key),
        fmt::format("{} is not one of {}{}", util::quoted(word), list,
                    util::did_you_mean(util::closest(word, words))));
}

// Rates are written as TOML numbers (8.0) or strings ("8.0"); either way
// the digits as written are read exactly, never through a double.
util::Percent read_percent(const Section& s, const std::string& key) {
    const toml::value& v = s.at(key);
    if (!v.is_floating() && !v.is_integer() && !v.is_string())
        bad(v, s.name(key),
            fmt::format("expected a number like 1.5, found {}", kind(v)));
    std::string text = v.is_string() ? v.as_string().str : written(v);
    util::Expected<util::Percent> p = util::parse_percent(text);
    if (!p)
        bad(v, s.name(key), util::quoted(text) + " " + p.error());
    return *p;
}

util::Date read_date(const Section& s, const std::string& key) {
    const toml::value& v = s.at(key);
    std::string text;
    if (v.is_local_date()) {
        const toml::local_date& d = v.as_local_date();
        text = fmt::format("{:04}-{:02}-{:02}", d.year, d.month + 1, d.day);
    } else if (v.is_string()) {
        text = v.as_string().str;
    } else {
        bad(v, s.name(key),
            fmt::format("expected a date like 2026-01-01, found {}", kind(v)));
    }
    util::Expected<util::Date> date = util::parse_date(text);
    if (!date)
        bad(v, s.name(key), util::quoted(text) + " " + date.error());
    return *date;
}

bool read_bool(const Section& s, const std::string& key) {
    const toml::value& v = s.at(key);
    if (!v.is_boolean())
        bad(v, s.name(key),
            fmt::format("expected true or false, found {}", kind(v)));
    return v.as_boolean();
}

bool is_statutory(claim::InterestMode mode) {
    return mode == claim::InterestMode::statutory_de ||
           mode == claim::InterestMode::statutory_uk;
}

std::vector<claim::BaseRate> read_base_rates(const toml::value& array) {
    std::vector<claim::BaseRate> rates;
    for (const toml::value& entry : array.as_array()) {
        Section s(entry, "interest.base_rate");
        for (const char* required : {"from", "percent"})
            if (!s.has(required))
                bad(entry, "interest.base_rate",
                    fmt::format("this [[interest.base_rate]] has no '{}'",
                                required));
        rates.push_back({read_date(s, "from"), read_percent(s, "percent")});
    }
    return rates;
}

claim::InterestPolicy read_interest(const Section& s) {
    using claim::InterestMode;
    claim::InterestPolicy interest;
    interest.mode = read_choice<InterestMode>(
        s, "mode",
        {{"none", InterestMode::none},
         {"fixed", InterestMode::fixed},
         {"statutory-de", InterestMode::statutory_de},
         {"statutory-uk", InterestMode::statutory_uk}});

    bool fixed = interest.mode == InterestMode::fixed;
    if (s.has("rate") && !fixed)
        bad(s.at("rate"), s.name("rate"), "is only used with mode = \"fixed\"");
    if (fixed && !s.has("rate"))
        bad(s.at("mode"), s.name("mode"),
            "\"fixed\" needs the annual rate too, e.g. rate = 8.0");
    if (fixed)
        interest.fixed_rate = read_percent(s, "rate");
    if (fixed && interest.fixed_rate < util::Percent())
        bad(s.at("rate"), s.name("rate"), "must not be negative");

    std::vector<claim::BaseRate> own;
    if (s.has("base_rate")) {
        if (!is_statutory(interest.mode))
            bad(s.at("base_rate"), s.name("base_rate"),
                "base rates are only used with a statutory mode");
        own = read_base_rates(s.at("base_rate"));
    }
    if (interest.mode == InterestMode::statutory_de)
        interest.base_rates =
            claim::merge_base_rates(claim::german_base_rates(), own);
    if (interest.mode == InterestMode::statutory_uk) {
        if (own.empty())
            bad(s.at("mode"), s.name("mode"),
                "\"statutory-uk\" needs the Bank of England base rates: "
                "add them as [[interest.base_rate]] with from and percent");
        interest.base_rates = claim::merge_base_rates({}, own);
    }
    return interest;
}

void read_charges(const Section& s, Level& level,
                  const claim::InterestPolicy& interest) {
    if (s.has("fee"))
        level.fee = read_money(s, "fee");
    if (s.has("fee_percent")) {
        level.fee_percent = read_percent(s, "fee_percent");
        if (*level.fee_percent < util::Percent())
            bad(s.at("fee_percent"), s.name("fee_percent"),
                "must not be negative");
    }
    if (s.has("compensation"))
        level.compensation = read_bool(s, "compensation");
    if (level.compensation && !is_statutory(interest.mode))
        bad(s.at("compensation"), s.name("compensation"),
            "the flat compensation is statutory: set [interest] mode = "
            "\"statutory-de\" or \"statutory-uk\"");
}

std::vector<Level> read_levels(const toml::value& array,
                               const claim::InterestPolicy& interest) {
    std::vector<Level> levels;
    if (array.as_array().empty())
        bad(array, "level", "at least one [[level]] is needed");
    for (const toml::value& entry : array.as_array()) {
        Section s(entry, "level");
        for (const char* required : {"name", "after_days"})
            if (!s.has(required))
                bad(entry, "level",
                    fmt::format("this [[level]] has no '{}'", required));
        Level level;
        level.name = plain_name(s, "name");
        level.after_days = static_cast<int>(s.integer("after_days", 0, 36500));
        level.template_name =
            s.has("template") ? plain_name(s, "template") : level.name;
        level.letter_template = s.has("letter_template")
                                    ? plain_name(s, "letter_template")
                                    : level.template_name + "_letter";
        level.template_origin =
            place(s.has("template") ? s.at("template") : s.at("name"));
        level.letter_template_origin = s.has("letter_template")
                                           ? place(s.at("letter_template"))
                                           : level.template_origin;
        read_charges(s, level, interest);

        for (const Level& earlier : levels) {
            // Level names become file names, and some file systems
            // ignore case.
            if (util::iequals(earlier.name, level.name))
                bad(s.at("name"), "level.name",
                    fmt::format("level '{}' appears twice", level.name));
        }
        if (!levels.empty() && level.after_days <= levels.back().after_days)
            bad(s.at("after_days"), "level.after_days",
                fmt::format("level '{}' has after_days = {}, not more than "
                            "the {} of level '{}' before it; levels must "
                            "come in increasing after_days",
                            level.name, level.after_days,
                            levels.back().after_days, levels.back().name));
        levels.push_back(std::move(level));
    }
    return levels;
}

Policy read_policy(const Section& s, const toml::value& levels,
                   const Section& interest) {
    Policy p;
    p.currency = read_currency(s, "currency");
    p.min_days_between =
        static_cast<int>(s.integer("min_days_between", 0, 3650));
    p.min_amount = read_money(s, "min_amount");
    p.group = read_choice<Grouping>(
        s, "group",
        {{"invoice", Grouping::invoice}, {"customer", Grouping::customer}});
    p.payment_order = read_choice<claim::PaymentOrder>(
        s, "payment_order",
        {{"principal-first", claim::PaymentOrder::principal_first},
         {"costs-interest-principal",
          claim::PaymentOrder::costs_interest_principal}});
    p.debtor_kind =
        read_choice<claim::DebtorKind>(s, "debtor_kind",
                                       {{"b2c", claim::DebtorKind::consumer},
                                        {"b2b", claim::DebtorKind::business}});
    p.interest = read_interest(interest);
    p.levels = read_levels(levels, p.interest);
    return p;
}

char read_delimiter(const Section& s) {
    std::string d = s.text("delimiter");
    if (d == "auto")
        return 0;
    if (d == "tab" || d == "\t")
        return '\t';
    bool usable = d.size() == 1 && d[0] > ' ' && d[0] < 0x7F && d[0] != '"' &&
                  !std::isalnum(static_cast<unsigned char>(d[0]));
    if (!usable)
        bad(s.at("delimiter"), s.name("delimiter"),
            fmt::format("{} is not a delimiter; use \",\", \";\", \"\\t\" or "
                        "\"auto\"",
                        util::quoted(d)));
    return d[0];
}

// A column's headers: one name, or a list of names to try in turn.
std::vector<std::string> read_headers(const Section& s,
                                      const std::string& key) {
    const toml::value& v = s.at(key);
    if (!v.is_array())
        return {std::string(util::trim(nonempty(s, key)))};
    std::vector<std::string> names;
    for (const toml::value& item : v.as_array()) {
        if (!item.is_string() || util::trim(item.as_string().str).empty())
            bad(item, s.name(key), "list header names as non-empty strings");
        names.emplace_back(util::trim(item.as_string().str));
    }
    if (names.empty())
        bad(v, s.name(key), "needs at least one header name");
    return names;
}

std::vector<std::string> read_words(const Section& s, const std::string& key) {
    const toml::value& v = s.at(key);
    if (!v.is_array())
        bad(v, s.name(key),
            fmt::format("expected a list of words like [\"paid\"], found {}",
                        kind(v)));
    std::vector<std::string> words;
    for (const toml::value& item : v.as_array()) {
        if (!item.is_string())
            bad(item, s.name(key), "list the words as strings");
        words.push_back(util::to_lower(util::trim(item.as_string().str)));
    }
    return words;
}

StatusWords read_status(const Section& s) {
    StatusWords w{read_words(s, "open"), read_words(s, "paid"),
                  read_words(s, "cancelled"), read_words(s, "draft")};
    // A word on two lists would make its meaning depend on list order.
    std::vector<std::pair<std::string, const std::vector<std::string>*>> lists =
        {{"open", &w.open},
         {"paid", &w.paid},
         {"cancelled", &w.cancelled},
         {"draft", &w.draft}};
    for (std::size_t a = 0; a < lists.size(); ++a)
        for (std::size_t b = a + 1; b < lists.size(); ++b)
            for (const std::string& word : *lists[a].second)
                if (std::find(lists[b].second->begin(), lists[b].second->end(),
                              word) != lists[b].second->end())
                    bad(s.at(lists[b].first), s.name(lists[b].first),
                        fmt::format("{} is also on the {} list",
                                    util::quoted(word), lists[a].first));
    return w;
}

// The parts of a format that [import.customers] may override.
void read_layout(const Section& s, ImportFormat& f) {
    f.delimiter = read_delimiter(s);
    std::string decimal = s.text("decimal");
    if (decimal != "." && decimal != ",")
        bad(s.at("decimal"), s.name("decimal"),
            fmt::format("{} is not a decimal mark; use \".\" or \",\"",
                        util::quoted(decimal)));
    f.decimal = decimal[0];
    f.date_format = nonempty(s, "date_format");
    if (!util::names_a_day(f.date_format))
        bad(s.at("date_format"), s.name("date_format"),
            fmt::format("{} does not give a whole date: it needs a day, a "
                        "month and a year, e.g. \"%d.%m.%Y\"",
                        util::quoted(f.date_format)));
    f.encoding =
        read_choice<Encoding>(s, "encoding",
                              {{"utf-8", Encoding::utf8},
                               {"windows-1252", Encoding::windows_1252},
                               {"latin-1", Encoding::latin1},
                               {"iso-8859-1", Encoding::latin1}});
}

void read_columns(const Section& columns, const std::string& path,
                  ImportFormat& f) {
    for (const std::string& key : schema().at(path))
        f.columns[key] = read_headers(columns, key);
}

ImportFormat read_import(const Section& s) {
    ImportFormat f;
    f.preset = s.text("preset");
    read_layout(s, f);
    f.line_items = read_bool(s, "line_items");
    read_columns(Section(s.at("columns"), "import.columns"), "import.columns",
                 f);
    f.status = read_status(Section(s.at("status"), "import.status"));
    return f;
}

// [import.customers] keys override [import]'s for customer lists.
ImportFormat read_customers(const toml::value& import) {
    toml::value merged = import;
    const toml::value& own = import.at("customers");
    for (const char* key : {"delimiter", "decimal", "date_format", "encoding"})
        if (own.contains(key))
            merged.as_table()[key] = own.at(key);
    Section s(merged, "import.customers");
    ImportFormat f;
    read_layout(s, f);
    read_columns(Section(own.at("columns"), "import.customers.columns"),
                 "import.customers.columns", f);
    return f;
}

Config read_config(const toml::value& root, const fs::path& base) {
    Config c;
    c.sender = read_sender(Section(root.at("sender"), "sender"));
    c.ledger =
        resolve(base, nonempty(Section(root.at("ledger"), "ledger"), "path"));
    c.outbox =
        resolve(base, nonempty(Section(root.at("outbox"), "outbox"), "path"));
    c.templates_dir = resolve(
        base, nonempty(Section(root.at("templates"), "templates"), "path"));
    c.policy =
        read_policy(Section(root.at("policy"), "policy"), root.at("level"),
                    Section(root.at("interest"), "interest"));
    c.import = read_import(Section(root.at("import"), "import"));
    c.customers = read_customers(root.at("import"));
    return c;
}

} // namespace

std::optional<fs::path> find_config_file(const std::optional<fs::path>& option,
                                         const char* env_value) {
    if (option)
        return option;
    if (env_value != nullptr && *env_value != '\0')
        return fs::path(env_value);
    std::error_code ec;
    if (fs::exists("dunn.toml", ec))
        return fs::path("dunn.toml");
    return std::nullopt;
}

namespace {

// The built-in defaults: what parsing default_config_text() gives (a unit
// test compares the two), made without the parse. toml11 spends about
// 5,000 instructions on a byte; parsing these 1,500 bytes was half of all
// that a `dunn paid` did.
toml::value built_in_values() {
    using toml::array;
    using toml::table;
    auto same_names = [](std::initializer_list<const char*> names) {
        table t;
        for (const char* n : names)
            t.emplace(n, n);
        return t;
    };
    auto level = [](const char* name, int after_days) {
        return table{
            {"name", name}, {"after_days", after_days}, {"template", name}};
    };
    table import{
        {"preset", ""},
        {"delimiter", "auto"},
        {"decimal", "."},
        {"date_format", "%Y-%m-%d"},
        {"encoding", "utf-8"},
        {"line_items", false},
        {"columns",
         same_names({"invoice", "customer", "email", "amount", "due", "phone",
                     "currency", "issued", "customer_id", "language", "kind",
                     "paid", "open", "status", "quantity", "unit_amount",
                     "line_amount", "discount"})},
        {"status",
         table{{"open", array{"", "open", "sent", "viewed", "approved",
                              "partial", "partial/deposit", "unpaid", "overdue",
                              "awaiting payment", "offen"}},
               {"paid", array{"paid", "bezahlt"}},
               {"cancelled", array{"cancelled", "canceled", "void", "voided",
                                   "reversed", "uncollectible", "storniert"}},
               {"draft", array{"draft", "entwurf"}}}},
        {"customers",
         table{{"columns", same_names({"customer_id", "customer", "email",
                                       "phone", "language", "kind"})}}},
    };
    return table{
        {"sender",
         table{{"name", "Example Shop"}, {"email", "billing@shop.example"}}},
        {"ledger", table{{"path", "dunn.db"}}},
        {"outbox", table{{"path", "outbox"}}},
        {"templates", table{{"path", "templates"}}},
        {"policy", table{{"currency", "EUR"},
                         {"min_days_between", 7},
                         {"min_amount", "5.00"},
                         {"group", "invoice"},
                         {"payment_order", "principal-first"},
                         {"debtor_kind", "b2c"}}},
        {"interest", table{{"mode", "none"}}},
        {"import", import},
        {"level",
         array{level("friendly", 7), level("second", 21), level("final", 35)}},
    };
}

} // namespace

bool built_in_values_match_text() {
    return built_in_values() ==
           parse_toml(default_config_text(), "built-in dunn.toml");
}

Config parse_config(std::string_view text, const std::string& name,
                    const fs::path& base, const std::string& preset) {
    toml::value root = built_in_values();
    toml::value user = parse_toml(text, name);
    check_keys(user, "");

    // The preset sits between the defaults and the file: the file's
    // [import] keys override the preset's one by one.
    std::string chosen = preset;
    if (chosen.empty() && user.contains("import") &&
        user.at("import").contains("preset"))
        chosen = Section(user.at("import"), "import").text("preset");
    if (!chosen.empty())
        merge(root, preset_table(chosen, user));

    if (user.contains("level"))
        root.as_table().erase("level");
    merge(root, user);
    root.as_table()["import"].as_table()["preset"] = chosen;
    return read_config(root, base);
}

Config load_config(const std::optional<fs::path>& file,
                   const std::string& preset) {
    if (!file)
        return parse_config("", "built-in dunn.toml", ".", preset);

    std::string text = util::read_file(*file, "config file");
    fs::path base = file->parent_path().empty() ? "." : file->parent_path();
    Config config = parse_config(text, file->string(), base, preset);
    config.file = file;
    return config;
}

PresetHeaders preset_headers(const std::string& name) {
    std::optional<std::string_view> text = preset_text(name);
    if (!text)
        throw Error(ExitCode::usage,
                    fmt::format("there is no preset {}", util::quoted(name)));
    toml::value preset = parse_toml(*text, "preset " + name);
    PresetHeaders h;
    for (const toml::value& v : preset.at("detect").at("headers").as_array())
        h.identifying.push_back(v.as_string().str);
    return h;
}

} // namespace dunn::policy
