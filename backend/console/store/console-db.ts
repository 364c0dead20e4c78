import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Db } from '../../../electron/host/db/database';
import { consoleMigrations } from './migrations';

export const CONSOLE_DATABASE_FILE = 'console.sqlite';

/**
 * Opens (and migrates) the console's database in its data dir. WAL so the
 * API reads while ingest writes; synchronous FULL because the action log must
 * survive a power cut (ingest batches its writes, so this costs a few fsyncs
 * a second, not one per heartbeat).
 */
export function openConsoleDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, CONSOLE_DATABASE_FILE);
  // Created 0600 before SQLite opens it: the -wal and -shm files take its mode (it holds password hashes).
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, consoleMigrations, 'this console');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
