#include "cli/commands.hpp"
#include "dunning/account.hpp"
#include "dunning/claims.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <functional>

namespace dunn::cli {

namespace {

// An invoice with its claim on the list's date.
struct Entry {
    const ledger::Invoice& invoice;
    const claim::Claim& claim;
    dunning::State state;
};

// One object of `dunn list --json`: these names and formats are public.
std::string json_object(const Entry& e, util::Date as_of) {
    const ledger::Invoice& i = e.invoice;
    const ledger::InvoiceData& d = i.data;
    const claim::Claim& c = e.claim;
    auto text = [](const std::string& s) { return util::json_quoted(s); };
    auto date = [](const std::optional<util::Date>& v) {
        return v ? util::json_quoted(util::format_date(*v)) : "null";
    };
    return fmt::format(
        "{{\"invoice\": {}, \"customer\": {}, \"email\": {}, "
        "\"currency\": {}, \"amount\": \"{}\", \"open_amount\": \"{}\", "
        "\"paid_amount\": \"{}\", \"due\": \"{}\", \"days_overdue\": {}, "
        "\"level\": {}, \"levels_sent\": {}, \"last_reminder_on\": {}, "
        "\"state\": \"{}\", \"hold_until\": {}, \"issued\": {}, "
        "\"customer_id\": {}, \"phone\": {}, \"language\": {}, "
        "\"kind\": {}, \"fees_open\": \"{}\", \"interest_open\": \"{}\", "
        "\"claim_total\": \"{}\"}}",
        text(d.number), text(d.customer), text(d.email), text(d.currency),
        util::format_money_plain(d.amount),
        util::format_money_plain(c.principal_open),
        util::format_money_plain(c.paid), util::format_date(d.due),
        util::days_between(d.due, as_of),
        i.last_level.empty() ? "null" : text(i.last_level), i.levels_sent,
        date(i.last_step_on), dunning::state_name(e.state),
        date(i.hold ? i.hold->until : std::nullopt), date(d.issued),
        text(d.customer_id), text(d.phone), text(d.language), text(d.kind),
        util::format_money_plain(c.fees_open + c.compensation_open),
        util::format_money_plain(c.interest_open),
        util::format_money_plain(c.total_open()));
}

using Row = std::array<std::string, 7>;

Row table_row(const Entry& e, util::Date as_of) {
    const ledger::InvoiceData& d = e.invoice.data;
    return {d.number,
            util::ellipsize(d.customer, 30),
            fmt::format("{} {}", d.currency,
                        util::format_money(e.claim.principal_open)),
            util::format_date(d.due),
            std::to_string(util::days_between(d.due, as_of)),
            e.invoice.last_level.empty() ? "-" : e.invoice.last_level,
            std::string(dunning::state_name(e.state))};
}

void print_table(const std::vector<Row>& rows) {
    const Row header = {"INVOICE", "CUSTOMER", "OPEN", "DUE",
                        "OVERDUE", "LEVEL",    "STATE"};
    std::array<std::size_t, 7> width{};
    for (std::size_t c = 0; c < width.size(); ++c) {
        width[c] = util::display_width(header[c]);
        for (const Row& r : rows)
            width[c] = std::max(width[c], util::display_width(r[c]));
    }
    // Amounts and day counts are right-aligned, the rest left-aligned.
    auto print = [&](const Row& r) {
        std::string line;
        for (std::size_t c = 0; c < r.size(); ++c) {
            std::string pad(width[c] - util::display_width(r[c]), ' ');
            bool right = c == 2 || c == 4;
            line += right ? pad + r[c] : r[c] + pad;
            line += c + 1 < r.size() ? "  " : "";
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        fmt::print("{}\n", line);
    };
    print(header);
    for (const Row& r : rows)
        print(r);
}

} // namespace

util::ExitCode cmd_list(Session& session, const ListOptions& o) {
    const policy::Policy& policy = session.config().policy;
    util::Date as_of = date_or_today("--as-of", o.as_of);
    ledger::Ledger ledger = session.open_ledger();

    // Calls `visit` for each invoice the options ask for, with its claim.
    auto each = [&](const std::function<void(const Entry&)>& visit) {
        ledger.for_each_invoice([&](const ledger::Invoice& i) {
            claim::Claim c = dunning::claim_of(ledger, i, policy, as_of);
            bool overdue = c.principal_open > util::Money() &&
                           util::days_between(i.data.due, as_of) > 0;
            if (!o.overdue || overdue)
                visit({i, c, dunning::state_of(i, c.principal_open, as_of)});
        });
    };

    if (o.json) {
        // Streamed: a ledger of a million invoices needs no memory here.
        bool first = true;
        fmt::print("[");
        each([&](const Entry& e) {
            fmt::print("{}\n  {}", first ? "" : ",", json_object(e, as_of));
            first = false;
        });
        fmt::print("{}]\n", first ? "" : "\n");
        return util::ExitCode::ok;
    }

    std::vector<Row> rows;
    each([&](const Entry& e) { rows.push_back(table_row(e, as_of)); });
    print_table(rows);
    return util::ExitCode::ok;
}

} // namespace dunn::cli
