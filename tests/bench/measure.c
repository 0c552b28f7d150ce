/* Runs a command and reports what it cost: wall time, CPU time and peak
 * resident memory.
 *
 * Usage: measure REPORT COMMAND [ARG...]
 *
 * Writes "wall_s user_s system_s max_rss_kb" to the file REPORT and exits
 * as the command did. The benchmark runs every command through this small
 * program rather than straight from Python because Linux carries a
 * process's peak RSS across fork and exec: a child of the Python
 * interpreter would report the interpreter's memory if it exceeds its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double seconds(struct timeval t) {
    return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: measure REPORT COMMAND [ARG...]\n");
        return 64;
    }
    double start = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 71;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "measure: cannot run %s: %s\n", argv[2],
                strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) {
        perror("measure: wait4");
        return 71;
    }
    double wall = now() - start;

    FILE *report = fopen(argv[1], "w");
    if (!report) {
        perror("measure: cannot write the report");
        return 73;
    }
    fprintf(report, "%.6f %.6f %.6f %ld\n", wall, seconds(usage.ru_utime),
            seconds(usage.ru_stime), usage.ru_maxrss);
    fclose(report);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
