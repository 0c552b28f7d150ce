"""The command line as a whole: options, config discovery, exit codes."""
import os
import unittest

from dunntest import DunnTest

COMMANDS = ["init", "import", "run", "paid", "hold", "release", "list", "show"]


class CliTest(DunnTest):
    def test_help_on_every_command_and_version(self):
        self.assertIn("dunn 1.", self.dunn("--version").stdout)
        self.assertIn("Exit codes", self.dunn("--help").stdout)
        for command in COMMANDS:
            with self.subTest(command=command):
                out = self.dunn(command, "--help").stdout
                self.assertIn(command, out)

    def test_usage_errors_exit_64(self):
        err = self.dunn("frobnicate", expect=64).stderr
        self.assertTrue(err.startswith("dunn: error: "))
        self.dunn(expect=64)
        self.dunn("run", "--no-such-option", expect=64)
        self.dunn("import", expect=64)

    def test_global_options_after_the_command(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-11-08", "--ledger", "dunn.db", "-q")
        self.assertEqual(len(self.emails()), 2)

    def test_config_from_environment_and_relative_paths(self):
        self.write("shop/dunn.toml", '[outbox]\npath = "mail"\n'
                                     '[ledger]\npath = "data/ledger.db"\n')
        self.write_csv(["INV-1,A,a@example.com,10,2026-10-01"])
        self.env["DUNN_CONFIG"] = str(self.dir / "shop" / "dunn.toml")
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-08")
        self.assertTrue((self.dir / "shop" / "data" / "ledger.db").exists())
        self.assertEqual(self.emails("shop/mail"),
                         ["2026-10-08_INV-1_friendly.eml"])

    def test_config_option_beats_environment(self):
        self.write("a.toml", '[outbox]\npath = "a-out"\n')
        self.write("b.toml", '[outbox]\npath = "b-out"\n')
        self.env["DUNN_CONFIG"] = str(self.dir / "a.toml")
        self.write_csv(["INV-1,A,a@example.com,10,2026-10-01"])
        self.dunn("--config", "b.toml", "import", "invoices.csv")
        self.dunn("--config", "b.toml", "run", "--as-of", "2026-10-08")
        self.assertEqual(len(self.emails("b-out")), 1)

    def test_ledger_beside_the_config_file(self):
        self.write("shop/dunn.toml", "")
        self.write_csv(["INV-1,A,a@example.com,10,2026-10-01"])
        self.dunn("--config", "shop/dunn.toml", "import", "invoices.csv")
        self.assertTrue((self.dir / "shop" / "dunn.db").exists())

    def test_config_errors_exit_78_naming_file_line_and_key(self):
        self.write("dunn.toml", "[policy]\nmin_days_betwen = 3\n")
        err = self.dunn("list", expect=78).stderr
        self.assertIn("dunn: error: dunn.toml:2: key 'policy.min_days_betwen':"
                      " unknown key in [policy] (did you mean "
                      "'min_days_between'?)", err)
        self.write("dunn.toml", '[policy]\nmin_days_between = "7"\n')
        self.assertIn("dunn.toml:2: key 'policy.min_days_between': expected a "
                      "whole number", self.dunn("list", expect=78).stderr)
        self.write("dunn.toml", "[[level]]\nname = \"a\"\nafter_days = 9\n"
                                "[[level]]\nname = \"b\"\nafter_days = 3\n")
        self.assertIn("increasing after_days",
                      self.dunn("list", expect=78).stderr)
        self.write("dunn.toml", "[policy\n")
        self.assertIn("dunn.toml:1: bad TOML syntax",
                      self.dunn("list", expect=78).stderr)

    def test_missing_config_file_exits_66(self):
        err = self.dunn("--config", "nope.toml", "list", expect=66).stderr
        self.assertIn("nope.toml", err)

    def test_not_a_ledger(self):
        self.write("dunn.db", "this is not a database, just text " * 100)
        err = self.dunn("list", expect=65).stderr
        self.assertIn("not a dunn ledger", err)


if __name__ == "__main__":
    unittest.main()
