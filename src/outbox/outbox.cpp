#include "outbox/outbox.hpp"

#include "util/error.hpp"
#include "util/hash.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace dunn::outbox {

namespace {

using util::Error;
using util::ExitCode;

// File names stay well under the 255 bytes most file systems allow.
constexpr std::size_t max_invoice_part = 150;
constexpr std::size_t max_customer_part = 100;

bool is_safe(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.';
}

std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (is_safe(c))
            out += c;
        else
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
    return out;
}

// The first `keep` bytes or fewer of an escaped name, never cutting a %XX.
std::string cut(const std::string& escaped, std::size_t keep) {
    if (escaped.size() <= keep)
        return escaped;
    while (keep > 0 &&
           (escaped[keep - 1] == '%' || (keep > 1 && escaped[keep - 2] == '%')))
        --keep;
    return escaped.substr(0, keep);
}

std::string invoice_part(std::string_view invoice) {
    std::string out = escape(invoice);
    if (out.size() <= max_invoice_part)
        return out;
    // Cut, then add what makes the name unique. '+' is always escaped, so
    // a cut name never equals a whole one.
    return fmt::format("{}+{:016x}", cut(out, max_invoice_part - 17),
                       util::fnv1a64(invoice));
}

constexpr std::string_view temp_prefix = ".";
constexpr std::string_view temp_suffix = ".tmp";
constexpr std::string_view final_suffix = ".eml";

} // namespace

std::string Outbox::file_name(util::Date date, std::string_view invoice,
                              std::string_view level) {
    return fmt::format("{}_{}_{}{}", util::format_date(date),
                       invoice_part(invoice), escape(level), final_suffix);
}

std::string Outbox::letter_name(util::Date date, std::string_view customer,
                                std::string_view customer_key,
                                std::string_view level) {
    return fmt::format("{}_{}+{:08x}_{}{}", util::format_date(date),
                       cut(escape(customer), max_customer_part),
                       util::fnv1a64(customer_key) & 0xffffffffULL,
                       escape(level), final_suffix);
}

std::string Outbox::temp_name(const std::string& name) {
    std::string stem = name.substr(0, name.size() - final_suffix.size());
    return fmt::format("{}{}{}", temp_prefix, stem, temp_suffix);
}

void Outbox::create() {
    util::make_private_directory(dir_);
}

std::optional<util::Lock> Outbox::lock() {
    return util::Lock::try_acquire(dir_);
}

Outbox::Recovered
Outbox::recover(const std::function<bool(const std::string&)>& is_recorded) {
    Recovered result;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir_)) {
        std::string temp = entry.path().filename().string();
        bool ours = temp.size() > temp_prefix.size() + temp_suffix.size() &&
                    temp.starts_with(temp_prefix) &&
                    temp.ends_with(temp_suffix);
        if (!ours || !entry.is_regular_file())
            continue;

        std::string name =
            temp.substr(temp_prefix.size(),
                        temp.size() - temp_prefix.size() - temp_suffix.size()) +
            std::string(final_suffix);
        if (is_recorded(name) && !contains(name)) {
            publish(name);
            ++result.completed;
        } else {
            discard(name);
            ++result.discarded;
        }
    }
    if (result.completed + result.discarded > 0)
        sync();
    return result;
}

bool Outbox::contains(const std::string& name) const {
    std::error_code ec;
    return fs::exists(dir_ / name, ec);
}

void Outbox::stage(const std::string& name, std::string_view content) {
    fs::path temp = dir_ / temp_name(name);
    // A stale temporary file of the same name can only come from a run
    // that was interrupted before recording it; recover() removes those,
    // so one here means a concurrent writer ignoring the lock.
    util::Fd fd = util::create_exclusive(temp, 0600);
    util::write_all(fd, content, temp);
    util::sync_file(fd, temp);
}

void Outbox::sync() {
    util::sync_directory(dir_);
}

void Outbox::publish(const std::string& name) {
    fs::path temp = dir_ / temp_name(name);
    if (!util::rename_no_replace(temp, dir_ / name))
        throw Error(ExitCode::cant_create,
                    fmt::format("{} already exists; dunn never overwrites a "
                                "reminder in the outbox",
                                (dir_ / name).string()));
}

void Outbox::discard(const std::string& name) {
    ::unlink((dir_ / temp_name(name)).c_str());
}

} // namespace dunn::outbox
