"""Bad input is refused clearly and changes nothing.

Runs every case of tests/data/bad/cases.txt (its header says the format):
a bad CSV file, config or template must give the documented exit code and
a message naming the file and line, and leave the ledger exactly as it was
(compared as an SQL dump) with nothing written to the outbox. The large
and odd inputs (10 MB fields, a folder, a missing file) are made here, at
test time. Mistyped names must be answered with "did you mean".
"""
import shutil
import unittest
from pathlib import Path

from dunntest import DunnTest

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
HEADER = "invoice,customer,email,amount,due\n"
GOOD_ROW = "INV-1,Ann,ann@example.com,10.00,2026-10-01\n"
LAST_ROW = "INV-3,Cy,cy@example.com,30.00,2026-10-0x\n"
TEN_MB = 10 * 1024 * 1024


def ten_megabyte_field(path):
    """A 10 MB field, unquoted, between two good rows."""
    path.write_text(HEADER + GOOD_ROW + "INV-2," + "x" * TEN_MB +
                    ",b@example.com,1,2026-10-01\n" + GOOD_ROW)


def ten_megabyte_quoted(path):
    """A 10.5 MB quoted field over 1.5 million lines, with doubled quotes
    inside, then a row with a bad date: reading must resume after it."""
    path.write_text(HEADER + GOOD_ROW + 'INV-2,"' + 'xxxx\n""' * 1_500_000 +
                    '",b@example.com,1,2026-10-01\n' + LAST_ROW)


GENERATED = {
    "ten-megabyte-field.csv": ten_megabyte_field,
    "ten-megabyte-quoted.csv": ten_megabyte_quoted,
    "directory.csv": lambda path: path.mkdir(),
    "missing.csv": lambda path: None,
}


def read_cases():
    """(input, arguments, exit code, messages) per line of cases.txt."""
    cases = []
    for line in (BAD / "cases.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, command, code, *messages = (f.strip() for f in
                                            line.split(" | "))
        cases.append((source, command.split(), int(code), messages))
    return cases


class BadInputTest(DunnTest):
    def setUp(self):
        super().setUp()
        self.write("good.csv", HEADER + GOOD_ROW)

    def prepare(self, source):
        """Copies or makes a case's input in a fresh folder with a ledger
        of one invoice; returns the folder and the input's name."""
        work = self.dir / source.replace("/", "_")
        work.mkdir()
        (work / "base.csv").write_text(
            HEADER + "BASE-1,Base,base@example.com,99.00,2026-09-01\n")
        self.dunn("import", "base.csv", cwd=work)
        shutil.copy(self.dir / "good.csv", work)
        name = Path(source).name
        if source.startswith("generated/"):
            GENERATED[name](work / name)
        elif (BAD / source).is_dir():
            shutil.copytree(BAD / source, work, dirs_exist_ok=True)
        else:
            shutil.copy(BAD / source, work / name)
        return work, name

    def test_every_case_fails_clearly_and_changes_nothing(self):
        cases = read_cases()
        self.assertGreater(len(cases), 40)
        for source, command, code, messages in cases:
            with self.subTest(case=source):
                work, name = self.prepare(source)
                before = self.ledger_dump(ledger=work.name + "/dunn.db")
                args = [a.replace("{input}", name) for a in command]
                done = self.dunn(*args, expect=code, cwd=work)
                self.assertTrue(done.stderr.startswith("dunn: error: "),
                                done.stderr[:500])
                for message in messages:
                    self.assertIn(message, done.stderr[:100_000])
                self.assertEqual(
                    self.ledger_dump(ledger=work.name + "/dunn.db"), before)
                self.assertEqual(self.emails(folder=work.name + "/outbox"),
                                 [])
                shutil.rmtree(work)

    def test_every_file_in_the_corpus_has_a_case(self):
        listed = {source for source, *_ in read_cases()}
        for path in sorted((BAD / "csv").iterdir()):
            self.assertIn(f"csv/{path.name}", listed)
        for path in sorted((BAD / "config").iterdir()):
            self.assertIn(f"config/{path.name}", listed)


class TypoTest(DunnTest):
    """Unknown names get suggestions, wherever they are typed."""

    def setUp(self):
        super().setUp()
        self.import_basic()

    def test_a_mistyped_invoice_number(self):
        err = self.dunn("paid", "INV1", expect=65).stderr
        self.assertIn("(did you mean 'INV-1'", err)

    def test_a_mistyped_command(self):
        err = self.dunn("rnu", expect=64).stderr
        self.assertIn("unknown command 'rnu' (did you mean 'run'", err)

    def test_an_unknown_command_lists_the_commands(self):
        err = self.dunn("--ledger", "dunn.db", "frobnicate", expect=64).stderr
        self.assertIn("the commands are init, import, run", err)

    def test_a_mistyped_option(self):
        err = self.dunn("run", "--as-off", "2026-12-01", expect=64).stderr
        self.assertIn("did you mean '--as-of'", err)


class PlaceTest(DunnTest):
    """Every config error names the line of dunn.toml it comes from."""

    def test_a_missing_template_names_the_config_line(self):
        shutil.copytree(BAD / "config" / "missing-template", self.dir,
                        dirs_exist_ok=True)
        self.import_basic()
        err = self.dunn("run", "--as-of", "2026-12-01", expect=78).stderr
        self.assertIn("dunn.toml:8:", err)


if __name__ == "__main__":
    unittest.main()
