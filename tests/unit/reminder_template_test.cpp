#include "policy/reminder_template.hpp"
#include "util/error.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

using dunn::policy::find_template;
using dunn::policy::ReminderTemplate;
using dunn::policy::TemplateValues;
using dunn::util::Error;
using dunn::util::ExitCode;

namespace {

// A fresh directory under the system's temporary directory, removed with
// everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("dunn-template-test-" + std::to_string(::getpid()) + "-" +
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

struct Failure {
    ExitCode code = ExitCode::ok;
    std::string message = "(no error)";
};

// What parsing `text` throws; code ok when it throws nothing.
Failure parse_failure(const std::string& text) {
    try {
        ReminderTemplate::parse(text, "templates/t.txt");
    } catch (const Error& e) {
        return {e.code(), e.what()};
    }
    return {};
}

std::vector<std::string> names(const ReminderTemplate& t) {
    std::vector<std::string> out;
    for (const auto& p : t.placeholders())
        out.push_back(p.name);
    return out;
}

std::vector<int> lines(const ReminderTemplate& t) {
    std::vector<int> out;
    for (const auto& p : t.placeholders())
        out.push_back(p.line);
    return out;
}

const TemplateValues values = {{"invoice", "RE-2026/0042"},
                               {"customer", "M\xC3\xBCller GmbH"},
                               {"amount", "1,234.56"}};

} // namespace

TEST_CASE("reminder_template: subject and body are read apart") {
    auto t = ReminderTemplate::parse(
        "Subject: Invoice {invoice}\n\nDear {customer},\nplease pay.\n",
        "templates/t.txt");
    CHECK(t.source() == "templates/t.txt");
    CHECK(t.subject(values) == "Invoice RE-2026/0042");
    CHECK(t.body(values) == "Dear M\xC3\xBCller GmbH,\nplease pay.\n");
}

TEST_CASE("reminder_template: the subject is trimmed") {
    auto t = ReminderTemplate::parse("Subject:   Hello \n\nBody\n", "t");
    CHECK(t.subject({}) == "Hello");
    CHECK(t.body({}) == "Body\n");
}

TEST_CASE("reminder_template: CRLF and LF templates render the same") {
    std::string lf = "Subject: Invoice {invoice}\n\nDear {customer},\n"
                     "open: {amount}\n\nThanks\n";
    std::string crlf = "Subject: Invoice {invoice}\r\n\r\nDear {customer},\r\n"
                       "open: {amount}\r\n\r\nThanks\r\n";
    auto a = ReminderTemplate::parse(lf, "lf");
    auto b = ReminderTemplate::parse(crlf, "crlf");
    CHECK(a.subject(values) == b.subject(values));
    CHECK(a.body(values) == b.body(values));
    CHECK(b.body(values).find('\r') == std::string::npos);
    CHECK(lines(a) == lines(b));
}

TEST_CASE("reminder_template: a byte order mark is ignored") {
    auto t = ReminderTemplate::parse("\xEF\xBB\xBFSubject: Hi\n\nBody", "t");
    CHECK(t.subject({}) == "Hi");
}

TEST_CASE("reminder_template: doubled braces are literal braces") {
    auto t = ReminderTemplate::parse(
        "Subject: {{not}} {invoice}\n\nx {{ y }} {{{amount}}}\n", "t");
    CHECK(t.subject(values) == "{not} RE-2026/0042");
    CHECK(t.body(values) == "x { y } {1,234.56}\n");
    CHECK(names(t) == std::vector<std::string>{"invoice", "amount"});
}

TEST_CASE("reminder_template: placeholders are listed with their lines") {
    auto t = ReminderTemplate::parse("Subject: {invoice} for {customer}\n"
                                     "\n"
                                     "Dear {customer},\n"
                                     "\n"
                                     "invoice {invoice}: {amount}\n",
                                     "t");
    CHECK(names(t) == std::vector<std::string>{"invoice", "customer",
                                               "customer", "invoice",
                                               "amount"});
    CHECK(lines(t) == std::vector<int>{1, 1, 3, 5, 5});
}

TEST_CASE("reminder_template: spaces inside a placeholder are allowed") {
    auto t = ReminderTemplate::parse("Subject: x\n\n{ invoice }\n", "t");
    CHECK(names(t) == std::vector<std::string>{"invoice"});
    CHECK(t.body(values) == "RE-2026/0042\n");
}

