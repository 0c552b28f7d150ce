"""Importing straight from invoicing tools: presets, payment state, status
words, line items, customer lists, encodings, --detect."""
import json
import unittest
from pathlib import Path

from dunntest import DunnTest

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "presets"


def fixture(name):
    return str(FIXTURES / name)


class PresetTest(DunnTest):
    def listed(self, as_of="2026-11-01"):
        rows = json.loads(self.dunn("list", "--json", "--as-of", as_of).stdout)
        return {r["invoice"]: r for r in rows}

    def test_detect_recognises_each_fixture(self):
        for preset in ("invoiceninja", "xero", "akaunting", "datev-opos",
                       "stripe"):
            with self.subTest(preset=preset):
                out = self.dunn("import", "--detect",
                                fixture(preset + ".csv")).stdout
                self.assertIn(f'matches preset "{preset}"', out)
                self.assertIn("invoice      <- ", out)
        self.assertEqual(self.outbox(), [])
        self.assertFalse((self.dir / "dunn.db").exists())

    def test_detect_on_other_files(self):
        self.write_csv(["INV-1,A,a@example.com,1,2026-10-01"])
        out = self.dunn("import", "--detect", "invoices.csv").stdout
        self.assertIn("dunn's own format", out)
        self.write("odd.csv", "Customer Name,Amount Due,Whatever\n")
        out = self.dunn("import", "--detect", "odd.csv", expect=65).stdout
        self.assertIn('closest is "stripe", which also needs the columns '
                      "Amount Paid, Due Date (UTC), Status", out)

    def test_unknown_preset(self):
        err = self.dunn("import", "--preset", "zero", fixture("xero.csv"),
                        expect=64).stderr
        self.assertIn("there is no preset \"zero\" (did you mean 'xero'?)",
                      err)
        self.write("dunn.toml", '[import]\npreset = "strype"\n')
        err = self.dunn("import", fixture("xero.csv"), expect=78).stderr
        self.assertIn("dunn.toml:2: key 'import.preset'", err)

    def test_invoiceninja_needs_its_clients_for_emails(self):
        err = self.dunn("import", "--preset", "invoiceninja",
                        fixture("invoiceninja.csv"), expect=65).stderr
        self.assertIn("invoiceninja.csv:1: the header lacks the required "
                      "column 'email'", err)
        self.assertIn("needs a customer list first: dunn import --customers",
                      err)

        out = self.dunn("import", "--customers",
                        fixture("invoiceninja-clients.csv")).stdout
        self.assertIn("imported 3 new, 0 changed, 0 unchanged customers", out)
        out = self.dunn("import", "--preset", "invoiceninja", "--as-of",
                        "2026-11-01", fixture("invoiceninja.csv")).stdout
        self.assertIn("4 new", out)
        self.assertIn("1 drafts skipped", out)
        self.assertIn("2 payments recorded from the export", out)
        rows = self.listed()
        self.assertEqual(rows["0001"]["email"], "billing@acme.example")
        self.assertEqual(rows["0001"]["open_amount"], "2500.50")
        self.assertEqual(rows["0002"]["open_amount"], "200.00")
        self.assertEqual(rows["0003"]["state"], "paid")
        self.assertEqual(rows["0005"]["state"], "cancelled")
        self.assertNotIn("0004", rows)
        self.assertEqual(
            self.ledger_rows("SELECT i.number, p.amount, p.paid_on, p.source "
                             "FROM payments p JOIN invoices i ON "
                             "i.id = p.invoice_id ORDER BY 1"),
            [("0002", 100000, "2026-11-01", "import"),
             ("0003", 31000, "2026-11-01", "import")])

    def test_xero_line_items_form_one_invoice(self):
        self.dunn("import", "--preset", "xero", fixture("xero.csv"))
        rows = self.listed()
        self.assertEqual(sorted(rows), ["INV-0101", "INV-0102", "INV-0104"])
        self.assertEqual(rows["INV-0101"]["amount"], "345.00")
        self.assertEqual(rows["INV-0101"]["due"], "2026-10-31")
        self.assertEqual(rows["INV-0102"]["open_amount"], "60.00")
        self.assertEqual(rows["INV-0104"]["state"], "cancelled")

    def test_line_amounts_are_summed_without_a_total(self):
        self.write("dunn.toml", "[import]\nline_items = true\n")
        self.write_csv([
            "INV-1,Ann,ann@example.com,2026-10-01,2,12.50,10",
            "INV-2,Bob,bob@example.com,2026-10-01,1,5.00,",
            "INV-1,Ann,ann@example.com,2026-10-01,0.5,3.33,",
        ], header="invoice,customer,email,due,quantity,unit_amount,discount")
        self.dunn("import", "invoices.csv")
        rows = self.listed()
        # 2 x 12.50 less 10% = 22.50, plus 0.5 x 3.33 = 1.665 -> 1.67.
        self.assertEqual(rows["INV-1"]["amount"], "24.17")
        self.assertEqual(rows["INV-2"]["amount"], "5.00")

    def test_lines_that_disagree_are_errors(self):
        self.write("dunn.toml", "[import]\nline_items = true\n")
        self.write_csv([
            "INV-1,Ann,ann@example.com,2026-10-01,1,10",
            "INV-1,Ann,ann@example.com,2026-10-02,1,10",
        ], header="invoice,customer,email,due,quantity,unit_amount")
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("invoices.csv:3: this line of invoice \"INV-1\" differs "
                      "from its line 2 in due", err)

    def test_akaunting_phones_and_datetimes(self):
        self.dunn("import", "--preset", "akaunting", fixture("akaunting.csv"))
        rows = self.listed()
        self.assertEqual(rows["INV-00001"]["phone"], "+49 40 123456")
        self.assertEqual(rows["INV-00001"]["due"], "2026-10-01")
        self.assertEqual(rows["INV-00003"]["state"], "paid")
        self.assertNotIn("INV-00004", rows)

    def test_datev_windows_1252_with_debtor_accounts(self):
        out = self.dunn("import", "--preset", "datev-opos", "--customers",
                        fixture("datev-debitoren.csv")).stdout
        self.assertIn("2 new", out)
        self.dunn("import", "--preset", "datev-opos",
                  fixture("datev-opos.csv"))
        rows = self.listed()
        self.assertEqual(rows["RE-2026-0815"]["customer"],
                         "Müller & Söhne GmbH")
        self.assertEqual(rows["RE-2026-0815"]["amount"], "1190.00")
        self.assertEqual(rows["RE-2026-0815"]["due"], "2026-10-01")
        self.assertEqual(rows["RE-2026-0815"]["kind"], "b2b")
        self.assertEqual(rows["RE-2026-0816"]["open_amount"], "119.00")
        self.assertEqual(rows["RE-2026-0817"]["state"], "paid")
        self.dunn("run", "--as-of", "2026-10-12")
        _, msg = self.read_email("2026-10-12_RE-2026-0815_friendly.eml")
        self.assertEqual(msg["To"].addresses[0].addr_spec,
                         "buchhaltung@mueller.example")
        self.assertEqual(msg["To"].addresses[0].display_name,
                         "Müller & Söhne GmbH")

    def test_undefined_windows_1252_byte_is_a_row_error(self):
        path = self.dir / "bad.csv"
        path.write_bytes(b"invoice;customer;email;amount;due\r\n"
                         b"R-1;M\x81ller;m@example.de;1,00;01.10.2026\r\n")
        self.write("dunn.toml", '[import]\nencoding = "windows-1252"\n'
                                'decimal = ","\ndate_format = "%d.%m.%Y"\n')
        err = self.dunn("import", "bad.csv", expect=65).stderr
        self.assertIn("bad.csv:2: field 2 has the byte 0x81, which "
                      "Windows-1252 does not define", err)

    def test_stripe_drafts_ids_and_customer_export(self):
        err = self.dunn("import", "--preset", "stripe", fixture("stripe.csv"),
                        expect=65).stderr
        self.assertIn('no email for customer "Nova Apps"', err)
        self.dunn("import", "--preset", "stripe", "--customers",
                  fixture("stripe-customers.csv"))
        out = self.dunn("import", "--preset", "stripe",
                        fixture("stripe.csv")).stdout
        self.assertIn("1 drafts skipped", out)
        rows = self.listed()
        self.assertEqual(sorted(rows), ["AB12CD-0001", "AB12CD-0002",
                                        "in_1Abe"])
        self.assertEqual(rows["AB12CD-0002"]["currency"], "USD")
        self.assertEqual(rows["AB12CD-0002"]["open_amount"], "50.00")
        self.assertEqual(rows["AB12CD-0002"]["email"],
                         "billing@novaapps.example")
        self.assertEqual(rows["AB12CD-0001"]["due"], "2026-10-15")
        self.assertEqual(rows["in_1Abe"]["state"], "cancelled")

    def test_config_overrides_a_preset_key_by_key(self):
        self.write("dunn.toml", '[import]\npreset = "stripe"\n'
                                '[import.columns]\nemail = "Mail"\n')
        self.write("s.csv", "Number,Customer Name,Mail,Currency,Amount Due,"
                            "Amount Paid,Status,Due Date (UTC)\n"
                            "N-1,Zed,z@zed.example,eur,10.00,0,open,"
                            "2026-10-01 12:00\n")
        self.dunn("import", "s.csv")
        self.assertEqual(self.listed()["N-1"]["email"], "z@zed.example")


