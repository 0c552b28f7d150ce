#!/usr/bin/env python3
"""Measures dunn against what a user would otherwise use, side by side.

Usage: bench.py [--dunn PATH] [--rows N] [--run-rows N] [--repeat N]
                [--out FILE] [--workdir DIR] [--growth [--sizes A,B,C]]

Generates invoice CSVs with gen_invoices.py (the 1.0 import format), then
times, on the same files, each dunn command and its reference:

  1. import of --rows rows into a fresh ledger, against sqlite3's .import
     of the same file into a table with a TEXT PRIMARY KEY (WAL,
     synchronous NORMAL): raw loading, no validation at all;
  2. re-import of the same file, nothing changed (same reference);
  3. the first run over a ledger of --run-rows invoices, against a C
     program (write_files.c) writing as many files of the same size
     crash-safe (an fsync per file before its rename, one folder fsync at
     the end), and against the same loop with no sync (the floor);
  4. a second run the same day on the --rows ledger (nothing due), against
     sqlite3 counting the open invoices of that ledger;
  5. dunn paid of one invoice in the --rows ledger, against sqlite3
     running one UPDATE of one invoice row;

and the peak resident memory of each dunn command. Every time is the
median of --repeat runs; the table gives the ratio dunn/reference and the
target from the issue. Caches are warm: the files were just written. The
table is printed and written to --out.

--growth instead times import, first run and second run at each of
--sizes invoices, to show how time and memory grow with the ledger.

Every command runs through measure.c, which reports its wall time, CPU
time and peak RSS. Needs python3, sqlite3 and cc; nothing else.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The deterministic invoice generator the crash tests use too.
GENERATOR = HERE.parent / "data" / "gen_invoices.py"
AS_OF = "2026-12-01"  # the generator's default: most invoices get a step

# What "open" means for the sqlite3 count: money left to pay, as dunn's
# own for_each_open_invoice defines it.
COUNT_OPEN = ("SELECT count(*) FROM invoices i WHERE i.amount > "
              "(SELECT COALESCE(SUM(p.amount), 0) FROM payments p "
              "WHERE p.invoice_id = i.id);")

IMPORT_SQL = """PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE invoices (invoice TEXT PRIMARY KEY, customer TEXT,
  email TEXT, phone TEXT, amount TEXT, currency TEXT, issued TEXT, due TEXT);
.mode csv
.import --skip 1 {csv} invoices
"""


# Running and timing -------------------------------------------------------

@dataclass
class Sample:
    seconds: float
    user: float
    system: float
    max_rss_kb: int
    stdout: str


def timed(measure, argv, cwd, env=None, stdin=None):
    """Runs argv to completion through the `measure` helper (measure.c);
    returns its wall time, CPU time and peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as report:
        done = subprocess.run([measure, report.name, *map(str, argv)],
                              cwd=cwd, env=env, stdin=stdin, stdout=out,
                              stderr=err)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
        if done.returncode != 0:
            sys.exit(f"bench: {' '.join(map(str, argv))} exited "
                     f"{done.returncode}\n{stdout}{stderr}")
        wall, user, system, rss = report.read().split()
    return Sample(float(wall), float(user), float(system), int(rss), stdout)


def quiet_disk():
    """Flushes what earlier steps left dirty, so that its writeback does not
    land in the next measurement."""
    os.sync()


def load():
    return os.getloadavg()[0]


@dataclass
class Series:
    """Repeated samples of one command."""
    samples: list = field(default_factory=list)
    loads: list = field(default_factory=list)

    def add(self, sample):
        self.samples.append(sample)

    def median(self, attr="seconds"):
        return statistics.median(getattr(s, attr) for s in self.samples)

    def peak_rss_mb(self):
        return max(s.max_rss_kb for s in self.samples) / 1024


# The programs under test ----------------------------------------------------

