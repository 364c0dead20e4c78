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
];
