"""Hostile input: values built to break an email or escape the outbox.

- No value (customer name, invoice number, phone, customer id, template
  text) adds a header to an email or breaks one, whatever CR, LF, NUL,
  "\\r\\nBcc:" or Unicode line break it holds: each email has From, To and
  Subject once, only the headers dunn writes, and CRLF line ends only.
- Email addresses are checked on import: one that could carry a header,
  or is no address at all, is a row error and nothing is imported.
- Invoice numbers naming other places ("../../etc/x", "/abs", "a/b",
  "..", reserved names, names longer than 255 bytes) give files inside the
  outbox with safe names, and distinct invoices never share a file.
- The ledger (with its -wal and -shm files), the outbox and every email are
  readable by their owner only, even under umask 000.
test_mail.py has the simpler cases; this file adds the rest.
"""
import email
import email.policy
import subprocess
import unittest

from dunntest import DUNN, DunnTest

HEADERS = {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
           "Content-Type", "Content-Transfer-Encoding", "X-Dunn-Invoice",
           "X-Dunn-Level", "Auto-Submitted"}
FULL_HEADER = ("invoice,customer,email,amount,due,phone,customer_id,"
               "currency,language")
INJECTIONS = [
    "Mallory\r\nBcc: victim@evil.example",
    "Mallory\nBcc: victim@evil.example",
    "Mallory\rBcc: victim@evil.example",
    "Mallory\r\n\r\nfake body",
    "Mallory\r\n Bcc: folded@evil.example",
    "Mallory\u2028Bcc: ls@evil.example",
    "Mallory\u0085Bcc: nel@evil.example",
    "=?UTF-8?B?DQpCY2M6IHhAZXZpbC5leGFtcGxl?=",
    "Mallory\tBcc: tab@evil.example",
    "\"Mallory\" <m@evil.example>, Bcc: x@evil.example",
]


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


class HeaderInjectionTest(DunnTest):
    def check_headers(self, raw):
        """Returns the parsed email after checking its header block."""
        self.assertNotIn(b"\n", raw.replace(b"\r\n", b""), "a bare LF")
        self.assertNotIn(b"\r", raw.replace(b"\r\n", b""), "a bare CR")
        head = raw.partition(b"\r\n\r\n")[0]
        names = [line.split(b":")[0].decode() for line in head.split(b"\r\n")
                 if not line.startswith((b" ", b"\t"))]
        self.assertLessEqual(set(names), HEADERS, head)
        for once in ("From", "To", "Subject"):
            self.assertEqual(names.count(once), 1, head)
        self.assertTrue(all(32 <= b < 127 for b in head.replace(b"\r\n", b"")),
                        head)
        return email.message_from_bytes(raw, policy=email.policy.default)

    def test_values_in_every_field_and_template_add_no_header(self):
        # Every value shows up in the subject and the body too.
        self.write("templates/friendly.txt",
                   "Subject: {customer} {phone} {customer_id} {invoice}\n\n"
                   "{customer}\n{phone}\n{customer_id}\n{invoice}\n")
        rows = [",".join([f"INV-{i}", csv_field(value), "a@example.com",
                          "10", "2026-10-01", csv_field(value),
                          csv_field(value), "EUR", ""])
                for i, value in enumerate(INJECTIONS)]
        self.write_csv(rows, header=FULL_HEADER)
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-11-08")
        self.assertEqual(len(self.emails()), len(INJECTIONS))
        for name in self.emails():
            with self.subTest(email=name):
                msg = self.check_headers(self.read_email(name)[0])
                self.assertIsNone(msg["Bcc"])
                self.assertEqual(str(msg["To"].addresses[0].addr_spec),
                                 "a@example.com")

    def test_injection_through_the_invoice_number_is_refused(self):
        for number in ["INV\r\nBcc: x@evil.example", "INV\nX: y", "INV\rX",
                       "INV\x00X", "INV\x1bX", "INV\x7fX"]:
            with self.subTest(number=number):
                self.write_csv([f"{csv_field(number)},A,a@example.com,10,"
                                "2026-10-01"])
                err = self.dunn("import", "invoices.csv", expect=65).stderr
                self.assertIn("invoices.csv:2:", err)
                self.assertFalse((self.dir / "dunn.db").exists())

    def test_sender_name_with_a_line_break_is_refused(self):
        self.write("dunn.toml", '[sender]\nname = "Shop\\r\\nBcc: x@e.example"'
                                '\nemail = "s@shop.example"\n')
        err = self.dunn("run", "--as-of", "2026-11-08", expect=78).stderr
        self.assertIn("dunn.toml:2: key 'sender.name'", err)


