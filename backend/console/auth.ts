import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { Db } from '../../electron/host/db/database';
import type { Role } from '../../shared/fleet/console-api';

/**
 * Who may use the console: users (scrypt-hashed passwords), their sessions
 * (cookie + CSRF token, absolute expiry) and bearer tokens for scripts.
 * Secrets are kept only as hashes: a copy of the database logs nobody in.
 */
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/** ~50 ms on the console's machine: slow for a guesser, fine for a login. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 10;
export const SESSION_HOURS = 12;
export const USER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const TOKEN_USE_RESOLUTION_MS = 60_000;

const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...SCRYPT, maxmem: 128 * SCRYPT.N * SCRYPT.r * 2 });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [tag, n, r, p, salt, key] = stored.split('$');
  if (tag !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { ...params, maxmem: 128 * params.N * params.r * 2 });
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface Principal {
  name: string;
  role: Role;
  /** A session (cookie; writes need the CSRF header) or a bearer token (no cookie, no CSRF). */
  via: 'session' | 'token';
  csrf: string | null;
  sessionHash: string | null;
}

/** A hash computed for unknown names too, so a login takes as long whether or not the name exists. */
let dummyHash: Promise<string> | null = null;

export class Auth {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async addUser(name: string, role: Role, password: string): Promise<void> {
    if (!USER_NAME.test(name)) throw new Error('a user name is 1–64 letters, digits, dot, dash or underscore');
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    const hash = await hashPassword(password);
    const exists = this.db.prepare('SELECT 1 FROM users WHERE name = ?').get(name);
    if (exists) throw new Error(`user ${name} already exists`);
    this.db.prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(name, role, hash, this.now().toISOString());
  }

  /** The user, when the password is theirs; null otherwise (same time either way, near enough). */
  async checkPassword(name: string, password: string): Promise<{ name: string; role: Role } | null> {
    const row = this.db.prepare('SELECT name, role, password_hash FROM users WHERE name = ?').get(name) as
      { name: string; role: Role; password_hash: string } | undefined;
    if (!row) {
      dummyHash ??= hashPassword('not a password of anyone');
      await verifyPassword(password, await dummyHash);
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? { name: row.name, role: row.role } : null;
  }

  /** A new session: the cookie value (returned once, stored hashed) and its CSRF token. */
  createSession(userName: string): { id: string; csrf: string; expiresAt: Date } {
    const id = crypto.randomBytes(32).toString('base64url');
    const csrf = crypto.randomBytes(24).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
    this.db
      .prepare('INSERT INTO sessions (id_hash, ref, user_name, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sha256(id), crypto.randomBytes(12).toString('hex'), userName, csrf, now.toISOString(), expiresAt.toISOString());
    this.db.prepare('UPDATE users SET last_login_at = ? WHERE name = ?').run(now.toISOString(), userName);
    return { id, csrf, expiresAt };
  }

  session(id: string): Principal | null {
    const row = this.db
      .prepare('SELECT s.id_hash, s.csrf, s.expires_at, u.name, u.role FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.id_hash = ?')
      .get(sha256(id)) as { id_hash: string; csrf: string; expires_at: string; name: string; role: Role } | undefined;
    if (!row || Date.parse(row.expires_at) <= this.now().getTime()) return null;
    return { name: row.name, role: row.role, via: 'session', csrf: row.csrf, sessionHash: row.id_hash };
  }

  endSession(sessionHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sessionHash);
  }

  /** A new bearer token: printed once, stored as its hash. */
  createToken(role: Role, name: string): string {
    const token = `ktc_${crypto.randomBytes(32).toString('base64url')}`;
    this.db.prepare('INSERT INTO tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)').run(name, role, sha256(token), this.now().toISOString());
    return token;
  }

  token(token: string): Principal | null {
    const row = this.db.prepare('SELECT id, name, role, last_used_at FROM tokens WHERE token_hash = ? AND revoked_at IS NULL').get(sha256(token)) as
      { id: number; name: string; role: Role; last_used_at: string | null } | undefined;
    if (!row) return null;
    const now = this.now();
    // At most one write a minute per token: "last used" is for spotting a forgotten token, not an access log.
    if (row.last_used_at === null || Date.parse(row.last_used_at) <= now.getTime() - TOKEN_USE_RESOLUTION_MS)
      this.db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(now.toISOString(), row.id);
    return { name: `token:${row.name}`, role: row.role, via: 'token', csrf: null, sessionHash: null };
  }
}

/**
 * Slows down password guessing: after a few failed logins for one name (5),
 * or from one address (20: an office's desks may share one address), each
 * further try must wait twice as long as the last (1 s, 2 s, … up to 15 min).
 * A success clears the name's count.
 */
const FREE_FAILURES_PER_NAME = 5;
const FREE_FAILURES_PER_ADDRESS = 20;
const MAX_LOCK_MS = 15 * 60_000;

export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; lastAt: number }>();

  constructor(private readonly now: () => Date) {}

  /** Milliseconds until another try is allowed for any of the keys (`name:…`, `addr:…`); 0 when allowed. */
  waitMs(keys: readonly string[]): number {
    const now = this.now().getTime();
    let wait = 0;
    for (const key of keys) {
      const entry = this.failures.get(key);
      const free = key.startsWith('addr:') ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES_PER_NAME;
      if (!entry || entry.count < free) continue;
      const lock = Math.min(MAX_LOCK_MS, 1000 * 2 ** (entry.count - free));
      wait = Math.max(wait, entry.lastAt + lock - now);
    }
    return Math.max(0, wait);
  }

  failed(keys: readonly string[]): void {
    const now = this.now().getTime();
    if (this.failures.size > 10_000) this.failures.clear(); // bounded memory under a spray of names
    for (const key of keys) {
      const entry = this.failures.get(key);
      this.failures.set(key, { count: (entry?.count ?? 0) + 1, lastAt: now });
    }
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }
}
