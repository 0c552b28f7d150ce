#pragma once

#include "util/expected.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dunn::importer {

// The columns dunn reads from an invoice file. Their names are public:
// they are the default headers and the keys of [import.columns].
enum class Column {
    invoice,
    customer,
    email,
    amount,
    due,
    phone,
    currency,
    issued,
    customer_id,
    language,
    kind,
    paid,
    open,
    status,
    quantity,
    unit_amount,
    line_amount,
    discount,
};
// The columns of a customer list ([import.customers.columns]).
enum class CustomerColumn {
    customer_id,
    customer,
    email,
    phone,
    language,
    kind
};

const std::vector<std::string_view>& column_names();
const std::vector<std::string_view>& customer_column_names();
std::string_view column_name(Column c);

// Where named columns are in a file's records.
class ColumnMap {
public:
    // Finds each of `names` in `header` by the headers `wanted` lists for
    // it (the first one present wins), ignoring case, surrounding spaces
    // and a leading '*' (as templates mark required columns). Fails,
    // saying which `required` columns are missing and how to map them,
    // or which header appears twice. `required` entries may be
    // alternatives: "customer|customer_id" needs either.
    static util::Expected<ColumnMap>
    find(const std::vector<std::string>& header,
         const std::vector<std::string_view>& names,
         const std::map<std::string, std::vector<std::string>>& wanted,
         const std::vector<std::string>& required);

    // Position of name number `i`, or -1 if the file lacks it.
    int at(std::size_t i) const {
        return found_[i].empty() ? -1 : found_[i].front();
    }
    bool has(std::size_t i) const { return !found_[i].empty(); }
    int at(Column c) const { return at(static_cast<std::size_t>(c)); }
    bool has(Column c) const { return has(static_cast<std::size_t>(c)); }
    // Every position of name number `i`, in the order its headers are
    // wanted: a row whose first is empty falls back to the next ("Number",
    // else "id").
    const std::vector<int>& all(std::size_t i) const { return found_[i]; }
    const std::vector<int>& all(Column c) const {
        return all(static_cast<std::size_t>(c));
    }
    // Fields in the header.
    std::size_t width() const { return width_; }

private:
    std::vector<std::vector<int>> found_;
    std::size_t width_ = 0;
};

// True if `header` (as written in a file) names `wanted`: equal ignoring
// case, surrounding spaces and a leading '*'.
bool header_matches(std::string_view header, std::string_view wanted);

} // namespace dunn::importer