class Tools:
    def __init__(self, dunn, work):
        self.dunn = str(dunn)
        self.work = work
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("DUNN_CONFIG", "LD_PRELOAD")}
        self.env["LC_ALL"] = "C.UTF-8"
        self.sqlite3 = shutil.which("sqlite3")
        if not self.sqlite3:
            sys.exit("bench: needs the sqlite3 command "
                     "(apt-get install sqlite3)")
        self.measure = self.compile(
            ["-O2", "-o", work / "measure", HERE / "measure.c"])
        self.write_files = self.compile(
            ["-O2", "-o", work / "write_files", HERE / "write_files.c"])
        self.nosync = self.compile(
            ["-O2", "-shared", "-fPIC", "-o", work / "nosync.so",
             HERE / "nosync.c"])

    @staticmethod
    def compile(args):
        cc = os.environ.get("CC", "cc")
        subprocess.run([cc, *map(str, args)], check=True)
        return str(args[args.index("-o") + 1])

    def run_dunn(self, cwd, *args, no_sync=False):
        """dunn in `cwd`, which holds its ledger (dunn.db) and outbox."""
        env = dict(self.env)
        if no_sync:
            env["LD_PRELOAD"] = self.nosync
            # A dunn built with ASan (the suite's second pass) refuses to
            # start when another library is preloaded before its runtime.
            asan = env.get("ASAN_OPTIONS", "")
            env["ASAN_OPTIONS"] = ":".join(
                filter(None, [asan, "verify_asan_link_order=0"]))
        return timed(self.measure, [self.dunn, *args], cwd, env)

    def sql(self, db, script):
        """sqlite3 on `db` reading `script`, with no ~/.sqliterc."""
        path = self.work / "script.sql"
        path.write_text(script)
        with open(path) as f:
            return timed(self.measure, [self.sqlite3, "-batch", "-init",
                                        os.devnull, db], db.parent,
                         self.env, stdin=f)


def generate(work, rows):
    """The CSV of `rows` invoices, generated once per size."""
    path = work / f"invoices-{rows}.csv"
    if not path.exists():
        print(f"generating {rows} invoices ...", flush=True)
        with open(path.with_suffix(".part"), "w") as out:
            subprocess.run([sys.executable, str(GENERATOR),
                            str(rows), "--as-of", AS_OF],
                           stdout=out, check=True)
        path.with_suffix(".part").rename(path)
    return path


def relative(path, start):
    """`path` as a user in `start` would name it: dunn stores the name it
    was given with every invoice."""
    return os.path.relpath(path, start)


def fresh_dir(path):
    """An empty folder (deleting what a previous repetition left)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def eml_files(outbox):
    return [p for p in outbox.iterdir() if p.name.endswith(".eml")]


def expect(text, sample, what):
    if text not in sample.stdout:
        sys.exit(f"bench: {what}: expected {text!r} in dunn's output:\n"
                 f"{sample.stdout}")


# The measurements -----------------------------------------------------------

def measure(series, step):
    """Runs one repetition's step, flushing the disk and noting the load."""
    quiet_disk()
    series.loads.append(load())
    series.add(step())


def bench_import(tools, csv, rows, repeat):
    """Fresh imports, each against a fresh sqlite3 .import; returns the
    folder of the last dunn ledger."""
    dunn, ref = Series(), Series()
    ledger_dir = tools.work / "big"
    ref_dir = tools.work / "ref"
    for _ in range(repeat):
        fresh_dir(ref_dir)
        measure(ref, lambda: tools.sql(ref_dir / "ref.db",
                                       IMPORT_SQL.format(csv=csv)))
        fresh_dir(ledger_dir)
        measure(dunn, lambda: tools.run_dunn(ledger_dir, "import",
                                             relative(csv, ledger_dir)))
        expect(f"imported {rows} new", dunn.samples[-1], "import")
    shutil.rmtree(ref_dir)
    return dunn, ref, ledger_dir


def bench_reimport(tools, csv, rows, ledger_dir, repeat):
    dunn = Series()
    for _ in range(repeat):
        measure(dunn, lambda: tools.run_dunn(ledger_dir, "import",
                                             relative(csv, ledger_dir)))
        expect(f"0 new, 0 changed, {rows} unchanged", dunn.samples[-1],
               "re-import")
    return dunn


@dataclass
class FirstRun:
    dunn: Series
    safe: Series
    floor: Series
    emails: int
    email_bytes: int


