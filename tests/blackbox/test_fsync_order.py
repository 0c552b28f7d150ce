"""The order of syncs that makes a power loss safe, as dunn really issues
them. A kill cannot test this (the kernel still writes what a killed
process wrote); a missing or misplaced fsync would pass every crash test.

tests/fsync_trace/fsync_trace.c, preloaded into dunn, logs each fsync or
fdatasync with the path synced and each rename. For every email a run
publishes, the log must show, in this order (docs/reliability.md):

  1. its temporary file synced,
  2. the outbox folder synced (the temporary name is durable),
  3. the ledger's write-ahead log synced (the step is committed),
  4. the rename to the final name,
  5. the outbox folder synced again (the final name is durable).

`dunn init` must sync each file before renaming it into place and sync
the folder after. The checker itself is shown to fail on a log with a sync
taken out. Skipped unless ctest passes the library as $DUNN_FSYNC_TRACE.
"""
import os
import subprocess
import unittest
from pathlib import Path

from crashkit import clean_env, dunn, generate_invoices
from dunntest import DUNN, DunnTest

TRACE = os.environ.get("DUNN_FSYNC_TRACE")


def read_log(log, folder):
    """(kind, path, second path or None) per logged call, with paths made
    absolute and free of symbolic links (relative ones are from `folder`,
    where dunn ran)."""
    def absolute(path):
        return Path(os.path.realpath(folder / path)) if path else None

    events = []
    for line in Path(log).read_text().splitlines():
        kind, first, second = line.split("\t")
        events.append((kind, absolute(first), absolute(second)))
    return events


def synced(events, index, path):
    """The index of the first sync of `path` at or after `index`."""
    for i in range(index, len(events)):
        if events[i][0] == "sync" and events[i][1] == path:
            return i
    return None


def ordering_problems(events, outbox, wal):
    """What breaks the order above, for each rename into the outbox."""
    problems = []
    renames = [(i, a, b) for i, (kind, a, b) in enumerate(events)
               if kind == "rename" and b.parent == outbox]
    for i, temp, final in renames:
        file_sync = max((j for j in range(i) if events[j] == ("sync", temp,
                                                              None)),
                        default=None)
        folder_sync = (synced(events, file_sync, outbox)
                       if file_sync is not None else None)
        commit = (synced(events, folder_sync, wal)
                  if folder_sync is not None else None)
        if file_sync is None:
            problems.append(f"{final.name}: never synced before its rename")
        elif folder_sync is None or folder_sync > i:
            problems.append(f"{final.name}: folder not synced before commit")
        elif commit is None or commit > i:
            problems.append(f"{final.name}: renamed before the commit")
        if synced(events, i, outbox) is None:
            problems.append(f"{final.name}: folder not synced after rename")
    return problems


@unittest.skipUnless(TRACE, "needs DUNN_FSYNC_TRACE (set by ctest)")
class FsyncOrderTest(DunnTest):
    def traced(self, *args):
        log = self.dir / "fsync.log"
        log.unlink(missing_ok=True)
        env = clean_env()
        env["LD_PRELOAD"] = TRACE
        env["DUNN_FSYNC_LOG"] = str(log)
        # An AddressSanitizer build wants its runtime first in the list.
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") +
                               ":verify_asan_link_order=0").lstrip(":")
        dunn(self.dir, *args, env=env)
        return read_log(log, self.dir)

    def run_traced(self):
        generate_invoices(self.dir / "invoices.csv", 600)
        dunn(self.dir, "-q", "import", "invoices.csv")
        events = self.traced("-q", "run", "--as-of", "2026-12-01")
        outbox = Path(os.path.realpath(self.dir / "outbox"))
        renames = [e for e in events if e[0] == "rename"]
        self.assertEqual(len(renames), len(list(outbox.glob("*.eml"))))
        self.assertGreater(len(renames), 256, "want several batches")
        return events, outbox, Path(os.path.realpath(self.dir /
                                                     "dunn.db-wal"))

    def test_each_email_is_synced_committed_renamed_and_synced(self):
        self.assertEqual(ordering_problems(*self.run_traced()), [])

    def test_the_check_sees_a_missing_sync(self):
        events, outbox, wal = self.run_traced()
        for left_out in (outbox, wal):
            with self.subTest(left_out=left_out.name):
                doctored = [e for e in events
                            if e != ("sync", left_out, None)]
                self.assertNotEqual(
                    ordering_problems(doctored, outbox, wal), [])

    def test_init_syncs_each_file_before_and_the_folder_after(self):
        events = self.traced("init", "shop")
        renames = [(i, a, b) for i, (kind, a, b) in enumerate(events)
                   if kind == "rename"]
        self.assertGreaterEqual(len(renames), 4)
        for i, temp, final in renames:
            with self.subTest(file=final.name):
                self.assertIn(("sync", temp, None), events[:i])
                self.assertIsNotNone(synced(events, i, final.parent))

if __name__ == "__main__":
    unittest.main()
