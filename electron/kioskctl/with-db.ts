import { openDatabase, openDatabaseReadOnly, type Db } from '../host/db/database';
import { resolveDataDir } from '../host/data-dir';

/**
 * How a kioskctl command opens the kiosk database. `read` is for the commands
 * that run beside a live host and only look (outbox status, stock show,
 * config show, audit tail/verify): read-only, never creating or migrating.
 * `write` opens it as the host does. Both refuse a schema newer than this
 * tool; main() turns that refusal into exit 2 with the reason.
 */
export type DbAccess = 'read' | 'write';

const TOOL = 'this kioskctl';

export function openKioskDb(dataDir: string, access: DbAccess): Db {
  return access === 'read' ? openDatabaseReadOnly(dataDir, undefined, { tool: TOOL }) : openDatabase(dataDir, undefined, { tool: TOOL });
}

/** Opens, runs `use`, and closes whatever happens. */
export async function withDb<T>(dataDir: string | undefined, access: DbAccess, use: (db: Db, dataDir: string) => T | Promise<T>): Promise<T> {
  const dir = resolveDataDir(dataDir);
  const db = openKioskDb(dir, access);
  try {
    return await use(db, dir);
  } finally {
    db.close();
  }
}
