/* Preloaded only while the benchmark sets up a ledger, never while it
 * measures: turns fsync and fdatasync into no-ops, so that the first run
 * that brings a million-invoice ledger to "nothing due" does not spend
 * half an hour waiting for the disk. The ledger and outbox it leaves are
 * the same as with syncs; only their durability against a power cut,
 * irrelevant to a benchmark, is given up.
 *
 * Build: cc -shared -fPIC -o nosync.so nosync.c
 */
int fsync(int fd) {
    (void)fd;
    return 0;
}

int fdatasync(int fd) {
    (void)fd;
    return 0;
}
