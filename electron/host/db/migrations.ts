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
];
