#include "policy/config.hpp"
#include "policy/defaults.hpp"
#include "util/error.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

using dunn::policy::Config;
using dunn::policy::find_config_file;
using dunn::policy::Level;
using dunn::policy::load_config;
using dunn::policy::Policy;
using dunn::util::Error;
using dunn::util::ExitCode;
using dunn::util::Money;

namespace {

// A fresh directory under the system's temporary directory, removed with
// everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("dunn-config-test-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }

    fs::path write(const fs::path& name, const std::string& text) const {
        fs::path file = path_ / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

private:
    fs::path path_;
};

// Changes the current directory for one test and always changes it back:
// later tests must not run somewhere else.
class CurrentDir {
public:
    explicit CurrentDir(const fs::path& dir) : saved_(fs::current_path()) {
        fs::current_path(dir);
    }
    ~CurrentDir() { fs::current_path(saved_); }
    CurrentDir(const CurrentDir&) = delete;
    CurrentDir& operator=(const CurrentDir&) = delete;

private:
    fs::path saved_;
};

Config load_text(const TempDir& dir, const std::string& text) {
    return load_config(dir.write("dunn.toml", text));
}

struct Failure {
    ExitCode code = ExitCode::ok;
    std::string message = "(no error)";
};

// What loading `text` as <dir>/dunn.toml throws; code ok for nothing.
// The message has the file's path replaced by "FILE", so tests can pin
// the whole message.
Failure load_failure(const std::string& text) {
    TempDir dir;
    fs::path file = dir.write("dunn.toml", text);
    try {
        load_config(file);
    } catch (const Error& e) {
        std::string message = e.what();
        std::size_t at = message.find(file.string());
        if (at != std::string::npos)
            message.replace(at, file.string().size(), "FILE");
        return {e.code(), message};
    }
    return {};
}

const std::string two_levels = "[[level]]\n"
                               "name = \"first\"\n"
                               "after_days = 10\n"
                               "\n"
                               "[[level]]\n"
                               "name = \"last\"\n"
                               "after_days = 30\n"
                               "template = \"final\"\n";

std::map<std::string, std::vector<std::string>> identity_columns() {
    std::map<std::string, std::vector<std::string>> columns;
    for (const char* name :
         {"invoice", "customer", "email", "amount", "due", "phone", "currency",
          "issued", "customer_id", "language", "kind", "paid", "open", "status",
          "quantity", "unit_amount", "line_amount", "discount"})
        columns[name] = {name};
    return columns;
}

void check_default_levels(const std::vector<Level>& levels) {
    REQUIRE(levels.size() == 3);
    CHECK(levels[0].name == "friendly");
    CHECK(levels[0].after_days == 7);
    CHECK(levels[0].template_name == "friendly");
    CHECK(levels[1].name == "second");
    CHECK(levels[1].after_days == 21);
    CHECK(levels[1].template_name == "second");
    CHECK(levels[2].name == "final");
    CHECK(levels[2].after_days == 35);
    CHECK(levels[2].template_name == "final");
}

} // namespace

TEST_CASE("config: without a file the built-in defaults apply") {
    Config c = load_config(std::nullopt);
    CHECK_FALSE(c.file);
    CHECK(c.sender.name == "Example Shop");
    CHECK(c.sender.email == "billing@shop.example");
    CHECK(c.ledger == fs::path("dunn.db"));
    CHECK(c.outbox == fs::path("outbox"));
    CHECK(c.templates_dir == fs::path("templates"));
    CHECK(c.policy.currency == "EUR");
    CHECK(c.policy.min_days_between == 7);
    CHECK(c.policy.min_amount == Money::cents(500));
    check_default_levels(c.policy.levels);
    CHECK(c.import.delimiter == 0);
    CHECK(c.import.decimal == '.');
    CHECK(c.import.date_format == "%Y-%m-%d");
    CHECK(c.import.columns == identity_columns());
}

TEST_CASE("config: the default dunn.toml written out changes nothing") {
    TempDir dir;
    Config c = load_text(dir, std::string(dunn::policy::default_config_text()));
    REQUIRE(c.file);
    CHECK(*c.file == dir.path() / "dunn.toml");
    CHECK(c.sender.email == "billing@shop.example");
    CHECK(c.policy.min_amount == Money::cents(500));
    check_default_levels(c.policy.levels);
    CHECK(c.import.columns == identity_columns());
}

