// Importing customer lists: contacts (email, phone, language, kind) for
// invoice exports that carry only a customer number or name.

#include "dunning/schedule.hpp"
#include "importer/column_map.hpp"
#include "importer/importer.hpp"
#include "importer/invoice_row.hpp"
#include "importer/source.hpp"
#include "mail/address.hpp"
#include "util/hash.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace dunn::importer {

namespace {

using ledger::Customer;

std::string_view field(const CsvRecord& r, const ColumnMap& map,
                       CustomerColumn c) {
    std::size_t i = static_cast<std::size_t>(c);
    return map.has(i)
               ? util::trim(r.fields[static_cast<std::size_t>(map.at(i))])
               : std::string_view();
}

// The customer a record describes, or the problems with it.
Customer read_customer(const CsvRecord& r, const ColumnMap& map,
                       std::vector<std::string>& problems) {
    Customer c;
    c.customer_id =
        util::collapse_controls(field(r, map, CustomerColumn::customer_id));
    c.name = util::collapse_controls(field(r, map, CustomerColumn::customer));
    c.email = field(r, map, CustomerColumn::email);
    std::string_view phone = field(r, map, CustomerColumn::phone);
    if (!phone.empty() && phone.front() == '\'')
        phone = util::trim(phone.substr(1));
    c.phone = util::collapse_controls(phone);
    c.language = field(r, map, CustomerColumn::language);
    c.kind = util::to_lower(field(r, map, CustomerColumn::kind));

    if (c.customer_id.empty() && c.name.empty())
        problems.push_back("columns 'customer_id' and 'customer' are both "
                           "empty; a customer needs one of them");
    if (!c.email.empty() && !mail::is_valid_address(c.email))
        problems.push_back(
            fmt::format("column 'email': {} is not an email address like "
                        "name@example.com",
                        util::quoted(c.email)));
    if (c.kind != "" && c.kind != "b2b" && c.kind != "b2c")
        problems.push_back(fmt::format("column 'kind': {} is neither b2b (a "
                                       "business) nor b2c (a consumer)",
                                       util::quoted(c.kind)));
    bool plain = c.language.size() <= 16 &&
                 std::all_of(c.language.begin(), c.language.end(), [](char ch) {
                     return std::isalnum(static_cast<unsigned char>(ch)) ||
                            ch == '-' || ch == '_';
                 });
    if (!plain)
        problems.push_back(fmt::format("column 'language': {} is not a "
                                       "language tag like \"en\" or \"de\"",
                                       util::quoted(c.language)));
    return c;
}

// "customer C-17: email "a@x.de" -> "b@x.de", phone "" -> "+49 30 1"".
std::string describe_change(const Customer& from, const Customer& to) {
    std::string out = fmt::format(
        "customer {}:", to.customer_id.empty() ? to.name : to.customer_id);
    const std::string Customer::*fields[] = {
        &Customer::name, &Customer::email, &Customer::phone,
        &Customer::language, &Customer::kind};
    const char* names[] = {"name", "email", "phone", "language", "kind"};
    const char* sep = " ";
    for (std::size_t i = 0; i < std::size(fields); ++i) {
        if (from.*fields[i] == to.*fields[i])
            continue;
        out += fmt::format("{}{} {} -> {}", sep, names[i],
                           util::quoted(from.*fields[i]),
                           util::quoted(to.*fields[i]));
        sep = ", ";
    }
    return out;
}

bool check_text(const CsvRecord& r, std::vector<std::string>& problems) {
    for (std::size_t i = 0; i < r.fields.size(); ++i)
        if (r.fields[i].find('\0') != std::string::npos ||
            !util::is_valid_utf8(r.fields[i]))
            problems.push_back(fmt::format(
                "field {} is not valid text in the file's encoding", i + 1));
    return problems.empty();
}

class CustomerImport {
public:
    CustomerImport(ledger::Ledger& ledger, const policy::Config& config,
                   const std::vector<std::string>& files, ImportMode mode)
        : ledger_(ledger), config_(config), files_(files), mode_(mode) {}

    ImportReport run();

private:
    void read_file(const std::string& name);
    void store(Customer c, const std::string& place);
    void error(const std::string& place, const std::string& what) {
        report_.errors.push_back(fmt::format("{}: {}", place, what));
    }

    ledger::Ledger& ledger_;
    const policy::Config& config_;
    const std::vector<std::string>& files_;
    ImportMode mode_;
    ImportReport report_;
    // Key -> (place, hash): customer lists are small enough to keep.
    std::map<std::string, std::pair<std::string, std::uint64_t>> seen_;
};

void CustomerImport::read_file(const std::string& name) {
    Source source(name, config_.customers);
    CsvRecord record;
    auto place = [&] {
        return fmt::format("{}:{}", source.display_name(), record.line);
    };
    if (!source.next(record) || source.empty_input()) {
        error(source.display_name() + ":1",
              "the file is empty; it needs a header row");
        return;
    }
    if (!record.error.empty())
        return error(place(), record.error);
    auto map =
        ColumnMap::find(record.fields, customer_column_names(),
                        config_.customers.columns, {"customer_id|customer"});
    if (!map)
        return error(place(), map.error());

    while (source.next(record)) {
        if (!record.error.empty()) {
            error(place(), record.error);
            continue;
        }
        if (is_blank_record(record))
            continue;
        std::vector<std::string> problems;
        if (record.fields.size() != map->width())
            problems.push_back(
                fmt::format("the row has {} fields, the header has {}",
                            record.fields.size(), map->width()));
        else if (check_text(record, problems))
            store(read_customer(record, *map, problems), place());
        for (const std::string& p : problems)
            error(place(), p);
    }
}

void CustomerImport::store(Customer c, const std::string& place) {
    std::string key =
        c.customer_id.empty() ? "name:" + c.name : "id:" + c.customer_id;
    std::uint64_t hash = util::fnv1a64(
        fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", c.customer_id, c.name,
                    c.email, c.phone, c.language, c.kind));
    auto [it, fresh] = seen_.emplace(key, std::make_pair(place, hash));
    if (!fresh) {
        if (it->second.second != hash)
            error(place, fmt::format("this customer is also on {}, with "
                                     "different data",
                                     it->second.first));
        return;
    }

    c.source = place;
    std::optional<Customer> old = ledger_.find_customer(c.customer_id, c.name);
    if (!old) {
        ledger_.insert_customer(c);
        ++report_.added;
    } else if (old->same_contact(c)) {
        ++report_.unchanged;
    } else {
        c.id = old->id;
        ledger_.update_customer(c);
        ++report_.changed;
        report_.changes.push_back(describe_change(*old, c));
    }
}

ImportReport CustomerImport::run() {
    ledger::Ledger::Transaction transaction(ledger_);
    for (const std::string& f : files_)
        read_file(f);
    if (!report_.errors.empty() || mode_ == ImportMode::dry_run)
        return report_;

    ledger_.link_invoices_to_customers();
    // A customer's kind (b2b) may change what an invoice owes, and so, under
    // BGB 367, when it is next due.
    dunning::invalidate_schedule(ledger_);
    transaction.commit();
    return report_;
}

} // namespace

ImportReport import_customers(ledger::Ledger& ledger,
                              const std::vector<std::string>& files,
                              const policy::Config& config,
                              const ImportOptions& options) {
    return CustomerImport(ledger, config, files, options.mode).run();
}

} // namespace dunn::importer
