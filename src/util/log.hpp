#pragma once

#include <cstdio>
#include <fmt/format.h>
#include <string_view>

namespace dunn::util {

enum class Verbosity { quiet, normal, verbose };

// Where commands say what they did. info() is the normal summary (silent
// under --quiet, so cron mails nothing on success); explain() is the
// --verbose account of why each invoice did or did not move; warn() always
// reaches stderr. Passed to the domain, never global.
class Log {
public:
    explicit Log(Verbosity v = Verbosity::normal, std::FILE* out = stdout,
                 std::FILE* err = stderr)
        : verbosity_(v), out_(out), err_(err) {}

    bool verbose() const { return verbosity_ == Verbosity::verbose; }
    bool quiet() const { return verbosity_ == Verbosity::quiet; }

    template <class... Args>
    void info(fmt::format_string<Args...> f, Args&&... args) const {
        if (!quiet())
            line(out_, "", fmt::format(f, std::forward<Args>(args)...));
    }

    // Only formats when --verbose is on: cheap to leave in hot loops.
    template <class... Args>
    void explain(fmt::format_string<Args...> f, Args&&... args) const {
        if (verbose())
            line(out_, "", fmt::format(f, std::forward<Args>(args)...));
    }

    template <class... Args>
    void warn(fmt::format_string<Args...> f, Args&&... args) const {
        line(err_,
             "dunn: warning: ", fmt::format(f, std::forward<Args>(args)...));
    }

private:
    static void line(std::FILE* to, std::string_view prefix,
                     std::string_view text) {
        fmt::print(to, "{}{}\n", prefix, text);
    }

    Verbosity verbosity_;
    std::FILE* out_;
    std::FILE* err_;
};

} // namespace dunn::util
