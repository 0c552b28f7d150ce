"""dunn init: a starting config and templates to edit."""
import unittest

from dunntest import DunnTest


class InitTest(DunnTest):
    def test_init_writes_config_and_templates(self):
        out = self.dunn("init", "shop").stdout
        for name in ("dunn.toml", "templates/friendly.txt",
                     "templates/second.txt", "templates/final.txt"):
            self.assertTrue((self.dir / "shop" / name).is_file(), name)
            self.assertIn(f"wrote shop/{name}", out)
        toml = (self.dir / "shop" / "dunn.toml").read_text()
        self.assertIn("# ", toml)
        self.assertIn("min_days_between = 7", toml)

    def test_init_never_overwrites(self):
        self.write("dunn.toml", "# mine\n")
        out = self.dunn("init").stdout
        self.assertIn("kept dunn.toml (it exists)", out)
        self.assertEqual((self.dir / "dunn.toml").read_text(), "# mine\n")

    def test_the_written_files_are_the_defaults_in_use(self):
        self.dunn("init", "shop")
        self.write("shop/invoices.csv", "invoice,customer,email,amount,due\n"
                   "INV-1,A,a@example.com,10,2026-10-01\n")
        self.dunn("--config", "shop/dunn.toml", "import", "shop/invoices.csv")
        self.dunn("--config", "shop/dunn.toml", "run", "--as-of", "2026-10-08")
        with_files = self.read_email("2026-10-08_INV-1_friendly.eml",
                                     "shop/outbox")[1]
        self.write_csv(["INV-1,A,a@example.com,10,2026-10-01"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-08")
        builtin = self.read_email("2026-10-08_INV-1_friendly.eml")[1]
        self.assertEqual(with_files.get_content(), builtin.get_content())
        self.assertEqual(with_files["Subject"], builtin["Subject"])

    def test_edited_template_is_used(self):
        self.dunn("init")
        path = self.dir / "templates" / "friendly.txt"
        path.write_text("Subject: Hello {customer}\n\nPlease pay.\n")
        self.write_csv(["INV-1,Ann,a@example.com,10,2026-10-01"])
        self.dunn("import", "invoices.csv")
        self.dunn("run", "--as-of", "2026-10-08")
        msg = self.read_email("2026-10-08_INV-1_friendly.eml")[1]
        self.assertEqual(msg["Subject"], "Hello Ann")


if __name__ == "__main__":
    unittest.main()
