#include "dunning/reminder.hpp"

#include "mail/message.hpp"
#include "util/error.hpp"
#include "util/hash.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace dunn::dunning {

namespace {

namespace fs = std::filesystem;
using util::Error;
using util::ExitCode;

void check_placeholders(const policy::ReminderTemplate& t,
                        const policy::Level& level) {
    const std::vector<std::string>& known = placeholder_names();
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

std::string message_domain(const std::string& address) {
    return address.substr(address.rfind('@') + 1);
}

} // namespace

const std::vector<std::string>& placeholder_names() {
    static const std::vector<std::string> names = {
        "customer",    "customer_id",  "email",       "phone",        "invoice",
        "amount",      "paid_amount",  "open_amount", "currency",     "issued",
        "due",         "days_overdue", "level",       "level_number", "as_of",
        "sender_name", "sender_email"};
    return names;
}

ReminderTemplates ReminderTemplates::load(const policy::Config& config) {
    ReminderTemplates set;
    for (const policy::Level& level : config.policy.levels) {
        const std::string& name = level.template_name;
        std::optional<policy::ReminderTemplate> base =
            policy::find_template(config.templates_dir, name);
        if (!base)
            throw Error(
                ExitCode::config,
                fmt::format("level '{}' uses template '{}', but "
                            "there is no {} and no built-in template "
                            "of that name",
                            level.name, name,
                            (config.templates_dir / (name + ".txt")).string()));
        check_placeholders(*base, level);
        set.templates_.insert_or_assign({name, ""}, std::move(*base));

        for (const std::string& language :
             variant_languages(config.templates_dir, name)) {
            auto variant =
                policy::find_template(config.templates_dir, name, language);
            check_placeholders(*variant, level);
            set.templates_.insert_or_assign({name, language},
                                            std::move(*variant));
        }
    }
    return set;
}

const policy::ReminderTemplate&
ReminderTemplates::find(const policy::Level& level,
                        const std::string& language) const {
    auto it = templates_.find({level.template_name, language});
    if (it == templates_.end())
        it = templates_.find({level.template_name, ""});
    return it->second;
}

policy::TemplateValues reminder_values(const ReminderFacts& facts,
                                       const policy::Sender& sender) {
    const ledger::InvoiceData& d = facts.invoice.data;
    policy::TemplateValues v;
    v["customer"] = d.customer;
    v["customer_id"] = d.customer_id;
    v["email"] = d.email;
    v["phone"] = d.phone;
    v["invoice"] = d.number;
    v["amount"] = util::format_money(d.amount);
    v["paid_amount"] = util::format_money(facts.invoice.paid);
    v["open_amount"] = util::format_money(facts.invoice.open());
    v["currency"] = d.currency;
    v["issued"] = d.issued ? util::format_date(*d.issued) : "";
    v["due"] = util::format_date(d.due);
    v["days_overdue"] = std::to_string(util::days_between(d.due, facts.as_of));
    v["level"] = facts.level.name;
    v["level_number"] = std::to_string(facts.invoice.levels_sent + 1);
    v["as_of"] = util::format_date(facts.as_of);
    v["sender_name"] = sender.name;
    v["sender_email"] = sender.email;
    return v;
}

std::string render_reminder(const ReminderFacts& facts,
                            const policy::Config& config,
                            const ReminderTemplates& templates,
                            std::time_t written_at,
                            const std::string& ledger_id) {
    const ledger::InvoiceData& d = facts.invoice.data;
    const policy::ReminderTemplate& t = templates.find(facts.level, d.language);
    policy::TemplateValues values = reminder_values(facts, config.sender);

    mail::Message m;
    m.from = {config.sender.name, config.sender.email};
    m.to = {d.customer, d.email};
    m.subject = t.subject(values);
    m.body = t.body(values);
    m.date = written_at;
    // The same step always gets the same Message-ID, so a mail system
    // that somehow saw it twice can tell; the ledger's id keeps two shops'
    // invoice numbers apart. Hashed, to keep the header line short.
    std::string step =
        fmt::format("{}\x1f{}\x1f{}\x1f{}", ledger_id,
                    util::format_date(facts.as_of), facts.level.name, d.number);
    m.message_id = fmt::format("dunn.{:016x}@{}", util::fnv1a64(step),
                               message_domain(config.sender.email));
    m.extra_headers = {{"X-Dunn-Invoice", d.number},
                       {"X-Dunn-Level", facts.level.name},
                       {"Auto-Submitted", "auto-generated"}};
    return mail::render(m);
}

} // namespace dunn::dunning