TEST_CASE("reminder_template: a template without a body has none") {
    CHECK(ReminderTemplate::parse("Subject: x", "t").body({}) == "");
    CHECK(ReminderTemplate::parse("Subject: x\n", "t").body({}) == "");
    CHECK(ReminderTemplate::parse("Subject: x\n\n", "t").body({}) == "");
}

TEST_CASE("reminder_template: a blank line of spaces separates too") {
    auto t = ReminderTemplate::parse("Subject: x\n  \t\nBody {amount}\n", "t");
    CHECK(t.body(values) == "Body 1,234.56\n");
    CHECK(lines(t) == std::vector<int>{3});
}

TEST_CASE("reminder_template: the first line must be the subject") {
    const std::string why =
        "templates/t.txt:1: a template must start with a \"Subject: ...\" "
        "line, then a blank line, then the body";
    for (const char* text : {"Dear customer\n", "", "\nSubject: x\n\nBody",
                             "subject: x\n\nB", "Betreff: x\n\nBody"}) {
        Failure f = parse_failure(text);
        CHECK(f.code == ExitCode::config);
        CHECK(f.message == why);
    }
}

TEST_CASE("reminder_template: the subject needs a blank line after it") {
    Failure f = parse_failure("Subject: x\nDear customer\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message ==
          "templates/t.txt:2: the subject line must be followed by a "
          "blank line");
}

TEST_CASE("reminder_template: an empty subject is an error") {
    for (const char* text : {"Subject:\n\nBody", "Subject:   \r\n\r\nBody"}) {
        Failure f = parse_failure(text);
        CHECK(f.code == ExitCode::config);
        CHECK(f.message == "templates/t.txt:1: the subject is empty");
    }
}

TEST_CASE("reminder_template: a template that is not UTF-8 names its line") {
    // "Grüße" saved as Windows-1252.
    Failure f = parse_failure("Subject: x\n\nDear {customer},\nGr\xfc\xdfe\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "templates/t.txt:4: the template is not valid UTF-8; "
                       "save it as UTF-8 in your editor");

    CHECK_NOTHROW(ReminderTemplate::parse("Subject: x\n\nGr\xc3\xbc\xc3\x9f"
                                          "e\n",
                                          "t"));
}

TEST_CASE("reminder_template: a lone closing brace names its line") {
    Failure f = parse_failure("Subject: x\n\nline 3\nline 4 }\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "templates/t.txt:4: a lone '}'; write '}}' for a brace");

    Failure in_subject = parse_failure("Subject: a } b\n\nBody");
    CHECK(in_subject.message ==
          "templates/t.txt:1: a lone '}'; write '}}' for a brace");
}

TEST_CASE("reminder_template: an unclosed brace names its line") {
    Failure f = parse_failure("Subject: x\n\nDear {customer\nBye }}\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "templates/t.txt:3: \"{customer\" is not a "
                       "placeholder; write {name}, or '{{' for a brace");
}

TEST_CASE("reminder_template: a long unclosed brace is quoted in short") {
    Failure f = parse_failure("Subject: x\n\n{" + std::string(40, 'a'));
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "templates/t.txt:3: \"{" + std::string(26, 'a') +
                           "...\" is not a placeholder; write {name}, or "
                           "'{{' for a brace");
}

TEST_CASE("reminder_template: empty braces are not a placeholder") {
    Failure f = parse_failure("Subject: x\n\n\nvalue {} here\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "templates/t.txt:4: \"{}\" is not a placeholder; "
                       "write {name}, or '{{' for a brace");
}

TEST_CASE("reminder_template: two words in braces are not a placeholder") {
    Failure f = parse_failure("Subject: Invoice { two words }\n\nBody\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "templates/t.txt:1: \"{ two words }\" is not a "
                       "placeholder; write {name}, or '{{' for a brace");
}

TEST_CASE("reminder_template: a placeholder may not span lines") {
    // Accepting "{\ninvoice\n}" would also throw off every later line
    // number in messages.
    Failure f = parse_failure("Subject: x\n\nDear {\ninvoice\n}\n");
    CHECK(f.code == ExitCode::config);
    CHECK(f.message == "templates/t.txt:3: \"{\" is not a placeholder; "
                       "write {name}, or '{{' for a brace");

    Failure later = parse_failure("Subject: x\n\n{a}\n{b\n}\n");
    CHECK(later.message == "templates/t.txt:4: \"{b\" is not a placeholder; "
                           "write {name}, or '{{' for a brace");
}