class PaymentStateTest(DunnTest):
    HEADER = "invoice,customer,email,amount,due,paid,status"

    def test_reimport_records_new_payments_and_keeps_known_ones(self):
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01,0,open",
                        "INV-2,B,b@example.com,50.00,2026-10-01,0,open"],
                       header=self.HEADER)
        self.dunn("import", "invoices.csv")
        self.dunn("paid", "INV-2", "--amount", "20", "--on", "2026-10-20")

        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01,30,partial",
                        "INV-2,B,b@example.com,50.00,2026-10-01,10,partial"],
                       header=self.HEADER)
        done = self.dunn("import", "--as-of", "2026-10-25", "invoices.csv")
        self.assertIn("1 payments recorded from the export", done.stdout)
        self.assertIn("dunn: warning: INV-2: the export shows EUR 10.00 "
                      "paid, the ledger EUR 20.00; keeping the payments "
                      "recorded in the ledger", done.stderr)
        self.assertEqual(
            self.ledger_rows("SELECT i.number, p.amount, p.paid_on, p.source "
                             "FROM payments p JOIN invoices i ON "
                             "i.id = p.invoice_id ORDER BY p.id"),
            [("INV-2", 2000, "2026-10-20", "paid"),
             ("INV-1", 3000, "2026-10-25", "import")])

        # Importing the same export again records nothing more.
        again = self.dunn("import", "--as-of", "2026-10-26", "invoices.csv")
        self.assertNotIn("payments recorded", again.stdout)
        self.assertEqual(self.ledger_rows("SELECT count(*) FROM payments"),
                         [(2,)])

    def test_paid_in_the_export_stops_reminders(self):
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01,0,open"],
                       header=self.HEADER)
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-08")
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01,100,paid"],
                       header=self.HEADER)
        self.dunn("import", "--as-of", "2026-10-10", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-30")
        self.assertEqual(self.emails(), ["2026-10-08_INV-1_friendly.eml"])

    def test_cancelled_rows_get_no_reminders(self):
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01,0,void",
                        "INV-2,B,b@example.com,100.00,2026-10-01,0,Draft"],
                       header=self.HEADER)
        out = self.dunn("import", "invoices.csv").stdout
        self.assertIn("imported 1 new, 0 changed, 0 unchanged, 1 drafts "
                      "skipped", out)
        self.dunn("run", "--as-of", "2026-10-30")
        self.assertEqual(self.emails(), [])
        err = self.dunn("paid", "INV-1", expect=65).stderr
        self.assertIn("invoice INV-1 is cancelled", err)
        # An invoice cancelled later stops its reminders too.
        self.write_csv(["INV-3,C,c@example.com,10.00,2026-10-01,0,open"],
                       header=self.HEADER)
        self.dunn("import", "invoices.csv")
        self.write_csv(["INV-3,C,c@example.com,10.00,2026-10-01,0,storniert"],
                       header=self.HEADER)
        out = self.dunn("import", "invoices.csv").stdout
        self.assertIn('status "open" -> "cancelled"', out)
        self.dunn("run", "--as-of", "2026-11-30")
        self.assertEqual(self.emails(), [])

    def test_status_word_problems(self):
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01,0,lost",
                        "INV-2,B,b@example.com,100.00,2026-10-01,40,paid",
                        "INV-3,C,c@example.com,100.00,2026-10-01,140,open"],
                       header=self.HEADER)
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("invoices.csv:2: column 'status': \"lost\" is on no "
                      "list of [import.status]", err)
        self.assertIn("invoices.csv:3: column 'status': \"paid\" says paid, "
                      "but 60.00 is still open", err)
        self.assertIn("invoices.csv:4: column 'paid': 140.00 is more than "
                      "the amount 100.00", err)

    def test_status_words_are_configurable(self):
        self.write("dunn.toml", '[import.status]\nopen = ["", "pending"]\n'
                                'paid = ["settled"]\ncancelled = []\n'
                                'draft = []\n')
        self.write_csv(["INV-1,A,a@example.com,100.00,2026-10-01,0,Pending",
                        "INV-2,B,b@example.com,100.00,2026-10-01,,Settled"],
                       header=self.HEADER)
        self.dunn("import", "invoices.csv")
        self.assertEqual(self.ledger_rows("SELECT sum(amount) FROM payments"),
                         [(10000,)])


