"""Shared by the crash and concurrency tests: a ledger of a few thousand
invoices, results of runs nobody interrupted to compare with, and the
checks that every state of the ledger and the outbox must pass.

Emails are compared without their Date header, the one part that depends
on the clock. Everything else in them (Message-ID included) follows from
the ledger, so a run on a copy of the same ledger writes the same bytes.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from dunntest import DUNN

DATA = Path(__file__).resolve().parents[1] / "data"

STEPS_SQL = ("SELECT i.number, s.level, s.sent_on, s.file FROM steps s "
             "JOIN invoices i ON i.id = s.invoice_id")
DATE_HEADER = re.compile(rb"^Date: [^\r\n]*\r\n", re.M)
TEMP_NAME = re.compile(r"^\.(.+)\.tmp$")


def env_int(name, default):
    """A count or seed from the environment, for long runs."""
    return int(os.environ.get(name, default))


def clean_env():
    return {k: v for k, v in os.environ.items()
            if k not in ("DUNN_CONFIG", "DUNN_FAULT")}


def with_fault(point, n):
    """The environment that makes dunn SIGKILL itself at the `n`th pass of
    fault point `point` (src/util/fault.hpp)."""
    env = clean_env()
    env["DUNN_FAULT"] = f"{point}:{n}"
    return env


def generate_invoices(path, rows, seed=42, as_of="2026-12-01"):
    """Writes tests/data/gen_invoices.py's CSV of `rows` invoices."""
    with open(path, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(DATA / "gen_invoices.py"),
                        str(rows), "--seed", str(seed), "--as-of", as_of],
                       stdout=out, check=True)


def dunn(folder, *args, env=None, expect=0):
    """Runs dunn to the end in `folder`; returns the finished process."""
    done = subprocess.run([DUNN, *args], cwd=folder, env=env or clean_env(),
                          capture_output=True, text=True, timeout=600)
    if expect is not None and done.returncode != expect:
        raise AssertionError(
            f"dunn {' '.join(args)} exited {done.returncode}, expected "
            f"{expect}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}")
    return done


