import type { Db } from '../../electron/host/db/database';
import type { ConsoleSession, ConsoleToken, ConsoleUser, Role } from '../../shared/fleet/console-api';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth';

/**
 * What an administrator needs after a laptop is stolen or a technician
 * leaves: see and remove users, change a password, see and revoke tokens,
 * see and end sessions. Secrets never leave here: a token is listed by its id
 * and name, a session by a random reference (not its hash).
 */
export type AccountProblem = 'unknown' | 'lastAdmin' | 'alreadyRevoked';

/** A refusal the caller turns into an exit code (CLI) or a status (API: 404, 409). */
export class AccountError extends Error {
  constructor(
    readonly problem: AccountProblem,
    message: string,
  ) {
    super(message);
  }
}

interface UserRow {
  name: string;
  role: Role;
  created_at: string;
  last_login_at: string | null;
}

interface TokenRow {
  id: number;
  name: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface SessionRow {
  ref: string;
  id_hash: string;
  user_name: string;
  created_at: string;
  expires_at: string;
}

export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  listUsers(): ConsoleUser[] {
    const rows = this.db.prepare('SELECT name, role, created_at, last_login_at FROM users ORDER BY name').all() as UserRow[];
    return rows.map((r) => ({ name: r.name, role: r.role, createdAt: r.created_at, lastLoginAt: r.last_login_at }));
  }

  /** Removes the user and ends their sessions; never the last admin (nobody could manage the console then). */
  removeUser(name: string): { role: Role; sessionsEnded: number } {
    const remove = this.db.transaction(() => {
      const row = this.db.prepare('SELECT role FROM users WHERE name = ?').get(name) as { role: Role } | undefined;
      if (!row) throw new AccountError('unknown', `no user ${name}`);
      if (row.role === 'admin') {
        const others = this.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND name <> ?").get(name) as { n: number };
        if (others.n === 0) throw new AccountError('lastAdmin', `${name} is the last admin: add another admin before removing this one`);
      }
      const ended = this.db.prepare('DELETE FROM sessions WHERE user_name = ?').run(name).changes;
      this.db.prepare('DELETE FROM users WHERE name = ?').run(name);
      return { role: row.role, sessionsEnded: ended };
    });
    return remove();
  }

  /** A new password; every session of the user ends (whoever had the old one is logged out). */
  async setPassword(name: string, password: string): Promise<{ sessionsEnded: number }> {
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    const hash = await hashPassword(password);
    const change = this.db.transaction(() => {
      const updated = this.db.prepare('UPDATE users SET password_hash = ? WHERE name = ?').run(hash, name).changes;
      if (updated === 0) throw new AccountError('unknown', `no user ${name}`);
      return { sessionsEnded: this.db.prepare('DELETE FROM sessions WHERE user_name = ?').run(name).changes };
    });
    return change();
  }

  /** All tokens, revoked ones too (with when); never the token nor its hash. */
  listTokens(): ConsoleToken[] {
    const rows = this.db.prepare('SELECT id, name, role, created_at, last_used_at, revoked_at FROM tokens ORDER BY id').all() as TokenRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  }

  revokeToken(id: number): ConsoleToken {
    const revoke = this.db.transaction((): ConsoleToken => {
      const row = this.db.prepare('SELECT id, name, role, created_at, last_used_at, revoked_at FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
      if (!row) throw new AccountError('unknown', `no token ${id}`);
      if (row.revoked_at !== null) throw new AccountError('alreadyRevoked', `token ${id} was already revoked at ${row.revoked_at}`);
      const at = this.now().toISOString();
      this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run(at, id);
      return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: at };
    });
    return revoke();
  }

  /** Sessions not yet expired; of one user when `userName` is given. `currentHash` marks the caller's own. */
  listSessions(userName: string | null, currentHash: string | null): ConsoleSession[] {
    const now = this.now().toISOString();
    const rows = (
      userName === null
        ? this.db.prepare('SELECT * FROM sessions WHERE expires_at > ? ORDER BY created_at, ref').all(now)
        : this.db.prepare('SELECT * FROM sessions WHERE expires_at > ? AND user_name = ? ORDER BY created_at, ref').all(now, userName)
    ) as SessionRow[];
    return rows.map((r) => ({ id: r.ref, userName: r.user_name, createdAt: r.created_at, expiresAt: r.expires_at, current: r.id_hash === currentHash }));
  }

  /** Ends one session by its reference; of that user only when `userName` is given (others' look unknown). */
  endSession(ref: string, userName: string | null, currentHash: string | null): { userName: string; wasCurrent: boolean } {
    const end = this.db.transaction(() => {
      const row = this.db.prepare('SELECT user_name, id_hash FROM sessions WHERE ref = ? AND expires_at > ?').get(ref, this.now().toISOString()) as
        { user_name: string; id_hash: string } | undefined;
      if (!row || (userName !== null && row.user_name !== userName)) throw new AccountError('unknown', 'no such session');
      this.db.prepare('DELETE FROM sessions WHERE ref = ?').run(ref);
      return { userName: row.user_name, wasCurrent: row.id_hash === currentHash };
    });
    return end();
  }
}
