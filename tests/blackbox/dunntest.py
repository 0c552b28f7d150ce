"""Harness for black-box tests: runs the built dunn in a temporary folder.

The binary comes from $DUNN (set by ctest). Each test gets a fresh folder as
its working directory, so the default ledger (dunn.db) and outbox land there.
"""
import email
import email.policy
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
from pathlib import Path

# Made absolute: every test runs dunn from a folder of its own, where a
# relative $DUNN (as in docs/reliability.md) would name nothing.
DUNN = os.path.abspath(
    os.environ.get("DUNN", Path(__file__).parents[2] / "build" / "dunn"))

HEADER = "invoice,customer,email,amount,due"


class DunnTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="dunn-test-"))
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.env = {k: v for k, v in os.environ.items() if k != "DUNN_CONFIG"}

    # Running dunn -------------------------------------------------------

    def dunn(self, *args, expect=0, stdin=None, cwd=None):
        """Runs dunn and checks its exit code; returns the finished process."""
        done = subprocess.run(
            [DUNN, *args], cwd=cwd or self.dir, env=self.env, input=stdin,
            capture_output=True, text=True, timeout=120)
        if expect is not None and done.returncode != expect:
            self.fail(f"dunn {' '.join(args)} exited {done.returncode}, "
                      f"expected {expect}\nstdout:\n{done.stdout}\n"
                      f"stderr:\n{done.stderr}")
        return done

    # Files ----------------------------------------------------------------

    def write(self, name, text, encoding="utf-8", newline="\n"):
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding=encoding, newline=newline) as f:
            f.write(text)
        return path

    def write_csv(self, rows, name="invoices.csv", header=HEADER):
        """Writes a CSV from lines of already-formatted CSV text."""
        return self.write(name, "\n".join([header, *rows]) + "\n")

    def outbox(self, folder="outbox"):
        path = self.dir / folder
        if not path.exists():
            return []
        return sorted(p.name for p in path.iterdir())

    def emails(self, folder="outbox"):
        return [n for n in self.outbox(folder) if n.endswith(".eml")]

    def read_email(self, name, folder="outbox"):
        data = (self.dir / folder / name).read_bytes()
        return data, email.message_from_bytes(data, policy=email.policy.default)

    def ledger_rows(self, sql, ledger="dunn.db"):
        with sqlite3.connect(self.dir / ledger) as db:
            return db.execute(sql).fetchall()

    def ledger_dump(self, ledger="dunn.db"):
        """Every row of every table: to compare a ledger before and after."""
        path = self.dir / ledger
        if not path.exists():
            return None
        with sqlite3.connect(path) as db:
            return list(db.iterdump())

    # A small standard data set --------------------------------------------

    def import_basic(self):
        """Three invoices due 2026-10-01, 2026-11-01 and 2026-12-01."""
        self.write_csv([
            "INV-1,Alice Example,alice@example.com,100.00,2026-10-01",
            "INV-2,Bob Example,bob@example.com,250.50,2026-11-01",
            "INV-3,Carol Example,carol@example.com,75.00,2026-12-01",
        ])
        self.dunn("import", "invoices.csv")


if __name__ == "__main__":
    unittest.main()
