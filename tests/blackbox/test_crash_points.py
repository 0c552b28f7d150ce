"""The exactly-once protocol, stopped at each of its steps.

DUNN_FAULT=point:N makes dunn SIGKILL itself at the Nth pass of a fault
point (src/util/fault.hpp): `staged` after each email's temporary file is
written and synced, `synced` after the outbox folder is synced, `committed`
after the ledger commit, `published` after each rename. Every point is hit
at several N, in the first batch and later ones; the state left must pass
crashkit.check_interrupted, with what that point implies (nothing recorded
before a commit, no email without its record), and a second run must end
exactly as an uninterrupted run.

A power loss cannot be simulated by a kill, since the kernel still writes
what the process wrote. The power-loss tests take away what the fsync
order lets a power loss take at that moment (docs/reliability.md): the
names of temporary files not yet synced into the folder, and renames not
yet synced; the next run must still end exactly as an uninterrupted run.
The points are also hit when a run writes letters per customer.
"""
import os
import shutil
import tempfile
import unittest
from pathlib import Path

from crashkit import (OutboxState, Reference, check_complete,
                      check_interrupted, copy_state, dunn,
                      generate_invoices, kill_after, start, steps,
                      with_fault)
from dunntest import DunnTest

DAY = "2026-12-01"
# About 580 reminders on DAY, in three batches of 256 invoices.
INVOICES = 700


class CrashPointTest(DunnTest):
    @classmethod
    def setUpClass(cls):
        # One ledger and one uninterrupted run for all the tests.
        cls.shared = Path(tempfile.mkdtemp(prefix="dunn-crash-points-"))
        cls.pristine = cls.shared / "pristine"
        cls.pristine.mkdir()
        generate_invoices(cls.pristine / "invoices.csv", INVOICES)
        dunn(cls.pristine, "-q", "import", "invoices.csv")
        reference = Reference(cls.pristine, cls.shared / "reference", [DAY])
        cls.due = (reference.steps[0], reference.emails[0])
        cls.total = len(reference.steps[0])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.shared, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.assertGreater(self.total, 512, "too few for three batches")
        self.work = self.dir / "work"

    def crash_at(self, point, n):
        """Runs dunn on a fresh copy until it kills itself at point:n."""
        copy_state(self.pristine, self.work)
        status = kill_after(start(self.work, "-q", "run", "--as-of", DAY,
                                  env=with_fault(point, n)), 600)
        self.assertEqual(status, -9, f"{point}:{n} was never reached")
        check_interrupted(self, self.work, *self.due)
        return OutboxState(self.work / "outbox"), steps(self.work / "dunn.db")

    def complete(self):
        dunn(self.work, "-q", "run", "--as-of", DAY)
        check_complete(self, self.work, *self.due)

    def test_killed_after_staging_an_email(self):
        for n in (1, 257, self.total):
            with self.subTest(staged=n):
                box, recorded = self.crash_at("staged", n)
                # Earlier batches are complete; this one is staged only.
                self.assertEqual(len(box.emails), len(recorded))
                self.assertEqual(len(box.emails) + len(box.temps), n)
                self.complete()

    def test_killed_after_syncing_the_folder(self):
        for n in (1, 2):
            with self.subTest(synced=n):
                box, recorded = self.crash_at("synced", n)
                # The batch synced is not committed: its files are only
                # temporary, and no step of it is recorded.
                self.assertEqual(len(box.emails), len(recorded))
                self.assertGreater(len(box.temps), 0)
                self.complete()

    def test_killed_after_the_commit(self):
        for n in (1, 2):
            with self.subTest(committed=n):
                box, recorded = self.crash_at("committed", n)
                # Recorded but not yet renamed: the next run renames them.
                self.assertEqual(len(recorded),
                                 len(box.emails) + len(box.temps))
                self.assertGreater(len(box.temps), 0)
                self.complete()

    def test_killed_after_publishing_an_email(self):
        for n in (1, 257, self.total):
            with self.subTest(published=n):
                box, recorded = self.crash_at("published", n)
                self.assertEqual(len(box.emails), n)
                self.complete()

    def test_killed_again_while_completing(self):
        self.crash_at("staged", 300)
        status = kill_after(start(self.work, "-q", "run", "--as-of", DAY,
                                  env=with_fault("published", 100)), 600)
        self.assertEqual(status, -9)
        check_interrupted(self, self.work, *self.due)
        self.complete()

    def test_power_loss_before_the_folder_sync_loses_staged_files(self):
        # Staged files are synced one by one, but their names only with
        # the folder: a power loss may take them all. None is recorded.
        box, recorded = self.crash_at("staged", 300)
        for name in box.temps:
            os.unlink(self.work / "outbox" / ("." + name[:-4] + ".tmp"))
        self.complete()

    def test_power_loss_after_the_commit_loses_renames(self):
        # Renames since the last folder sync may be undone by a power
        # loss: the files are back under their temporary names.
        box, recorded = self.crash_at("published", 300)
        for name in box.emails:
            outbox = self.work / "outbox"
            os.rename(outbox / name, outbox / ("." + name[:-4] + ".tmp"))
        check_interrupted(self, self.work, *self.due)
        self.complete()


class LetterCrashPointTest(DunnTest):
    """The same points when a run writes one letter per customer, each
    recording the steps of several invoices."""

    def test_killed_at_each_point(self):
        pristine = self.dir / "pristine"
        pristine.mkdir()
        (pristine / "dunn.toml").write_text('[policy]\ngroup = "customer"\n')
        generate_invoices(pristine / "invoices.csv", INVOICES)
        dunn(pristine, "-q", "import", "invoices.csv")
        reference = Reference(pristine, self.dir / "reference", [DAY])
        due = (reference.steps[0], reference.emails[0])
        self.assertGreater(len(due[1]), 50)
        self.assertLess(len(due[1]), len(due[0]), "no letter has two steps")

        work = self.dir / "work"
        for point, n in [("staged", 1), ("staged", 50), ("synced", 1),
                         ("committed", 1), ("published", 50)]:
            with self.subTest(point=point, n=n):
                copy_state(pristine, work)
                status = kill_after(start(work, "-q", "run", "--as-of", DAY,
                                          env=with_fault(point, n)), 600)
                self.assertEqual(status, -9)
                check_interrupted(self, work, *due)
                dunn(work, "-q", "run", "--as-of", DAY)
                check_complete(self, work, *due)


if __name__ == "__main__":
    unittest.main()