def bench_first_run(tools, csv, repeat):
    """First runs over copies of one freshly imported ledger; each is
    followed by the C program writing as many files of the median size."""
    base = fresh_dir(tools.work / "run-base")
    tools.run_dunn(base, "import", relative(csv, base))
    dunn, safe, floor = Series(), Series(), Series()
    emails = size = 0
    for _ in range(repeat):
        run_dir = fresh_dir(tools.work / "run")
        shutil.copy(base / "dunn.db", run_dir / "dunn.db")
        measure(dunn, lambda: tools.run_dunn(run_dir, "run", "--as-of", AS_OF))
        files = eml_files(run_dir / "outbox")
        emails = len(files)
        size = int(statistics.median(p.stat().st_size for p in files))
        expect(f"{emails} reminder(s) written", dunn.samples[-1], "first run")
        shutil.rmtree(run_dir)

        for series, mode in ((safe, "sync"), (floor, "nosync")):
            out = fresh_dir(tools.work / "c-out")
            measure(series, lambda: timed(
                tools.measure,
                [tools.write_files, out, emails, size, mode], tools.work))
            shutil.rmtree(out)
    shutil.rmtree(base)
    return FirstRun(dunn, safe, floor, emails, size)


def settle(tools, ledger_dir):
    """Brings the ledger to "run done today": a first run (its syncs
    turned off: only the state matters here), then an outbox emptied as a
    mailer would empty it."""
    print("first run on the big ledger (setup, not measured) ...", flush=True)
    tools.run_dunn(ledger_dir, "run", "--as-of", AS_OF, no_sync=True)
    shutil.rmtree(ledger_dir / "outbox")
    fresh_dir(ledger_dir / "outbox")


def bench_second_run(tools, ledger_dir, repeat):
    dunn, ref = Series(), Series()
    for _ in range(repeat):
        measure(dunn, lambda: tools.run_dunn(ledger_dir, "run", "--as-of",
                                             AS_OF))
        expect("0 reminder(s) written", dunn.samples[-1], "second run")
        measure(ref, lambda: tools.sql(ledger_dir / "dunn.db", COUNT_OPEN))
    return dunn, ref


def bench_paid(tools, ledger_dir, rows, repeat):
    """Each repetition pays another invoice and updates yet another, so
    that neither finds its work already done."""
    dunn, ref = Series(), Series()
    for k in range(repeat):
        paid = f"INV-{1 + (rows // 2 + k) % rows:07d}"
        updated = f"INV-{1 + (rows // 4 + k) % rows:07d}"
        measure(dunn, lambda: tools.run_dunn(ledger_dir, "paid", paid,
                                             "--on", AS_OF))
        expect("paid in full", dunn.samples[-1], "paid")
        measure(ref, lambda: tools.sql(
            ledger_dir / "dunn.db",
            f"UPDATE invoices SET next_on = NULL WHERE number = '{updated}';"))
    return dunn, ref


# The tables -----------------------------------------------------------------

def row(*cells):
    return "| " + " | ".join(str(c) for c in cells) + " |"


def seconds(series):
    return f"{series.median():.3f}"


def ratio_row(name, dunn, ref_name, ref, target=None, rss_target=None,
              ref_time=None):
    ref_s = ref_time if ref_time is not None else ref.median()
    r = dunn.median() / ref_s
    rss = dunn.peak_rss_mb()
    met = ""
    if target is not None:
        ok = r <= target and (rss_target is None or rss <= rss_target)
        met = "yes" if ok else "**no**"
    goal = f"<= {target}" if target is not None else "-"
    if rss_target is not None:
        goal += f", <= {rss_target} MB"
    return row(name, seconds(dunn), ref_name, f"{ref_s:.3f}", f"{r:.2f}",
               goal, met, f"{rss:.1f}", f"{max(dunn.loads):.2f}")


HEADER = [row("measurement", "dunn (s)", "reference", "ref (s)",
              "dunn/ref", "target", "met", "dunn peak RSS (MB)",
              "load (max)"),
          row(*["---"] * 9)]


