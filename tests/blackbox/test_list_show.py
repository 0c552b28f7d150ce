"""dunn list and dunn show."""
import json
import unittest

from dunntest import DunnTest


class ListTest(DunnTest):
    def test_json_fields_and_formats(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-10-08")
        self.dunn("paid", "INV-2", "--amount", "0.50")
        rows = json.loads(self.dunn("list", "--json", "--as-of",
                                    "2026-11-01").stdout)
        self.assertEqual([r["invoice"] for r in rows], ["INV-1", "INV-2",
                                                        "INV-3"])
        first = rows[0]
        self.assertEqual(
            {k: first[k] for k in ("invoice", "customer", "email", "currency",
                                   "amount", "open_amount", "due",
                                   "days_overdue", "level", "state")},
            {"invoice": "INV-1", "customer": "Alice Example",
             "email": "alice@example.com", "currency": "EUR",
             "amount": "100.00", "open_amount": "100.00", "due": "2026-10-01",
             "days_overdue": 31, "level": "friendly", "state": "open"})
        self.assertEqual(rows[1]["open_amount"], "250.00")
        self.assertEqual(rows[1]["amount"], "250.50")
        self.assertIsNone(rows[1]["level"])
        self.assertEqual(rows[2]["days_overdue"], -30)

    def test_states_and_overdue_filter(self):
        self.import_basic()
        self.dunn("paid", "INV-1")
        self.dunn("hold", "INV-2")
        rows = json.loads(self.dunn("list", "--json", "--as-of",
                                    "2026-11-15").stdout)
        self.assertEqual([r["state"] for r in rows], ["paid", "hold", "open"])
        overdue = json.loads(self.dunn("list", "--overdue", "--json",
                                       "--as-of", "2026-11-15").stdout)
        self.assertEqual([r["invoice"] for r in overdue], ["INV-2"])

    def test_empty_ledger_lists_an_empty_array(self):
        self.write_csv([])
        self.dunn("import", "invoices.csv")
        self.assertEqual(json.loads(self.dunn("list", "--json").stdout), [])

    def test_json_escapes_text(self):
        self.write_csv(['INV-1,"Say ""hi"" \\ bye",a@example.com,1,2026-10-01'])
        self.dunn("import", "invoices.csv")
        rows = json.loads(self.dunn("list", "--json").stdout)
        self.assertEqual(rows[0]["customer"], 'Say "hi" \\ bye')

    def test_table(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-10-08")
        out = self.dunn("list", "--as-of", "2026-10-08").stdout.splitlines()
        self.assertEqual(out[0].split(), ["INVOICE", "CUSTOMER", "OPEN", "DUE",
                                          "OVERDUE", "LEVEL", "STATE"])
        self.assertEqual(out[1].split(), ["INV-1", "Alice", "Example",
                                          "EUR", "100.00", "2026-10-01", "7",
                                          "friendly", "open"])
        self.assertEqual(len(out), 4)

    def test_list_without_ledger(self):
        err = self.dunn("list", expect=66).stderr
        self.assertIn("import invoices first", err)


class ShowTest(DunnTest):
    def test_show_lists_payments_and_reminders(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-10-08")
        self.dunn("paid", "INV-1", "--amount", "30", "--on", "2026-10-09")
        out = self.dunn("show", "INV-1", "--as-of", "2026-10-20").stdout
        self.assertRegex(out, r"Principal open +EUR 70.00")
        self.assertIn("Due       2026-10-01 (19 days overdue on 2026-10-20)",
                      out)
        self.assertRegex(out, r"2026-10-09 +EUR 30.00 +recorded .* by dunn paid")
        self.assertIn("2026-10-08  friendly    "
                      "outbox/2026-10-08_INV-1_friendly.eml", out)
        self.assertIn("Next      nothing yet: 19 days overdue; level 'second' "
                      "is due on 2026-10-22", out)

    def test_show_unknown_invoice(self):
        self.import_basic()
        err = self.dunn("show", "INV-4", expect=65).stderr
        self.assertIn("did you mean", err)


if __name__ == "__main__":
    unittest.main()
