import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { prepareDataDir } from '../data-dir';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export const DATABASE_FILE = 'kiosk.sqlite';

/**
 * Opens the kiosk database. WAL for concurrent readers, and `synchronous=FULL`
 * because WAL's default (NORMAL) can lose the last commits on power loss — and
 * the outbox must not.
 */
export function openDatabase(dataDir: string, list: readonly Migration[] = defaultMigrations): Db {
  prepareDataDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, list);
  // A database (and WAL) made looser by an older version is tightened.
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      fs.chmodSync(file + suffix, 0o600);
    } catch {
      /* absent, or not ours */
    }
  }
  return db;
}

export function migrate(db: Db, list: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').all().map((row) => (row as { version: number }).version),
  );
  const sorted = [...list].sort((a, b) => a.version - b.version);
  const ran: number[] = [];
  for (const migration of sorted) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
    ran.push(migration.version);
  }
  return ran;
}