def main_table(args, imp, reimp, first, second, paid):
    dunn_imp, ref_imp = imp
    return [
        *HEADER,
        ratio_row(f"import {args.rows:,} rows", dunn_imp,
                  "sqlite3 .import", ref_imp, 1.0, 64),
        ratio_row(f"re-import {args.rows:,} rows, unchanged", reimp,
                  "sqlite3 .import", ref_imp, 0.6,
                  ref_time=ref_imp.median()),
        ratio_row(f"first run, {args.run_rows:,} invoices "
                  f"({first.emails:,} emails of {first.email_bytes} B)",
                  first.dunn, "C, fsync per file", first.safe, 1.5),
        ratio_row("", first.dunn, "C, no sync (floor)", first.floor),
        ratio_row(f"second run, {args.rows:,} invoices, nothing due",
                  second[0], "sqlite3 count open", second[1], 1.0),
        ratio_row(f"paid, {args.rows:,} invoices", paid[0],
                  "sqlite3 UPDATE", paid[1], 2.0),
    ]


def cpu_table(named):
    lines = [row("dunn command", "wall (s)", "user (s)", "system (s)",
                 "waiting (s)"), row(*["---"] * 5)]
    for name, s in named:
        wall, user, system = s.median(), s.median("user"), s.median("system")
        waiting = max(0.0, wall - user - system)
        lines.append(row(name, f"{wall:.3f}", f"{user:.3f}",
                         f"{system:.3f}", f"{waiting:.3f}"))
    return lines


def raw_table(named):
    """Every sample, so that a reader can judge the spread."""
    lines = [row("series", "runs (s)", "peak RSS (MB)", "load at start"),
             row(*["---"] * 4)]
    for name, series in named:
        lines.append(row(
            name, " ".join(f"{x.seconds:.3f}" for x in series.samples),
            " ".join(f"{x.max_rss_kb / 1024:.1f}" for x in series.samples),
            " ".join(f"{x:.2f}" for x in series.loads)))
    return lines


def machine(args, work):
    commit = subprocess.run(["git", "-C", str(HERE), "describe", "--always",
                             "--dirty"], capture_output=True, text=True)
    fs = subprocess.run(["stat", "-f", "-c", "%T", str(work)],
                        capture_output=True, text=True)
    version = subprocess.run([shutil.which("sqlite3"), "--version"],
                             capture_output=True, text=True)
    dunn_version = subprocess.run([str(args.dunn), "--version"],
                                  capture_output=True, text=True)
    return [f"- date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
            f"- dunn: {args.dunn} ({dunn_version.stdout.strip()}; this "
            f"script's repository at {commit.stdout.strip() or '?'})",
            f"- sqlite3: {version.stdout.split(' ')[0]}",
            f"- machine: {os.cpu_count()} cores, work folder on "
            f"{fs.stdout.strip()}",
            f"- medians of {args.repeat} run(s); --as-of {AS_OF}; "
            f"load average (1 min) {{load}}"]


# Drivers --------------------------------------------------------------------

def run_main(args, tools):
    csv = generate(tools.work, args.rows)
    run_csv = generate(tools.work, args.run_rows)
    start_load = load()

    print("import ...", flush=True)
    dunn_imp, ref_imp, ledger_dir = bench_import(tools, csv, args.rows,
                                                 args.repeat)
    print("re-import ...", flush=True)
    reimp = bench_reimport(tools, csv, args.rows, ledger_dir, args.repeat)
    print("first run ...", flush=True)
    first = bench_first_run(tools, run_csv, args.repeat)
    settle(tools, ledger_dir)
    print("second run ...", flush=True)
    second = bench_second_run(tools, ledger_dir, args.repeat)
    print("paid ...", flush=True)
    paid = bench_paid(tools, ledger_dir, args.rows, args.repeat)

    info = machine(args, tools.work)
    info[-1] = info[-1].format(load=f"{start_load:.2f} at the start, "
                                    f"{load():.2f} at the end")
    return ["# dunn benchmark", "", *info, "",
            *main_table(args, (dunn_imp, ref_imp), reimp, first, second,
                        paid),
            "", "Where dunn's wall time goes (medians; \"waiting\" is wall "
            "time neither in user nor system CPU: the disk, or other "
            "processes holding the CPU):", "",
            *cpu_table([("import", dunn_imp), ("re-import", reimp),
                        ("first run", first.dunn), ("second run", second[0]),
                        ("paid", paid[0])]),
            "", "Every run:", "",
            *raw_table([("dunn import", dunn_imp),
                        ("sqlite3 .import", ref_imp),
                        ("dunn re-import", reimp),
                        ("dunn first run", first.dunn),
                        ("C, fsync per file", first.safe),
                        ("C, no sync", first.floor),
                        ("dunn second run", second[0]),
                        ("sqlite3 count open", second[1]),
                        ("dunn paid", paid[0]),
                        ("sqlite3 UPDATE", paid[1])])]


