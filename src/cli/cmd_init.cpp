#include "cli/commands.hpp"
#include "policy/defaults.hpp"
#include "util/file.hpp"

namespace dunn::cli {

// Writes the embedded defaults out for the shopkeeper to edit. An existing
// file is kept as it is: init can be rerun to restore a deleted template.
util::ExitCode cmd_init(Session& session, const InitOptions& o) {
    const util::Log& log = session.log();
    fs::path dir(o.dir);
    util::make_private_directory(dir);

    int written = 0;
    for (const policy::EmbeddedFile& file : policy::embedded_files()) {
        // Presets are built in, not the shop's to edit.
        if (file.name.starts_with("presets/"))
            continue;
        fs::path path = (dir / file.name).lexically_normal();
        util::make_private_directory(path.parent_path());
        if (util::write_new_file(path, file.content, 0600)) {
            log.info("wrote {}", path.string());
            ++written;
        } else {
            log.info("kept {} (it exists)", path.string());
        }
    }
    if (written > 0)
        log.info("Edit {} (sender, levels) and the templates, then run "
                 "'dunn import invoices.csv'.",
                 (dir / "dunn.toml").lexically_normal().string());
    return util::ExitCode::ok;
}

} // namespace dunn::cli
