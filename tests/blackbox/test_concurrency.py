"""Commands started at the same moment, many times over, on a ledger of
2,000 invoices whose run writes 800 reminders (so that it takes a while).

- Two `dunn run` for the same date: the loser exits 75 saying "another run
  is in progress" (or finds nothing left to do), and together they write
  exactly the steps and emails of one uninterrupted run.
- `dunn paid` and `dunn import` during a run wait for the ledger's lock
  and succeed; none fails with "database is locked". Afterwards every step
  is recorded once with its email, and the payments and changes are in.
- An invoice paid before a run starts gets no reminder from that run, even
  with an import going on at the same time.
- Every command waits for another writer holding the ledger's lock, at its
  start and, for a run, between its batches.

DUNN_CONCURRENCY_ROUNDS (default 3) sets how often each is tried, and
DUNN_CONCURRENCY_SEED (default 1) the random start offsets.
"""
import csv
import random
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

from crashkit import (OutboxState, Reference, check_complete, copy_state,
                      dunn, env_int, generate_invoices, integrity, query,
                      start, steps)
from dunntest import DunnTest

ROUNDS = env_int("DUNN_CONCURRENCY_ROUNDS", 3)
SEED = env_int("DUNN_CONCURRENCY_SEED", 1)
DAY = "2026-12-01"
BUSY = "another run is in progress"


def finish(process):
    """Waits for a started dunn; returns (exit status, stderr)."""
    _, err = process.communicate(timeout=600)
    return process.returncode, err


def write_changed_export(source, target):
    """The export again, with 100 amounts raised by 1.00 and 200 invoices
    added; invoices whose number ends in 0 are left as they are."""
    with open(source, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    amount = header.index("amount")
    for row in body[1:1500:15]:
        row[amount] = f"{float(row[amount]) + 1:.2f}"
    for i, row in enumerate(body[:200]):
        body.append([f"NEW-{i:04d}", *row[1:]])
    with open(target, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *body])


class Writer(threading.Thread):
    """Holds the ledger's write lock, as another dunn would: takes it
    within a millisecond of its being free (SQLite's own waiting polls
    less often), holds it `hold` seconds, then leaves it alone for twice
    as long, so that others get their turn; until stopped."""

    def __init__(self, ledger, hold):
        super().__init__(daemon=True)
        self.db = sqlite3.connect(ledger, timeout=0, isolation_level=None,
                                  check_same_thread=False)
        self.hold = hold
        self.locked = threading.Event()
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                time.sleep(0.001)
                continue
            self.locked.set()
            time.sleep(self.hold)
            self.db.execute("COMMIT")
            time.sleep(2 * self.hold)
        self.db.close()

    def stop(self):
        self.stopping.set()
        self.join()


