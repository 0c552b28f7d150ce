#include "outbox/outbox.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

using dunn::outbox::Outbox;
namespace fs = std::filesystem;

namespace {

dunn::util::Date day(const char* iso) {
    return *dunn::util::parse_date(iso);
}

std::string name(const std::string& invoice) {
    return Outbox::file_name(day("2026-10-31"), invoice, "friendly");
}

struct TempBox {
    fs::path dir;
    TempBox() {
        dir = fs::temp_directory_path() /
              ("dunn-outbox-test-" + std::to_string(::getpid()) + "-" +
               std::to_string(counter++));
    }
    ~TempBox() { fs::remove_all(dir); }
    static inline int counter = 0;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST_CASE("outbox: names are date, invoice and level") {
    CHECK(name("INV-42") == "2026-10-31_INV-42_friendly.eml");
    CHECK(name("RE-2026/0042") == "2026-10-31_RE-2026%2F0042_friendly.eml");
    CHECK(name("../x") == "2026-10-31_..%2Fx_friendly.eml");
    CHECK(name("a_b") == "2026-10-31_a%5Fb_friendly.eml");
    CHECK(name("ü") == "2026-10-31_%C3%BC_friendly.eml");
}

TEST_CASE("outbox: hostile numbers stay one plain file name each") {
    std::vector<std::string> numbers = {"../../etc/passwd",
                                        "/abs",
                                        "a/b",
                                        "..",
                                        ".",
                                        "a\\b",
                                        "CON",
                                        "nul",
                                        "a\nb",
                                        "a\rb",
                                        std::string("a\0b", 3),
                                        "%2F",
                                        "/",
                                        std::string(300, 'x'),
                                        std::string(299, 'x') + "y",
                                        std::string(400, '/'),
                                        "a b",
                                        "a+b",
                                        "a%b"};
    std::set<std::string> names;
    for (const std::string& n : numbers) {
        std::string file = name(n);
        CHECK(file.find('/') == std::string::npos);
        CHECK(file.size() <= 255);
        CHECK(file.rfind("2026-10-31_", 0) == 0);
        for (char c : file)
            CHECK((std::isalnum(static_cast<unsigned char>(c)) ||
                   std::string("-._%+").find(c) != std::string::npos));
        names.insert(file);
    }
    CHECK(names.size() == numbers.size());
}

TEST_CASE("outbox: a staged email appears only when published") {
    TempBox t;
    Outbox box(t.dir);
    box.create();
    box.stage("a.eml", "hello");
    CHECK_FALSE(box.contains("a.eml"));
    CHECK(fs::exists(t.dir / ".a.tmp"));
    box.sync();
    box.publish("a.eml");
    CHECK(slurp(t.dir / "a.eml") == "hello");
    CHECK_FALSE(fs::exists(t.dir / ".a.tmp"));
    CHECK((fs::status(t.dir).permissions() & fs::perms::all) ==
          fs::perms::owner_all);
}

TEST_CASE("outbox: publishing never replaces a file") {
    TempBox t;
    Outbox box(t.dir);
    box.create();
    std::ofstream(t.dir / "a.eml") << "theirs";
    box.stage("a.eml", "ours");
    CHECK_THROWS_AS(box.publish("a.eml"), dunn::util::Error);
    CHECK(slurp(t.dir / "a.eml") == "theirs");
}

TEST_CASE("outbox: recover completes recorded steps and drops the rest") {
    TempBox t;
    Outbox box(t.dir);
    box.create();
    box.stage("recorded.eml", "r");
    box.stage("unrecorded.eml", "u");
    std::ofstream(t.dir / "notes.txt") << "not ours";
    auto result = box.recover(
        [](const std::string& file) { return file == "recorded.eml"; });
    CHECK(result.completed == 1);
    CHECK(result.discarded == 1);
    CHECK(slurp(t.dir / "recorded.eml") == "r");
    CHECK_FALSE(fs::exists(t.dir / "unrecorded.eml"));
    CHECK_FALSE(fs::exists(t.dir / ".unrecorded.tmp"));
    CHECK(fs::exists(t.dir / "notes.txt"));
}

TEST_CASE("outbox: one lock at a time") {
    TempBox t;
    Outbox box(t.dir);
    box.create();
    auto first = box.lock();
    REQUIRE(first);
    CHECK_FALSE(box.lock());
    first.reset();
    CHECK(box.lock());
}
