#include "policy/policy.hpp"

#include <fmt/format.h>

namespace dunn::policy {

std::string Policy::schedule_fingerprint() const {
    std::string days;
    for (const Level& level : levels)
        days += fmt::format("{}{}", days.empty() ? "" : ",", level.after_days);
    return fmt::format("after_days={};min_days_between={};min_amount={}", days,
                       min_days_between, min_amount.minor());
}

} // namespace dunn::policy
