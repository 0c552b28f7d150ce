"""Claims: fees, statutory interest, compensation, payment order, letters
grouped per customer. Reminders and `dunn show` must state the same
figures."""
import re
import unittest

from dunntest import DunnTest

B2B = """
[interest]
mode = "statutory-de"
[policy]
debtor_kind = "b2b"
[[level]]
name = "friendly"
after_days = 7
[[level]]
name = "second"
after_days = 21
fee = "5.00"
compensation = true
"""


def body_text(msg):
    return msg.get_content().replace("\r\n", "\n")


class InterestTest(DunnTest):
    def test_worked_example_statutory_de_b2b(self):
        # EUR 1,000.00 due 2025-06-15, as of 2025-08-14: 15 days at 11.27%
        # and 45 days at 10.27% give 17.29.
        self.write("dunn.toml", B2B)
        self.write_csv(["INV-1,ACME GmbH,a@acme.example,1000.00,2025-06-15"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2025-06-22")
        self.dunn("run", "--as-of", "2025-08-14")
        show = self.dunn("show", "INV-1", "--as-of", "2025-08-14").stdout
        self.assertRegex(show, r"Interest open +EUR 17.29")
        self.assertRegex(show, r"2025-06-16 to 2025-06-30 +15 days on +"
                               r"1,000.00 at +11.27% +4.63")
        self.assertRegex(show, r"2025-07-01 to 2025-08-14 +45 days on +"
                               r"1,000.00 at +10.27% +12.66")
        self.assertRegex(show, r"Compensation open +EUR 40.00")
        self.assertRegex(show, r"Fees open +EUR 5.00")
        self.assertRegex(show, r"Total open +EUR 1,062.29")

        body = body_text(self.read_email("2025-08-14_INV-1_second.eml")[1])
        self.assertRegex(body, r"Interest since 2025-06-16: +EUR +17.29")
        self.assertRegex(body, r"Total due: +EUR 1,062.29")
        self.assertIn("Please pay EUR 1,062.29", body)

    def test_fixed_rate(self):
        # 100.00 at a fixed 10%, 15 days overdue: 0.41.
        self.write("dunn.toml", '[interest]\nmode = "fixed"\nrate = 10.0\n')
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        out = self.dunn("show", "INV-1", "--as-of", "2026-10-16").stdout
        self.assertRegex(out, r"Interest open +EUR 0.41")

    def test_template_placeholders_for_claims(self):
        self.write("dunn.toml", B2B)
        self.write("templates/second.txt",
                   "Subject: {invoice}\n\nfee={fee} fees={fees_total} "
                   "comp={compensation} interest={interest} "
                   "rate={interest_rate} from={interest_from} "
                   "total={claim_total} open={open_amount}\n")
        self.write_csv(["INV-1,ACME GmbH,a@acme.example,1000.00,2025-06-15"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2025-06-22")
        self.dunn("run", "--as-of", "2025-08-14")
        body = body_text(self.read_email("2025-08-14_INV-1_second.eml")[1])
        self.assertEqual(body.strip(),
                         "fee=5.00 fees=5.00 comp=40.00 interest=17.29 "
                         "rate=10.27 from=2025-06-16 total=1,062.29 "
                         "open=1,000.00")

    def test_consumers_pay_base_plus_five_and_no_compensation(self):
        self.write("dunn.toml", B2B.replace('debtor_kind = "b2b"',
                                            'debtor_kind = "b2c"'))
        self.write_csv(["INV-1,Ann,ann@example.com,1000.00,2025-06-15"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2025-06-22")
        self.dunn("run", "--as-of", "2025-08-14")
        show = self.dunn("show", "INV-1", "--as-of", "2025-08-14").stdout
        self.assertRegex(show, r"at +7.27%")
        self.assertRegex(show, r"at +6.27%")
        self.assertNotIn("Compensation", show)

    def test_kind_column_overrides_the_default(self):
        self.write("dunn.toml", B2B.replace('debtor_kind = "b2b"',
                                            'debtor_kind = "b2c"'))
        self.write_csv(["INV-1,ACME,a@acme.example,1000.00,2025-06-15,B2B"],
                       header="invoice,customer,email,amount,due,kind")
        self.dunn("import", "invoices.csv")
        show = self.dunn("show", "INV-1", "--as-of", "2025-08-14").stdout
        self.assertIn("business (b2b)", show)
        self.write_csv(["INV-1,ACME,a@acme.example,1000.00,2025-06-15,firm"],
                       header="invoice,customer,email,amount,due,kind")
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("column 'kind': \"firm\" is neither b2b", err)

    def test_stale_base_rate_table_warns(self):
        self.write("dunn.toml", '[interest]\nmode = "statutory-de"\n')
        self.import_basic()
        err = self.dunn("run", "--as-of", "2026-11-08").stderr
        self.assertIn("dunn: warning: ", err)
        self.assertIn("2026-01-01", err)
        self.write("dunn.toml", '[interest]\nmode = "statutory-de"\n'
                   '[[interest.base_rate]]\nfrom = 2026-07-01\npercent = 1.27\n')
        self.assertEqual(self.dunn("run", "--as-of", "2026-11-09").stderr, "")

    def test_uk_needs_its_base_rates(self):
        self.write("dunn.toml", '[interest]\nmode = "statutory-uk"\n')
        err = self.dunn("list", expect=78).stderr
        self.assertIn("needs the Bank of England base rates", err)


class FeeTest(DunnTest):
    def test_fee_is_charged_once_per_level(self):
        self.write("dunn.toml", '[[level]]\nname = "first"\nafter_days = 7\n'
                                'template = "friendly"\n'
                                'fee = "2.50"\n[[level]]\nname = "next"\n'
                                'after_days = 21\nfee_percent = 1.5\n'
                                'template = "second"\n')
        self.write_csv(["INV-1,A,a@example.com,33.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        for day in ("2026-10-08", "2026-10-08", "2026-10-22", "2026-11-30"):
            self.dunn("run", "--as-of", day)
        # 1.5% of 33.00 is 0.495: half a cent, rounded up to 0.50.
        self.assertEqual(self.ledger_rows("SELECT level, fee FROM steps "
                                          "ORDER BY level_index"),
                         [("first", 250), ("next", 50)])
        out = self.dunn("show", "INV-1", "--as-of", "2026-11-30").stdout
        self.assertRegex(out, r"Fees open +EUR 3.00 +\(of 3.00 charged\)")

    def test_principal_first_stops_reminders_when_principal_is_paid(self):
        self.write("dunn.toml", '[[level]]\nname = "first"\nafter_days = 7\n'
                                'template = "friendly"\n'
                                'fee = "5.00"\n[[level]]\nname = "next"\n'
                                'after_days = 21\ntemplate = "second"\n')
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-08")
        self.dunn("paid", "INV-1", "--amount", "100.00", "--on", "2026-10-10")
        self.dunn("run", "--as-of", "2026-10-30")
        self.assertEqual(self.emails(), ["2026-10-08_INV-1_first.eml"])
        show = self.dunn("show", "INV-1", "--as-of", "2026-10-30").stdout
        self.assertRegex(show, r"Principal open +EUR 0.00")
        self.assertRegex(show, r"Fees open +EUR 5.00")
        self.assertIn("State     paid", show)

    def test_bgb_367_pays_costs_first_so_reminders_go_on(self):
        self.write("dunn.toml", '[policy]\npayment_order = '
                                '"costs-interest-principal"\n'
                                '[[level]]\nname = "first"\nafter_days = 7\n'
                                'template = "friendly"\n'
                                'fee = "5.00"\n[[level]]\nname = "next"\n'
                                'after_days = 21\ntemplate = "second"\n')
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-08")
        self.dunn("paid", "INV-1", "--amount", "100.00", "--on", "2026-10-10")
        self.dunn("run", "--as-of", "2026-10-30")
        self.assertIn("2026-10-30_INV-1_next.eml", self.emails())
        body = body_text(self.read_email("2026-10-30_INV-1_next.eml")[1])
        self.assertRegex(body, r"Amount open: +EUR +5.00")
        show = self.dunn("show", "INV-1", "--as-of", "2026-10-30").stdout
        self.assertRegex(show, r"Principal open +EUR 5.00")
        self.assertRegex(show, r"Fees open +EUR 0.00")

    def test_paid_without_amount_settles_the_whole_claim(self):
        self.write("dunn.toml", B2B)
        self.write_csv(["INV-1,ACME GmbH,a@acme.example,1000.00,2025-06-15"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2025-06-22")
        self.dunn("run", "--as-of", "2025-08-14")
        out = self.dunn("paid", "INV-1", "--on", "2025-08-14").stdout
        self.assertIn("recorded EUR 1,062.29", out)
        show = self.dunn("show", "INV-1", "--as-of", "2025-09-30").stdout
        self.assertRegex(show, r"Total open +EUR 0.00")

    def test_compensation_only_with_a_statutory_mode(self):
        self.write("dunn.toml", '[[level]]\nname = "a"\nafter_days = 7\n'
                                'compensation = true\n')
        err = self.dunn("list", expect=78).stderr
        self.assertIn("key 'level.compensation'", err)


class LetterTest(DunnTest):
    def setUp(self):
        super().setUp()
        self.write("dunn.toml", '[policy]\ngroup = "customer"\n')
        self.write_csv([
            "A-1,Ann,ann@example.com,100.00,2026-10-01,EUR",
            "A-2,Ann,ann@example.com,200.00,2026-10-20,GBP",
            "A-3,Ann,ann@example.com,50.00,2026-11-25,EUR",
            "B-1,Bob,bob@example.com,70.00,2026-10-01,EUR",
        ], header="invoice,customer,email,amount,due,currency")
        self.dunn("import", "invoices.csv")

    def test_one_letter_per_customer_with_every_overdue_invoice(self):
        self.dunn("run", "--as-of", "2026-10-30")
        out = self.dunn("run", "--as-of", "2026-11-06").stdout
        self.assertIn("2 letter(s)", out) if "letter" in out else None
        ann = [n for n in self.emails() if n.startswith("2026-11-06_Ann")]
        self.assertEqual(len(ann), 1)
        self.assertTrue(ann[0].endswith("_second.eml"))
        _, msg = self.read_email(ann[0])
        self.assertEqual(msg.get_all("X-Dunn-Invoice"), ["A-1", "A-2"])
        self.assertEqual(msg["X-Dunn-Level"], "second")
        body = body_text(msg)
        self.assertRegex(body, r"A-1 +2026-10-01 +second +100.00 +100.00 +EUR")
        self.assertRegex(body, r"A-2 +2026-10-20 +friendly +200.00 +200.00 "
                               r"+GBP")
        self.assertIn("EUR 100.00\nGBP 200.00", body)
        self.assertNotIn("A-3", body)
        steps = self.ledger_rows("SELECT i.number, s.level, s.file FROM steps "
                                 "s JOIN invoices i ON i.id = s.invoice_id "
                                 "WHERE s.sent_on = '2026-11-06' ORDER BY 1")
        self.assertEqual([s[:2] for s in steps],
                         [("A-1", "second"), ("B-1", "second")])
        self.assertEqual(steps[0][2], ann[0])

    def test_letters_are_written_once(self):
        self.dunn("run", "--as-of", "2026-10-30")
        first = self.outbox()
        self.dunn("run", "--as-of", "2026-10-30")
        self.assertEqual(self.outbox(), first)
        out = self.dunn("run", "--as-of", "2026-10-31").stdout
        self.assertIn("0 reminder(s)", out)

    def test_first_letter_counts_steps(self):
        out = self.dunn("run", "--as-of", "2026-10-30").stdout
        # Ann: are both due for friendly; Bob: B-1.
        self.assertIn("2 letter(s) for 3 reminder(s)", out)

    def test_letter_templates_may_not_use_single_invoice_placeholders(self):
        self.write("templates/friendly_letter.txt",
                   "Subject: {invoice}\n\nx\n")
        err = self.dunn("run", "--as-of", "2026-10-30", expect=78).stderr
        self.assertIn("unknown placeholder {invoice}", err)
        self.assertIn("did you mean 'invoices'", err)


if __name__ == "__main__":
    unittest.main()
