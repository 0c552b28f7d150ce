"""dunn import: reading CSV exports into the ledger."""
import unittest

from dunntest import DunnTest, HEADER


class ImportTest(DunnTest):
    def test_new_invoices_are_counted_and_stored(self):
        self.write_csv([
            "INV-1,Alice,alice@example.com,1234.5,2026-10-01",
            "INV-2,Bob,bob@example.com,1234.50,2026-10-02",
        ])
        out = self.dunn("import", "invoices.csv").stdout
        self.assertIn("imported 2 new, 0 changed, 0 unchanged", out)
        rows = self.ledger_rows(
            "SELECT number, amount, due, currency FROM invoices ORDER BY id")
        self.assertEqual(rows, [("INV-1", 123450, "2026-10-01", "EUR"),
                                ("INV-2", 123450, "2026-10-02", "EUR")])

    def test_reimport_of_the_same_file_changes_nothing(self):
        self.import_basic()
        before = self.ledger_rows("SELECT * FROM invoices")
        out = self.dunn("import", "invoices.csv").stdout
        self.assertIn("0 new, 0 changed, 3 unchanged", out)
        self.assertEqual(self.ledger_rows("SELECT * FROM invoices"), before)

    def test_a_changed_amount_is_updated_and_reported(self):
        self.import_basic()
        self.write_csv([
            "INV-1,Alice Example,alice@example.com,120.00,2026-10-01",
            "INV-2,Bob Example,bob@example.com,250.50,2026-11-01",
        ])
        out = self.dunn("import", "invoices.csv").stdout
        self.assertIn("INV-1: amount 100.00 -> 120.00", out)
        self.assertIn("0 new, 1 changed, 1 unchanged", out)
        self.assertEqual(
            self.ledger_rows("SELECT amount FROM invoices WHERE number='INV-1'"),
            [(12000,)])

    def test_a_changed_contact_is_updated_and_reported(self):
        self.import_basic()
        self.write_csv(["INV-1,Alice Example,alice@new.example,100.00,2026-10-01"])
        out = self.dunn("import", "invoices.csv").stdout
        self.assertIn('email "alice@example.com" -> "alice@new.example"', out)

    def test_reimport_keeps_payments(self):
        self.import_basic()
        self.dunn("paid", "INV-1", "--amount", "40", "--on", "2026-10-05")
        self.write_csv(["INV-1,Alice Example,alice@example.com,110.00,2026-10-01"])
        self.dunn("import", "invoices.csv")
        self.assertEqual(self.ledger_rows("SELECT amount FROM payments"),
                         [(4000,)])
        show = self.dunn("show", "INV-1", "--as-of", "2026-10-10").stdout
        self.assertIn("EUR 70.00", show)

    def test_amount_below_what_was_paid_is_a_row_error(self):
        self.import_basic()
        self.dunn("paid", "INV-1", "--amount", "80", "--on", "2026-10-05")
        before = self.ledger_dump()
        self.write_csv(["INV-1,Alice Example,alice@example.com,50.00,2026-10-01"])
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("invoices.csv:2: column 'amount': \"50.00\" is less "
                      "than the 80.00 already paid", err)
        self.assertEqual(self.ledger_dump(), before)

    def test_bad_rows_are_all_reported_and_nothing_is_written(self):
        self.import_basic()
        before = self.ledger_dump()
        self.write_csv([
            "INV-9,Dan,dan@example.com,12,3x,2026-10-01",
            "INV-10,Eve,eve@example.com,\"12,3x\",2026-10-01",
            "INV-11,Fay,fay@example.com,10.00,2026-02-30",
            "INV-12,Gus,not-an-address,10.00,2026-10-01",
            "INV-13,Hal,hal@example.com,10.00,2026-10-01",
        ])
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("invoices.csv:2: the row has 6 fields, the header has 5",
                      err)
        self.assertIn("invoices.csv:3: column 'amount': \"12,3x\" is not an "
                      "amount", err)
        self.assertIn("invoices.csv:4: column 'due': \"2026-02-30\" is not a "
                      "day in the calendar", err)
        self.assertIn("invoices.csv:5: column 'email': \"not-an-address\" is "
                      "not an email address", err)
        self.assertIn("nothing imported: 4 problems", err)
        self.assertEqual(self.ledger_dump(), before)

    def test_a_failed_first_import_leaves_no_ledger(self):
        self.write_csv(["INV-1,Alice,alice@example.com,-5.00,2026-10-01"])
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("column 'amount': \"-5.00\" is negative", err)
        self.assertFalse((self.dir / "dunn.db").exists())

    def test_amount_rules(self):
        cases = {
            "12.345": "has more than two decimals",
            "0.00": "is zero",
            "1e3": "uses an exponent",
            "-3": "is negative",
            "12 EUR": "is not an amount",
        }
        for value, message in cases.items():
            with self.subTest(value=value):
                self.write_csv([f"INV-1,A,a@example.com,{value},2026-10-01"])
                err = self.dunn("import", "invoices.csv", expect=65).stderr
                self.assertIn(f"column 'amount': \"{value}\" {message}", err)

    def test_line_numbers_count_physical_lines(self):
        # The quoted name spans lines 2-3; the bad row starts on line 4.
        self.write_csv([
            'INV-1,"Alice\nExample",alice@example.com,10.00,2026-10-01',
            "INV-2,Bob,bob@example.com,zero,2026-10-01",
        ])
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("invoices.csv:4: column 'amount': \"zero\"", err)

    def test_multiline_name_is_stored_on_one_line(self):
        self.write_csv(['INV-1,"Alice\r\nExample",a@example.com,10,2026-10-01'])
        self.dunn("import", "invoices.csv")
        self.assertEqual(self.ledger_rows("SELECT customer FROM invoices"),
                         [("Alice Example",)])

    def test_rfc4180_quoting_bom_and_crlf(self):
        text = ("\ufeffinvoice,customer,email,amount,due\r\n"
                'INV-1,"Smith, ""The"" Shop",s@example.com,"1,234.50",2026-10-01\r\n')
        self.write("invoices.csv", text, newline="")
        self.dunn("import", "invoices.csv")
        self.assertEqual(self.ledger_rows("SELECT customer, amount FROM invoices"),
                         [('Smith, "The" Shop', 123450)])

    def test_semicolon_and_tab_delimiters_are_detected(self):
        for delimiter in (";", "\t"):
            with self.subTest(delimiter=repr(delimiter)):
                self.write("d.csv", delimiter.join(HEADER.split(",")) + "\n" +
                           delimiter.join(["INV-1", "A, B", "a@example.com",
                                           "10.00", "2026-10-01"]) + "\n")
                self.dunn("--ledger", f"l{ord(delimiter)}.db", "import", "d.csv")
                self.assertEqual(self.ledger_rows(
                    "SELECT customer FROM invoices", f"l{ord(delimiter)}.db"),
                    [("A, B",)])

    def test_wrong_delimiter_gets_a_hint(self):
        self.write("dunn.toml", '[import]\ndelimiter = ","\n')
        self.write("d.csv", "invoice;customer;email;amount;due\n"
                            "INV-1;A;a@example.com;10.00;2026-10-01\n")
        err = self.dunn("import", "d.csv", expect=65).stderr
        self.assertIn("d.csv:1: the header lacks the required columns", err)
        self.assertIn("delimiter = \";\"", err)

    def test_column_mapping_decimal_comma_and_date_format(self):
        self.write("dunn.toml", """
[import]
delimiter = ";"
decimal = ","
date_format = "%d.%m.%Y"
[import.columns]
invoice = "Rechnungsnummer"
customer = "Kunde"
email = "E-Mail"
amount = "Betrag"
due = "Fällig am"
""")
        self.write("export.csv",
                   "Rechnungsnummer;Kunde;E-Mail;Betrag;Fällig am;Notiz\n"
                   "RE-1;Müller GmbH;m@example.de;1.234,56;31.10.2026;x\n",
                   encoding="utf-8")
        self.dunn("import", "export.csv")
        self.assertEqual(
            self.ledger_rows("SELECT number, amount, due FROM invoices"),
            [("RE-1", 123456, "2026-10-31")])

    def test_missing_required_column(self):
        self.write("d.csv", "invoice,customer,email,amount\nINV-1,A,a@x.de,1\n")
        err = self.dunn("import", "d.csv", expect=65).stderr
        self.assertIn("d.csv:1: the header lacks the required column 'due'",
                      err)
        self.assertIn("[import.columns]", err)

    def test_empty_file_is_an_error_and_header_only_imports_nothing(self):
        self.write("empty.csv", "")
        err = self.dunn("import", "empty.csv", expect=65).stderr
        self.assertIn("empty.csv:1: the file is empty", err)
        self.write("bom.csv", "\ufeff")
        self.dunn("import", "bom.csv", expect=65)
        self.write("header.csv", HEADER + "\n")
        out = self.dunn("import", "header.csv").stdout
        self.assertIn("imported 0 new, 0 changed, 0 unchanged", out)

    def test_blank_and_delimiter_only_rows_are_skipped(self):
        self.write_csv(["INV-1,A,a@example.com,10,2026-10-01", "", ",,,,",
                        "INV-2,B,b@example.com,10,2026-10-01"])
        self.assertIn("2 new", self.dunn("import", "invoices.csv").stdout)

    def test_duplicate_invoice_with_different_data_names_both_lines(self):
        self.write_csv([
            "INV-1,A,a@example.com,10.00,2026-10-01",
            "INV-2,B,b@example.com,10.00,2026-10-01",
            "INV-1,A,a@example.com,99.00,2026-10-01",
        ])
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("invoices.csv:4: this invoice number is also on "
                      "invoices.csv:2, with different data", err)

    def test_identical_duplicate_rows_are_fine(self):
        self.write_csv(["INV-1,A,a@example.com,10.00,2026-10-01",
                        "INV-1,A,a@example.com,10.00,2026-10-01"])
        out = self.dunn("import", "invoices.csv").stdout
        self.assertIn("imported 1 new, 0 changed, 0 unchanged", out)
        self.assertIn("1 repeated rows ignored", out)

    def test_several_files_are_one_transaction(self):
        self.write_csv(["INV-1,A,a@example.com,10.00,2026-10-01"], "good.csv")
        self.write_csv(["INV-2,B,b@example.com,oops,2026-10-01"], "bad.csv")
        self.dunn("import", "good.csv", "bad.csv", expect=65)
        self.assertFalse((self.dir / "dunn.db").exists())
        self.write_csv(["INV-2,B,b@example.com,20.00,2026-10-01"], "bad.csv")
        self.assertIn("2 new", self.dunn("import", "good.csv", "bad.csv").stdout)

    def test_standard_input(self):
        out = self.dunn("import", "-",
                        stdin=HEADER + "\nINV-1,A,a@example.com,1,2026-10-01\n")
        self.assertIn("1 new", out.stdout)
        err = self.dunn("import", "-", expect=65,
                        stdin=HEADER + "\nINV-2,A,a@example.com,x,2026-10-01\n")
        self.assertIn("<stdin>:2: column 'amount'", err.stderr)

    def test_dry_run_writes_nothing(self):
        self.write_csv(["INV-1,A,a@example.com,10.00,2026-10-01"])
        out = self.dunn("import", "--dry-run", "invoices.csv").stdout
        self.assertIn("would import 1 new", out)
        self.assertFalse((self.dir / "dunn.db").exists())
        self.dunn("import", "invoices.csv")
        before = self.ledger_dump()
        self.write_csv(["INV-1,A,a@example.com,20.00,2026-10-01"])
        self.dunn("import", "--dry-run", "invoices.csv")
        self.assertEqual(self.ledger_dump(), before)

    def test_encoding_errors_are_row_errors(self):
        path = self.dir / "bin.csv"
        path.write_bytes(HEADER.encode() + b"\nINV-1,M\xfcller,m@example.com,"
                         b"1,2026-10-01\nINV-2,A\x00B,a@example.com,1,2026-10-01\n")
        err = self.dunn("import", "bin.csv", expect=65).stderr
        self.assertIn("bin.csv:2: field 2 is not valid UTF-8", err)
        self.assertIn("bin.csv:3: field 2 contains a NUL byte", err)

    def test_field_over_64_kib_is_a_row_error(self):
        self.write_csv(["INV-1," + "x" * 70000 + ",a@example.com,1,2026-10-01",
                        "INV-2,B,b@example.com,1,2026-10-01"])
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("invoices.csv:2: a field is longer than the 64 KiB", err)

    def test_unterminated_quote(self):
        self.write_csv(['INV-1,"Alice,a@example.com,1,2026-10-01',
                        "INV-2,B,b@example.com,1,2026-10-01"])
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("invoices.csv:2: a quoted field is never closed", err)

    def test_missing_file_and_directory(self):
        err = self.dunn("import", "nope.csv", expect=66).stderr
        self.assertIn("dunn: error: cannot read nope.csv", err)
        (self.dir / "folder").mkdir()
        self.dunn("import", "folder", expect=66)

    def test_currency_column_and_default(self):
        self.write_csv(["INV-1,A,a@example.com,1,2026-10-01,gbp",
                        "INV-2,B,b@example.com,1,2026-10-01,"],
                       header=HEADER + ",currency")
        self.dunn("import", "invoices.csv")
        self.assertEqual(
            self.ledger_rows("SELECT currency FROM invoices ORDER BY id"),
            [("GBP",), ("EUR",)])

    def test_a_changed_due_date_applies_to_future_steps(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-10-08")
        self.write_csv([
            "INV-1,Alice Example,alice@example.com,100.00,2026-10-20",
        ])
        self.assertIn("due 2026-10-01 -> 2026-10-20",
                      self.dunn("import", "invoices.csv").stdout)
        # The friendly step stays recorded; the second level now counts
        # from the new due date (21 days after 2026-10-20).
        self.assertEqual(self.ledger_rows("SELECT level FROM steps"),
                         [("friendly",)])
        inv1 = lambda: [n for n in self.emails() if "_INV-1_" in n]
        self.dunn("run", "--as-of", "2026-11-09")
        self.assertEqual(len(inv1()), 1)
        self.dunn("run", "--as-of", "2026-11-10")
        self.assertEqual(inv1()[-1], "2026-11-10_INV-1_second.eml")


if __name__ == "__main__":
    unittest.main()
