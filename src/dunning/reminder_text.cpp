// Writing a reminder: the values of its placeholders, the table of
// invoices, and the email around them.

#include "dunning/reminder.hpp"
#include "mail/message.hpp"
#include "util/hash.hpp"
#include "util/text.hpp"

#include <array>
#include <fmt/format.h>
#include <map>

namespace dunn::dunning {

namespace {

using util::format_money;

std::string date_or_empty(const std::optional<util::Date>& d) {
    return d ? util::format_date(*d) : "";
}

// What is owed on one invoice, a line per part, leaving out parts that are
// zero: an invoice without payments, fees or interest reads as one line.
std::string claim_block(const ReminderLine& line) {
    const claim::Claim& c = line.claim;
    const std::string& cur = line.invoice.data.currency;
    std::vector<std::pair<std::string, util::Money>> parts;
    bool extras = !c.fees_open.is_zero() || !c.compensation_open.is_zero() ||
                  !c.interest_open.is_zero();
    if (extras || !c.paid.is_zero())
        parts.push_back({"Invoice amount", line.invoice.data.amount});
    if (!c.paid.is_zero())
        parts.push_back({"Paid so far", util::Money() - c.paid});
    parts.push_back({"Amount open", c.principal_open});
    if (!c.fees_open.is_zero())
        parts.push_back({"Reminder fees", c.fees_open});
    if (!c.compensation_open.is_zero())
        parts.push_back({"Compensation", c.compensation_open});
    if (!c.interest_open.is_zero())
        parts.push_back(
            {fmt::format("Interest since {}", date_or_empty(c.interest_from)),
             c.interest_open});
    if (extras)
        parts.push_back({"Total due", c.total_open()});

    std::size_t label = 0, amount = 0;
    for (const auto& [name, m] : parts) {
        label = std::max(label, name.size());
        amount = std::max(amount, format_money(m).size());
    }
    std::string out;
    for (const auto& [name, m] : parts)
        out += fmt::format("{}    {:<{}}  {} {:>{}}", out.empty() ? "" : "\n",
                           name + ":", label + 1, cur, format_money(m), amount);
    return out;
}

// "Invoice  Due  Level  Open  Fees  Interest  Total" with one row per
// invoice, columns as wide as their widest entry.
std::string invoice_table(const Reminder& r) {
    using Row = std::array<std::string, 8>;
    std::vector<Row> rows = {{"Invoice", "Due", "Reminder", "Open", "Fees",
                              "Interest", "Total", ""}};
    for (const ReminderLine& line : r.lines) {
        const claim::Claim& c = line.claim;
        rows.push_back(
            {line.invoice.data.number, util::format_date(line.invoice.data.due),
             line.level, format_money(c.principal_open),
             format_money(c.fees_open + c.compensation_open),
             format_money(c.interest_open), format_money(c.total_open()),
             line.invoice.data.currency});
    }
    // Fees and interest columns only when some invoice has them.
    std::array<bool, 8> shown;
    shown.fill(true);
    for (std::size_t i : {4, 5})
        shown[i] = std::any_of(rows.begin() + 1, rows.end(),
                               [&](auto& r) { return r[i] != "0.00"; });
    std::array<std::size_t, 8> width{};
    for (const Row& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            width[i] = std::max(width[i], util::display_width(row[i]));

    std::string out;
    for (const Row& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (!shown[i])
                continue;
            std::string pad(width[i] - util::display_width(row[i]), ' ');
            bool number = i >= 3 && i <= 6;
            line += number ? pad + row[i] : row[i] + pad;
            line += i + 1 < row.size() ? "  " : "";
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line + "\n";
    }
    out.pop_back();
    return out;
}

// "EUR 1,267.34", one line per currency.
std::string totals(const Reminder& r) {
    std::map<std::string, util::Money> sums;
    for (const ReminderLine& line : r.lines)
        sums[line.invoice.data.currency] += line.claim.total_open();
    std::string out;
    for (const auto& [currency, sum] : sums)
        out += fmt::format("{}{} {}", out.empty() ? "" : "\n", currency,
                           format_money(sum));
    return out;
}

void add_common(policy::TemplateValues& v, const Reminder& r,
                const policy::Config& config, util::Date as_of) {
    const ledger::InvoiceData& d = r.lines.front().invoice.data;
    v["customer"] = d.customer;
    v["customer_id"] = d.customer_id;
    v["email"] = d.email;
    v["phone"] = d.phone;
    v["level"] = r.level->name;
    v["level_number"] = std::to_string(r.level_index + 1);
    v["as_of"] = util::format_date(as_of);
    v["sender_name"] = config.sender.name;
    v["sender_email"] = config.sender.email;
    v["invoice_table"] = invoice_table(r);
}

void add_invoice(policy::TemplateValues& v, const ReminderLine& line,
                 util::Date as_of) {
    const ledger::InvoiceData& d = line.invoice.data;
    const claim::Claim& c = line.claim;
    v["invoice"] = d.number;
    v["amount"] = format_money(d.amount);
    v["paid_amount"] = format_money(c.paid);
    v["open_amount"] = format_money(c.principal_open);
    v["currency"] = d.currency;
    v["issued"] = date_or_empty(d.issued);
    v["due"] = util::format_date(d.due);
    v["days_overdue"] = std::to_string(util::days_between(d.due, as_of));
    v["fee"] = format_money(line.step ? line.step->fee : util::Money());
    v["fees_total"] = format_money(c.fees_charged);
    v["compensation"] = format_money(c.compensation_open);
    v["interest"] = format_money(c.interest_open);
    v["interest_rate"] =
        c.rate_on_as_of ? util::format_percent(*c.rate_on_as_of) : "";
    v["interest_from"] = date_or_empty(c.interest_from);
    v["claim_total"] = format_money(c.total_open());
    v["claim"] = claim_block(line);
}

void add_letter(policy::TemplateValues& v, const Reminder& r) {
    std::string numbers;
    for (const ReminderLine& line : r.lines)
        numbers += (numbers.empty() ? "" : ", ") + line.invoice.data.number;
    v["invoices"] = numbers;
    v["invoice_count"] = std::to_string(r.lines.size());
    v["totals"] = totals(r);
}

std::string message_domain(const std::string& address) {
    return address.substr(address.rfind('@') + 1);
}

} // namespace

policy::TemplateValues reminder_values(const Reminder& reminder,
                                       const policy::Config& config,
                                       util::Date as_of) {
    policy::TemplateValues v;
    add_common(v, reminder, config, as_of);
    if (reminder.letter)
        add_letter(v, reminder);
    else
        add_invoice(v, reminder.lines.front(), as_of);
    return v;
}

std::string render_reminder(const Reminder& reminder,
                            const policy::Config& config,
                            const ReminderTemplates& templates,
                            util::Date as_of, std::time_t written_at,
                            const std::string& ledger_id) {
    const ledger::InvoiceData& d = reminder.lines.front().invoice.data;
    const policy::ReminderTemplate& t =
        templates.find(*reminder.level, d.language);
    policy::TemplateValues values = reminder_values(reminder, config, as_of);

    mail::Message m;
    m.from = {config.sender.name, config.sender.email};
    m.to = {d.customer, d.email};
    m.subject = t.subject(values);
    m.body = t.body(values);
    m.date = written_at;
    // The same reminder always gets the same Message-ID, so a mail system
    // that somehow saw it twice can tell; the ledger's id keeps two shops
    // apart. Hashed, to keep the header line short.
    m.message_id = fmt::format(
        "dunn.{:016x}@{}", util::fnv1a64(ledger_id + "\x1f" + reminder.file),
        message_domain(config.sender.email));
    for (const ReminderLine& line : reminder.lines)
        m.extra_headers.push_back({"X-Dunn-Invoice", line.invoice.data.number});
    m.extra_headers.push_back({"X-Dunn-Level", reminder.level->name});
    m.extra_headers.push_back({"Auto-Submitted", "auto-generated"});
    return mail::render(m);
}

} // namespace dunn::dunning
