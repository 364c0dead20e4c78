import type { Migration } from '../../../electron/host/db/migrations';
import { ROLLOUT_MIGRATIONS } from '../rollouts/rollout-migrations';

/**
 * The console's own schema (console.sqlite in its data dir). Append only, as
 * the kiosk's: a migration that shipped is never edited; fix forward with a
 * new number. The runner is the kiosk's (electron/host/db/database.ts).
 */
const coreMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'console_init',
    sql: `
      -- The newest heartbeat of each kiosk and what the console judged from it.
      CREATE TABLE kiosks (
        kiosk_id         TEXT PRIMARY KEY,
        branch_id        TEXT NOT NULL,
        heartbeat        TEXT NOT NULL CHECK (json_valid(heartbeat)),  -- as read (v1 read as v2)
        sent_at          TEXT NOT NULL,
        last_seen_at     TEXT NOT NULL,  -- when the console received it
        first_seen_at    TEXT NOT NULL,
        health           TEXT NOT NULL CHECK (health IN ('ok', 'visit', 'down', 'stale')),
        reasons          TEXT NOT NULL CHECK (json_valid(reasons)),
        audit_seq        INTEGER,
        audit_hash       TEXT,
        -- 0 once a heartbeat's audit head went backwards or forked: stays 0.
        audit_continuous INTEGER NOT NULL DEFAULT 1 CHECK (audit_continuous IN (0, 1))
      ) STRICT;
      CREATE INDEX kiosks_branch ON kiosks (branch_id);

      -- Only changes, never one row per heartbeat.
      CREATE TABLE timeline (
        id       INTEGER PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        at       TEXT NOT NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('seen', 'health', 'reasonOn', 'reasonOff', 'config', 'rollout', 'alert')),
        detail   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX timeline_kiosk ON timeline (kiosk_id, id);
      CREATE INDEX timeline_at ON timeline (at);

      CREATE TABLE users (
        name          TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
        role          TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        password_hash TEXT NOT NULL CHECK (password_hash GLOB 'scrypt$*'),
        created_at    TEXT NOT NULL
      ) STRICT;

      -- The session id is kept only as its SHA-256: a copy of the database opens no session.
      CREATE TABLE sessions (
        id_hash    TEXT PRIMARY KEY,
        user_name  TEXT NOT NULL REFERENCES users (name),
        csrf       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;

      -- Bearer tokens for scripts, kept only as their SHA-256 (printed once at creation).
      CREATE TABLE tokens (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        role       TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE alert_rules (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL UNIQUE,
        enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        threshold   INTEGER,
        webhook_url TEXT
      ) STRICT;

      CREATE TABLE alerts (
        id         INTEGER PRIMARY KEY,
        kiosk_id   TEXT NOT NULL,
        branch_id  TEXT NOT NULL,
        kind       TEXT NOT NULL,
        subject    TEXT,
        detail     TEXT NOT NULL,
        raised_at  TEXT NOT NULL,
        cleared_at TEXT,
        ack_by     TEXT,
        ack_at     TEXT,
        ack_note   TEXT
      ) STRICT;
      -- One open alert per kiosk, kind and subject.
      CREATE UNIQUE INDEX alerts_one_open ON alerts (kiosk_id, kind, coalesce(subject, '')) WHERE cleared_at IS NULL;
      CREATE INDEX alerts_open ON alerts (id) WHERE cleared_at IS NULL;

      -- Who did what: hash-chained (action-log.ts), append only.
      CREATE TABLE actions (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        detail    TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions
        BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END;
      CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions
        BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'account_management',
    // Additive only: an existing console's database keeps its users, sessions and tokens.
    sql: `
      ALTER TABLE users ADD COLUMN last_login_at TEXT;
      -- Written at most once a minute per token (auth.ts): a script polling every second costs no write each time.
      ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
      -- How an administrator names a session to end it: random, not the id's hash (which only the cookie's holder should match).
      ALTER TABLE sessions ADD COLUMN ref TEXT;
      UPDATE sessions SET ref = lower(hex(randomblob(12))) WHERE ref IS NULL;
      CREATE UNIQUE INDEX sessions_ref ON sessions (ref);
      CREATE INDEX sessions_user ON sessions (user_name);
    `,
  },
];

/** One list: the core tables, then the rollout module's (versions 100 and up, backend/console/rollouts). */
export const consoleMigrations: readonly Migration[] = [...coreMigrations, ...ROLLOUT_MIGRATIONS];
