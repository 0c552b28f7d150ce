"""An import or a payment killed part-way leaves all of it or none of it.

`dunn import` of a file that changes 3,000 invoices and adds 1,000 is
killed with SIGKILL after each Nth row (DUNN_FAULT=row:N) and after
random delays; so is `dunn paid` for 200 invoices (DUNN_FAULT=payment:N).
Afterwards the invoices and payments in the ledger are exactly those of
before or of after the whole command, integrity_check is ok, and running
the command again gives exactly what an uninterrupted one gives. A first
import killed part-way leaves no invoice at all.

Half of DUNN_CRASH_ROUNDS (default 20) is the number of random kills of
each command; DUNN_CRASH_SEED (default 1) sets their delays.
"""
import random
import shutil
import sys
import tempfile
import time
import unittest
from pathlib import Path

from crashkit import (copy_state, data_tables, dunn, env_int,
                      generate_invoices, integrity, kill_after, start,
                      with_fault)
from dunntest import DunnTest

ROUNDS = max(1, env_int("DUNN_CRASH_ROUNDS", 20) // 2)
SEED = env_int("DUNN_CRASH_SEED", 1)
PAID = [f"INV-{i:07d}" for i in range(1, 4001, 20)]


class CrashImportTest(DunnTest):
    @classmethod
    def setUpClass(cls):
        """A ledger of 3,000 invoices; the states after an uninterrupted
        import of a second export (other data for those 3,000, and 1,000
        more), and after paying 200 of its invoices."""
        cls.shared = Path(tempfile.mkdtemp(prefix="dunn-crash-import-"))
        cls.pristine = cls.shared / "pristine"
        cls.pristine.mkdir()
        generate_invoices(cls.pristine / "old.csv", 3000, seed=42)
        generate_invoices(cls.pristine / "new.csv", 4000, seed=43)
        dunn(cls.pristine, "-q", "import", "old.csv")
        cls.before = data_tables(cls.pristine / "dunn.db")

        cls.new_csv = str(cls.pristine / "new.csv")
        cls.after_import = cls.shared / "imported"
        copy_state(cls.pristine, cls.after_import)
        cls.timed_import = cls.timed(cls.after_import, "import", cls.new_csv)
        cls.imported = data_tables(cls.after_import / "dunn.db")

        paid = cls.shared / "paid"
        copy_state(cls.after_import, paid)
        cls.timed_paid = cls.timed(paid, "paid", "--on", "2026-12-01", *PAID)
        cls.paid = data_tables(paid / "dunn.db")

        first = cls.shared / "first"
        first.mkdir()
        dunn(first, "-q", "import", cls.new_csv)
        cls.first_import = data_tables(first / "dunn.db")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.shared, ignore_errors=True)

    @staticmethod
    def timed(folder, *args):
        began = time.monotonic()
        dunn(folder, "-q", *args)
        return time.monotonic() - began

    def setUp(self):
        super().setUp()
        self.work = self.dir / "work"

    def state(self):
        self.assertEqual(integrity(self.work / "dunn.db"), [("ok",)])
        return data_tables(self.work / "dunn.db")

    def import_killed(self, delay, env=None):
        copy_state(self.pristine, self.work)
        status = kill_after(start(self.work, "-q", "import", self.new_csv,
                                  env=env), delay)
        self.assertIn(status, (0, -9))
        after = self.state()
        self.assertIn(after, (self.before, self.imported),
                      "a part of the import is in the ledger")
        if after == self.before:
            dunn(self.work, "-q", "import", self.new_csv)
        self.assertEqual(self.state(), self.imported)
        return status

    def paid_killed(self, delay, env=None):
        copy_state(self.after_import, self.work)
        status = kill_after(start(self.work, "-q", "paid", "--on",
                                  "2026-12-01", *PAID, env=env), delay)
        self.assertIn(status, (0, -9))
        after = self.state()
        self.assertIn(after, (self.imported, self.paid),
                      "some of the payments are in the ledger")
        if after == self.imported:
            dunn(self.work, "-q", "paid", "--on", "2026-12-01", *PAID)
        self.assertEqual(self.state(), self.paid)
        return status

    def test_import_killed_after_a_row(self):
        for n in (1, 2000, 3000, 3001, 4000):
            with self.subTest(row=n):
                self.assertEqual(
                    self.import_killed(600, with_fault("row", n)), -9)

    def test_import_killed_at_random(self):
        rng = random.Random(SEED)
        landed = sum(self.import_killed(rng.uniform(0, self.timed_import))
                     == -9 for _ in range(ROUNDS))
        print(f"\nimport: {landed} of {ROUNDS} random kills interrupted it",
              file=sys.stderr)

    def test_payments_killed_after_one(self):
        for n in (1, 100, 200):
            with self.subTest(payment=n):
                self.assertEqual(
                    self.paid_killed(600, with_fault("payment", n)), -9)

    def test_payments_killed_at_random(self):
        rng = random.Random(SEED)
        landed = sum(self.paid_killed(rng.uniform(0, self.timed_paid)) == -9
                     for _ in range(ROUNDS))
        print(f"\npaid: {landed} of {ROUNDS} random kills interrupted it",
              file=sys.stderr)

    def test_first_import_killed_leaves_no_invoice(self):
        for n in (1, 2000, 4000):
            with self.subTest(row=n):
                shutil.rmtree(self.work, ignore_errors=True)
                self.work.mkdir()
                status = kill_after(start(self.work, "-q", "import",
                                          self.new_csv,
                                          env=with_fault("row", n)), 600)
                self.assertEqual(status, -9)
                ledger = self.work / "dunn.db"
                if ledger.exists():
                    self.assertEqual(self.state()["invoices"], [])
                dunn(self.work, "-q", "import", self.new_csv)
                self.assertEqual(self.state(), self.first_import)


if __name__ == "__main__":
    unittest.main()