def growth_row(size, imp, ref, first, emails, second):
    loads = imp.loads + first.loads + second.loads
    return row(f"{size:,}", seconds(imp),
               f"{imp.median() / size * 1e6:.1f}",
               f"{imp.median() / ref.median():.2f}",
               f"{imp.peak_rss_mb():.1f}", seconds(first), f"{emails:,}",
               f"{first.median() / max(emails, 1) * 1e3:.2f}",
               f"{first.peak_rss_mb():.1f}", seconds(second),
               f"{second.peak_rss_mb():.1f}", f"{max(loads):.2f}")


def run_growth(args, tools):
    lines = [row("invoices", "import (s)", "µs/row", "/sqlite3",
                 "RSS (MB)", "first run (s)", "emails", "ms/email",
                 "RSS (MB)", "second run (s)", "RSS (MB)", "load (max)"),
             row(*["---"] * 12)]
    start_load = load()
    for size in args.sizes:
        csv = generate(tools.work, size)
        print(f"{size} invoices ...", flush=True)
        imp, ref, ledger_dir = bench_import(tools, csv, size, args.repeat)
        first = Series()
        run_dir = tools.work / "run"
        for _ in range(args.repeat):
            fresh_dir(run_dir)
            shutil.copy(ledger_dir / "dunn.db", run_dir / "dunn.db")
            measure(first, lambda: tools.run_dunn(run_dir, "run", "--as-of",
                                                  AS_OF))
            emails = len(eml_files(run_dir / "outbox"))
            # The mailer takes the emails before the second run.
            shutil.rmtree(run_dir / "outbox")
        second = bench_second_run(tools, run_dir, args.repeat)[0]
        shutil.rmtree(run_dir)
        lines.append(growth_row(size, imp, ref, first, emails, second))
    info = machine(args, tools.work)
    info[-1] = info[-1].format(load=f"{start_load:.2f} at the start, "
                                    f"{load():.2f} at the end")
    return ["# dunn growth", "", *info, "", *lines]


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    default_dunn = os.environ.get("DUNN",
                                  HERE.parents[1] / "build" / "dunn")
    parser.add_argument("--dunn", type=Path, default=default_dunn)
    parser.add_argument("--rows", type=int, default=1_000_000,
                        help="invoices to import; the ledger of the "
                             "second run and paid (default 1000000)")
    parser.add_argument("--run-rows", type=int, default=100_000,
                        help="invoices of the first run (default 100000)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per measurement; medians are reported")
    parser.add_argument("--growth", action="store_true",
                        help="time import and runs at each of --sizes")
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="sizes for --growth (default %(default)s)")
    parser.add_argument("--out", type=Path, default=Path("bench-results.md"),
                        help="where to write the table (default %(default)s)")
    parser.add_argument("--workdir", type=Path,
                        help="folder for data, ledgers and outboxes "
                             "(default: a new temporary folder, removed "
                             "at the end); generated CSVs are reused")
    args = parser.parse_args()
    args.dunn = args.dunn.resolve()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    if not args.dunn.exists():
        parser.error(f"no dunn at {args.dunn}; build it or pass --dunn")
    if min(args.rows, args.run_rows, args.repeat, *args.sizes) < 1:
        parser.error("sizes and --repeat must be at least 1")
    return args


def main():
    args = parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="dunn-bench-"))
    work = work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        tools = Tools(args.dunn, work)
        lines = run_growth(args, tools) if args.growth else \
            run_main(args, tools)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.write_text(text)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
