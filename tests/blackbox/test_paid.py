"""dunn paid, hold and release."""
import unittest

from dunntest import DunnTest


class PaidTest(DunnTest):
    def test_paid_stops_reminders(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-10-08")
        out = self.dunn("paid", "INV-1", "--on", "2026-10-10").stdout
        self.assertIn("INV-1: recorded EUR 100.00 paid on 2026-10-10; paid in "
                      "full", out)
        self.dunn("run", "--as-of", "2026-10-30")
        self.assertEqual(self.emails(), ["2026-10-08_INV-1_friendly.eml"])

    def test_partial_payment_reduces_the_open_amount(self):
        self.import_basic()
        out = self.dunn("paid", "INV-2", "--amount", "0.50").stdout
        self.assertIn("EUR 250.00 still owed", out)
        listed = self.dunn("list", "--json", "--as-of", "2026-12-01").stdout
        self.assertIn('"open_amount": "250.00"', listed)

    def test_amount_above_what_is_open_is_refused(self):
        self.import_basic()
        err = self.dunn("paid", "INV-1", "--amount", "100.01", expect=65).stderr
        self.assertIn("EUR 100.01 is more than the EUR 100.00 owed on invoice INV-1", err)
        self.assertEqual(self.ledger_rows("SELECT count(*) FROM payments"),
                         [(0,)])

    def test_settled_invoice_is_refused(self):
        self.import_basic()
        self.dunn("paid", "INV-1")
        err = self.dunn("paid", "INV-1", expect=65).stderr
        self.assertIn("invoice INV-1 is already paid in full", err)

    def test_unknown_invoice_suggests_close_matches(self):
        self.import_basic()
        err = self.dunn("paid", "inv-1", expect=65).stderr
        self.assertIn('there is no invoice "inv-1"', err)
        self.assertIn("did you mean 'INV-1'", err)

    def test_several_invoices_are_all_or_nothing(self):
        self.import_basic()
        self.dunn("paid", "INV-1", "INV-9", expect=65)
        self.assertEqual(self.ledger_rows("SELECT count(*) FROM payments"),
                         [(0,)])
        self.dunn("paid", "INV-1", "INV-2")
        self.assertEqual(self.ledger_rows("SELECT count(*) FROM payments"),
                         [(2,)])

    def test_amount_needs_a_single_invoice(self):
        self.import_basic()
        err = self.dunn("paid", "INV-1", "INV-2", "--amount", "1",
                        expect=64).stderr
        self.assertIn("--amount needs exactly one invoice", err)

    def test_bad_amount_and_date_are_usage_errors(self):
        self.import_basic()
        self.dunn("paid", "INV-1", "--amount", "1,5x", expect=64)
        self.dunn("paid", "INV-1", "--amount", "0", expect=64)
        self.dunn("paid", "INV-1", "--on", "yesterday", expect=64)

    def test_payment_date_is_recorded(self):
        self.import_basic()
        self.dunn("paid", "INV-1", "--amount", "10", "--on", "2026-09-30")
        self.assertEqual(
            self.ledger_rows("SELECT amount, paid_on, source FROM payments"),
            [(1000, "2026-09-30", "paid")])


class HoldTest(DunnTest):
    def test_hold_and_release_show_in_the_state(self):
        self.import_basic()
        self.dunn("hold", "INV-1", "--until", "2026-11-30", "--reason",
                  "disputed")
        listed = self.dunn("list", "--json", "--as-of", "2026-11-15").stdout
        self.assertIn('"state": "hold"', listed)
        self.assertIn('"hold_until": "2026-11-30"', listed)
        shown = self.dunn("show", "INV-1", "--as-of", "2026-11-15").stdout
        self.assertIn("held until 2026-11-30: disputed", shown)
        after = self.dunn("list", "--json", "--as-of", "2026-12-01").stdout
        self.assertNotIn('"state": "hold"', after)
        out = self.dunn("release", "INV-1", "INV-2").stdout
        self.assertIn("INV-1: released", out)
        self.assertIn("INV-2: was not on hold", out)

    def test_hold_of_unknown_invoice_changes_nothing(self):
        self.import_basic()
        before = self.ledger_dump()
        self.dunn("hold", "INV-1", "NOPE", expect=65)
        self.assertEqual(self.ledger_dump(), before)


if __name__ == "__main__":
    unittest.main()