TEST_CASE("config: one key in a file keeps every other default") {
    TempDir dir;
    Config c = load_text(dir, "[policy]\nmin_days_between = 3\n");
    CHECK(c.policy.min_days_between == 3);
    CHECK(c.policy.currency == "EUR");
    CHECK(c.policy.min_amount == Money::cents(500));
    check_default_levels(c.policy.levels);
    CHECK(c.sender.name == "Example Shop");
    CHECK(c.sender.email == "billing@shop.example");
    CHECK(c.import.delimiter == 0);
    CHECK(c.import.date_format == "%Y-%m-%d");
    CHECK(c.import.columns == identity_columns());
}

TEST_CASE("config: an empty file keeps every default") {
    TempDir dir;
    Config c = load_text(dir, "");
    CHECK(c.policy.min_days_between == 7);
    check_default_levels(c.policy.levels);
}

TEST_CASE("config: one column in a file keeps the other columns") {
    TempDir dir;
    Config c = load_text(dir, "[import.columns]\namount = \" Betrag \"\n");
    auto expected = identity_columns();
    expected["amount"] = {"Betrag"};
    CHECK(c.import.columns == expected);
}

TEST_CASE("config: [[level]] entries replace the default levels whole") {
    TempDir dir;
    Config c = load_text(dir, two_levels);
    REQUIRE(c.policy.levels.size() == 2);
    CHECK(c.policy.levels[0].name == "first");
    CHECK(c.policy.levels[0].after_days == 10);
    CHECK(c.policy.levels[0].template_name == "first");
    CHECK(c.policy.levels[1].name == "last");
    CHECK(c.policy.levels[1].after_days == 30);
    CHECK(c.policy.levels[1].template_name == "final");
}

TEST_CASE("config: relative paths resolve against the file's directory") {
    TempDir dir;
    Config c = load_text(dir, "[ledger]\npath = \"data/ledger.db\"\n"
                              "[outbox]\npath = \"../out\"\n");
    CHECK(c.ledger == dir.path() / "data" / "ledger.db");
    CHECK(c.outbox == dir.path().parent_path() / "out");
    CHECK(c.templates_dir == dir.path() / "templates");
}

TEST_CASE("config: absolute paths stay as written") {
    TempDir dir;
    Config c = load_text(dir, "[ledger]\npath = \"/srv/dunn/ledger.db\"\n"
                              "[outbox]\npath = \"/var/spool/dunn\"\n"
                              "[templates]\npath = \"/etc/dunn/templates\"\n");
    CHECK(c.ledger == fs::path("/srv/dunn/ledger.db"));
    CHECK(c.outbox == fs::path("/var/spool/dunn"));
    CHECK(c.templates_dir == fs::path("/etc/dunn/templates"));
}

TEST_CASE("config: a relative config path gives paths relative to it") {
    TempDir dir;
    dir.write("shop/dunn.toml", "[outbox]\npath = \"mail\"\n");
    CurrentDir here(dir.path());
    Config c = load_config(fs::path("shop/dunn.toml"));
    CHECK(c.outbox == fs::path("shop/mail"));
    CHECK(c.ledger == fs::path("shop/dunn.db"));
}

TEST_CASE("config: an unknown key names file, line, key and a guess") {
    Failure f = load_failure("[policy]\ncurrency = \"EUR\"\n"
                             "min_days_betwen = 3\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message ==
          "FILE:3: key 'policy.min_days_betwen': unknown key in [policy] "
          "(did you mean 'min_days_between'?)");
}