class AddressTest(DunnTest):
    def test_addresses_that_are_not_one_are_row_errors(self):
        bad = ["a@example.com\r\nBcc: x@evil.example", "a@example.com\nBcc: x",
               "a@example.com\x00", "a@example.com, b@example.com",
               "a@example.com;b@example.com", "<a@example.com>",
               "A <a@example.com>", "a b@example.com", "a@exa mple.com",
               "a@example", "@example.com", "a@", "a@@example.com",
               "a..b@example.com", ".a@example.com", "a@-example.com",
               "a@example.com.", "ü@example.com", "a@exämple.com",
               "a@1.2.3.4", "a@[127.0.0.1]", "\"a b\"@example.com",
               "a" * 65 + "@example.com", "a@" + "b" * 64 + ".com",
               "a@example.c"]
        rows = [f"INV-{i},A,{csv_field(address)},10,2026-10-01"
                for i, address in enumerate(bad)]
        self.write_csv(rows)
        err = self.dunn("import", "invoices.csv", expect=65).stderr
        line = 2  # where each row starts: quoted line breaks count
        for address in bad:
            with self.subTest(address=address):
                self.assertRegex(err, rf"invoices\.csv:{line}: (column "
                                      r"'email'|field \d+ contains a NUL)")
            line += 1 + address.count("\n")
        self.assertIn(f"nothing imported: {len(bad)} problems", err)
        self.assertFalse((self.dir / "dunn.db").exists())

    def test_plain_addresses_are_accepted(self):
        good = ["a@example.com", "first.last+tag@sub.example.co.uk",
                "x_y-z@example-shop.example", "o'brien@example.ie",
                "1@xn--mller-kva.example"]
        self.write_csv([f"INV-{i},A,{address},10,2026-10-01"
                        for i, address in enumerate(good)])
        self.dunn("import", "invoices.csv")


class OutboxNameTest(DunnTest):
    NUMBERS = ["../../etc/x", "../x", "/abs", "/", "a/b", "a%2Fb", "a%2fb",
               "..", ".", "...", ".hidden", "-rf", "~", "~root", "a\\b",
               "C:\\x", "CON", "con", "NUL", "PRN.txt", "COM1", "LPT9",
               "aux.eml", "x.eml", "x.tmp", ".x.tmp", "a b", "a+b", "a_b",
               "a%b", "%", "%25", "INV-1", "inv-1",
               "ü", "u\u0308", "\u202eevil", "a\u200bb",
               "x" * 255, "x" * 256, "x" * 1024, "x" * 300 + "a",
               "x" * 300 + "b", "%" * 200, "%" * 201, "/" * 300,
               "é" * 200]

    def test_invoice_numbers_map_to_distinct_safe_files_inside(self):
        rows = [f"{csv_field(n)},A,a@example.com,10,2026-10-01"
                for n in self.NUMBERS]
        self.write_csv(rows)
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-11-08")

        names = self.outbox()
        self.assertEqual(len(names), len(self.NUMBERS), "two share a file")
        for name in names:
            self.assertRegex(name, r"^2026-11-08_[A-Za-z0-9.%+-]+_friendly"
                                   r"\.eml$")
            self.assertFalse(name.startswith("."))
            self.assertLessEqual(len(name.encode()), 255)
        # Nothing was written anywhere but the outbox.
        written = sorted(str(p.relative_to(self.dir))
                         for p in self.dir.rglob("*")
                         if not p.parent.name == "outbox")
        self.assertLessEqual(set(written),
                             {"dunn.db", "dunn.db-wal", "dunn.db-shm",
                              "invoices.csv", "outbox"})
        numbers = {self.read_email(n)[1]["X-Dunn-Invoice"] for n in names}
        self.assertEqual(numbers, set(self.NUMBERS))


class PrivateFilesTest(DunnTest):
    def dunn_with_umask(self, *args):
        done = subprocess.run([DUNN, *args], cwd=self.dir, env=self.env,
                              capture_output=True, text=True, umask=0,
                              timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)

    def mode(self, path):
        return (self.dir / path).stat().st_mode & 0o777

    def test_ledger_outbox_and_emails_are_private_under_umask_0(self):
        self.write_csv(["INV-1,A,a@example.com,10,2026-10-01"])
        self.dunn_with_umask("import", "invoices.csv")
        self.dunn_with_umask("paid", "INV-1", "--amount", "1")
        self.dunn_with_umask("run", "--as-of", "2026-11-08")
        for path in ["dunn.db", "dunn.db-wal", "dunn.db-shm"]:
            if (self.dir / path).exists():
                self.assertEqual(self.mode(path), 0o600, path)
        self.assertEqual(self.mode("outbox"), 0o700)
        self.assertEqual(len(self.emails()), 1)
        for name in self.outbox():
            self.assertEqual(self.mode(f"outbox/{name}"), 0o600, name)

    def test_a_ledger_in_a_new_folder_is_private_too(self):
        self.write_csv(["INV-1,A,a@example.com,10,2026-10-01"])
        self.dunn_with_umask("--ledger", "data/books/dunn.db", "import",
                             "invoices.csv")
        self.assertEqual(self.mode("data/books/dunn.db"), 0o600)
        self.assertEqual(self.mode("data/books") & 0o077, 0)


if __name__ == "__main__":
    unittest.main()
