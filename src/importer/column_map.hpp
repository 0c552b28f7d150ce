#pragma once

#include "policy/policy.hpp"
#include "util/expected.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace dunn::importer {

// The columns dunn reads. Their names are public: they are the default
// headers and the keys of [import.columns].
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
};
inline constexpr std::size_t column_count = 11;

std::string_view column_name(Column c);
bool is_required(Column c);

// Where each dunn column is in a file's records.
struct ColumnMap {
    std::array<int, column_count> index{}; // -1 if the file lacks it
    std::size_t width = 0;                 // fields in the header

    int at(Column c) const { return index[static_cast<std::size_t>(c)]; }
    bool has(Column c) const { return at(c) >= 0; }
};

// Finds dunn's columns in a header row by the names in `format.columns`,
// ignoring case and surrounding spaces. Fails, saying which required
// columns are missing and how to map them, or which header appears twice.
util::Expected<ColumnMap> map_columns(const std::vector<std::string>& header,
                                      const policy::ImportFormat& format);

} // namespace dunn::importer
