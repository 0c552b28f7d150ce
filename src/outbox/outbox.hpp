#pragma once

#include "util/date.hpp"
#include "util/file.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace dunn::outbox {

namespace fs = std::filesystem;

// The folder of .eml files that mail software sends from. dunn writes each
// email whole or not at all: first as a hidden temporary file
// (".<name>.tmp", never ending in .eml), synced to disk, and renamed to
// its final name only after the ledger has recorded the step. See
// docs/architecture.md for the whole exactly-once protocol.
class Outbox {
public:
    explicit Outbox(fs::path dir) : dir_(std::move(dir)) {}

    const fs::path& dir() const { return dir_; }

    // "2026-10-31_RE-2026%2F0042_friendly.eml": date, invoice, level.
    // Deterministic and safe for any invoice number: every byte outside
    // [A-Za-z0-9.-] is written as %XX, so no number can leave the folder,
    // hide the file or collide with another number; very long numbers are
    // cut and end in a hash of the whole number.
    static std::string file_name(util::Date date, std::string_view invoice,
                                 std::string_view level);

    // A letter to one customer: "2026-10-31_M%C3%BCller+1f2e..._second.eml",
    // date, the customer's name or id (escaped as above, cut to 100 bytes),
    // "+" and a hash of `customer_key`, which makes it unique, and level.
    // An invoice's name has a "+" only when cut, followed by a longer hash
    // after a longer name, so letters and invoices never share a name.
    static std::string letter_name(util::Date date, std::string_view customer,
                                   std::string_view customer_key,
                                   std::string_view level);

    // Creates the folder (readable by the owner only) if it is missing.
    void create();

    // Locks the folder against a second `dunn run`; nothing if another
    // process holds it.
    std::optional<util::Lock> lock();

    struct Recovered {
        int completed = 0; // recorded steps whose email is now in place
        int discarded = 0; // unrecorded emails removed
    };
    // Finishes what an interrupted run left: a temporary file whose step
    // `is_recorded` is renamed to its final name, any other is deleted.
    // Call with the lock held.
    Recovered
    recover(const std::function<bool(const std::string&)>& is_recorded);

    // True if `name` is already in the folder.
    bool contains(const std::string& name) const;
    // Writes `content` to the temporary file for `name` and syncs it.
    void stage(const std::string& name, std::string_view content);
    // Syncs the folder itself, so staged or published names survive a
    // crash.
    void sync();
    // Renames the staged file to `name`. Never replaces an existing file.
    void publish(const std::string& name);
    // Deletes the staged file for `name`, if there is one.
    void discard(const std::string& name);

    static std::string temp_name(const std::string& name);

private:
    fs::path dir_;
};

} // namespace dunn::outbox
