import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, DatabaseSchemaError, openDatabase } from '../../../electron/host/db/database';
import { migrations } from '../../../electron/host/db/migrations';
import { kioskctl, tempDir } from '../host/config-fixtures';

/**
 * Issue 18 item 4: kioskctl's reading commands run beside a live host. They
 * used to open the database the way the host does — creating the folder and
 * the file, running migrations — so `outbox status` on a mistyped --data-dir
 * made an empty kiosk there and said "nothing pending", and an older tool
 * would happily write into a newer host's schema.
 */
const READERS: readonly (readonly string[])[] = [
  ['outbox', 'status'],
  ['stock', 'show'],
  ['config', 'show'],
  ['audit', 'tail'],
  ['audit', 'verify'],
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDir('kioskctl-ro-');
  dirs.push(d);
  return d;
}

function schemaVersions(dataDir: string): number[] {
  const db = openDatabase(dataDir, migrations);
  try {
    return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map((r) => r.version);
  } finally {
    db.close();
  }
}

describe('kioskctl reading commands open the database read-only (issue 18)', () => {
  it.each(READERS)('%s %s on a folder with no kiosk database: exit 2, names the path, creates nothing', async (...words) => {
    const dataDir = path.join(dir(), 'typo');
    const r = await kioskctl(...words, '--data-dir', dataDir);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain(`no kiosk database at ${path.join(dataDir, DATABASE_FILE)}`);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it.each(READERS)('%s %s does not migrate an older database: exit 2 and the schema is left as it was', async (...words) => {
    const dataDir = dir();
    const older = migrations.slice(0, -1);
    openDatabase(dataDir, older).close();
    const before = fs.readFileSync(path.join(dataDir, DATABASE_FILE));
    const r = await kioskctl(...words, '--data-dir', dataDir);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/older than this kioskctl.*start the kiosk once/);
    const db = openDatabase(dataDir, older);
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map((v) => v.version);
    db.close();
    expect(versions).toEqual(older.map((m) => m.version));
    expect(fs.readFileSync(path.join(dataDir, DATABASE_FILE)).equals(before)).toBe(true);
  });

  it.each(READERS)('%s %s reads a database at the current schema (exit 0 or its documented answer)', async (...words) => {
    const dataDir = dir();
    openDatabase(dataDir).close();
    const r = await kioskctl(...words, '--data-dir', dataDir);
    expect(r.code).toBe(0);
    expect(schemaVersions(dataDir)).toEqual(migrations.map((m) => m.version));
  });

  it('every command refuses a database whose schema is newer than the tool (exit 2), the writing ones too', async () => {
    const dataDir = dir();
    const db = openDatabase(dataDir);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01T00:00:00Z')").run();
    db.close();
    for (const words of [...READERS, ['stock', 'load', '--type', 'vatOrdinary', '--code', '1370001234', '--from', '00000001', '--to', '00000002']]) {
      const r = await kioskctl(...words, '--data-dir', dataDir);
      expect(r.code, words.join(' ')).toBe(2);
      expect(r.err.join('\n'), words.join(' ')).toMatch(/schema 999 is newer than this kioskctl \(\d+\)/);
    }
  });

  it('the host refuses a newer schema too, rather than running on tables it does not know', () => {
    const dataDir = dir();
    const db = openDatabase(dataDir);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01T00:00:00Z')").run();
    db.close();
    expect(() => openDatabase(dataDir)).toThrow(DatabaseSchemaError);
  });
});