TEST_CASE("reminder_template: a missing value throws") {
    auto t = ReminderTemplate::parse("Subject: {invoice}\n\n{due}\n",
                                     "templates/t.txt");
    CHECK(t.subject(values) == "RE-2026/0042");
    try {
        t.body(values);
        FAIL("no error for a missing value");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::software);
        CHECK(std::string(e.what()) ==
              "templates/t.txt: no value for placeholder 'due'");
    }
}

TEST_CASE("reminder_template: values are inserted as they are") {
    auto t = ReminderTemplate::parse("Subject: {invoice}\n\n{customer}\n", "t");
    TemplateValues tricky = {{"invoice", "{customer}"}, {"customer", "}}"}};
    CHECK(t.subject(tricky) == "{customer}");
    CHECK(t.body(tricky) == "}}\n");
}

TEST_CASE("reminder_template: a file in the templates dir beats built-in") {
    TempDir dir;
    dir.write("friendly.txt", "Subject: Mine {invoice}\n\nBody\n");
    auto t = find_template(dir.path(), "friendly");
    REQUIRE(t);
    CHECK(t->subject(values) == "Mine RE-2026/0042");
    CHECK(t->source() == (dir.path() / "friendly.txt").string());
}

TEST_CASE("reminder_template: name.<language>.txt wins for that language") {
    TempDir dir;
    dir.write("friendly.txt", "Subject: English\n\nBody\n");
    dir.write("friendly.de.txt", "Subject: Deutsch\n\nText\n");
    auto de = find_template(dir.path(), "friendly", "de");
    auto fr = find_template(dir.path(), "friendly", "fr");
    auto none = find_template(dir.path(), "friendly");
    REQUIRE(de);
    REQUIRE(fr);
    REQUIRE(none);
    CHECK(de->subject({}) == "Deutsch");
    CHECK(fr->subject({}) == "English");
    CHECK(none->subject({}) == "English");
}

TEST_CASE("reminder_template: the built-in is the last fallback") {
    TempDir dir;
    dir.write("second.de.txt", "Subject: Zweite\n\nText\n");
    auto t = find_template(dir.path(), "friendly", "de");
    REQUIRE(t);
    CHECK(t->source() == "built-in template 'friendly'");
    CHECK(t->subject(values) ==
          "Friendly reminder: invoice RE-2026/0042 is overdue");
}

TEST_CASE("reminder_template: built-ins work without a templates dir") {
    for (const char* name : {"friendly", "second", "final"}) {
        auto t = find_template("/nonexistent/dunn/templates", name);
        REQUIRE(t);
        CHECK(t->source() == "built-in template '" + std::string(name) + "'");
        CHECK_FALSE(t->placeholders().empty());
    }
}

TEST_CASE("reminder_template: an unknown name without a file is nothing") {
    TempDir dir;
    CHECK_FALSE(find_template(dir.path(), "gentle"));
    CHECK_FALSE(find_template(dir.path(), "gentle", "de"));
    dir.write("gentle.txt", "Subject: Gentle\n\nBody\n");
    CHECK(find_template(dir.path(), "gentle"));
}

TEST_CASE("reminder_template: a language like ../x never builds a path") {
    TempDir dir;
    dir.write("friendly.txt", "Subject: Safe\n\nBody\n");
    // "friendly." + "../x" + ".txt" would name friendly../x.txt.
    dir.write("friendly../x.txt", "Subject: Escaped\n\nBody\n");
    dir.write("friendly.de/x.txt", "Subject: Escaped\n\nBody\n");
    for (const char* language : {"../x", "de/x", "..", "de\n"}) {
        auto t = find_template(dir.path(), "friendly", language);
        REQUIRE(t);
        CHECK(t->subject({}) == "Safe");
    }
}

TEST_CASE("reminder_template: a bad template file names its path") {
    TempDir dir;
    fs::path file = dir.write("friendly.txt", "Dear customer\n");
    try {
        find_template(dir.path(), "friendly");
        FAIL("no error for a template without a subject");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::config);
        CHECK(std::string(e.what()).rfind(file.string() + ":1: ", 0) == 0);
    }
}
