import type { Migration } from '../../electron/host/db/migrations';

/**
 * The sandbox backend's own schema (its own SQLite file, never the kiosk's).
 * Append only, like the kiosk's migrations: fix forward with a new number.
 */
export const sandboxMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'sandbox_init',
    sql: `
      CREATE TABLE taxpayers (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('individual', 'enterprise')),
        registration  TEXT NOT NULL CHECK (registration IN ('registered', 'suspended', 'deregistered')),
        credit_grade  TEXT NOT NULL CHECK (credit_grade IN ('A', 'B', 'M', 'C', 'D')),
        arrears_fen   INTEGER NOT NULL CHECK (arrears_fen >= 0),
        unverified    INTEGER NOT NULL CHECK (unverified >= 0),
        -- Demo baseline of gross invoiced in every month (see approvals.base_used).
        base_month_gross_fen INTEGER NOT NULL CHECK (base_month_gross_fen >= 0)
      ) STRICT;

      -- Who may act for a taxpayer: the owner of an individual business, or a registered 办税人.
      CREATE TABLE taxpayer_people (
        taxpayer_id TEXT NOT NULL REFERENCES taxpayers (id),
        id_number   TEXT NOT NULL,
        role        TEXT NOT NULL CHECK (role IN ('owner', 'agent')),
        PRIMARY KEY (taxpayer_id, id_number)
      ) STRICT;
      CREATE INDEX taxpayer_people_by_person ON taxpayer_people (id_number);

      CREATE TABLE invoice_types (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL
      ) STRICT;

      -- 票种核定 and the use per calendar month (a month with no row has used 0).
      CREATE TABLE approvals (
        taxpayer_id   TEXT NOT NULL REFERENCES taxpayers (id),
        invoice_type  TEXT NOT NULL REFERENCES invoice_types (code),
        monthly_quota INTEGER NOT NULL CHECK (monthly_quota >= 0),
        -- Demo baseline counted as used in EVERY month, so a demo case (quota used up)
        -- stays what the README says whatever month the demo runs in.
        base_used     INTEGER NOT NULL CHECK (base_used >= 0),
        PRIMARY KEY (taxpayer_id, invoice_type)
      ) STRICT;
      CREATE TABLE quota_use (
        taxpayer_id  TEXT NOT NULL,
        invoice_type TEXT NOT NULL,
        month        TEXT NOT NULL,
        used         INTEGER NOT NULL CHECK (used >= 0),
        PRIMARY KEY (taxpayer_id, invoice_type, month),
        FOREIGN KEY (taxpayer_id, invoice_type) REFERENCES approvals (taxpayer_id, invoice_type)
      ) STRICT;

      CREATE TABLE seller_month (
        taxpayer_id TEXT NOT NULL REFERENCES taxpayers (id),
        month       TEXT NOT NULL,
        gross_fen   INTEGER NOT NULL CHECK (gross_fen >= 0),
        PRIMARY KEY (taxpayer_id, month)
      ) STRICT;

      CREATE TABLE pickup_codes (
        code         TEXT PRIMARY KEY,
        taxpayer_id  TEXT NOT NULL REFERENCES taxpayers (id),
        invoice_type TEXT NOT NULL REFERENCES invoice_types (code),
        quantity     INTEGER NOT NULL CHECK (quantity > 0),
        collected_at TEXT
      ) STRICT;

      CREATE TABLE iit_records (
        id         INTEGER PRIMARY KEY,
        id_number   TEXT NOT NULL,
        -- Relative to the current month (1 = last month), so "the last two years"
        -- stays true whenever the demo runs; paid in the following month on paid_day.
        months_back INTEGER NOT NULL CHECK (months_back >= 0),
        paid_day    INTEGER NOT NULL CHECK (paid_day BETWEEN 1 AND 28),
        item        TEXT NOT NULL,
        agent       TEXT NOT NULL,
        amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
        authority   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX iit_records_by_person ON iit_records (id_number, months_back);

      CREATE TABLE payment_orders (
        order_id       TEXT PRIMARY KEY,
        transaction_id TEXT NOT NULL UNIQUE,
        amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
        description    TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        expires_at     TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'cancelled')),
        paid_at        TEXT
      ) STRICT;

      -- Intake: the unique message_id is the dedupe, inserted in the same transaction as the effect.
      CREATE TABLE intake (
        message_id  TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        authority   TEXT NOT NULL CHECK (authority IN ('national', 'local')),
        payload     TEXT NOT NULL,
        received_at TEXT NOT NULL,
        effect      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE seed_info (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        seeded_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'collection_claims_intake',
    // docs/collection.md: a kiosk claims forms (and a 取票码) for one transaction before it
    // allocates any; the transaction's collection leg turns the claim into use on intake; and the
    // backend says which of a kiosk's collections its quota numbers already include.
    sql: `
      ALTER TABLE pickup_codes ADD COLUMN collected_by_transaction TEXT;

      -- Forms held for one kiosk transaction. Open claims count as used (eligibility, other
      -- kiosks' claims) until the leg arrives (taken) or the kiosk gives them back (released).
      -- No expiry: a claim whose forms came out must not lapse while its kiosk is offline.
      CREATE TABLE collection_claims (
        transaction_id TEXT PRIMARY KEY,
        kiosk_id       TEXT NOT NULL,
        taxpayer_id    TEXT NOT NULL REFERENCES taxpayers (id),
        invoice_type   TEXT NOT NULL,
        month          TEXT NOT NULL,
        quantity       INTEGER NOT NULL CHECK (quantity > 0),
        pickup_code    TEXT REFERENCES pickup_codes (code),
        claimed_at     TEXT NOT NULL,
        state          TEXT NOT NULL CHECK (state IN ('open', 'taken', 'released')),
        settled_at     TEXT
      ) STRICT;
      CREATE INDEX collection_claims_open ON collection_claims (taxpayer_id, invoice_type, month) WHERE state = 'open';
      -- A 取票码 is held by one claim at a time, in SQLite itself.
      CREATE UNIQUE INDEX collection_claims_one_per_code ON collection_claims (pickup_code)
        WHERE pickup_code IS NOT NULL AND state <> 'released';

      -- One row per kiosk collection taken in (its invoice.collection leg), keyed by the kiosk's
      -- transaction id: a second leg of the same transaction (another message id) counts nothing.
      -- Written in the same SQLite transaction as the intake row and the quota use.
      CREATE TABLE collection_intake (
        transaction_id TEXT PRIMARY KEY,
        message_id     TEXT NOT NULL REFERENCES intake (message_id),
        taxpayer_id    TEXT NOT NULL,
        invoice_type   TEXT NOT NULL,
        month          TEXT NOT NULL,
        quantity       INTEGER NOT NULL CHECK (quantity > 0),
        pickup_code    TEXT,
        effect         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX collection_intake_pickup ON collection_intake (pickup_code) WHERE pickup_code IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: 'audit_anchor',
    // The backend's copy of each kiosk's audit chain and the entries it refused (audit-anchor.ts).
    sql: `
      CREATE TABLE audit_entries (
        kiosk_id    TEXT NOT NULL,
        seq         INTEGER NOT NULL CHECK (seq >= 1),
        hash        TEXT NOT NULL CHECK (length(hash) = 64),
        prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
        received_at TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, seq)
      ) STRICT, WITHOUT ROWID;
      -- The held chain only grows at its head: the check in code, again here.
      CREATE TRIGGER audit_entries_extend_head BEFORE INSERT ON audit_entries
        WHEN NEW.seq <> (SELECT coalesce(max(seq), 0) + 1 FROM audit_entries WHERE kiosk_id = NEW.kiosk_id)
        BEGIN SELECT RAISE(ABORT, 'audit entries extend the held head'); END;
      CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'held audit entries never change'); END;
      CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'held audit entries never change'); END;

      CREATE TABLE audit_anomalies (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        kiosk_id     TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('regress', 'fork', 'skip', 'invalid')),
        seq          INTEGER NOT NULL,
        expected_seq INTEGER NOT NULL,
        detail       TEXT NOT NULL,
        at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_anomalies_kiosk ON audit_anomalies (kiosk_id, id);
    `,
  },
  {
    version: 5,
    name: 'natural_person_sellers',
    // A natural person issuing on their own behalf (自然人代开): kept as a flag, since the CHECK on
    // taxpayers.kind cannot change without rebuilding a table other tables reference. A flagged row
    // is answered as kind `naturalPerson` (taxpayers.ts); its kind column says `individual`.
    sql: `
      ALTER TABLE taxpayers ADD COLUMN natural_person INTEGER NOT NULL DEFAULT 0
        CHECK (natural_person IN (0, 1) AND (natural_person = 0 OR kind = 'individual'));
    `,
  },
  {
    version: 6,
    name: 'iit_certificates',
    // What certificate.verify answers (certificates.ts): one row per verification code, from the
    // kiosk's iit.certificate leg. The holder only masked: the backend's answer goes to third parties.
    sql: `
      CREATE TABLE iit_certificates (
        code               TEXT PRIMARY KEY CHECK (length(code) = 17),
        transaction_id     TEXT NOT NULL,
        kiosk_id           TEXT,
        period_from        TEXT NOT NULL,
        period_to          TEXT NOT NULL,
        record_count       INTEGER NOT NULL CHECK (record_count >= 0),
        total_fen          INTEGER CHECK (total_fen IS NULL OR total_fen >= 0),
        issued_at          TEXT NOT NULL,
        holder_masked_name TEXT,
        received_at        TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 8,
    name: 'bank_credit_authorizations',
    // 银税互动 (bank.ts, docs/credit-sharing.md): the sandbox as the bank's receiver of the kiosk's
    // bank.credit messages. One row per consent, keyed by the kiosk's consent id; the message ids it
    // came in and was revoked by are unique, so a redelivered message changes nothing.
    sql: `
      CREATE TABLE bank_authorizations (
        consent_id        TEXT PRIMARY KEY CHECK (length(consent_id) = 26),
        message_id        TEXT NOT NULL UNIQUE,
        taxpayer_id       TEXT NOT NULL,
        bank_id           TEXT NOT NULL,
        purpose           TEXT NOT NULL CHECK (purpose = 'loanApplication'),
        grade             TEXT NOT NULL CHECK (grade IN ('A', 'B', 'M', 'C', 'D')),
        grade_year        INTEGER NOT NULL,
        tax_paid          TEXT NOT NULL CHECK (json_valid(tax_paid)),
        arrears           INTEGER NOT NULL CHECK (arrears IN (0, 1)),
        granted_at        TEXT NOT NULL,
        expires_at        TEXT NOT NULL,
        application_ref   TEXT NOT NULL UNIQUE,
        received_at       TEXT NOT NULL,
        revoke_message_id TEXT UNIQUE,
        revoked_at        TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX bank_authorizations_taxpayer ON bank_authorizations (taxpayer_id, bank_id);
    `,
  },
  {
    version: 9,
    name: 'credit_certificates',
    // What creditCertificate.verify answers (credit-certificates.ts): one row per verification code
    // of a 纳税信用等级证明, from the kiosk's credit.certificate message. The taxpayer as its credit
    // code only (a business's public identifier); no person.
    sql: `
      CREATE TABLE credit_certificates (
        code         TEXT PRIMARY KEY CHECK (length(code) = 17),
        message_id   TEXT NOT NULL,
        kiosk_id     TEXT,
        taxpayer_id  TEXT NOT NULL,
        grade        TEXT NOT NULL CHECK (grade IN ('A', 'B', 'M', 'C', 'D')),
        grade_year   INTEGER NOT NULL,
        issued_at    TEXT NOT NULL,
        received_at  TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
];
