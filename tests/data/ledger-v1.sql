-- A ledger written by dunn 1.0 (schema 1): examples/invoices.csv imported,
-- run as of 2026-11-30, a part payment and a hold. Migration tests load it.
PRAGMA user_version = 1;
BEGIN TRANSACTION;
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta VALUES('ledger_id','a91a1e64962a6c75');
INSERT INTO meta VALUES('schedule_fingerprint','after_days=7,21,35;min_days_between=7;min_amount=500');
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,
    files       TEXT NOT NULL,
    new         INTEGER NOT NULL DEFAULT 0,
    changed     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO imports VALUES(1,'2026-12-03T17:06:16Z','examples/invoices.csv',7,0,0);
CREATE TABLE invoices (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    customer    TEXT NOT NULL,
    customer_id TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL,
    phone       TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT '',
    currency    TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    issued      TEXT,
    due         TEXT NOT NULL,
    held        INTEGER NOT NULL DEFAULT 0,
    hold_until  TEXT,
    hold_reason TEXT NOT NULL DEFAULT '',
    -- Derived, for speed: the first day a reminder may be due under the
    -- policy named by meta 'schedule_fingerprint'; NULL when none ever is.
    next_on     TEXT,
    source      TEXT NOT NULL,
    import_id   INTEGER NOT NULL REFERENCES imports(id)
);
INSERT INTO invoices VALUES(1,'RE-2026/0042','Müller & Söhne GmbH','','buchhaltung@mueller-soehne.example','+49 30 1234567','','EUR',125000,'2026-09-15','2026-10-15',0,NULL,'','2026-12-07','examples/invoices.csv:2',1);
INSERT INTO invoices VALUES(2,'RE-2026/0043','Smith, Jones and Partners Ltd.','','accounts@smithjones.example','','','GBP',48000,'2026-10-01','2026-10-31',0,NULL,'','2026-12-07','examples/invoices.csv:3',1);
INSERT INTO invoices VALUES(3,'RE-2026/0044','Café Lumière','','facturation@cafe-lumiere.example','+33 1 23 45 67 89','','EUR',8990,'2026-10-20','2026-11-03',1,'2026-12-15','disputed','2026-12-16','examples/invoices.csv:4',1);
INSERT INTO invoices VALUES(4,'RE-2026/0045','Nguyễn Văn An','','an.nguyen@mail.example','','','EUR',240050,'2026-08-01','2026-08-31',0,NULL,'','2026-12-07','examples/invoices.csv:5',1);
INSERT INTO invoices VALUES(5,'RE-2026/0046','O''Brien "The Baker" Ltd.','','orders@obrien-bakery.example','','','EUR',350,'2026-10-01','2026-10-15',0,NULL,'',NULL,'examples/invoices.csv:6',1);
INSERT INTO invoices VALUES(6,'RE-2026/0047','Kowalski Sp. z o.o.','','biuro@kowalski.example','+48 22 123 45 67','','EUR',64000,'2026-11-01','2026-12-01',0,NULL,'','2026-12-08','examples/invoices.csv:7',1);
INSERT INTO invoices VALUES(7,'RE-2026/0048','Jensen ApS','','faktura@jensen.example','','','EUR',19900,'2026-09-20','2026-10-20',0,NULL,'','2026-12-07','examples/invoices.csv:8',1);
CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    paid_on     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    source      TEXT NOT NULL
);
INSERT INTO payments VALUES(1,2,8000,'2026-11-25','2026-12-03T17:06:16Z','paid');
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    as_of       TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    steps       INTEGER NOT NULL DEFAULT 0
);
INSERT INTO runs VALUES(1,'2026-11-30','2026-12-03T17:06:16Z','2026-12-03T17:06:16Z',5);
CREATE TABLE steps (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id),
    level_index INTEGER NOT NULL,
    level       TEXT NOT NULL,
    sent_on     TEXT NOT NULL,
    file        TEXT NOT NULL UNIQUE,
    run_id      INTEGER NOT NULL REFERENCES runs(id),
    UNIQUE (invoice_id, level_index)
);
INSERT INTO steps VALUES(1,1,0,'friendly','2026-11-30','2026-11-30_RE-2026%2F0042_friendly.eml',1);
INSERT INTO steps VALUES(2,2,0,'friendly','2026-11-30','2026-11-30_RE-2026%2F0043_friendly.eml',1);
INSERT INTO steps VALUES(3,3,0,'friendly','2026-11-30','2026-11-30_RE-2026%2F0044_friendly.eml',1);
INSERT INTO steps VALUES(4,4,0,'friendly','2026-11-30','2026-11-30_RE-2026%2F0045_friendly.eml',1);
INSERT INTO steps VALUES(5,7,0,'friendly','2026-11-30','2026-11-30_RE-2026%2F0048_friendly.eml',1);
CREATE INDEX invoices_next_on ON invoices (next_on)
    WHERE next_on IS NOT NULL;
CREATE INDEX payments_invoice ON payments (invoice_id);
COMMIT;
