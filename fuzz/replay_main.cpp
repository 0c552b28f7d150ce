// Runs a fuzz target's entry function over saved inputs, without
// libFuzzer: the test suite replays each target's seed corpus and every
// input that once made it fail (fuzz/regressions/), with any compiler.
// Usage: <target>_replay FILE_OR_DIR...

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size);

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputs(const fs::path& arg) {
    std::vector<fs::path> files;
    if (!fs::is_directory(arg))
        return {arg};
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(arg))
        if (e.is_regular_file())
            files.push_back(e.path());
    // A fixed order, so a failure is reproduced the same way.
    std::sort(files.begin(), files.end());
    return files;
}

void replay(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", file.c_str());
        std::exit(2);
    }
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
    // Named before the call: a finding aborts without a word on which file.
    std::fprintf(stderr, "%s\n", file.c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                           bytes.size());
}

} // namespace

int main(int argc, char** argv) {
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
        if (!fs::exists(argv[i]))
            continue; // a target may have no regressions yet
        for (const fs::path& file : inputs(argv[i])) {
            replay(file);
            ++count;
        }
    }
    std::printf("replayed %zu inputs\n", count);
    return count > 0 ? 0 : 1;
}
