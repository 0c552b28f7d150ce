#include "dunning/templates.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace dunn::dunning {

namespace {

namespace fs = std::filesystem;
using util::Error;
using util::ExitCode;

// Placeholders every reminder may use, one invoice or several.
std::vector<std::string> common_placeholders() {
    return {"customer",     "customer_id",  "email", "phone",
            "level",        "level_number", "as_of", "sender_name",
            "sender_email", "invoice_table"};
}

void check_placeholders(const policy::ReminderTemplate& t,
                        const policy::Level& level,
                        const std::vector<std::string>& known) {
    for (const auto& used : t.placeholders()) {
        if (std::find(known.begin(), known.end(), used.name) != known.end())
            continue;
        throw Error(
            ExitCode::config,
            fmt::format("{}:{}: unknown placeholder {{{}}} in the "
                        "template of level '{}'{}",
                        t.source(), used.line, used.name, level.name,
                        util::did_you_mean(util::closest(used.name, known))));
    }
}

// Languages for which templates/<name>.<language>.txt exists.
std::vector<std::string> variant_languages(const fs::path& dir,
                                           const std::string& name) {
    std::vector<std::string> languages;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return languages;
    std::string prefix = name + ".";
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
        std::string file = e.path().filename().string();
        if (file.size() > prefix.size() + 4 && file.starts_with(prefix) &&
            file.ends_with(".txt"))
            languages.push_back(
                file.substr(prefix.size(), file.size() - prefix.size() - 4));
    }
    return languages;
}

} // namespace

const std::vector<std::string>& invoice_placeholders() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n = common_placeholders();
        n.insert(n.end(),
                 {"invoice", "amount", "paid_amount", "open_amount", "currency",
                  "issued", "due", "days_overdue", "fee", "fees_total",
                  "compensation", "interest", "interest_rate", "interest_from",
                  "claim_total", "claim"});
        return n;
    }();
    return names;
}

const std::vector<std::string>& letter_placeholders() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n = common_placeholders();
        n.insert(n.end(), {"invoices", "invoice_count", "totals"});
        return n;
    }();
    return names;
}

ReminderTemplates ReminderTemplates::load(const policy::Config& config) {
    ReminderTemplates set;
    set.letters_ = config.policy.group == policy::Grouping::customer;
    const std::vector<std::string>& known =
        set.letters_ ? letter_placeholders() : invoice_placeholders();

    for (const policy::Level& level : config.policy.levels) {
        const std::string& name =
            set.letters_ ? level.letter_template : level.template_name;
        auto base = policy::find_template(config.templates_dir, name);
        if (!base)
            throw Error(
                ExitCode::config,
                fmt::format("{}: level '{}' uses {}template '{}', but "
                            "there is no {} and no built-in template "
                            "of that name",
                            set.letters_ ? level.letter_template_origin
                                         : level.template_origin,
                            level.name, set.letters_ ? "the letter " : "", name,
                            (config.templates_dir / (name + ".txt")).string()));
        check_placeholders(*base, level, known);
        set.templates_.insert_or_assign({name, ""}, std::move(*base));

        for (const std::string& language :
             variant_languages(config.templates_dir, name)) {
            auto variant =
                policy::find_template(config.templates_dir, name, language);
            check_placeholders(*variant, level, known);
            set.templates_.insert_or_assign({name, language},
                                            std::move(*variant));
        }
    }
    return set;
}

const policy::ReminderTemplate&
ReminderTemplates::find(const policy::Level& level,
                        const std::string& language) const {
    const std::string& name =
        letters_ ? level.letter_template : level.template_name;
    auto it = templates_.find({name, language});
    if (it == templates_.end())
        it = templates_.find({name, ""});
    return it->second;
}

} // namespace dunn::dunning
