#pragma once

// Shared by the fuzz targets: how a broken promise is reported, and the
// promises every rendered email keeps. A finding aborts, so that libFuzzer
// saves the input and the replay test (tests/CMakeLists.txt) fails on it.

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

namespace dunn::fuzz {

[[noreturn]] inline void finding(std::string_view what,
                                 std::string_view detail = {}) {
    std::fprintf(stderr, "fuzz finding: %.*s\n", static_cast<int>(what.size()),
                 what.data());
    if (!detail.empty())
        std::fprintf(stderr, "  detail: %.*s\n",
                     static_cast<int>(detail.size()), detail.data());
    std::abort();
}

inline void check(bool ok, std::string_view what,
                  std::string_view detail = {}) {
    if (!ok)
        finding(what, detail);
}

// What mail::render promises whatever the values: CRLF line ends only, a
// header block of printable ASCII in lines of at most 998 characters, no
// header but the ones it writes and `extra` (so no value added one), and
// From, To and Subject exactly once each.
inline void check_email(std::string_view eml,
                        std::initializer_list<std::string_view> extra) {
    for (std::size_t i = 0; i < eml.size(); ++i) {
        if (eml[i] == '\r')
            check(i + 1 < eml.size() && eml[i + 1] == '\n', "bare CR", eml);
        if (eml[i] == '\n')
            check(i > 0 && eml[i - 1] == '\r', "bare LF", eml);
    }
    std::size_t end = eml.find("\r\n\r\n");
    check(end != std::string_view::npos, "no blank line after the headers",
          eml);

    std::map<std::string, int, std::less<>> count;
    std::string_view head = eml.substr(0, end + 2);
    while (!head.empty()) {
        std::size_t eol = head.find("\r\n");
        std::string_view line = head.substr(0, eol);
        head.remove_prefix(eol + 2);
        check(line.size() <= 998, "header line over 998 characters", line);
        for (char c : line)
            check(c >= 32 && c <= 126, "header byte not printable ASCII", line);
        if (line.empty() || line[0] == ' ' || line[0] == '\t') {
            check(!count.empty(), "headers start with a continuation", eml);
            continue;
        }
        std::size_t colon = line.find(':');
        check(colon != std::string_view::npos && colon > 0,
              "header line without a name", line);
        ++count[std::string(line.substr(0, colon))];
    }

    static constexpr std::string_view fixed[] = {
        "From",         "To",          "Subject",
        "Date",         "Message-ID",  "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding"};
    for (const auto& [name, n] : count) {
        bool known = false;
        for (std::string_view f : fixed)
            known = known || f == name;
        for (std::string_view e : extra)
            known = known || e == name;
        check(known, "a header render() did not write", name);
    }
    for (std::string_view once : {"From", "To", "Subject"}) {
        auto it = count.find(once);
        check(it != count.end() && it->second == 1,
              "From, To or Subject missing or repeated", eml);
    }
}

} // namespace dunn::fuzz
