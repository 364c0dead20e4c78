import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Accounts, AccountError } from '../../../backend/console/accounts';
import { Auth, hashPassword, sha256 } from '../../../backend/console/auth';
import { CONSOLE_DATABASE_FILE, openConsoleDb } from '../../../backend/console/store/console-db';
import { consoleMigrations } from '../../../backend/console/store/migrations';
import { migrate, type Db } from '../../../electron/host/db/database';

/** Users, tokens and sessions kept by the console, and a database from before they could be managed. */
let dir: string;
let db: Db | null = null;
const NOW = new Date('2026-12-07T10:00:00Z');

afterEach(() => {
  db?.close();
  db = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('account management storage', () => {
  it('a console database from before (schema 1) opens, migrates and keeps its users, sessions and tokens working', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-accounts-db-'));
    const old = new Database(path.join(dir, CONSOLE_DATABASE_FILE));
    migrate(
      old,
      consoleMigrations.filter((m) => m.version !== 2),
      'an older console',
    );
    old
      .prepare("INSERT INTO users (name, role, password_hash, created_at) VALUES ('ada', 'admin', ?, '2026-01-01T00:00:00.000Z')")
      .run(await hashPassword('a long password'));
    old
      .prepare(
        "INSERT INTO sessions (id_hash, user_name, csrf, created_at, expires_at) VALUES (?, 'ada', 'c', '2026-12-07T09:00:00.000Z', '2026-12-07T21:00:00.000Z')",
      )
      .run(sha256('old-cookie'));
    old.prepare("INSERT INTO tokens (name, role, token_hash, created_at) VALUES ('nightly', 'viewer', ?, '2026-01-02T00:00:00.000Z')").run(sha256('ktc_old'));
    old.close();

    db = openConsoleDb(dir);
    const auth = new Auth(db, () => NOW);
    const accounts = new Accounts(db, () => NOW);
    expect(accounts.listUsers()).toEqual([{ name: 'ada', role: 'admin', createdAt: '2026-01-01T00:00:00.000Z', lastLoginAt: null }]);
    expect(auth.session('old-cookie')).toMatchObject({ name: 'ada', role: 'admin' });
    const [session] = accounts.listSessions(null, null);
    expect(session).toMatchObject({ userName: 'ada', current: false });
    expect(session?.id).toMatch(/^[0-9a-f]{24}$/);
    expect(auth.token('ktc_old')).toMatchObject({ name: 'token:nightly' });
    expect(accounts.listTokens()).toEqual([
      { id: 1, name: 'nightly', role: 'viewer', createdAt: '2026-01-02T00:00:00.000Z', lastUsedAt: NOW.toISOString(), revokedAt: null },
    ]);
    accounts.endSession(session?.id ?? '', null, null);
    expect(auth.session('old-cookie')).toBeNull();
  });

  it('a new password ends the user’s sessions; the old password no longer works; unknown users are refused', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-accounts-db-'));
    db = openConsoleDb(dir);
    const auth = new Auth(db, () => NOW);
    const accounts = new Accounts(db, () => NOW);
    await auth.addUser('ada', 'admin', 'the first password');
    await auth.addUser('bob', 'viewer', 'the first password');
    const session = auth.createSession('ada');
    auth.createSession('bob');
    expect(await accounts.setPassword('ada', 'the second password')).toEqual({ sessionsEnded: 1 });
    expect(auth.session(session.id)).toBeNull();
    expect(accounts.listSessions(null, null).map((s) => s.userName)).toEqual(['bob']);
    expect(await auth.checkPassword('ada', 'the first password')).toBeNull();
    expect(await auth.checkPassword('ada', 'the second password')).toEqual({ name: 'ada', role: 'admin' });
    await expect(accounts.setPassword('ada', 'short')).rejects.toThrow(/at least 10/);
    await expect(accounts.setPassword('nobody', 'long enough password')).rejects.toBeInstanceOf(AccountError);
    expect(() => accounts.removeUser('ada')).toThrow(/last admin/);
    expect(accounts.removeUser('bob')).toEqual({ role: 'viewer', sessionsEnded: 1 });
  });
});
