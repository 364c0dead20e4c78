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
export function openDatabase(dataDir: string, list: readonly Migration[] = defaultMigrations, options: ReadOnlyOpenOptions = {}): Db {
  prepareDataDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, list, options.tool);
  } catch (error) {
    db.close();
    throw error;
  }
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

/**
 * Why a database cannot be used by this build: it is not there (a reading
 * tool never creates one), it is at a schema this build has not reached
 * (written by a newer version: running on tables we do not know could lose
 * or corrupt what it keeps), or older than a reading tool expects (only the
 * host migrates, so a tool beside it never changes the file).
 */
export class DatabaseSchemaError extends Error {
  constructor(
    readonly reason: 'missing' | 'newer' | 'older',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseSchemaError';
  }
}

export interface ReadOnlyOpenOptions {
  /** Who is asking, for the error messages ("this kioskctl"). */
  readonly tool?: string;
}

/**
 * Opens the kiosk database for reading only, as kioskctl's reading commands
 * do beside a live host: no folder or file is created, no migration runs, no
 * pragma is written. Refuses a schema other than the one this build knows.
 */
export function openDatabaseReadOnly(dataDir: string, list: readonly Migration[] = defaultMigrations, options: ReadOnlyOpenOptions = {}): Db {
  const tool = options.tool ?? 'this build';
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) throw new DatabaseSchemaError('missing', `no kiosk database at ${file} (check --data-dir or KIOSK_DATA_DIR)`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const known = latestVersion(list);
    const applied = appliedVersions(db);
    const newest = Math.max(0, ...applied);
    if (newest > known) throw newerSchema(newest, known, tool);
    const missing = list.filter((m) => !applied.has(m.version));
    if (missing.length > 0) {
      throw new DatabaseSchemaError(
        'older',
        `the kiosk database is at schema ${newest}, older than ${tool} (${known}); start the kiosk once to upgrade it (a reading command never migrates)`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function latestVersion(list: readonly Migration[]): number {
  return Math.max(0, ...list.map((m) => m.version));
}

function appliedVersions(db: Db): Set<number> {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return new Set();
  return new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => (row as { version: number }).version),
  );
}

function newerSchema(newest: number, known: number, tool: string): DatabaseSchemaError {
  return new DatabaseSchemaError(
    'newer',
    `the kiosk database's schema ${newest} is newer than ${tool} (${known}); use the kioskctl that came with the running kiosk`,
  );
}

export function migrate(db: Db, list: readonly Migration[], tool = 'this build'): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = appliedVersions(db);
  const newest = Math.max(0, ...applied);
  if (newest > latestVersion(list)) throw newerSchema(newest, latestVersion(list), tool);
  const sorted = [...list].sort((a, b) => a.version - b.version);
  const ran: number[] = [];
  for (const migration of sorted) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    })();
    ran.push(migration.version);
  }
  return ran;
}
