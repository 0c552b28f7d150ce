#pragma once

#include "importer/invoice_row.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dunn::importer {

// Rows of a line-item export grouped into invoices. Rows sharing an
// invoice number are one invoice, wherever they stand in the file; their
// invoice-level fields (customer, dates, currency, totals, status) must
// agree. The amount is the invoice total column if the rows have one, else
// the sum of the line totals.
class LineItems {
public:
    // Adds a good row read on `line`.
    void add(InvoiceRow row, std::uint32_t line);

    struct Invoice {
        InvoiceRow row;     // amount set; line cleared
        std::uint32_t line; // where its first row is
    };
    struct Problem {
        std::uint32_t line;
        std::string what;
    };

    // The invoices in the order of their first rows, and every row that
    // disagreed with its invoice's first row.
    std::vector<Invoice> invoices() const;
    const std::vector<Problem>& problems() const { return problems_; }

private:
    struct Group {
        Invoice first;
        util::Money lines;
    };
    std::map<std::string, std::size_t> by_number_;
    std::vector<Group> groups_;
    std::vector<Problem> problems_;
};

} // namespace dunn::importer
