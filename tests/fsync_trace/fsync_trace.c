// Records the calls that decide what survives a power loss, for
// tests/blackbox/test_fsync_order.py: each fsync and fdatasync with the
// path it synced, each rename and link with both paths. Preloaded into
// dunn with LD_PRELOAD; lines go to the file $DUNN_FSYNC_LOG in the order
// the calls returned, and only calls that succeeded are recorded.

#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void record(const char* kind, const char* a, const char* b) {
    const char* log = getenv("DUNN_FSYNC_LOG");
    if (log == NULL)
        return;
    char line[8192];
    int n = snprintf(line, sizeof line, "%s\t%s\t%s\n", kind, a, b ? b : "");
    if (n <= 0 || (size_t)n >= sizeof line)
        return;
    // Opened per call: a descriptor kept open could be closed or reused
    // by the program under test.
    int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    ssize_t written = write(fd, line, (size_t)n);
    (void)written;
    close(fd);
}

static void record_fd(const char* kind, int fd) {
    char link[64];
    char path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n < 0)
        return;
    path[n] = '\0';
    record(kind, path, NULL);
}

static void* real(const char* name) {
    return dlsym(RTLD_NEXT, name);
}

int fsync(int fd) {
    int (*next)(int) = (int (*)(int))real("fsync");
    int result = next(fd);
    if (result == 0)
        record_fd("sync", fd);
    return result;
}

int fdatasync(int fd) {
    int (*next)(int) = (int (*)(int))real("fdatasync");
    int result = next(fd);
    if (result == 0)
        record_fd("sync", fd);
    return result;
}

int rename(const char* from, const char* to) {
    int (*next)(const char*, const char*) =
        (int (*)(const char*, const char*))real("rename");
    int result = next(from, to);
    if (result == 0)
        record("rename", from, to);
    return result;
}

int renameat(int from_dir, const char* from, int to_dir, const char* to) {
    int (*next)(int, const char*, int, const char*) =
        (int (*)(int, const char*, int, const char*))real("renameat");
    int result = next(from_dir, from, to_dir, to);
    if (result == 0)
        record("rename", from, to);
    return result;
}

int renameat2(int from_dir, const char* from, int to_dir, const char* to,
              unsigned int flags) {
    int (*next)(int, const char*, int, const char*, unsigned int) =
        (int (*)(int, const char*, int, const char*, unsigned int))real(
            "renameat2");
    int result = next(from_dir, from, to_dir, to, flags);
    if (result == 0)
        record("rename", from, to);
    return result;
}

int link(const char* from, const char* to) {
    int (*next)(const char*, const char*) =
        (int (*)(const char*, const char*))real("link");
    int result = next(from, to);
    if (result == 0)
        record("rename", from, to);
    return result;
}
