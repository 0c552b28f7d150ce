// The Ledger's customer queries: contacts from customer lists, which fill
// in what invoice rows leave empty (see INVOICE_COLUMNS in ledger.cpp).

#include "ledger/ledger.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace dunn::ledger {

namespace {

Customer read_customer(SQLite::Statement& s) {
    return {s.getColumn(0).getInt64(),  s.getColumn(1).getString(),
            s.getColumn(2).getString(), s.getColumn(3).getString(),
            s.getColumn(4).getString(), s.getColumn(5).getString(),
            s.getColumn(6).getString(), s.getColumn(7).getString()};
}

void bind_customer(SQLite::Statement& s, const Customer& c) {
    s.bind(":customer_id", c.customer_id);
    s.bind(":name", c.name);
    s.bind(":email", c.email);
    s.bind(":phone", c.phone);
    s.bind(":language", c.language);
    s.bind(":kind", c.kind);
    s.bind(":source", c.source);
}

} // namespace

std::optional<Customer> Ledger::find_customer(const std::string& customer_id,
                                              const std::string& name) {
    auto& s = customer_id.empty()
                  ? statement("SELECT id, customer_id, name, email, phone, "
                              "language, kind, source FROM customers "
                              "WHERE name = :key ORDER BY id LIMIT 1")
                  : statement("SELECT id, customer_id, name, email, phone, "
                              "language, kind, source FROM customers "
                              "WHERE customer_id = :key");
    s.bind(":key", customer_id.empty() ? name : customer_id);
    if (!s.executeStep())
        return std::nullopt;
    return read_customer(s);
}

bool Ledger::has_customers() {
    auto& s = statement("SELECT EXISTS (SELECT 1 FROM customers)");
    s.executeStep();
    return s.getColumn(0).getInt() != 0;
}

std::int64_t Ledger::insert_customer(const Customer& c) {
    auto& s = statement("INSERT INTO customers (customer_id, name, email, "
                        "phone, language, kind, source) VALUES "
                        "(:customer_id, :name, :email, :phone, :language, "
                        ":kind, :source)");
    bind_customer(s, c);
    s.exec();
    return db_->getLastInsertRowid();
}

void Ledger::update_customer(const Customer& c) {
    auto& s = statement("UPDATE customers SET customer_id = :customer_id, "
                        "name = :name, email = :email, phone = :phone, "
                        "language = :language, kind = :kind, "
                        "source = :source WHERE id = :id");
    bind_customer(s, c);
    s.bind(":id", c.id);
    s.exec();
}

void Ledger::link_invoices_to_customers() {
    // Two indexed lookups rather than one OR, which SQLite could not index.
    db_->exec("UPDATE invoices SET customer_ref = CASE "
              "WHEN customer_id <> '' THEN (SELECT c.id FROM customers c "
              "  WHERE c.customer_id = invoices.customer_id) "
              "ELSE (SELECT c.id FROM customers c "
              "  WHERE c.name = invoices.customer ORDER BY c.id LIMIT 1) "
              "END");
}

} // namespace dunn::ledger