class CustomerListTest(DunnTest):
    def test_customer_contact_changes_reach_the_next_reminder(self):
        self.write("customers.csv", "customer_id,customer,email\n"
                                    "C-1,Ann Example,ann@old.example\n")
        self.dunn("import", "--customers", "customers.csv")
        self.write_csv(["INV-1,,,100.00,2026-10-01,C-1",
                        "INV-2,,,50.00,2026-10-01,C-1"],
                       header="invoice,customer,email,amount,due,customer_id")
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-08")
        _, first = self.read_email("2026-10-08_INV-1_friendly.eml")
        self.assertEqual(first["To"], "Ann Example <ann@old.example>")

        self.write("customers.csv", "customer_id,customer,email\n"
                                    "C-1,Ann Example,ann@new.example\n")
        out = self.dunn("import", "--customers", "customers.csv").stdout
        self.assertIn('changed customer C-1: email "ann@old.example" -> '
                      '"ann@new.example"', out)
        self.dunn("run", "--as-of", "2026-10-22")
        _, second = self.read_email("2026-10-22_INV-1_second.eml")
        self.assertEqual(second["To"], "Ann Example <ann@new.example>")

    def test_an_email_on_the_invoice_row_wins(self):
        self.write("customers.csv", "customer,email\nAnn,list@example.com\n")
        self.dunn("import", "--customers", "customers.csv")
        self.write_csv(["INV-1,Ann,row@example.com,100.00,2026-10-01",
                        "INV-2,Ann,,100.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        rows = {r["invoice"]: r["email"] for r in json.loads(
            self.dunn("list", "--json").stdout)}
        self.assertEqual(rows, {"INV-1": "row@example.com",
                                "INV-2": "list@example.com"})

    def test_bad_customer_rows(self):
        self.write("customers.csv", "customer_id,customer,email,kind\n"
                                    ",,a@example.com,\n"
                                    "C-2,Bob,not-an-address,firm\n")
        err = self.dunn("import", "--customers", "customers.csv",
                        expect=65).stderr
        self.assertIn("customers.csv:2: columns 'customer_id' and 'customer' "
                      "are both empty", err)
        self.assertIn("customers.csv:3: column 'email': \"not-an-address\"",
                      err)
        self.assertIn("customers.csv:3: column 'kind': \"firm\"", err)


if __name__ == "__main__":
    unittest.main()