def start(folder, *args, env=None):
    return subprocess.Popen([DUNN, *args], cwd=folder,
                            env=env or clean_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def kill_after(process, delay):
    """SIGKILLs `process` after `delay` seconds unless it has finished.
    Returns its exit status: -9 if killed."""
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.kill()
    process.communicate()
    return process.returncode


def copy_state(source, target):
    """Copies a ledger (with its WAL files), its config and the outbox
    between folders."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for item in source.iterdir():
        if item.name.startswith("dunn.db") or item.name == "dunn.toml":
            shutil.copy2(item, target / item.name)
        elif item.name == "outbox":
            shutil.copytree(item, target / "outbox")


# Reading the ledger --------------------------------------------------------

def connect_read_only(ledger):
    """A connection that changes nothing on disk, so the ledger stays as a
    crash left it for dunn itself to recover."""
    return sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)


def query(ledger, sql):
    db = connect_read_only(ledger)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def integrity(ledger):
    return query(ledger, "PRAGMA integrity_check")


def steps(ledger):
    """(invoice, level, sent_on, file) of every step, sorted; a list, so
    that a step recorded twice would show."""
    return sorted(query(ledger, STEPS_SQL))


def table(ledger, name, without=()):
    """Every row of a table, sorted, leaving out the columns named (those
    holding the time of day, which differ between two runs)."""
    columns = [row[1] for row in query(ledger, f"PRAGMA table_info({name})")
               if row[1] not in without]
    return sorted(query(ledger, f"SELECT {', '.join(columns)} FROM {name}"),
                  key=repr)


def data_tables(ledger):
    """What an import or a payment changes: invoices and payments."""
    if not Path(ledger).exists():
        return None
    return {"invoices": table(ledger, "invoices"),
            "payments": table(ledger, "payments", without=("recorded_at",))}


# Reading the outbox -------------------------------------------------------

def normalized(email):
    return DATE_HEADER.sub(b"", email, count=1)


# Emails read so far, by name and file identity: an email never changes
# once written, so each is read once however often the outbox is checked.
_read = {}


def read_normalized(path, status):
    key = (path.name, status.st_ino, status.st_size, status.st_mtime_ns)
    if key not in _read:
        if len(_read) > 50_000:
            _read.clear()  # long runs: keep memory bounded
        _read[key] = normalized(path.read_bytes())
    return _read[key]


class OutboxState:
    """The outbox as files: emails, temporary files and anything else."""

    def __init__(self, folder):
        self.emails, self.temps, self.others, self.modes = {}, {}, [], set()
        if not folder.exists():
            return
        for path in folder.iterdir():
            name = path.name
            status = path.stat()
            self.modes.add(status.st_mode & 0o777)
            if name.endswith(".eml") and not name.startswith("."):
                self.emails[name] = read_normalized(path, status)
            elif TEMP_NAME.match(name):
                final = TEMP_NAME.match(name).group(1) + ".eml"
                self.temps[final] = read_normalized(path, status)
            else:
                self.others.append(name)


class Reference:
    """What uninterrupted runs write, day after day, on a copy of a
    ledger: the steps recorded and the emails after each day, and how long
    each run took (to spread random kills over it)."""

    def __init__(self, pristine, folder, days):
        copy_state(pristine, folder)
        self.days = days
        self.steps, self.emails, self.seconds = [], [], []
        for day in days:
            began = time.monotonic()
            dunn(folder, "-q", "run", "--as-of", day)
            self.seconds.append(time.monotonic() - began)
            self.steps.append(steps(folder / "dunn.db"))
            self.emails.append(OutboxState(folder / "outbox").emails)


# The checks ----------------------------------------------------------------

def check_interrupted(test, folder, steps_due, emails_due):
    """What must hold at any moment, even right after a SIGKILL: the
    ledger is sound; every email in the outbox is whole, due, and
    recorded; every step recorded has its whole email, at least as a
    temporary file (the next run completes it); nothing is recorded that
    is not due."""
    ledger = folder / "dunn.db"
    test.assertEqual(integrity(ledger), [("ok",)])
    recorded = steps(ledger)
    test.assertEqual(len(recorded), len(set(recorded)), "a step twice")
    test.assertLessEqual(set(recorded), set(steps_due),
                         "a step recorded that is not due")
    box = OutboxState(folder / "outbox")
    test.assertEqual(box.others, [], "an unexpected file in the outbox")
    files = {file for *_, file in recorded}
    for name, content in box.emails.items():
        test.assertIn(name, files, f"{name} is in the outbox unrecorded")
        test.assertEqual(content, emails_due[name], f"{name} is not whole")
    for name in files - set(box.emails):
        test.assertIn(name, box.temps, f"recorded {name} has no email")
        test.assertEqual(box.temps[name], emails_due[name],
                         f"the staged {name} is not whole")


def check_complete(test, folder, steps_due, emails_due):
    """What must hold after a run finished: exactly the steps and emails
    of an uninterrupted run, no temporary file left, all private."""
    ledger = folder / "dunn.db"
    test.assertEqual(integrity(ledger), [("ok",)])
    recorded = steps(ledger)
    if recorded != steps_due:
        missing = sorted(set(steps_due) - set(recorded))[:5]
        extra = sorted(set(recorded) - set(steps_due))[:5]
        test.fail(f"steps differ from an uninterrupted run: {len(recorded)} "
                  f"recorded, {len(steps_due)} due; missing {missing}, "
                  f"extra {extra}")
    box = OutboxState(folder / "outbox")
    test.assertEqual((box.temps, box.others), ({}, []),
                     "files left in the outbox")
    test.assertEqual(sorted(box.emails), sorted(emails_due))
    for name, content in box.emails.items():
        test.assertEqual(content, emails_due[name], f"{name} differs")
    test.assertLessEqual(box.modes, {0o600}, "an email others can read")
