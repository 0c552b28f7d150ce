#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

// POSIX file plumbing with the syncs that make writes survive a crash.
// Failures throw util::Error naming the path and the system's reason.
namespace dunn::util {

namespace fs = std::filesystem;

// An open file descriptor, closed on destruction.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& o) noexcept : fd_(o.release()) {}
    Fd& operator=(Fd&& o) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();

    int get() const { return fd_; }
    int release();
    explicit operator bool() const { return fd_ >= 0; }

private:
    int fd_ = -1;
};

// Creates `path` exclusively (it must not exist) with the given mode.
// Throws ExitCode::cant_create.
Fd create_exclusive(const fs::path& path, unsigned mode);
void write_all(const Fd& fd, std::string_view data, const fs::path& path);
// Forces the file's data to disk (fdatasync). Throws ExitCode::io.
void sync_file(const Fd& fd, const fs::path& path);
// Forces a directory's entries (creations, renames) to disk.
void sync_directory(const fs::path& dir);

// Renames `from` to `to` unless `to` exists; returns false if it does.
// Atomic: a reader sees either no `to` or the whole file.
bool rename_no_replace(const fs::path& from, const fs::path& to);

// Writes a new file whole or not at all: temporary file, sync, rename.
// Returns false, writing nothing, if `path` already exists.
bool write_new_file(const fs::path& path, std::string_view content,
                    unsigned mode);

// Reads a whole file. A missing or unreadable file throws
// ExitCode::no_input; `what` names it in the message ("config file").
std::string read_file(const fs::path& path, std::string_view what);

// Creates a directory (and its parents) readable by the owner only, if
// missing. Throws ExitCode::cant_create.
void make_private_directory(const fs::path& dir);

// An exclusive advisory lock (flock) on a file or directory, held while
// the object lives and released by the kernel if the process dies.
class Lock {
public:
    // Returns nothing if another process holds the lock.
    static std::optional<Lock> try_acquire(const fs::path& path);

private:
    explicit Lock(Fd fd) : fd_(std::move(fd)) {}
    Fd fd_;
};

} // namespace dunn::util
