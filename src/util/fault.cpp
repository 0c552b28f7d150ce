#include "util/fault.hpp"

#include <csignal>
#include <cstdlib>
#include <string>

namespace dunn::util {

namespace {

struct Fault {
    std::string name;
    long after = 0; // 0: no fault configured
    long seen = 0;
};

Fault configured() {
    Fault f;
    const char* spec = std::getenv("DUNN_FAULT");
    if (spec == nullptr)
        return f;
    std::string text(spec);
    std::size_t colon = text.rfind(':');
    if (colon == std::string::npos)
        return f;
    f.name = text.substr(0, colon);
    f.after = std::strtol(text.c_str() + colon + 1, nullptr, 10);
    return f;
}

} // namespace

void fault_point(const char* name) {
    static Fault fault = configured();
    if (fault.after <= 0 || fault.name != name)
        return;
    if (++fault.seen == fault.after)
        std::raise(SIGKILL);
}

} // namespace dunn::util
