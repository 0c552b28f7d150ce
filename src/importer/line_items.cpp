#include "importer/line_items.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace dunn::importer {

namespace {

// The invoice-level fields in which two rows of one invoice differ, or "".
std::string disagreement(const InvoiceRow& a, const InvoiceRow& b) {
    const ledger::InvoiceData& x = a.data;
    const ledger::InvoiceData& y = b.data;
    std::vector<std::string> fields;
    auto check = [&](const char* name, bool same) {
        if (!same)
            fields.push_back(name);
    };
    check("customer", x.customer == y.customer);
    check("customer_id", x.customer_id == y.customer_id);
    check("email", x.email == y.email);
    check("currency", x.currency == y.currency);
    check("due", x.due == y.due);
    check("issued", x.issued == y.issued);
    check("amount", a.has_amount == b.has_amount && x.amount == y.amount);
    check("paid", a.paid == b.paid);
    check("open", a.open == b.open);
    check("status", a.status == b.status);
    std::string out;
    for (const std::string& f : fields)
        out += (out.empty() ? "" : ", ") + f;
    return out;
}

} // namespace

void LineItems::add(InvoiceRow row, std::uint32_t line) {
    util::Money total = row.line ? row.line->total() : util::Money();
    auto [it, fresh] = by_number_.emplace(row.data.number, groups_.size());
    if (fresh) {
        groups_.push_back({{std::move(row), line}, total});
        return;
    }
    Group& g = groups_[it->second];
    std::string differs = disagreement(g.first.row, row);
    if (!differs.empty()) {
        problems_.push_back(
            {line, fmt::format("this line of invoice {} differs from its "
                               "line {} in {}; an invoice's own fields must "
                               "be the same on each of its lines",
                               util::quoted(row.data.number), g.first.line,
                               differs)});
        return;
    }
    g.lines += total;
}

std::vector<LineItems::Invoice> LineItems::invoices() const {
    std::vector<Invoice> out;
    for (const Group& g : groups_) {
        Invoice invoice = g.first;
        if (!invoice.row.has_amount)
            invoice.row.data.amount = g.lines;
        invoice.row.line.reset();
        out.push_back(std::move(invoice));
    }
    return out;
}

} // namespace dunn::importer
