import type { Migration } from '../../../electron/host/db/migrations';

/**
 * The rollout engine's tables (rollout-engine.ts), run by the console with its
 * own migrations. Numbered from 100 so they never meet the console server's own
 * low numbers. Append only, as every migration list: fix forward.
 */
export const ROLLOUT_MIGRATIONS: readonly Migration[] = [
  {
    version: 100,
    name: 'rollouts',
    // The bundle is kept byte for byte: each wave forwards exactly what `kioskctl config sign` produced.
    // One target row per (rollout, kiosk): the primary key is what makes "never published twice" hold
    // even across waves, and published_at is set once, after the broker took the message.
    sql: `
      CREATE TABLE rollouts (
        id                   INTEGER PRIMARY KEY AUTOINCREMENT,
        config_version       INTEGER NOT NULL CHECK (config_version >= 0),
        bundle_hash          TEXT NOT NULL CHECK (length(bundle_hash) = 64 AND bundle_hash NOT GLOB '*[^0-9a-f]*'),
        bundle               BLOB NOT NULL,
        target               TEXT NOT NULL CHECK (json_valid(target)),  -- the bundle's own target, as signed
        state                TEXT NOT NULL CHECK (state IN ('running', 'halted', 'completed', 'aborted')),
        halt_reason          TEXT,
        created_by           TEXT NOT NULL,
        created_at           TEXT NOT NULL,
        silent_after_seconds INTEGER NOT NULL CHECK (silent_after_seconds >= 10),
        max_silent_percent   INTEGER NOT NULL CHECK (max_silent_percent BETWEEN 0 AND 100),
        current_wave         INTEGER NOT NULL DEFAULT 0 CHECK (current_wave >= 0)
      ) STRICT;

      CREATE TABLE rollout_waves (
        rollout_id INTEGER NOT NULL REFERENCES rollouts (id),
        idx        INTEGER NOT NULL CHECK (idx >= 0),
        spec       TEXT NOT NULL CHECK (json_valid(spec)),
        started_at TEXT,
        PRIMARY KEY (rollout_id, idx)
      ) STRICT;

      CREATE TABLE rollout_targets (
        rollout_id   INTEGER NOT NULL REFERENCES rollouts (id),
        kiosk_id     TEXT NOT NULL,
        branch_id    TEXT NOT NULL,
        wave         INTEGER NOT NULL CHECK (wave >= 0),
        state        TEXT NOT NULL CHECK (state IN ('pending', 'applied', 'refused', 'silent')),
        reason       TEXT,  -- the kiosk's refusal reason, as its heartbeat reported it
        at           TEXT,  -- when the state last changed
        published_at TEXT,  -- when the broker took the bundle for this kiosk; NULL: not (yet) sent
        PRIMARY KEY (rollout_id, kiosk_id)
      ) STRICT;
      CREATE INDEX rollout_targets_kiosk ON rollout_targets (kiosk_id);
      CREATE INDEX rollout_targets_wave ON rollout_targets (rollout_id, wave, state);
      CREATE TRIGGER rollout_targets_published_once BEFORE UPDATE OF published_at ON rollout_targets
        WHEN OLD.published_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a rollout publishes to a kiosk once'); END;

      -- The config version each kiosk last reported, so a kiosk that already runs the rollout's version
      -- (or newer) counts as applied when its wave starts and is not sent the bundle again.
      CREATE TABLE rollout_kiosk_versions (
        kiosk_id       TEXT PRIMARY KEY,
        config_version INTEGER NOT NULL,
        seen_at        TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 101,
    name: 'rollout halt detail',
    // halt_reason as codes (HaltPart[], shared/fleet/console-codes.ts) for the page to say in either language.
    // Rows halted before this have none: they read as one `other` part carrying the stored text.
    sql: `ALTER TABLE rollouts ADD COLUMN halt_detail TEXT CHECK (halt_detail IS NULL OR json_valid(halt_detail));`,
  },
];
