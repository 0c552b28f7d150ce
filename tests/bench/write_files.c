/* The reference for `dunn run`: writes COUNT files of SIZE bytes into DIR
 * the way a careful C program would, with nothing else to do.
 *
 * Usage: write_files DIR COUNT SIZE sync|nosync
 *
 * Each file is written under a hidden temporary name and renamed to its
 * final ".eml" name, as dunn does. "sync" makes the files crash-safe with
 * the fewest syncs that can: each file is fsynced before its rename, and
 * the folder once at the end. "nosync" is the same loop without any sync:
 * the floor, what the file system costs at all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void die(const char *what, const char *path) {
    fprintf(stderr, "write_files: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

/* Text lines of printable ASCII, like an email body. */
static void fill(char *buf, size_t size) {
    for (size_t i = 0; i < size; ++i)
        buf[i] = (i % 72 == 71) ? '\n' : (char)('a' + i % 26);
}

static void write_one(const char *dir, long i, const char *buf, size_t size,
                      int sync) {
    char temp[4096], name[4096];
    snprintf(temp, sizeof temp, "%s/.2026-12-01_INV-%07ld_friendly.tmp", dir,
             i);
    snprintf(name, sizeof name, "%s/2026-12-01_INV-%07ld_friendly.eml", dir,
             i);
    int fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        die("cannot create", temp);
    for (size_t done = 0; done < size;) {
        ssize_t n = write(fd, buf + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            die("cannot write", temp);
        done += (size_t)n;
    }
    if (sync && fsync(fd) != 0)
        die("cannot sync", temp);
    if (close(fd) != 0)
        die("cannot close", temp);
    if (rename(temp, name) != 0)
        die("cannot rename", temp);
}

int main(int argc, char **argv) {
    if (argc != 5 || (strcmp(argv[4], "sync") && strcmp(argv[4], "nosync"))) {
        fprintf(stderr, "usage: write_files DIR COUNT SIZE sync|nosync\n");
        return 64;
    }
    const char *dir = argv[1];
    long count = atol(argv[2]);
    size_t size = (size_t)atol(argv[3]);
    int sync = strcmp(argv[4], "sync") == 0;

    char *buf = malloc(size ? size : 1);
    if (!buf)
        die("out of memory for", dir);
    fill(buf, size);
    for (long i = 1; i <= count; ++i)
        write_one(dir, i, buf, size, sync);

    if (sync) {
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0 || fsync(fd) != 0)
            die("cannot sync", dir);
        close(fd);
    }
    free(buf);
    return 0;
}
