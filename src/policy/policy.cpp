#include "policy/policy.hpp"

#include <fmt/format.h>

namespace dunn::policy {

std::string Policy::schedule_fingerprint() const {
    std::string levels_text;
    for (const Level& level : levels)
        levels_text += fmt::format("{}{}", levels_text.empty() ? "" : ",",
                                   level.after_days);
    std::string text =
        fmt::format("after_days={};min_days_between={};min_amount={}",
                    levels_text, min_days_between, min_amount.minor());
    if (payment_order == claim::PaymentOrder::principal_first)
        return text;

    // Under BGB 367 payments cover costs and interest before principal, so
    // what principal is open, and thus the schedule, depends on fees,
    // compensation and interest too.
    text += fmt::format(
        ";order=bgb367;kind={};mode={};rate={}", static_cast<int>(debtor_kind),
        static_cast<int>(interest.mode), interest.fixed_rate.units());
    for (const Level& level : levels)
        text += fmt::format(";fee={}/{}/{}", level.fee.minor(),
                            level.fee_percent ? level.fee_percent->units() : 0,
                            level.compensation);
    for (const claim::BaseRate& rate : interest.base_rates)
        text += fmt::format(";base={}:{}", util::format_date(rate.from),
                            rate.percent.units());
    return text;
}

} // namespace dunn::policy
