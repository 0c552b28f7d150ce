#pragma once

#include "policy/policy.hpp"
#include "policy/reminder_template.hpp"

#include <map>
#include <string>
#include <vector>

namespace dunn::dunning {

// The placeholders an invoice reminder's template may use.
const std::vector<std::string>& invoice_placeholders();
// The placeholders a letter's template may use ([policy] group =
// "customer"): one letter lists several invoices.
const std::vector<std::string>& letter_placeholders();

// Every level's template for the policy's grouping, found and checked
// before a run writes anything.
class ReminderTemplates {
public:
    // Finds each level's template (and its language variants in the
    // templates folder): the invoice template, or the letter template when
    // reminders are grouped by customer. Throws util::Error
    // (ExitCode::config) naming the level, file and line if one is missing
    // or uses a placeholder it may not.
    static ReminderTemplates load(const policy::Config& config);

    // The template for `level`, in `language` if there is such a variant.
    const policy::ReminderTemplate& find(const policy::Level& level,
                                         const std::string& language) const;

private:
    bool letters_ = false;
    // (template name, language) -> template; language "" is the default.
    std::map<std::pair<std::string, std::string>, policy::ReminderTemplate>
        templates_;
};

} // namespace dunn::dunning
