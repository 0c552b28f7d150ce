#include "cli/commands.hpp"
#include "dunning/account.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace dunn::cli {

namespace {

// A field of `dunn list --json`: these names and formats are public.
std::string json_object(const ledger::Invoice& i, util::Date as_of) {
    const ledger::InvoiceData& d = i.data;
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
        "\"customer_id\": {}, \"phone\": {}, \"language\": {}}}",
        text(d.number), text(d.customer), text(d.email), text(d.currency),
        util::format_money_plain(d.amount), util::format_money_plain(i.open()),
        util::format_money_plain(i.paid), util::format_date(d.due),
        util::days_between(d.due, as_of),
        i.last_level.empty() ? "null" : text(i.last_level), i.levels_sent,
        date(i.last_step_on), dunning::state_name(dunning::state_of(i, as_of)),
        date(i.hold ? i.hold->until : std::nullopt), date(d.issued),
        text(d.customer_id), text(d.phone), text(d.language));
}

using Row = std::array<std::string, 7>;

Row table_row(const ledger::Invoice& i, util::Date as_of) {
    const ledger::InvoiceData& d = i.data;
    return {d.number,
            util::ellipsize(d.customer, 30),
            fmt::format("{} {}", d.currency, util::format_money(i.open())),
            util::format_date(d.due),
            std::to_string(util::days_between(d.due, as_of)),
            i.last_level.empty() ? "-" : i.last_level,
            std::string(dunning::state_name(dunning::state_of(i, as_of)))};
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
    util::Date as_of = date_or_today("--as-of", o.as_of);
    ledger::Ledger ledger = session.open_ledger();
    auto wanted = [&](const ledger::Invoice& i) {
        return !o.overdue || (i.open() > util::Money() &&
                              util::days_between(i.data.due, as_of) > 0);
    };

    if (o.json) {
        // Streamed: a ledger of a million invoices needs no memory here.
        bool first = true;
        fmt::print("[");
        ledger.for_each_invoice([&](const ledger::Invoice& i) {
            if (!wanted(i))
                return;
            fmt::print("{}\n  {}", first ? "" : ",", json_object(i, as_of));
            first = false;
        });
        fmt::print("{}]\n", first ? "" : "\n");
        return util::ExitCode::ok;
    }

    std::vector<Row> rows;
    ledger.for_each_invoice([&](const ledger::Invoice& i) {
        if (wanted(i))
            rows.push_back(table_row(i, as_of));
    });
    print_table(rows);
    return util::ExitCode::ok;
}

} // namespace dunn::cli