TEST_CASE("config: an unknown table is an unknown key") {
    Failure f = load_failure("\n[polcy]\nmin_days_between = 3\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message.rfind("FILE:", 0) == 0);
    CHECK(f.message.find("key 'polcy': unknown key (did you mean "
                         "'policy'?)") != std::string::npos);
}

TEST_CASE("config: unknown keys in [[level]] and columns are caught") {
    Failure level = load_failure("[[level]]\nname = \"a\"\nafter_day = 3\n");
    CHECK(level.code == ExitCode::config);
    CHECK(level.message == "FILE:3: key 'level.after_day': unknown key in "
                           "[level] (did you mean 'after_days'?)");

    Failure column = load_failure("[import.columns]\namont = \"Betrag\"\n");
    CHECK(column.code == ExitCode::config);
    CHECK(column.message == "FILE:2: key 'import.columns.amont': unknown "
                            "key in [import.columns] (did you mean "
                            "'amount'?)");
}

TEST_CASE("config: a key of the wrong type names file, line and key") {
    Failure f = load_failure("[policy]\nmin_days_between = \"7\"\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:2: key 'policy.min_days_between': expected a "
                       "whole number, found string");
}

TEST_CASE("config: a table written as a value is refused") {
    Failure f = load_failure("sender = \"billing@shop.example\"\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:1: key 'sender': expected a table [sender], "
                       "found string");
}

TEST_CASE("config: an integer out of range is refused") {
    Failure high = load_failure("[policy]\nmin_days_between = 3651\n");
    CHECK(high.code == ExitCode::config);
    CHECK(high.message == "FILE:2: key 'policy.min_days_between': must be "
                          "between 0 and 3650");

    Failure low = load_failure("[policy]\nmin_days_between = -1\n");
    CHECK(low.message == "FILE:2: key 'policy.min_days_between': must be "
                         "between 0 and 3650");

    Failure days = load_failure("[[level]]\nname = \"a\"\n"
                                "after_days = 36501\n");
    CHECK(days.message == "FILE:3: key 'level.after_days': must be between "
                          "0 and 36500");
}

TEST_CASE("config: a 20-digit integer is refused, not wrapped") {
    // 2^64 + 7 wraps to 7, which would pass the range check.
    Failure f =
        load_failure("[policy]\nmin_days_between = 18446744073709551623\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:2: key 'policy.min_days_between': must be "
                       "between 0 and 3650");

    Failure g = load_failure("[policy]\nmin_days_between = "
                             "-18_446_744_073_709_551_609\n");
    CHECK(g.code == ExitCode::config);
}

TEST_CASE("config: a 65-bit binary or hex integer is refused") {
    // toml11 would overflow on the binary one; it is refused first.
    Failure binary = load_failure("[policy]\nmin_days_between = 0b1" +
                                  std::string(61, '0') + "111\n");
    CHECK(binary.code == ExitCode::config);
    CHECK(binary.message == "FILE:2: a binary number of 65 digits; no "
                            "setting takes a number that large");

    // Up to 62 digits toml11 reads it, and the range check refuses it.
    Failure wide = load_failure("[policy]\nmin_days_between = 0b1" +
                                std::string(61, '0') + "\n");
    CHECK(wide.message == "FILE:2: key 'policy.min_days_between': must "
                          "be between 0 and 3650");

    // Digits in strings and comments are not numbers.
    std::string digits = "0b" + std::string(70, '1');
    Failure quoted = load_failure("# " + digits + "\n[policy]\ncurrency = \"" +
                                  digits + "\"\n");
    CHECK(quoted.message.find("binary number") == std::string::npos);

    Failure hex =
        load_failure("[policy]\nmin_days_between = 0x10000000000000007\n");
    CHECK(hex.code == ExitCode::config);
}

TEST_CASE("config: text that is not UTF-8 is refused with its line") {
    // Windows-1252 "ü" in a literal string: toml11 would read past its
    // buffer reporting it; dunn refuses the file first.
    Failure literal =
        load_failure("[sender]\n# ok: \xc3\xbc\nname = 'M\xfcller'\n");
    CHECK(literal.code == ExitCode::config);
    CHECK(literal.message == "FILE:3: the file is not valid UTF-8, as TOML "
                             "must be; save it as UTF-8 in your editor");

    // In a comment or a basic string it is just as wrong.
    CHECK(load_failure("# \xfc\n").message.starts_with("FILE:1: the file "
                                                       "is not valid UTF-8"));
    CHECK(load_failure("[sender]\nname = \"\xc3\"\n")
              .message.starts_with("FILE:2: "));
}

TEST_CASE("config: a huge whole-number min_amount is too large") {
    Failure f = load_failure("[policy]\nmin_amount = 18446744073709551621\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:2: key 'policy.min_amount': "
                       "\"18446744073709551621\" is too large");
}

TEST_CASE("config: integers with signs, underscores and bases are read") {
    TempDir dir;
    auto days = [&](const std::string& value) {
        return load_text(dir, "[policy]\nmin_days_between = " + value + "\n")
            .policy.min_days_between;
    };
    CHECK(days("+1_0") == 10);
    CHECK(days("-0") == 0);
    CHECK(days("0x1F") == 31);
    CHECK(days("0o17") == 15);
    CHECK(days("0b101") == 5);
    CHECK(days("3650 # ten years") == 3650);
}

TEST_CASE("config: levels must come in increasing after_days") {
    Failure f = load_failure("[[level]]\nname = \"first\"\nafter_days = 10\n"
                             "\n"
                             "[[level]]\nname = \"second\"\nafter_days = 5\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message ==
          "FILE:7: key 'level.after_days': level 'second' has after_days = "
          "5, not more than the 10 of level 'first' before it; levels must "
          "come in increasing after_days");

    Failure same = load_failure("[[level]]\nname = \"a\"\nafter_days = 10\n"
                                "[[level]]\nname = \"b\"\nafter_days = 10\n");
    CHECK(same.code == ExitCode::config);
    CHECK(same.message.find("level 'b' has after_days = 10") !=
          std::string::npos);
}

TEST_CASE("config: a level name may appear once") {
    Failure f = load_failure("[[level]]\nname = \"x\"\nafter_days = 1\n"
                             "[[level]]\nname = \"x\"\nafter_days = 2\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:5: key 'level.name': level 'x' appears twice");
}

TEST_CASE("config: level names hold only letters, digits, - and _") {
    Failure space = load_failure("[[level]]\nname = \"last call\"\n"
                                 "after_days = 1\n");
    CHECK(space.code == ExitCode::config);
    CHECK(space.message == "FILE:2: key 'level.name': \"last call\" may hold "
                           "only letters, digits, '-' and '_'");

    Failure slash = load_failure("[[level]]\nname = \"a/b\"\n"
                                 "after_days = 1\n");
    CHECK(slash.code == ExitCode::config);
    CHECK(slash.message.find("\"a/b\" may hold only") != std::string::npos);

    Failure dots = load_failure("[[level]]\nname = \"x\"\nafter_days = 1\n"
                                "template = \"../x\"\n");
    CHECK(dots.code == ExitCode::config);
    CHECK(dots.message.rfind("FILE:4: key 'level.template': ", 0) == 0);
}

TEST_CASE("config: a [[level]] without a name or after_days is refused") {
    Failure name = load_failure("[[level]]\nafter_days = 1\n");
    CHECK(name.code == ExitCode::config);
    CHECK(name.message.rfind("FILE:", 0) == 0);
    CHECK(name.message.find("key 'level': this [[level]] has no 'name'") !=
          std::string::npos);

    Failure days = load_failure("[[level]]\nname = \"a\"\n");
    CHECK(days.code == ExitCode::config);
    CHECK(days.message.find("this [[level]] has no 'after_days'") !=
          std::string::npos);
}

TEST_CASE("config: at least one level is needed") {
    Failure f = load_failure("level = []\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:1: key 'level': at least one [[level]] is needed");
}

TEST_CASE("config: a single [level] table is refused") {
    Failure f = load_failure("[level]\nname = \"a\"\nafter_days = 1\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message.find("key 'level': write these as [[level]] tables") !=
          std::string::npos);
}

TEST_CASE("config: the sender needs a valid email address") {
    Failure f = load_failure("[sender]\nemail = \"billing at shop\"\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:2: key 'sender.email': \"billing at shop\" is "
                       "not an email address like billing@shop.example");

    Failure two = load_failure("[sender]\nemail = \"a@b.de, c@d.de\"\n");
    CHECK(two.code == ExitCode::config);
}

TEST_CASE("config: the sender name is one non-empty line") {
    Failure empty = load_failure("[sender]\nname = \"  \"\n");
    CHECK(empty.code == ExitCode::config);
    CHECK(empty.message == "FILE:2: key 'sender.name': must not be empty");

    Failure lines = load_failure("[sender]\nname = \"Shop\\nBcc: x@y.de\"\n");
    CHECK(lines.code == ExitCode::config);
    CHECK(lines.message ==
          "FILE:2: key 'sender.name': must be a single line of text");
}

TEST_CASE("config: min_amount as a float is refused with a hint") {
    Failure f = load_failure("[policy]\nmin_amount = 5.0\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:2: key 'policy.min_amount': write money as a "
                       "string, e.g. \"5.00\", so no cent is lost");
}

TEST_CASE("config: min_amount as a whole number or a string is read") {
    TempDir dir;
    CHECK(load_text(dir, "[policy]\nmin_amount = 5\n").policy.min_amount ==
          Money::cents(500));
    CHECK(
        load_text(dir, "[policy]\nmin_amount = \"12.5\"\n").policy.min_amount ==
        Money::cents(1250));
    CHECK(load_text(dir, "[policy]\nmin_amount = 0\n").policy.min_amount ==
          Money::cents(0));
}

TEST_CASE("config: a bad min_amount says why") {
    Failure junk = load_failure("[policy]\nmin_amount = \"5 EUR\"\n");
    CHECK(junk.code == ExitCode::config);
    CHECK(junk.message ==
          "FILE:2: key 'policy.min_amount': \"5 EUR\" is not an amount");

    Failure negative = load_failure("[policy]\nmin_amount = -5\n");
    CHECK(negative.message ==
          "FILE:2: key 'policy.min_amount': \"-5\" is negative");
}

TEST_CASE("config: the currency is normalised to three capitals") {
    TempDir dir;
    CHECK(load_text(dir, "[policy]\ncurrency = \"eur\"\n").policy.currency ==
          "EUR");
    CHECK(load_text(dir, "[policy]\ncurrency = \"Chf\"\n").policy.currency ==
          "CHF");

    Failure f = load_failure("[policy]\ncurrency = \"EURO\"\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:2: key 'policy.currency': \"EURO\" is not a "
                       "three-letter currency code like EUR");
    CHECK(load_failure("[policy]\ncurrency = \"\xE2\x82\xAC\"\n").code ==
          ExitCode::config);
}

TEST_CASE("config: the import delimiter may be ;, tab or auto") {
    TempDir dir;
    auto delimiter = [&](const std::string& value) {
        return load_text(dir, "[import]\ndelimiter = " + value + "\n")
            .import.delimiter;
    };
    CHECK(delimiter("\";\"") == ';');
    CHECK(delimiter("\",\"") == ',');
    CHECK(delimiter("\"\\t\"") == '\t');
    CHECK(delimiter("\"tab\"") == '\t');
    CHECK(delimiter("\"auto\"") == 0);
    CHECK(delimiter("\"|\"") == '|');
}

TEST_CASE("config: a bad import delimiter is refused") {
    for (const char* value : {"\"ab\"", "\"\"", "\"x\"", "\" \"", "\"\\\"\""}) {
        Failure f =
            load_failure(std::string("[import]\ndelimiter = ") + value + "\n");
        CHECK(f.code == ExitCode::config);
        CHECK(f.message.rfind("FILE:2: key 'import.delimiter': ", 0) == 0);
    }
    Failure f = load_failure("[import]\ndelimiter = \"ab\"\n");
    CHECK(f.message == "FILE:2: key 'import.delimiter': \"ab\" is not a "
                       "delimiter; use \",\", \";\", \"\\t\" or \"auto\"");
}

TEST_CASE("config: the decimal mark may be a comma") {
    TempDir dir;
    Config c = load_text(dir, "[import]\ndecimal = \",\"\n"
                              "date_format = \"%d.%m.%Y\"\n");
    CHECK(c.import.decimal == ',');
    CHECK(c.import.date_format == "%d.%m.%Y");

    Failure f = load_failure("[import]\ndecimal = \"'\"\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:2: key 'import.decimal': \"'\" is not a "
                       "decimal mark; use \".\" or \",\"");
}

TEST_CASE("config: a date format must give a whole date") {
    Failure f = load_failure("[import]\ndate_format = \"DD.MM.YYYY\"\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "FILE:2: key 'import.date_format': \"DD.MM.YYYY\" "
                       "does not give a whole date: it needs a day, a month "
                       "and a year, e.g. \"%d.%m.%Y\"");
    CHECK(load_failure("[import]\ndate_format = \"%m/%Y\"\n").code ==
          ExitCode::config);
    for (const char* good :
         {"%d.%m.%Y", "%d/%m/%y", "%d%m%Y", "%Y%m%d", "%F", "%d %b %Y"})
        CHECK(load_failure(std::string("[import]\ndate_format = \"") + good +
                           "\"\n")
                  .code == ExitCode::ok);
}

TEST_CASE("config: level names differing only in case clash") {
    Failure f = load_failure("[[level]]\nname = \"a\"\nafter_days = 1\n"
                             "[[level]]\nname = \"A\"\nafter_days = 2\n");
    CHECK(f.code == ExitCode::config);
    CHECK_THAT(f.message, Catch::Contains("appears twice"));
}

TEST_CASE("config: bad TOML syntax names the file and line") {
    Failure f = load_failure("[policy]\nmin_days_between = 3\ncurrency = \n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message.rfind("FILE:3: bad TOML syntax: ", 0) == 0);

    Failure table = load_failure("[policy\n");
    CHECK(table.code == ExitCode::config);
    CHECK(table.message.rfind("FILE:1: bad TOML syntax: ", 0) == 0);
}

TEST_CASE("config: a missing file is no input") {
    TempDir dir;
    try {
        load_config(dir.path() / "missing.toml");
        FAIL("no error for a missing config file");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::no_input);
        CHECK(std::string(e.what()).find("missing.toml") != std::string::npos);
    }
}

TEST_CASE("config: find_config_file prefers the option, then the env") {
    TempDir dir;
    dir.write("dunn.toml", "");
    CurrentDir here(dir.path());
    CHECK(find_config_file(fs::path("a.toml"), "b.toml") == fs::path("a.toml"));
    CHECK(find_config_file(std::nullopt, "b.toml") == fs::path("b.toml"));
    CHECK(find_config_file(std::nullopt, "") == fs::path("dunn.toml"));
    CHECK(find_config_file(std::nullopt, nullptr) == fs::path("dunn.toml"));
}

TEST_CASE("config: find_config_file finds nothing without ./dunn.toml") {
    TempDir dir;
    CurrentDir here(dir.path());
    CHECK_FALSE(find_config_file(std::nullopt, nullptr));
    CHECK_FALSE(find_config_file(std::nullopt, ""));
}

TEST_CASE("config: the schedule fingerprint follows the schedule only") {
    Policy base = load_config(std::nullopt).policy;
    const std::string before = base.schedule_fingerprint();
    CHECK(before == base.schedule_fingerprint());

    Policy later = base;
    later.levels[1].after_days = 22;
    CHECK(later.schedule_fingerprint() != before);

    Policy spaced = base;
    spaced.min_days_between = 8;
    CHECK(spaced.schedule_fingerprint() != before);

    Policy dearer = base;
    dearer.min_amount = Money::cents(501);
    CHECK(dearer.schedule_fingerprint() != before);

    Policy worded = base;
    worded.levels[0].template_name = "gentle";
    CHECK(worded.schedule_fingerprint() == before);
}

TEST_CASE("config: the fingerprint tells level lists apart") {
    Policy a = load_config(std::nullopt).policy;
    Policy b = a;
    b.levels.pop_back();
    CHECK(a.schedule_fingerprint() != b.schedule_fingerprint());
}

TEST_CASE("config: claims settings default to no interest and no fees") {
    Config c = load_config(std::nullopt);
    CHECK(c.policy.interest.mode == dunn::claim::InterestMode::none);
    CHECK(c.policy.group == dunn::policy::Grouping::invoice);
    CHECK(c.policy.payment_order == dunn::claim::PaymentOrder::principal_first);
    CHECK(c.policy.debtor_kind == dunn::claim::DebtorKind::consumer);
    for (const auto& level : c.policy.levels) {
        CHECK(level.fee.is_zero());
        CHECK_FALSE(level.fee_percent);
        CHECK_FALSE(level.compensation);
        CHECK(level.letter_template == level.template_name + "_letter");
    }
}

TEST_CASE("config: fees, interest, grouping and payment order are read") {
    TempDir dir;
    Config c = load_text(dir, "[policy]\n"
                              "group = \"customer\"\n"
                              "payment_order = \"costs-interest-principal\"\n"
                              "debtor_kind = \"b2b\"\n"
                              "[interest]\n"
                              "mode = \"statutory-de\"\n"
                              "[[interest.base_rate]]\n"
                              "from = 2026-07-01\n"
                              "percent = -0.88\n"
                              "[[level]]\n"
                              "name = \"a\"\n"
                              "after_days = 7\n"
                              "fee = \"2.50\"\n"
                              "fee_percent = 1.5\n"
                              "compensation = true\n"
                              "letter_template = \"mine\"\n");
    const auto& p = c.policy;
    CHECK(p.group == dunn::policy::Grouping::customer);
    CHECK(p.payment_order ==
          dunn::claim::PaymentOrder::costs_interest_principal);
    CHECK(p.debtor_kind == dunn::claim::DebtorKind::business);
    REQUIRE(p.interest.base_rates.size() == 8);
    CHECK(p.interest.base_rates.back().percent.units() == -8800);
    CHECK(p.levels[0].fee == Money::cents(250));
    CHECK(p.levels[0].fee_percent->units() == 15000);
    CHECK(p.levels[0].compensation);
    CHECK(p.levels[0].letter_template == "mine");
}

TEST_CASE("config: a fixed rate is read exactly, never through a double") {
    TempDir dir;
    Config c = load_text(dir, "[interest]\nmode = \"fixed\"\nrate = 8.1\n");
    CHECK(c.policy.interest.fixed_rate.units() == 81000);
    CHECK(load_failure("[interest]\nmode = \"fixed\"\n").message ==
          "FILE:2: key 'interest.mode': \"fixed\" needs the annual rate "
          "too, e.g. rate = 8.0");
    CHECK(load_failure("[interest]\nrate = 8.0\n").message ==
          "FILE:2: key 'interest.rate': is only used with mode = \"fixed\"");
    CHECK(load_failure("[interest]\nmode = \"fixed\"\nrate = 1.23456\n")
              .message == "FILE:3: key 'interest.rate': \"1.23456\" has more "
                          "than four decimals");
}

TEST_CASE("config: unknown words for settings suggest the right one") {
    CHECK(load_failure("[interest]\nmode = \"statutory_de\"\n").message ==
          "FILE:2: key 'interest.mode': \"statutory_de\" is not one of "
          "\"none\", \"fixed\", \"statutory-de\", \"statutory-uk\" (did you "
          "mean 'statutory-de'?)");
    CHECK(load_failure("[policy]\ngroup = \"customers\"\n").code ==
          ExitCode::config);
}

TEST_CASE("config: the uk mode needs base rates; compensation a statutory "
          "mode") {
    CHECK(load_failure("[interest]\nmode = \"statutory-uk\"\n").code ==
          ExitCode::config);
    TempDir dir;
    Config uk = load_text(dir, "[interest]\nmode = \"statutory-uk\"\n"
                               "[[interest.base_rate]]\n"
                               "from = \"2025-08-07\"\npercent = 4.0\n");
    CHECK(uk.policy.interest.base_rates.size() == 1);
    CHECK(load_failure("[[level]]\nname = \"a\"\nafter_days = 1\n"
                       "compensation = true\n")
              .message.find("the flat compensation is statutory") !=
          std::string::npos);
    CHECK(load_failure("[interest]\n[[interest.base_rate]]\n"
                       "from = 2026-01-01\npercent = 1\n")
              .code == ExitCode::config);
}

TEST_CASE("config: comment lines keep line numbers and strings whole") {
    // dunn empties comment-only lines before toml11 reads the text; a
    // message must still point at the line in the user's file, and a '#'
    // inside a string is text, not a comment.
    Failure f = load_failure("# one\n  # two\n[policy]\n# three\n"
                             "min_days_betwen = 3\n");
    CHECK(f.message.rfind("FILE:5: key 'policy.min_days_betwen'", 0) == 0);

    TempDir dir;
    Config c = load_text(dir, "[sender]\n# a comment\n"
                              "name = \"Shop # 1\" # trailing\n"
                              "email = \"a@shop.example\"\n");
    CHECK(c.sender.name == "Shop # 1");
}

TEST_CASE("config: the built-in values are exactly the default dunn.toml") {
    // dunn builds its defaults in code, for speed; `dunn init` writes the
    // embedded text. Any difference would make the two disagree.
    CHECK(dunn::policy::built_in_values_match_text());
}
