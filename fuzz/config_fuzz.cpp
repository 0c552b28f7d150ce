// Fuzzes the config loader on any text. It must return a config that
// keeps the documented rules, or refuse with util::Error (ExitCode::config)
// naming the place. A crash, a sanitizer report, any other exception
// (toml11's own types, std::out_of_range, ...) or an accepted config that
// breaks a rule is a finding.

#include "fuzz_check.hpp"
#include "importer/column_map.hpp"
#include "mail/address.hpp"
#include "policy/config.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cstdint>
#include <string_view>

namespace {

using namespace dunn;
using fuzz::check;

// docs/configuration.md: what a config dunn accepts always satisfies.
void check_config(const policy::Config& c) {
    check(mail::is_valid_address(c.sender.email), "accepted a bad sender",
          c.sender.email);
    check(!util::has_control_char(c.sender.name),
          "accepted a sender name with a control character", c.sender.name);
    const policy::Policy& p = c.policy;
    check(!p.levels.empty(), "accepted a config without levels");
    for (std::size_t i = 0; i < p.levels.size(); ++i) {
        const policy::Level& l = p.levels[i];
        check(!l.name.empty() && !l.template_name.empty(),
              "accepted an empty level or template name");
        check(l.after_days >= 0, "accepted negative after_days");
        check(i == 0 || l.after_days > p.levels[i - 1].after_days,
              "accepted levels not in increasing after_days");
        for (char ch : l.name + l.template_name)
            check(ch == '-' || ch == '_' ||
                      (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                      (ch >= 'A' && ch <= 'Z'),
                  "accepted a level or template name unfit for a file name",
                  l.name + " " + l.template_name);
    }
    check(p.min_days_between >= 0, "accepted negative min_days_between");
    check(p.min_amount.minor() >= 0, "accepted a negative min_amount");
    check(p.currency.size() == 3, "accepted a bad currency", p.currency);
    check(c.import.decimal == '.' || c.import.decimal == ',',
          "accepted a bad decimal mark");
    check(c.import.columns.size() == importer::column_names().size(),
          "a column has no mapping");
    for (const auto& [name, headers] : c.import.columns) {
        check(!headers.empty(), "a column maps to no header", name);
        for (const std::string& header : headers)
            check(!util::trim(header).empty(),
                  "accepted an empty column header", name);
    }
    check(!c.ledger.empty() && !c.outbox.empty() && !c.templates_dir.empty(),
          "accepted an empty path");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    policy::Config config;
    try {
        config = policy::parse_config(text, "fuzz.toml", "/base");
    } catch (const util::Error& e) {
        check(e.code() == util::ExitCode::config,
              "a config error with another exit code", e.what());
        return 0;
    } catch (const std::exception& e) {
        fuzz::finding("an exception other than util::Error", e.what());
    }
    check_config(config);
    return 0;
}
