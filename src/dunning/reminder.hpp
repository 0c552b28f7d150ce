#pragma once

#include "ledger/ledger.hpp"
#include "policy/policy.hpp"
#include "policy/reminder_template.hpp"

#include <ctime>
#include <map>
#include <string>
#include <vector>

// The reminder email for one step: which template, what fills it in, and
// the message that results.
namespace dunn::dunning {

// The placeholders a reminder template may use.
const std::vector<std::string>& placeholder_names();

// Every level's template, found and checked before a run writes anything.
class ReminderTemplates {
public:
    // Finds each level's template (and its language variants in the
    // templates folder) and checks that it exists and uses only known
    // placeholders. Throws util::Error (ExitCode::config) naming the
    // level, file and line otherwise.
    static ReminderTemplates load(const policy::Config& config);

    // The template for `level`, in `language` if there is a variant.
    const policy::ReminderTemplate& find(const policy::Level& level,
                                         const std::string& language) const;

private:
    // (template name, language) -> template; language "" is the default.
    std::map<std::pair<std::string, std::string>, policy::ReminderTemplate>
        templates_;
};

// What a reminder is about: the invoice as the ledger knows it, the level
// being sent and the run's date.
struct ReminderFacts {
    const ledger::Invoice& invoice;
    const policy::Level& level;
    util::Date as_of;
};

policy::TemplateValues reminder_values(const ReminderFacts& facts,
                                       const policy::Sender& sender);

// The complete email, as the text of an .eml file. `written_at` becomes
// its Date header; `ledger_id` makes its Message-ID unique across shops.
std::string render_reminder(const ReminderFacts& facts,
                            const policy::Config& config,
                            const ReminderTemplates& templates,
                            std::time_t written_at,
                            const std::string& ledger_id);

} // namespace dunn::dunning
