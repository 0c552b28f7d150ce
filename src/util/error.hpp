#pragma once

#include "util/exit_code.hpp"

#include <stdexcept>
#include <string>

namespace dunn::util {

// The one exception that unwinds to the top. cli::main prints what() as
// "dunn: error: ..." and exits with code(). Failures a caller expects and
// handles (a bad CSV row, a bad amount) use Expected instead.
class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& message)
        : std::runtime_error(message), code_(code) {}

    ExitCode code() const { return code_; }

private:
    ExitCode code_;
};

} // namespace dunn::util
