#include "importer/detect.hpp"

#include "importer/column_map.hpp"
#include "importer/source.hpp"
#include "policy/config.hpp"
#include "policy/defaults.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace dunn::importer {

namespace {

PresetFit fit(const std::string& preset,
              const std::vector<std::string>& header) {
    PresetFit f{preset, 0, {}, {}};
    for (const std::string& want : policy::preset_headers(preset).identifying) {
        bool present = std::any_of(
            header.begin(), header.end(),
            [&](const std::string& h) { return header_matches(h, want); });
        if (!present)
            f.missing.push_back(want);
        else
            ++f.found;
    }

    // The mapping the preset would use on this file.
    policy::Config config = policy::parse_config("", "preset", ".", preset);
    auto map =
        ColumnMap::find(header, column_names(), config.import.columns, {});
    for (std::size_t c = 0; map && c < column_names().size(); ++c)
        if (map->has(c))
            f.mapping.emplace_back(
                column_names()[c],
                header[static_cast<std::size_t>(map->at(c))]);
    return f;
}

} // namespace

std::vector<PresetFit> fit_presets(const std::vector<std::string>& header) {
    std::vector<PresetFit> fits;
    for (const std::string& name : policy::preset_names())
        fits.push_back(fit(name, header));
    std::stable_sort(fits.begin(), fits.end(),
                     [](const PresetFit& a, const PresetFit& b) {
                         return std::make_pair(b.found, a.missing.size()) <
                                std::make_pair(a.found, b.missing.size());
                     });
    return fits;
}

bool is_plain_format(const std::vector<std::string>& header) {
    policy::Config plain = policy::parse_config("", "defaults", ".");
    return ColumnMap::find(header, column_names(), plain.import.columns,
                           {"invoice", "customer", "email", "amount", "due"})
        .ok();
}

std::vector<std::string> read_header(const std::string& file) {
    policy::ImportFormat any; // UTF-8, delimiter detected
    Source source(file, any);
    CsvRecord record;
    if (!source.next(record) || source.empty_input() || !record.error.empty())
        throw util::Error(util::ExitCode::data,
                          fmt::format("{}:1: no header row to recognise",
                                      source.display_name()));
    return record.fields;
}

} // namespace dunn::importer
