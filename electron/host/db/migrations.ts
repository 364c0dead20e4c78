/**
 * Numbered schema migrations. Append only: a migration that shipped is never
 * edited; fix forward with a new number. Each runs in its own transaction.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'init',
    sql: `
      CREATE TABLE kv (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- One row per taxpayer visit. No personal data: the card type only.
      CREATE TABLE visits (
        id          TEXT PRIMARY KEY,
        started_at  TEXT NOT NULL,
        ended_at    TEXT,
        end_reason  TEXT,
        card_type   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX visits_started_at ON visits (started_at);
    `,
  },
  {
    version: 2,
    name: 'printer_calibration',
    // A table rather than kv rows: the bounds are CHECKed by SQLite, so no
    // writer (kioskctl, diagnostics UI) can store an offset the printer cannot use.
    sql: `
      -- Per-kiosk offsets of the invoice printer, in 0.1 mm (+x right, +y down), bounded to ±10.0 mm.
      CREATE TABLE printer_calibration (
        printer     TEXT PRIMARY KEY CHECK (printer IN ('invoice')),
        dx_tenth_mm INTEGER NOT NULL CHECK (dx_tenth_mm BETWEEN -100 AND 100),
        dy_tenth_mm INTEGER NOT NULL CHECK (dy_tenth_mm BETWEEN -100 AND 100),
        updated_at  TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'transactions_outbox_stock',
    // See the table comments: the stock guarantees live in SQLite, not only in code.
    sql: `
      -- A taxpayer's use of one service. Session-less on purpose: everything
      -- needed to finish, refund or report it after a restart is in this row,
      -- not in the visit's memory (a paid invoice must survive a crash).
      CREATE TABLE transactions (
        id               TEXT PRIMARY KEY,  -- ULID: sorts by creation
        kind             TEXT NOT NULL CHECK (kind IN ('invoiceCollection', 'invoiceIssue', 'iitCertificate')),
        -- Allowed moves per kind live in electron/host/transactions/transaction-states.ts.
        state            TEXT NOT NULL CHECK (state IN ('created', 'paymentPending', 'paid', 'printing', 'printed',
                                                        'completed', 'failed', 'refunded', 'needsAttention')),
        -- The taxpayer acted for (USCC / taxpayer number); NULL when the person is the taxpayer,
        -- so a natural person's ID number never lands here in plaintext.
        taxpayer_id      TEXT CHECK (taxpayer_id IS NULL OR (length(taxpayer_id) BETWEEN 15 AND 20 AND taxpayer_id NOT GLOB '*[^0-9A-Z]*')),
        -- The person's ID number, AES-256-GCM (electron/host/pii/pii-cipher.ts). The prefix
        -- CHECK refuses a plaintext number written by mistake.
        person_id_cipher TEXT NOT NULL CHECK (person_id_cipher GLOB 'v1:*' AND length(person_id_cipher) >= 40),
        -- Keyed HMAC of the ID number: find a person's transactions without decrypting.
        person_id_hash   TEXT NOT NULL CHECK (person_id_hash GLOB 'h1:*'),
        -- What the taxpayer pays at the kiosk, per authority, in fen (0 for collection and certificates).
        national_fen     INTEGER NOT NULL CHECK (national_fen >= 0),
        local_fen        INTEGER NOT NULL CHECK (local_fen >= 0),
        payable_fen      INTEGER NOT NULL CHECK (payable_fen = national_fen + local_fen),
        -- Other personal data the transaction needs to finish (e.g. an individual buyer's name for a
        -- reprint): one encrypted JSON object, never plaintext.
        sealed_cipher    TEXT CHECK (sealed_cipher IS NULL OR sealed_cipher GLOB 'v1:*'),
        -- Service details, JSON validated by zod on the way in and out; schemaVersion lets old rows be read.
        payload          TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload, '$.schemaVersion') = 'integer'),
        last_error       TEXT,  -- a short code, never personal data
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX transactions_open ON transactions (state, id)
        WHERE state NOT IN ('completed', 'failed', 'refunded');
      CREATE INDEX transactions_person ON transactions (person_id_hash);
      -- Final states are final: a refund after completion is a new transaction, not an edit.
      CREATE TRIGGER transactions_final_states BEFORE UPDATE OF state ON transactions
        WHEN OLD.state IN ('completed', 'failed', 'refunded') AND NEW.state <> OLD.state
        BEGIN SELECT RAISE(ABORT, 'transaction is in a final state'); END;

      -- The transactional outbox (docs/sync.md): written in the same SQLite transaction as the
      -- business change; a row is marked sent only after the broker's confirm.
      CREATE TABLE outbox (
        id              TEXT PRIMARY KEY,  -- ULID: delivery order per authority = id order
        transaction_id  TEXT NOT NULL REFERENCES transactions (id),
        authority       TEXT NOT NULL CHECK (authority IN ('national', 'local')),
        kind            TEXT NOT NULL,     -- routing key suffix: <authority>.<kind>
        payload         TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload, '$.schemaVersion') = 'integer'),
        created_at      TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT NOT NULL,
        last_error      TEXT,
        sent_at         TEXT,
        dead_at         TEXT,              -- parked (poison / rejected); never retried
        -- One leg per authority and kind: a retried createTransaction cannot double a message.
        UNIQUE (transaction_id, authority, kind)
      ) STRICT;
      -- Paging pending rows per authority in creation order touches only pending rows,
      -- so 100,000 sent rows do not slow the delivery loop.
      CREATE INDEX outbox_pending ON outbox (authority, id) WHERE sent_at IS NULL AND dead_at IS NULL;

      -- Invoice forms loaded into the kiosk by a technician: one row per range of one code.
      CREATE TABLE invoice_stock (
        id           INTEGER PRIMARY KEY,
        invoice_type TEXT NOT NULL CHECK (length(invoice_type) BETWEEN 1 AND 32),
        code         TEXT NOT NULL CHECK (length(code) IN (10, 12) AND code NOT GLOB '*[^0-9]*'),
        first_number INTEGER NOT NULL CHECK (first_number BETWEEN 0 AND 99999999),
        last_number  INTEGER NOT NULL CHECK (last_number BETWEEN first_number AND 99999999),
        loaded_at    TEXT NOT NULL,
        loaded_by    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX invoice_stock_type ON invoice_stock (invoice_type, code, first_number);
      -- Backstops for the checks in stock-store.ts, which give the clear error first.
      CREATE TRIGGER invoice_stock_no_overlap BEFORE INSERT ON invoice_stock
        WHEN EXISTS (SELECT 1 FROM invoice_stock WHERE code = NEW.code
                     AND first_number <= NEW.last_number AND last_number >= NEW.first_number)
        BEGIN SELECT RAISE(ABORT, 'invoice stock range overlaps a loaded range'); END;
      CREATE TRIGGER invoice_stock_one_type_per_code BEFORE INSERT ON invoice_stock
        WHEN EXISTS (SELECT 1 FROM invoice_stock WHERE code = NEW.code AND invoice_type <> NEW.invoice_type)
        BEGIN SELECT RAISE(ABORT, 'invoice code already loaded with another type'); END;
      -- Loaded stock is history: unloading, when it comes, gets its own table.
      CREATE TRIGGER invoice_stock_no_update BEFORE UPDATE ON invoice_stock
        BEGIN SELECT RAISE(ABORT, 'invoice stock ranges are append-only'); END;
      CREATE TRIGGER invoice_stock_no_delete BEFORE DELETE ON invoice_stock
        BEGIN SELECT RAISE(ABORT, 'invoice stock ranges are append-only'); END;

      -- Numbers handed to one transaction. printing = written before the first byte goes to
      -- the printer, so a crash can tell "never printed" (allocated) from "maybe on paper".
      CREATE TABLE stock_allocations (
        id             TEXT PRIMARY KEY,  -- ULID
        -- Deferred: a service allocates and creates its transaction in one SQLite transaction.
        transaction_id TEXT NOT NULL REFERENCES transactions (id) DEFERRABLE INITIALLY DEFERRED,
        invoice_type   TEXT NOT NULL,
        code           TEXT NOT NULL,
        first_number   INTEGER NOT NULL,
        last_number    INTEGER NOT NULL CHECK (last_number >= first_number),
        state          TEXT NOT NULL CHECK (state IN ('allocated', 'printing', 'printed', 'completed', 'returned', 'voided')),
        allocated_at   TEXT NOT NULL,
        printing_at    TEXT,
        printed_at     TEXT,
        finished_at    TEXT,              -- completed, returned or voided
        finish_reason  TEXT
      ) STRICT;
      CREATE INDEX stock_allocations_in_flight ON stock_allocations (state) WHERE state IN ('allocated', 'printing', 'printed');
      CREATE INDEX stock_allocations_code ON stock_allocations (code, first_number);
      CREATE TRIGGER stock_allocations_within_stock BEFORE INSERT ON stock_allocations
        WHEN NOT EXISTS (SELECT 1 FROM invoice_stock WHERE code = NEW.code AND invoice_type = NEW.invoice_type
                         AND first_number <= NEW.first_number AND last_number >= NEW.last_number)
        BEGIN SELECT RAISE(ABORT, 'allocation outside the loaded stock'); END;
      CREATE TRIGGER stock_allocations_final_states BEFORE UPDATE ON stock_allocations
        WHEN OLD.state IN ('completed', 'returned', 'voided')
        BEGIN SELECT RAISE(ABORT, 'allocation is in a final state'); END;
      CREATE TRIGGER stock_allocations_fixed_range BEFORE UPDATE OF transaction_id, invoice_type, code, first_number, last_number ON stock_allocations
        BEGIN SELECT RAISE(ABORT, 'an allocation''s numbers never change'); END;
      CREATE TRIGGER stock_allocations_no_delete BEFORE DELETE ON stock_allocations
        BEGIN SELECT RAISE(ABORT, 'allocations are kept for the audit'); END;

      -- The guarantee that no number is handed out twice: one row per claimed number,
      -- primary key (code, number), inserted in the allocating transaction. A second
      -- claim fails in SQLite itself, whatever the code above it does. Returning an
      -- allocation (never printed) frees its numbers; completed and voided keep them forever.
      CREATE TABLE allocated_numbers (
        code          TEXT NOT NULL,
        number        INTEGER NOT NULL,
        allocation_id TEXT NOT NULL REFERENCES stock_allocations (id),
        PRIMARY KEY (code, number)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX allocated_numbers_allocation ON allocated_numbers (allocation_id);
      CREATE TRIGGER allocated_numbers_match_allocation BEFORE INSERT ON allocated_numbers
        WHEN NOT EXISTS (SELECT 1 FROM stock_allocations WHERE id = NEW.allocation_id AND code = NEW.code
                         AND NEW.number BETWEEN first_number AND last_number AND state = 'allocated')
        BEGIN SELECT RAISE(ABORT, 'number outside its allocation'); END;
      CREATE TRIGGER stock_allocations_release_on_return AFTER UPDATE OF state ON stock_allocations
        WHEN NEW.state = 'returned'
        BEGIN DELETE FROM allocated_numbers WHERE allocation_id = NEW.id; END;

      -- What happened to stock and why (loads, allocations, each step, each recovery
      -- outcome). The hash-chained audit trail of a later issue will draw on it.
      CREATE TABLE stock_events (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        at            TEXT NOT NULL,
        event         TEXT NOT NULL CHECK (event IN ('loaded', 'allocated', 'printing', 'printed', 'completed', 'returned',
                                                     'voided', 'recoveredReturned', 'recoveredVoided', 'recoveredCompleted')),
        stock_id      INTEGER REFERENCES invoice_stock (id),
        allocation_id TEXT REFERENCES stock_allocations (id),
        code          TEXT NOT NULL,
        first_number  INTEGER NOT NULL,
        last_number   INTEGER NOT NULL,
        reason        TEXT,
        actor         TEXT NOT NULL  -- 'kiosk', 'recovery', or the technician for loads
      ) STRICT;
      CREATE INDEX stock_events_allocation ON stock_events (allocation_id);
    `,
  },
  {
    version: 4,
    name: 'config_bundles_audit_kiosk_outbox',
    // Applied config bundles, the hash-chained audit trail, and outbox rows that belong to
    // no taxpayer transaction (config.applied, audit.entry). See electron/host/config/config-store.ts
    // and electron/host/audit/audit-log.ts.
    sql: `
      -- One row per applied config bundle. The version bump IS this insert, in the same SQLite
      -- transaction as the bundle's stock loads and messages: a crash leaves the old or the new
      -- version, never a mix. The version in force = max(version).
      CREATE TABLE config_applied (
        version     INTEGER PRIMARY KEY CHECK (version >= 1),
        bundle_hash TEXT NOT NULL CHECK (length(bundle_hash) = 64 AND bundle_hash NOT GLOB '*[^0-9a-f]*'),
        key_id      TEXT NOT NULL,
        issued_at   TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        target      TEXT NOT NULL CHECK (json_valid(target)),
        payload     TEXT NOT NULL CHECK (json_valid(payload)),  -- the signed sections, canonical JSON
        source      TEXT NOT NULL,                               -- file, amqp
        applied_at  TEXT NOT NULL,
        applied_by  TEXT NOT NULL
      ) STRICT;
      -- Only upward (rollback protection in SQLite itself), and history is never rewritten.
      CREATE TRIGGER config_applied_only_up BEFORE INSERT ON config_applied
        WHEN NEW.version <= (SELECT coalesce(max(version), 0) FROM config_applied)
        BEGIN SELECT RAISE(ABORT, 'config version not above the applied one'); END;
      CREATE TRIGGER config_applied_no_update BEFORE UPDATE ON config_applied
        BEGIN SELECT RAISE(ABORT, 'applied config is history'); END;
      CREATE TRIGGER config_applied_no_delete BEFORE DELETE ON config_applied
        BEGIN SELECT RAISE(ABORT, 'applied config is history'); END;

      -- The audit trail (痕迹化): each entry holds the SHA-256 of the previous one, so an
      -- edited or deleted entry breaks the chain (kioskctl audit verify). No personal data.
      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY CHECK (seq >= 1),
        at        TEXT NOT NULL,
        kind      TEXT NOT NULL,
        actor     TEXT NOT NULL,
        data      TEXT NOT NULL CHECK (json_valid(data)),
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash      TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
      CREATE TRIGGER audit_log_appends_to_head BEFORE INSERT ON audit_log
        WHEN NEW.seq <> (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
          OR NEW.prev_hash <> coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '${'0'.repeat(64)}')
        BEGIN SELECT RAISE(ABORT, 'audit entries append to the head of the chain'); END;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

      -- Outbox rows of the kiosk itself (no taxpayer transaction): same delivery columns and
      -- rules as outbox (docs/sync.md), routing key <authority>.<kind>.
      CREATE TABLE kiosk_outbox (
        id              TEXT PRIMARY KEY,  -- ULID: delivery order per authority = id order
        authority       TEXT NOT NULL CHECK (authority IN ('national', 'local')),
        kind            TEXT NOT NULL,
        payload         TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload, '$.schemaVersion') = 'integer'),
        created_at      TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT NOT NULL,
        last_error      TEXT,
        sent_at         TEXT,
        dead_at         TEXT
      ) STRICT;
      CREATE INDEX kiosk_outbox_pending ON kiosk_outbox (authority, id) WHERE sent_at IS NULL AND dead_at IS NULL;
    `,
  },
  {
    version: 5,
    name: 'diagnostics lockout',
    sql: `
      -- Wrong technician-PIN tries and the lock they set (technician-pin.ts), kept across a
      -- power cycle so switching the kiosk off and on does not give a guesser five more tries.
      CREATE TABLE diagnostics_lockout (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        failures     INTEGER NOT NULL CHECK (failures >= 0),
        locked_until INTEGER
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'collection_ledger_claims',
    // docs/collection.md: what this kiosk dispensed that the backend has not counted yet, and
    // the backend claims it asked for but has not dispensed (or given back) yet.
    sql: `
      -- One row per collection dispensed here, written in the dispense's SQLite transaction (with
      -- the allocation and the outbox leg). counted_at: the backend said its numbers include it;
      -- until then the kiosk subtracts it from what the backend answers.
      CREATE TABLE collection_ledger (
        transaction_id TEXT PRIMARY KEY REFERENCES transactions (id),
        taxpayer_id    TEXT NOT NULL,
        invoice_type   TEXT NOT NULL,
        month          TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        quantity       INTEGER NOT NULL CHECK (quantity > 0),
        pickup_code    TEXT,
        recorded_at    TEXT NOT NULL,
        counted_at     TEXT
      ) STRICT;
      CREATE INDEX collection_ledger_unacknowledged ON collection_ledger (taxpayer_id, invoice_type, month) WHERE counted_at IS NULL;
      -- A 取票码 dispenses once at this kiosk, backend up or down: SQLite refuses a second row.
      CREATE UNIQUE INDEX collection_ledger_pickup_once ON collection_ledger (pickup_code) WHERE pickup_code IS NOT NULL;
      CREATE TRIGGER collection_ledger_no_delete BEFORE DELETE ON collection_ledger
        BEGIN SELECT RAISE(ABORT, 'the collection ledger is kept'); END;
      CREATE TRIGGER collection_ledger_fixed BEFORE UPDATE OF transaction_id, taxpayer_id, invoice_type, month, quantity, pickup_code, recorded_at ON collection_ledger
        BEGIN SELECT RAISE(ABORT, 'a ledger entry never changes, it is only counted'); END;
      CREATE TRIGGER collection_ledger_counted_once BEFORE UPDATE OF counted_at ON collection_ledger
        WHEN OLD.counted_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a ledger entry is counted once'); END;

      -- A backend claim asked for (collection.claim) and not yet settled here: written BEFORE the
      -- call, deleted in the dispense's SQLite transaction or once the backend took it back. A row
      -- left by a crash or a lost reply is a claim to give back (collection.release).
      CREATE TABLE collection_claim_intents (
        transaction_id TEXT PRIMARY KEY,
        pickup_code    TEXT,
        created_at     TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 7,
    name: 'outbox_rows_append_only',
    // Issue 14: deleting pending outbox rows left no trace. Both outbox tables (`outbox`, `kiosk_outbox`;
    // a later change merges them: these triggers stay in this migration, named by table) now refuse
    // DELETE, and an UPDATE may only do delivery bookkeeping: mark sent, park, retry (attempts,
    // next_attempt_at, last_error) and un-park (kioskctl outbox retry). What a row says never changes,
    // and a sent row stays sent.
    sql: `
      CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
        BEGIN SELECT RAISE(ABORT, 'outbox rows are never deleted: they are marked sent or parked'); END;
      CREATE TRIGGER outbox_content_fixed BEFORE UPDATE OF id, transaction_id, authority, kind, payload, created_at ON outbox
        BEGIN SELECT RAISE(ABORT, 'an outbox row''s content never changes; only its delivery state'); END;
      CREATE TRIGGER outbox_sent_is_final BEFORE UPDATE OF sent_at, dead_at ON outbox
        WHEN OLD.sent_at IS NOT NULL AND (NEW.sent_at IS NOT OLD.sent_at OR NEW.dead_at IS NOT OLD.dead_at)
        BEGIN SELECT RAISE(ABORT, 'a sent outbox row stays sent'); END;

      CREATE TRIGGER kiosk_outbox_no_delete BEFORE DELETE ON kiosk_outbox
        BEGIN SELECT RAISE(ABORT, 'outbox rows are never deleted: they are marked sent or parked'); END;
      CREATE TRIGGER kiosk_outbox_content_fixed BEFORE UPDATE OF id, authority, kind, payload, created_at ON kiosk_outbox
        BEGIN SELECT RAISE(ABORT, 'an outbox row''s content never changes; only its delivery state'); END;
      CREATE TRIGGER kiosk_outbox_sent_is_final BEFORE UPDATE OF sent_at, dead_at ON kiosk_outbox
        WHEN OLD.sent_at IS NOT NULL AND (NEW.sent_at IS NOT OLD.sent_at OR NEW.dead_at IS NOT OLD.dead_at)
        BEGIN SELECT RAISE(ABORT, 'a sent outbox row stays sent'); END;
    `,
  },
  {
    version: 9,
    name: 'one_outbox',
    // Issue 18: `outbox` (transaction legs) and `kiosk_outbox` (config.applied, audit.entry) had the
    // same delivery columns and rules and were merged by ULID at read time. One table now: a row of
    // the kiosk itself has no transaction (transaction_id NULL). Every row keeps its id, its delivery
    // state and so its place in the delivery order (id order per authority). docs/sync.md.
    sql: `
      CREATE TABLE outbox_merged (
        id              TEXT PRIMARY KEY,  -- ULID: delivery order per authority = id order
        transaction_id  TEXT REFERENCES transactions (id),  -- NULL: a message of the kiosk itself
        authority       TEXT NOT NULL CHECK (authority IN ('national', 'local')),
        kind            TEXT NOT NULL,     -- routing key suffix: <authority>.<kind>
        payload         TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload, '$.schemaVersion') = 'integer'),
        created_at      TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT NOT NULL,
        last_error      TEXT,
        sent_at         TEXT,
        dead_at         TEXT,              -- parked (poison / rejected); never retried
        -- One leg per authority and kind: a retried createTransaction cannot double a message.
        UNIQUE (transaction_id, authority, kind)
      ) STRICT;
      INSERT INTO outbox_merged (id, transaction_id, authority, kind, payload, created_at, attempts, next_attempt_at, last_error, sent_at, dead_at)
        SELECT id, transaction_id, authority, kind, payload, created_at, attempts, next_attempt_at, last_error, sent_at, dead_at FROM outbox
        UNION ALL
        SELECT id, NULL, authority, kind, payload, created_at, attempts, next_attempt_at, last_error, sent_at, dead_at FROM kiosk_outbox;
      DROP TABLE outbox;        -- its index and the triggers of migration 7 go with it
      DROP TABLE kiosk_outbox;
      ALTER TABLE outbox_merged RENAME TO outbox;
      -- Paging pending rows per authority in creation order touches only pending rows,
      -- so 100,000 sent rows do not slow the delivery loop.
      CREATE INDEX outbox_pending ON outbox (authority, id) WHERE sent_at IS NULL AND dead_at IS NULL;
      -- Append-only, as migration 7 made both tables: never deleted, content fixed, sent is final.
      CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
        BEGIN SELECT RAISE(ABORT, 'outbox rows are never deleted: they are marked sent or parked'); END;
      CREATE TRIGGER outbox_content_fixed BEFORE UPDATE OF id, transaction_id, authority, kind, payload, created_at ON outbox
        BEGIN SELECT RAISE(ABORT, 'an outbox row''s content never changes; only its delivery state'); END;
      CREATE TRIGGER outbox_sent_is_final BEFORE UPDATE OF sent_at, dead_at ON outbox
        WHEN OLD.sent_at IS NOT NULL AND (NEW.sent_at IS NOT OLD.sent_at OR NEW.dead_at IS NOT OLD.dead_at)
        BEGIN SELECT RAISE(ABORT, 'a sent outbox row stays sent'); END;
    `,
  },
  {
    version: 11,
    name: 'content_bundles',
    // 公开信息 (docs/public-information.md): every accepted content bundle, whole, so the kiosk
    // shows the lists offline. In force = the highest version whose period has begun and not
    // ended; a newer one may wait for its effectiveFrom while the older one stays shown.
    sql: `
      CREATE TABLE content_bundles (
        version        INTEGER PRIMARY KEY CHECK (version >= 1),
        bundle_hash    TEXT NOT NULL CHECK (length(bundle_hash) = 64 AND bundle_hash NOT GLOB '*[^0-9a-f]*'),
        key_id         TEXT NOT NULL,
        issued_at      TEXT NOT NULL,
        effective_from TEXT NOT NULL,  -- ISO with offset, as signed
        expires_at     TEXT NOT NULL,
        effective_ms   INTEGER NOT NULL,  -- the same instants in epoch ms, for comparisons
        expires_ms     INTEGER NOT NULL CHECK (expires_ms > effective_ms),
        target         TEXT NOT NULL CHECK (json_valid(target)),
        content        TEXT NOT NULL CHECK (json_valid(content)),  -- the signed content, canonical JSON
        source         TEXT NOT NULL,
        applied_at     TEXT NOT NULL,
        applied_by     TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER content_bundles_only_up BEFORE INSERT ON content_bundles
        WHEN NEW.version <= (SELECT coalesce(max(version), 0) FROM content_bundles)
        BEGIN SELECT RAISE(ABORT, 'content version not above the applied one'); END;
      CREATE TRIGGER content_bundles_no_update BEFORE UPDATE ON content_bundles
        BEGIN SELECT RAISE(ABORT, 'applied content is history'); END;
    `,
  },
  {
    version: 12,
    name: 'credit_consents',
    // 银税互动 (docs/credit-sharing.md): every consent to share a taxpayer's credit facts with a bank,
    // and its revocation. The consent gate (electron/host/credit/consent-gate.ts) reads this table
    // before any bank.credit message is published: no row that covers the message, no message.
    // `scope` is exactly what the consent screen listed (grade, year, tax paid per year, arrears);
    // the message must carry that and nothing else. No personal data: the taxpayer is a credit
    // code; the person who consented is the keyed hash of the ID number, as in transactions.
    sql: `
      CREATE TABLE credit_consents (
        id                TEXT PRIMARY KEY CHECK (length(id) = 26),  -- ULID, also the bank's key
        taxpayer_id       TEXT NOT NULL CHECK (length(taxpayer_id) BETWEEN 15 AND 20 AND taxpayer_id NOT GLOB '*[^0-9A-Z]*'),
        person_id_hash    TEXT NOT NULL CHECK (person_id_hash GLOB 'h1:*'),
        bank_id           TEXT NOT NULL,
        purpose           TEXT NOT NULL CHECK (purpose = 'loanApplication'),
        scope             TEXT NOT NULL CHECK (json_valid(scope)),
        granted_at        TEXT NOT NULL,
        expires_at        TEXT NOT NULL CHECK (expires_at > granted_at),
        revoked_at        TEXT CHECK (revoked_at IS NULL OR revoked_at >= granted_at),
        application_ref   TEXT,
        consent_outbox_id TEXT NOT NULL REFERENCES outbox (id),
        revoke_outbox_id  TEXT REFERENCES outbox (id)
      ) STRICT;
      CREATE INDEX credit_consents_taxpayer ON credit_consents (taxpayer_id, bank_id);
      -- A consent's terms never change; it may only be revoked (once) and learn its application reference.
      CREATE TRIGGER credit_consents_terms_fixed BEFORE UPDATE OF id, taxpayer_id, person_id_hash, bank_id, purpose, scope,
        granted_at, expires_at, consent_outbox_id ON credit_consents
        BEGIN SELECT RAISE(ABORT, 'a consent''s terms never change'); END;
      CREATE TRIGGER credit_consents_revoked_once BEFORE UPDATE OF revoked_at, revoke_outbox_id ON credit_consents
        WHEN OLD.revoked_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a revoked consent stays revoked'); END;
      CREATE TRIGGER credit_consents_no_delete BEFORE DELETE ON credit_consents
        BEGIN SELECT RAISE(ABORT, 'consents are history: revoke, never delete'); END;
    `,
  },
];
