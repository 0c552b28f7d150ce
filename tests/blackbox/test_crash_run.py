"""Crash at any moment: `dunn run` is killed with SIGKILL after a random
delay, once or several times, then run again until it completes; round
after round, over a ledger of a few thousand invoices.

Right after every kill the ledger and the outbox pass
crashkit.check_interrupted (every email in the outbox whole and recorded,
every recorded step with its whole email at least as a temporary file,
integrity_check ok). After every round they hold exactly the steps and
emails of runs nobody interrupted (crashkit.check_complete): each due
(invoice, level) step once in the ledger and once in the outbox.

Rounds walk through eight weekly run dates, then start again from the
freshly imported ledger; a quarter as many again write letters per
customer. Due dates lie from 60 days before the first date to 150 days
after it, so runs write from 300 to 800 reminders, in several batches.

DUNN_CRASH_ROUNDS (default 20), DUNN_CRASH_SEED (default 1) and
DUNN_CRASH_INVOICES (default 3000) change the length, the delays and the
ledger. For hundreds of rounds, from tests/blackbox:

    DUNN=../../build/dunn DUNN_CRASH_ROUNDS=500 python3 -m unittest -v \\
        test_crash_run
"""
import datetime
import random
import sys
import time
import unittest

from crashkit import (Reference, check_complete, check_interrupted,
                      copy_state, dunn, env_int, generate_invoices,
                      kill_after, start)
from dunntest import DunnTest

ROUNDS = env_int("DUNN_CRASH_ROUNDS", 20)
SEED = env_int("DUNN_CRASH_SEED", 1)
INVOICES = env_int("DUNN_CRASH_INVOICES", 3000)
FIRST_DAY = datetime.date(2026, 12, 1)
DAYS = [str(FIRST_DAY + datetime.timedelta(weeks=w)) for w in range(8)]


class CrashRunTest(DunnTest):
    def prepare(self, config=""):
        """The imported ledger (with `config` as its dunn.toml) and the
        runs nobody interrupted."""
        self.pristine = self.dir / "pristine"
        self.pristine.mkdir()
        (self.pristine / "dunn.toml").write_text(config)
        generate_invoices(self.pristine / "invoices.csv", INVOICES,
                          as_of=str(FIRST_DAY + datetime.timedelta(120)))
        dunn(self.pristine, "-q", "import", "invoices.csv")
        self.reference = Reference(self.pristine, self.dir / "reference",
                                   DAYS)

    def checked(self, context, check, *args):
        """Runs a check; a failure says which round and delay, so that the
        seed reproduces it."""
        try:
            check(self, *args)
        except AssertionError as e:
            self.fail(f"{context}: {e}")

    def crash_rounds(self, rounds):
        rng = random.Random(SEED)
        crash = self.dir / "crash"
        kills = landed = 0
        began = time.monotonic()
        for round_ in range(rounds):
            day = round_ % len(DAYS)
            if day == 0:
                copy_state(self.pristine, crash)
            due = (self.reference.steps[day], self.reference.emails[day])
            for _ in range(rng.choice((1, 1, 2, 3))):
                delay = rng.uniform(0, self.reference.seconds[day])
                status = kill_after(
                    start(crash, "-q", "run", "--as-of", DAYS[day]), delay)
                context = (f"round {round_} (seed {SEED}), {DAYS[day]}, "
                           f"killed after {delay:.3f} s")
                self.assertIn(status, (0, -9), context)
                kills += 1
                landed += status == -9
                self.checked(context, check_interrupted, crash, *due)
            dunn(crash, "-q", "run", "--as-of", DAYS[day])
            self.checked(f"round {round_} (seed {SEED}) completed",
                         check_complete, crash, *due)
        print(f"\ncrash rounds: {rounds} survived, {kills} kills of which "
              f"{landed} interrupted a run, {INVOICES} invoices, seed "
              f"{SEED}, {time.monotonic() - began:.0f} s", file=sys.stderr)
        # Kills that land after the run has finished test nothing; the
        # delays are scaled to an uninterrupted run to keep them few.
        if rounds >= 5:
            self.assertGreater(landed, kills // 4, "kills came too late")

    def test_killed_runs_end_exactly_as_uninterrupted_ones(self):
        self.prepare()
        self.crash_rounds(ROUNDS)

    def test_killed_runs_of_letters_per_customer_too(self):
        # A letter records the steps of several invoices under one file.
        self.prepare('[policy]\ngroup = "customer"\n')
        self.crash_rounds(max(1, ROUNDS // 4))

if __name__ == "__main__":
    unittest.main()
