import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../../electron/host/db/database';
import { PII_KEY_FILE, PiiCipherError, createPiiCipher, openPiiCipher } from '../../../electron/host/pii/pii-cipher';
import { TransactionStore } from '../../../electron/host/transactions/transaction-store';
import { PERSON_ID, SELLER_TAX_ID, issue, issueLegs } from './transaction-fixtures';

const dirs: string[] = [];
function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pii-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof PiiCipherError ? error.code : `other: ${String(error)}`;
  }
}

describe('PII cipher', () => {
  it('round-trips, with a fresh IV each time, in the v1 format', () => {
    const cipher = createPiiCipher(crypto.randomBytes(32));
    const a = cipher.encrypt(PERSON_ID);
    const b = cipher.encrypt(PERSON_ID);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe(PERSON_ID);
    expect(cipher.decrypt(cipher.encrypt('张三'))).toBe('张三');
    expect(Buffer.from(a.slice(3), 'base64').length).toBe(12 + 16 + PERSON_ID.length);
  });

  it('refuses tampered ciphertext (IV, tag, body, truncation) and another key: an error, never another number', () => {
    const cipher = createPiiCipher(crypto.randomBytes(32));
    const raw = Buffer.from(cipher.encrypt(PERSON_ID).slice(3), 'base64');
    for (const index of [0, 11, 12, 27, 28, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[index] = bad[index]! ^ 0x01;
      expect(
        codeOf(() => cipher.decrypt(`v1:${bad.toString('base64')}`)),
        `byte ${index}`,
      ).toBe('tampered');
    }
    expect(codeOf(() => cipher.decrypt(`v1:${raw.subarray(0, raw.length - 1).toString('base64')}`))).toBe('tampered');
    expect(codeOf(() => createPiiCipher(crypto.randomBytes(32)).decrypt(`v1:${raw.toString('base64')}`))).toBe('tampered');
    expect(codeOf(() => cipher.decrypt(PERSON_ID))).toBe('badFormat');
    expect(codeOf(() => cipher.decrypt('v1:%%%'))).toBe('badFormat');
    expect(codeOf(() => cipher.decrypt('v1:AAAA'))).toBe('badFormat');
  });

  it('gives a stable keyed lookup hash, ignoring case, that differs under another key', () => {
    const key = crypto.randomBytes(32);
    const one = createPiiCipher(key);
    expect(one.lookupHash(PERSON_ID)).toBe(createPiiCipher(key).lookupHash(PERSON_ID.toLowerCase()));
    expect(one.lookupHash(PERSON_ID)).toMatch(/^h1:[0-9a-f]{64}$/);
    expect(one.lookupHash(PERSON_ID)).not.toBe(one.lookupHash('370102196005150024'));
    expect(one.lookupHash(PERSON_ID)).not.toBe(createPiiCipher(crypto.randomBytes(32)).lookupHash(PERSON_ID));
    // Keyed: not the plain SHA-256 anyone could compute from a guessed number.
    expect(one.lookupHash(PERSON_ID)).not.toContain(crypto.createHash('sha256').update(PERSON_ID).digest('hex'));
  });
});

describe('PII key file', () => {
  it('is created on first use as 32 bytes, mode 0600, and reused afterwards', () => {
    const dir = tmp();
    const first = openPiiCipher(dir);
    const file = path.join(dir, PII_KEY_FILE);
    expect(fs.statSync(file).size).toBe(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o077).toBe(0);
    const stored = first.encrypt(PERSON_ID);
    expect(openPiiCipher(dir).decrypt(stored)).toBe(PERSON_ID);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['pii.key']);
  });

  it('is refused when group or others can read it, or when it is not 32 bytes', () => {
    const dir = tmp();
    openPiiCipher(dir);
    const file = path.join(dir, PII_KEY_FILE);
    fs.chmodSync(file, 0o640);
    expect(codeOf(() => openPiiCipher(dir))).toBe('keyFileUnsafe');
    fs.chmodSync(file, 0o604);
    expect(codeOf(() => openPiiCipher(dir))).toBe('keyFileUnsafe');
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, crypto.randomBytes(16));
    expect(codeOf(() => openPiiCipher(dir))).toBe('keyFileInvalid');
  });
});

describe('ID numbers at rest', () => {
  it('never appear in the database file or its WAL, while the taxpayer id (not personal) does', () => {
    const dir = tmp();
    const db = openDatabase(dir);
    const store = new TransactionStore(db, openPiiCipher(dir));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(store.createTransaction(issue(), issueLegs()).id);
    store.transition(ids[0]!, { from: 'created', to: 'paymentPending' });

    const dbBytes = () =>
      [DATABASE_FILE, `${DATABASE_FILE}-wal`]
        .map((name) => path.join(dir, name))
        .filter((file) => fs.existsSync(file))
        .map((file) => fs.readFileSync(file));
    const contains = (needle: string) => dbBytes().some((bytes) => bytes.includes(Buffer.from(needle, 'utf8')));

    expect(fs.statSync(path.join(dir, `${DATABASE_FILE}-wal`)).size).toBeGreaterThan(0);
    // Control: the scan does find plain text (the taxpayer id is business data, stored as is).
    expect(contains(SELLER_TAX_ID)).toBe(true);
    expect(contains(PERSON_ID)).toBe(false);
    expect(contains(PERSON_ID.slice(0, 17))).toBe(false);
    expect(contains('测试乙')).toBe(false);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(contains(PERSON_ID)).toBe(false);
    expect(contains(SELLER_TAX_ID)).toBe(true);
  });
});
