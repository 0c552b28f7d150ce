#include "util/file.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <random>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dunn::util {

namespace {

[[noreturn]] void fail(ExitCode code, std::string_view doing,
                       const fs::path& path, int err) {
    throw Error(code, fmt::format("cannot {} {}: {}", doing, path.string(),
                                  std::strerror(err)));
}

} // namespace

Fd& Fd::operator=(Fd&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = o.release();
    }
    return *this;
}

Fd::~Fd() {
    if (fd_ >= 0)
        ::close(fd_);
}

int Fd::release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
}

Fd create_exclusive(const fs::path& path, unsigned mode) {
    int fd =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        fail(ExitCode::cant_create, "create", path, errno);
    return Fd(fd);
}

void write_all(const Fd& fd, std::string_view data, const fs::path& path) {
    while (!data.empty()) {
        ssize_t n = ::write(fd.get(), data.data(), data.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(ExitCode::io, "write", path, errno);
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void sync_file(const Fd& fd, const fs::path& path) {
    if (::fdatasync(fd.get()) != 0)
        fail(ExitCode::io, "sync", path, errno);
}

void sync_directory(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd)
        fail(ExitCode::io, "open directory", dir, errno);
    if (::fsync(fd.get()) != 0)
        fail(ExitCode::io, "sync directory", dir, errno);
}

bool rename_no_replace(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(),
                    RENAME_NOREPLACE) == 0)
        return true;
    if (errno == EEXIST)
        return false;
    if (errno != EINVAL && errno != ENOSYS)
        fail(ExitCode::cant_create, "rename to", to, errno);

    // Some file systems lack renameat2 flags; a hard link then an unlink
    // gives the same no-replace guarantee.
    if (::link(from.c_str(), to.c_str()) != 0) {
        if (errno == EEXIST)
            return false;
        fail(ExitCode::cant_create, "link to", to, errno);
    }
    ::unlink(from.c_str());
    return true;
}

bool write_new_file(const fs::path& path, std::string_view content,
                    unsigned mode) {
    if (fs::exists(path))
        return false;
    std::random_device random;
    fs::path temp =
        path.parent_path() /
        fmt::format(".{}.{:08x}.tmp", path.filename().string(), random());
    {
        Fd fd = create_exclusive(temp, mode);
        write_all(fd, content, temp);
        sync_file(fd, temp);
    }
    bool renamed = rename_no_replace(temp, path);
    if (!renamed)
        ::unlink(temp.c_str());
    sync_directory(path.parent_path().empty() ? fs::path(".")
                                              : path.parent_path());
    return renamed;
}

std::string read_file(const fs::path& path, std::string_view what) {
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Error(ExitCode::no_input,
                    fmt::format("{} {} is a directory, not a file", what,
                                path.string()));
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        fail(ExitCode::no_input, fmt::format("read {}", what), path, errno);

    std::string text;
    char buffer[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(ExitCode::io, fmt::format("read {}", what), path, errno);
        if (n == 0)
            return text;
        text.append(buffer, static_cast<std::size_t>(n));
    }
}

void make_private_directory(const fs::path& dir) {
    std::error_code ec;
    if (dir.empty() || fs::is_directory(dir, ec))
        return;
    if (dir.parent_path() != dir)
        make_private_directory(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        fail(ExitCode::cant_create, "create directory", dir, errno);
    if (!fs::is_directory(dir, ec))
        throw Error(
            ExitCode::cant_create,
            fmt::format("{} exists but is not a directory", dir.string()));
}

std::optional<Lock> Lock::try_acquire(const fs::path& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        fail(ExitCode::cant_create, "open for locking", path, errno);
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            return std::nullopt;
        fail(ExitCode::io, "lock", path, errno);
    }
    return Lock(std::move(fd));
}

} // namespace dunn::util
