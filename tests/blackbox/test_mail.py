"""The emails in the outbox, as mail software reads them."""
import re
import unittest
from email.header import decode_header, make_header

from dunntest import DunnTest


def decoded(value):
    return str(make_header(decode_header(value)))


class MailTest(DunnTest):
    def run_one(self, row, header="invoice,customer,email,amount,due"):
        self.write_csv([row], header=header)
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-11-08")
        names = self.emails()
        self.assertEqual(len(names), 1, names)
        return self.read_email(names[0])

    def test_headers_and_line_ends(self):
        raw, msg = self.run_one("RE-2026/0042,Ann,ann@example.com,1234.56,"
                                "2026-10-01")
        head, _, body = raw.partition(b"\r\n\r\n")
        self.assertNotIn(b"\n", raw.replace(b"\r\n", b""))
        self.assertNotIn(b"\r", raw.replace(b"\r\n", b""))
        names = [line.split(b":")[0] for line in head.split(b"\r\n")
                 if not line.startswith((b" ", b"\t"))]
        self.assertEqual(names, [b"From", b"To", b"Subject", b"Date",
                                 b"Message-ID", b"MIME-Version",
                                 b"Content-Type", b"Content-Transfer-Encoding",
                                 b"X-Dunn-Invoice", b"X-Dunn-Level",
                                 b"Auto-Submitted"])
        self.assertEqual(msg["From"], "Example Shop <billing@shop.example>")
        self.assertEqual(msg["To"], "Ann <ann@example.com>")
        self.assertEqual(msg["X-Dunn-Invoice"], "RE-2026/0042")
        self.assertEqual(msg["X-Dunn-Level"], "friendly")
        self.assertEqual(msg.get_content_type(), "text/plain")
        self.assertEqual(msg.get_content_charset(), "utf-8")
        self.assertRegex(msg["Date"], r"^\w{3}, \d\d \w{3} \d{4} "
                                      r"\d\d:\d\d:\d\d \+0000$")
        self.assertRegex(msg["Message-ID"], r"^<[^<>@\s]+@shop\.example>$")
        self.assertIn("EUR 1,234.56", msg.get_content())
        self.assertTrue(all(len(line) <= 998
                            for line in raw.split(b"\r\n")))

    def test_non_ascii_name_and_subject_are_encoded_words(self):
        self.write("templates/friendly.txt",
                   "Subject: Zahlungserinnerung für {invoice} – bitte zahlen\n"
                   "\nGrüße\n")
        raw, msg = self.run_one("R-1,Jürgen Müller,j@example.de,10,2026-10-01")
        head = raw.partition(b"\r\n\r\n")[0]
        self.assertTrue(all(b < 128 for b in head))
        self.assertIn(b"=?UTF-8?", head)
        self.assertEqual(decoded(msg["To"]), "Jürgen Müller <j@example.de>")
        self.assertEqual(msg["Subject"],
                         "Zahlungserinnerung für R-1 – bitte zahlen")
        self.assertEqual(msg.get_content().strip(), "Grüße")

    def test_header_injection_in_customer_name_adds_no_header(self):
        row = ('INV-1,"Mallory\r\nBcc: victim@evil.example\r\nSubject: hi",'
               "m@example.com,10,2026-10-01")
        raw, msg = self.run_one(row)
        head = raw.partition(b"\r\n\r\n")[0].decode()
        for field in ("From", "To", "Subject"):
            self.assertEqual(len(msg.get_all(field)), 1, field)
        self.assertIsNone(msg["Bcc"])
        self.assertNotRegex(head, r"(?m)^(Bcc|Subject: hi)")

    def test_header_injection_through_a_template_value(self):
        self.write("dunn.toml",
                   '[sender]\nname = "Shop"\nemail = "s@shop.example"\n')
        self.write("templates/friendly.txt",
                   "Subject: {customer}\n\nbody\n")
        row = 'INV-1,"x\nBcc: a@evil.example",a@example.com,10,2026-10-01'
        raw, msg = self.run_one(row)
        self.assertEqual(len(msg.get_all("Subject")), 1)
        self.assertIsNone(msg["Bcc"])

    def test_control_characters_in_invoice_numbers_are_refused(self):
        self.write_csv(['"INV-1\r\nBcc: x@evil.example",A,a@example.com,10,'
                        "2026-10-01"])
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        self.assertIn("column 'invoice'", err)
        self.assertIn("control character", err)

    def test_invoice_numbers_never_leave_the_outbox(self):
        numbers = ["../x", "../../etc/x", "/abs", "a/b", "..", ".hidden",
                   "a\\b", "CON", "x" * 300, "x" * 299 + "y", "ü/é",
                   "a%2Fb", "a b"]
        rows = [f'"{n}",A,a@example.com,10,2026-10-01' for n in numbers]
        self.write_csv(rows)
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-11-08")
        names = self.outbox()
        self.assertEqual(len(names), len(numbers))
        self.assertEqual(sorted(p.name for p in self.dir.iterdir()),
                         sorted(["dunn.db", "dunn.db-shm", "dunn.db-wal",
                                 "invoices.csv", "outbox"])
                         if (self.dir / "dunn.db-wal").exists() else
                         sorted(["dunn.db", "invoices.csv", "outbox"]))
        for name in names:
            self.assertRegex(name, r"^2026-11-08_[A-Za-z0-9.%+-]+_friendly\.eml$")
            self.assertLessEqual(len(name.encode()), 255)
        headers = {self.read_email(n)[1]["X-Dunn-Invoice"] for n in names}
        self.assertEqual(headers, set(numbers))

    def test_long_subject_is_folded(self):
        self.write("templates/friendly.txt",
                   "Subject: " + "word " * 40 + "{invoice}\n\nbody\n")
        raw, msg = self.run_one("INV-1,A,a@example.com,10,2026-10-01")
        head = raw.partition(b"\r\n\r\n")[0]
        self.assertTrue(all(len(line) <= 78 for line in head.split(b"\r\n")))
        self.assertEqual(msg["Subject"], ("word " * 40 + "INV-1"))

    def test_message_ids_are_unique_per_step(self):
        self.import_basic()
        self.dunn("run", "--as-of", "2026-11-08")
        ids = {self.read_email(n)[1]["Message-ID"] for n in self.emails()}
        self.assertEqual(len(ids), 2)


if __name__ == "__main__":
    unittest.main()
