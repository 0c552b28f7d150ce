"""dunn run: which step is due, and writing it exactly once."""
import fcntl
import os
import unittest

from dunntest import DunnTest


class RunTest(DunnTest):
    def test_import_then_run_writes_due_reminders(self):
        self.import_basic()
        out = self.dunn("run", "--as-of", "2026-11-08").stdout
        self.assertEqual(self.emails(), ["2026-11-08_INV-1_friendly.eml",
                                         "2026-11-08_INV-2_friendly.eml"])
        self.assertIn("run for 2026-11-08: 2 reminder(s) written", out)
        self.assertRegex(out, r"friendly\s+2")
        self.assertEqual(
            self.ledger_rows("SELECT i.number, s.level, s.sent_on, s.file "
                             "FROM steps s JOIN invoices i ON i.id = "
                             "s.invoice_id ORDER BY i.number"),
            [("INV-1", "friendly", "2026-11-08", "2026-11-08_INV-1_friendly.eml"),
             ("INV-2", "friendly", "2026-11-08", "2026-11-08_INV-2_friendly.eml")])

    def test_running_twice_on_one_date_writes_nothing_new(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-11-08")
        first = self.outbox()
        out = self.dunn("run", "--as-of", "2026-11-08").stdout
        self.assertIn("0 reminder(s) written", out)
        self.assertEqual(self.outbox(), first)
        self.assertEqual(self.ledger_rows("SELECT count(*) FROM steps"), [(2,)])

    def test_same_date_twice_writes_nothing_even_without_a_gap(self):
        self.write("dunn.toml", "[policy]\nmin_days_between = 0\n")
        self.import_basic()
        self.dunn("run", "--as-of", "2026-12-31")
        self.dunn("run", "--as-of", "2026-12-31")
        self.assertEqual(self.ledger_rows("SELECT count(*) FROM steps"), [(3,)])

    def test_a_long_overdue_invoice_gets_the_first_level_first(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2027-06-01")
        self.assertIn("2027-06-01_INV-1_friendly.eml", self.emails())

    def test_levels_follow_after_days_and_min_days_between(self):
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        schedule = [("2026-10-07", None), ("2026-10-08", "friendly"),
                    ("2026-10-14", None), ("2026-10-21", None),
                    ("2026-10-22", "second"), ("2026-11-04", None),
                    ("2026-11-05", "final"), ("2027-01-01", None)]
        for day, level in schedule:
            with self.subTest(day=day):
                before = set(self.emails())
                self.dunn("run", "--as-of", day)
                new = set(self.emails()) - before
                expected = {f"{day}_INV-1_{level}.eml"} if level else set()
                self.assertEqual(new, expected)

    def test_gap_counts_from_the_previous_reminder(self):
        # 30 days overdue on the first run: the second level (21 days) is
        # already reached, but must wait min_days_between (7) days.
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-31")
        self.dunn("run", "--as-of", "2026-11-06")
        self.dunn("run", "--as-of", "2026-11-07")
        self.assertEqual(self.emails(), ["2026-10-31_INV-1_friendly.eml",
                                         "2026-11-07_INV-1_second.eml"])

    def test_below_min_amount_gets_nothing(self):
        self.write_csv(["INV-1,A,a@example.com,4.99,2026-10-01",
                        "INV-2,B,b@example.com,5.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-11-01")
        self.assertEqual(self.emails(), ["2026-11-01_INV-2_friendly.eml"])

    def test_quiet_prints_nothing_before_or_after_the_command(self):
        self.import_basic()
        done = self.dunn("-q", "run", "--as-of", "2026-11-08")
        self.assertEqual((done.stdout, done.stderr), ("", ""))
        done = self.dunn("run", "--as-of", "2026-11-09", "--quiet")
        self.assertEqual((done.stdout, done.stderr), ("", ""))

    def test_dry_run_prints_the_plan_and_changes_nothing(self):
        self.import_basic()
        before = self.ledger_dump()
        out = self.dunn("run", "--as-of", "2026-11-08", "--dry-run").stdout
        self.assertIn("would write outbox/2026-11-08_INV-1_friendly.eml", out)
        self.assertIn("2 reminder(s) due, nothing written", out)
        self.assertEqual(self.outbox(), [])
        self.assertEqual(self.ledger_dump(), before)

    def test_every_run_is_recorded_and_an_earlier_date_is_refused(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-10-02")
        self.assertEqual(self.ledger_rows("SELECT as_of, steps FROM runs"),
                         [("2026-10-02", 0)])
        err = self.dunn("run", "--as-of", "2026-10-01", expect=64).stderr
        self.assertIn("a run dated 2026-10-02 is already recorded", err)
        self.dunn("run", "--as-of", "2026-10-01", "--dry-run")

    def test_without_a_ledger_run_says_what_to_do(self):
        err = self.dunn("run", expect=66).stderr
        self.assertIn("there is no ledger at dunn.db yet", err)

    def test_bad_as_of_is_a_usage_error(self):
        self.import_basic()
        err = self.dunn("run", "--as-of", "2026-13-01", expect=64).stderr
        self.assertIn('--as-of "2026-13-01"', err)

    def test_paid_invoice_gets_no_reminder(self):
        self.import_basic()
        self.dunn("paid", "INV-1", "--on", "2026-11-20")
        # Recorded payments count whatever their date.
        self.dunn("run", "--as-of", "2026-11-08")
        self.assertEqual(self.emails(), ["2026-11-08_INV-2_friendly.eml"])

    def test_partial_payment_shows_the_open_amount(self):
        self.import_basic()
        self.dunn("paid", "INV-2", "--amount", "50.50")
        self.dunn("run", "--as-of", "2026-11-08")
        _, msg = self.read_email("2026-11-08_INV-2_friendly.eml")
        body = msg.get_content()
        self.assertRegex(body, r"Amount open: +EUR 200.00")
        self.assertRegex(body, r"Paid so far: +EUR -50.50")
        self.assertIn("EUR 250.50", body)

    def test_hold_pauses_and_release_resumes(self):
        self.import_basic()
        self.dunn("hold", "INV-1", "--reason", "disputed")
        self.dunn("run", "--as-of", "2026-11-08")
        self.assertNotIn("2026-11-08_INV-1_friendly.eml", self.emails())
        self.dunn("release", "INV-1")
        self.dunn("run", "--as-of", "2026-11-09")
        self.assertIn("2026-11-09_INV-1_friendly.eml", self.emails())

    def test_hold_until_resumes_the_day_after(self):
        self.import_basic()
        self.dunn("hold", "INV-1", "--until", "2026-11-10")
        self.dunn("run", "--as-of", "2026-11-10")
        self.assertNotIn("2026-11-10_INV-1_friendly.eml", self.emails())
        self.dunn("run", "--as-of", "2026-11-11")
        self.assertIn("2026-11-11_INV-1_friendly.eml", self.emails())

    def test_leftover_unrecorded_temporary_file_is_removed(self):
        self.import_basic()
        (self.dir / "outbox").mkdir()
        stray = self.dir / "outbox" / ".2026-11-01_INV-1_friendly.tmp"
        stray.write_text("half an email")
        self.dunn("run", "--as-of", "2026-11-08")
        self.assertFalse(stray.exists())
        self.assertEqual(self.emails(), ["2026-11-08_INV-1_friendly.eml",
                                         "2026-11-08_INV-2_friendly.eml"])

    def test_recorded_step_whose_rename_was_lost_is_completed(self):
        # As if killed after the ledger commit, before the rename.
        self.import_basic()
        self.dunn("run", "--as-of", "2026-11-08")
        box = self.dir / "outbox"
        os.rename(box / "2026-11-08_INV-1_friendly.eml",
                  box / ".2026-11-08_INV-1_friendly.tmp")
        out = self.dunn("run", "--as-of", "2026-11-08").stdout
        self.assertIn("completed 1 reminder(s) left by an interrupted run", out)
        self.assertEqual(self.outbox(), ["2026-11-08_INV-1_friendly.eml",
                                         "2026-11-08_INV-2_friendly.eml"])
        self.assertEqual(self.ledger_rows("SELECT count(*) FROM steps"), [(2,)])

    def test_mailer_taking_files_away_causes_no_resend(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-11-08")
        for name in self.emails():
            os.remove(self.dir / "outbox" / name)
        self.dunn("run", "--as-of", "2026-11-08")
        self.dunn("run", "--as-of", "2026-11-09")
        self.assertEqual(self.emails(), [])

    def test_unrecorded_file_in_the_way_is_never_overwritten(self):
        self.import_basic()
        (self.dir / "outbox").mkdir()
        theirs = self.dir / "outbox" / "2026-11-08_INV-1_friendly.eml"
        theirs.write_text("someone else's file")
        err = self.dunn("run", "--as-of", "2026-11-08", expect=73).stderr
        self.assertIn("not written: outbox/2026-11-08_INV-1_friendly.eml "
                      "already exists", err)
        self.assertEqual(theirs.read_text(), "someone else's file")
        self.assertEqual(self.ledger_rows("SELECT count(*) FROM steps"), [(1,)])

    def test_another_run_in_progress_exits_75(self):
        self.import_basic()
        box = self.dir / "outbox"
        box.mkdir()
        fd = os.open(box, os.O_RDONLY)
        self.addCleanup(os.close, fd)
        fcntl.flock(fd, fcntl.LOCK_EX)
        err = self.dunn("run", "--as-of", "2026-11-08", expect=75).stderr
        self.assertIn("another run is in progress", err)
        self.assertEqual(self.outbox(), [])

    def test_verbose_explains_each_invoice(self):
        self.import_basic()
        out = self.dunn("run", "--as-of", "2026-11-08", "-v").stdout
        self.assertIn("INV-1: due: level 'friendly'", out)
        self.assertIn("INV-3: nothing yet: -23 days overdue; level 'friendly' "
                      "is due on 2026-12-08", out)

    def test_outbox_and_ledger_are_private(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-11-08")
        self.assertEqual((self.dir / "dunn.db").stat().st_mode & 0o777, 0o600)
        self.assertEqual((self.dir / "outbox").stat().st_mode & 0o777, 0o700)
        for name in self.emails():
            mode = (self.dir / "outbox" / name).stat().st_mode & 0o777
            self.assertEqual(mode, 0o600)


class TemplateTest(DunnTest):
    def test_a_template_beside_the_config_replaces_the_builtin(self):
        self.write("templates/friendly.txt",
                   "Subject: Pay {invoice}, {customer}\n\n"
                   "{open_amount} {currency} since {due} ({days_overdue} "
                   "days); {level} from {sender_name} <{sender_email}>\n")
        self.write("dunn.toml", "")
        self.write_csv(["INV-1,Ann,ann@example.com,1234.5,2026-10-01"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-08")
        _, msg = self.read_email("2026-10-08_INV-1_friendly.eml")
        self.assertEqual(msg["Subject"], "Pay INV-1, Ann")
        self.assertEqual(msg.get_content().replace("\r\n", "\n"),
                         "1,234.50 EUR since 2026-10-01 (7 days); friendly "
                         "from Example Shop <billing@shop.example>\n")

    def test_unknown_placeholder_is_a_config_error_before_any_email(self):
        self.write("templates/second.txt",
                   "Subject: x\n\nDear {customer},\n{amout}\n")
        self.import_basic()
        err = self.dunn("run", "--as-of", "2026-11-08", expect=78).stderr
        self.assertIn("templates/second.txt:4: unknown placeholder {amout}",
                      err)
        self.assertIn("did you mean 'amount'", err)
        self.assertEqual(self.outbox(), [])
        self.assertEqual(self.ledger_rows("SELECT count(*) FROM runs"), [(0,)])

    def test_missing_template_is_a_config_error(self):
        self.write("dunn.toml", '[[level]]\nname = "only"\nafter_days = 3\n'
                                'template = "custom"\n')
        self.import_basic()
        err = self.dunn("run", "--as-of", "2026-11-08", expect=78).stderr
        self.assertIn("level 'only' uses template 'custom'", err)

    def test_language_variant_is_used_for_that_language(self):
        self.write("templates/friendly.de.txt",
                   "Subject: Zahlungserinnerung {invoice}\n\nHallo {customer}\n")
        self.write_csv(["INV-1,Anna,anna@example.de,10,2026-10-01,de",
                        "INV-2,Bob,bob@example.com,10,2026-10-01,en"],
                       header="invoice,customer,email,amount,due,language")
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-08")
        _, de = self.read_email("2026-10-08_INV-1_friendly.eml")
        _, en = self.read_email("2026-10-08_INV-2_friendly.eml")
        self.assertEqual(de["Subject"], "Zahlungserinnerung INV-1")
        self.assertTrue(en["Subject"].startswith("Friendly reminder"))

    def test_default_templates_escalate_in_tone(self):
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        for day in ("2026-10-08", "2026-10-22", "2026-11-05"):
            self.dunn("run", "--as-of", day)
        def text(name):
            body = self.read_email(name)[1].get_content()
            return " ".join(body.split())
        second = text("2026-10-22_INV-1_second.eml")
        final = text("2026-11-05_INV-1_final.eml")
        self.assertIn("final notice", second)
        self.assertIn("collection agency", final)


if __name__ == "__main__":
    unittest.main()
