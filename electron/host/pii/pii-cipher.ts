import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encryption at rest for ID numbers (docs/sync.md "Personal data", PIPL art. 28).
 *
 * The Node host has no platform key store, so the secret is a key file readable
 * only by the kiosk user: `<dataDir>/keys/pii.key`, 32 random bytes, mode 0600,
 * created on first use. A key file that group or others can read is refused: a
 * key anyone on the machine can read protects nothing, and silently "fixing" the
 * mode would hide that it may already have been copied.
 *
 * Two keys are derived from the file with HKDF-SHA256 (RFC 5869), so the
 * encryption key and the lookup key never share bytes:
 * - AES-256-GCM for ciphertexts: `v1:` + base64(iv 12 | tag 16 | ciphertext).
 *   GCM authenticates, so a flipped bit or a swapped tail fails to decrypt
 *   (a `PiiCipherError`), it never yields a different number.
 * - HMAC-SHA256 for `lookupHash`: a keyed hash lets the host find a person's
 *   transactions without decrypting every row. An unkeyed SHA-256 would not do:
 *   the ID-number space (region × birth date × sequence) is small enough to
 *   enumerate, so anyone holding the database could reverse a plain hash.
 *   Without the key file the HMAC reveals nothing.
 *
 * Losing the key file makes every stored ID number unreadable; that is the
 * intended failure (the backend holds the authoritative records).
 */
export const PII_KEY_FILE = path.join('keys', 'pii.key');
const KEY_BYTES = 32;
const IV_BYTES = 12; // NIST SP 800-38D: 96-bit IVs, random per message
const TAG_BYTES = 16;
const PREFIX = 'v1:';
/** Binds every ciphertext to this format version (GCM additional data). */
const AAD = Buffer.from('tax-kiosk/pii/v1', 'utf8');

export type PiiCipherErrorCode = 'keyFileUnsafe' | 'keyFileInvalid' | 'badFormat' | 'tampered';

export class PiiCipherError extends Error {
  constructor(
    readonly code: PiiCipherErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PiiCipherError';
  }
}

export interface PiiCipher {
  /** `"v1:base64(iv|tag|ct)"`; a fresh random IV each call, so equal inputs give different outputs. */
  encrypt(text: string): string;
  /** Throws `PiiCipherError` ('badFormat' | 'tampered') rather than return garbage. */
  decrypt(stored: string): string;
  /** `"h1:" + hex(HMAC-SHA256(lookupKey, normalized))`: equal ID numbers give equal hashes (case and spaces ignored). */
  lookupHash(idNumber: string): string;
}

/** Reads the key file, creating it (atomically, 0600) when absent. */
export function loadOrCreatePiiKey(dataDir: string): Buffer {
  const file = path.join(dataDir, PII_KEY_FILE);
  if (!fs.existsSync(file)) createKeyFile(file);
  const stat = fs.statSync(file);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new PiiCipherError(
      'keyFileUnsafe',
      `${file} is readable by group or others (mode ${(stat.mode & 0o777).toString(8)}); it must be 600 and owned by the kiosk user`,
    );
  }
  const key = fs.readFileSync(file);
  if (key.length !== KEY_BYTES) throw new PiiCipherError('keyFileInvalid', `${file} must hold exactly ${KEY_BYTES} bytes`);
  return key;
}

/**
 * Writes a temp file with mode 0600 and links it into place: `link` fails if
 * another process won the race, and nobody ever reads a half-written key.
 */
function createKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, crypto.randomBytes(KEY_BYTES));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from(info, 'utf8'), KEY_BYTES));
}

export function createPiiCipher(master: Buffer): PiiCipher {
  if (master.length !== KEY_BYTES) throw new PiiCipherError('keyFileInvalid', `the PII key must be ${KEY_BYTES} bytes`);
  const encKey = derive(master, 'tax-kiosk pii aes-256-gcm v1');
  const macKey = derive(master, 'tax-kiosk pii lookup-hmac v1');

  return {
    encrypt(text) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(AAD);
      const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
    },
    decrypt(stored) {
      if (!stored.startsWith(PREFIX)) throw new PiiCipherError('badFormat', 'not a v1 PII ciphertext');
      const body = stored.slice(PREFIX.length);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new PiiCipherError('badFormat', 'PII ciphertext is not base64');
      const raw = Buffer.from(body, 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new PiiCipherError('badFormat', 'PII ciphertext is too short');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(AAD);
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new PiiCipherError('tampered', 'PII ciphertext failed authentication (altered, or another key)');
      }
    },
    lookupHash(idNumber) {
      const normalized = idNumber.replace(/\s+/g, '').toUpperCase();
      return 'h1:' + crypto.createHmac('sha256', macKey).update(normalized, 'utf8').digest('hex');
    },
  };
}

/** The cipher for a data directory: `<dataDir>/keys/pii.key`, created on first use. */
export function openPiiCipher(dataDir: string): PiiCipher {
  return createPiiCipher(loadOrCreatePiiKey(dataDir));
}