class ConcurrencyTest(DunnTest):
    @classmethod
    def setUpClass(cls):
        cls.shared = Path(tempfile.mkdtemp(prefix="dunn-concurrency-"))
        cls.pristine = cls.shared / "pristine"
        cls.pristine.mkdir()
        generate_invoices(cls.pristine / "invoices.csv", 2000,
                          as_of="2027-03-01")
        write_changed_export(cls.pristine / "invoices.csv",
                             cls.pristine / "changed.csv")
        dunn(cls.pristine, "-q", "import", "invoices.csv")
        reference = Reference(cls.pristine, cls.shared / "reference", [DAY])
        cls.due = (reference.steps[0], reference.emails[0])
        cls.seconds = reference.seconds[0]
        # Invoices that are due today and that the import leaves alone.
        cls.reminded = sorted({number for number, *_ in reference.steps[0]
                               if number.endswith("0")})

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.shared, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.rng = random.Random(SEED)
        self.work = self.dir / "work"

    def check_consistent(self):
        """Every step recorded once, with its email; nothing else."""
        ledger = self.work / "dunn.db"
        self.assertEqual(integrity(ledger), [("ok",)])
        recorded = steps(ledger)
        self.assertEqual(len(recorded), len(set(recorded)))
        box = OutboxState(self.work / "outbox")
        self.assertEqual((box.temps, box.others), ({}, []))
        self.assertEqual(sorted(box.emails),
                         sorted({file for *_, file in recorded}))

    def test_two_runs_at_once_write_each_step_once(self):
        overlapped = 0
        for round_ in range(ROUNDS):
            copy_state(self.pristine, self.work)
            runs = [start(self.work, "run", "--as-of", DAY) for _ in "ab"]
            results = [finish(p) for p in runs]
            codes = sorted(code for code, _ in results)
            self.assertIn(codes, ([0, 0], [0, 75]), results)
            for code, err in results:
                if code == 75:
                    self.assertIn(BUSY, err)
                    overlapped += 1
            check_complete(self, self.work, *self.due)
        print(f"\ntwo runs: {overlapped} of {ROUNDS} overlapped",
              file=sys.stderr)

    def test_paid_and_import_during_a_run_wait_and_succeed(self):
        paid = self.reminded[-10:]
        stopped = 0
        for round_ in range(ROUNDS):
            copy_state(self.pristine, self.work)
            shutil.copy(self.pristine / "changed.csv", self.work)
            run = start(self.work, "run", "--as-of", DAY)
            time.sleep(self.rng.uniform(0, self.seconds / 2))
            others = [start(self.work, "paid", "--on", DAY, *paid),
                      start(self.work, "import", "changed.csv")]
            code, err = finish(run)
            # Known bug (reported; test_a_run_waits_for_a_writer... shows
            # it): the run may stop early, busy. Nothing is lost.
            if code == 75 and "is busy" in err:
                stopped += 1
            else:
                self.assertEqual(code, 0, err)
            for code, err in [finish(p) for p in others]:
                self.assertEqual(code, 0, err)
                self.assertNotIn("locked", err)
            self.check_consistent()
            self.assertEqual(
                query(self.work / "dunn.db",
                      "SELECT count(*) FROM payments"), [(len(paid),)])
            self.assertEqual(
                query(self.work / "dunn.db", "SELECT count(*) FROM invoices "
                                             "WHERE number LIKE 'NEW-%'"),
                [(200,)])
            # A later run takes up what the import added, once.
            dunn(self.work, "-q", "run", "--as-of", DAY)
            self.check_consistent()
        print(f"\npaid and import during a run: the run stopped busy in "
              f"{stopped} of {ROUNDS}", file=sys.stderr)

    def test_paid_before_a_run_starts_gets_no_reminder_from_it(self):
        for round_ in range(ROUNDS):
            copy_state(self.pristine, self.work)
            shutil.copy(self.pristine / "changed.csv", self.work)
            paid = self.rng.sample(self.reminded, 20)
            importing = start(self.work, "import", "changed.csv")
            code, err = finish(start(self.work, "paid", "--on", DAY, *paid))
            self.assertEqual(code, 0, err)
            code, err = finish(start(self.work, "run", "--as-of", DAY))
            self.assertEqual(code, 0, err)
            self.assertEqual(finish(importing)[0], 0)
            self.check_consistent()
            reminded = {number for number, *_ in steps(self.work / "dunn.db")}
            self.assertEqual(reminded & set(paid), set())

    def test_paid_and_import_wait_for_a_writer(self):
        copy_state(self.pristine, self.work)
        shutil.copy(self.pristine / "changed.csv", self.work)
        writer = Writer(self.work / "dunn.db", hold=2)
        writer.start()
        writer.locked.wait()
        commands = [start(self.work, "paid", "--on", DAY, *self.reminded[:5]),
                    start(self.work, "import", "changed.csv")]
        time.sleep(0.5)
        writer.stop()
        for code, err in [finish(p) for p in commands]:
            self.assertEqual(code, 0, err)

    # A cached SELECT left open between batches once kept a read
    # transaction alive, so the next BEGIN IMMEDIATE failed at once with
    # SQLITE_BUSY instead of waiting. Made near certain here: a writer
    # takes the lock as soon as the run lets go of it between batches.
    def test_a_run_waits_for_a_writer_between_batches(self):
        copy_state(self.pristine, self.work)
        run = start(self.work, "run", "--as-of", DAY)
        time.sleep(0.2)
        writer = Writer(self.work / "dunn.db", hold=0.2)
        writer.start()
        code, err = finish(run)
        writer.stop()
        self.assertEqual(code, 0, err)
        check_complete(self, self.work, *self.due)


if __name__ == "__main__":
    unittest.main()
