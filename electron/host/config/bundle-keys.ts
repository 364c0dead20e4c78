import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FileInputError, readBoundedText } from '../bounded-file';

/**
 * Ed25519 keys for config bundles. The administrators keep the private key
 * (PKCS#8 PEM, 0600); a kiosk pins the public keys (SPKI PEM) it trusts in
 * `<dataDir>/keys/config/*.pem`, one key per file. More than one key is pinned
 * during a rotation: the new key is added to the fleet first, bundles switch
 * to it, then the old file is removed.
 *
 * No key ships with the product. The simulator-mode demo makes its own pair on
 * first start (ensureDemoSigningKey); tests make theirs.
 */
export const PINNED_KEYS_DIR = path.join('keys', 'config');
export const PRIVATE_KEY_FILE = 'config-signing.key.pem';
export const PUBLIC_KEY_FILE = 'config-signing.pub.pem';
/** Where the simulator-mode demo keeps its own signing key (never used in `real` mode). */
export const DEMO_SIGNING_DIR = 'demo-config-signing';

export interface PinnedKey {
  keyId: string;
  key: crypto.KeyObject;
  file: string;
}

export class KeyError extends Error {}

/** 16 hex digits of SHA-256 over the raw 32-byte public key: names a key in a signature. */
export function keyIdOf(publicKey: crypto.KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  // An Ed25519 SPKI is a fixed 12-byte header followed by the 32 raw key bytes.
  return crypto
    .createHash('sha256')
    .update(der.subarray(der.length - 32))
    .digest('hex')
    .slice(0, 16);
}

export function generateKeyPair(): { privatePem: string; publicPem: string; keyId: string } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** Writes a new pair into `dir` (created 0700); refuses to overwrite an existing key. */
export function writeKeyPair(dir: string): { keyId: string; privateFile: string; publicFile: string } {
  const privateFile = path.join(dir, PRIVATE_KEY_FILE);
  const publicFile = path.join(dir, PUBLIC_KEY_FILE);
  for (const file of [privateFile, publicFile]) if (fs.existsSync(file)) throw new KeyError(`${file} exists; a key is never overwritten`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = generateKeyPair();
  fs.writeFileSync(privateFile, pair.privatePem, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(publicFile, pair.publicPem, { mode: 0o644, flag: 'wx' });
  return { keyId: pair.keyId, privateFile, publicFile };
}

/** A PEM key is a few hundred bytes; anything far bigger is not one (bounded-file.ts). */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

function readKeyText(file: string): string {
  try {
    return readBoundedText(file, MAX_KEY_FILE_BYTES);
  } catch (error) {
    if (error instanceof FileInputError) throw new KeyError(error.message);
    throw error;
  }
}

export function readPrivateKey(file: string): crypto.KeyObject {
  const text = readKeyText(file);
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(text);
  } catch (error) {
    throw new KeyError(`${file} is not a private key: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new KeyError(`${file} is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  return key;
}

function readPublicKey(file: string): crypto.KeyObject {
  const text = readKeyText(file);
  // createPublicKey would happily derive a public key from a private one: a
  // private key in the pinned directory is a leak to report, not a key to use.
  if (/PRIVATE KEY/.test(text)) throw new KeyError(`${file} holds a PRIVATE key: pin only public keys`);
  const key = crypto.createPublicKey(text);
  if (key.asymmetricKeyType !== 'ed25519') throw new KeyError(`${file} is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  return key;
}

/**
 * Every `*.pem` in `dir` as a pinned key. A file that is not an Ed25519
 * public key makes the whole set fail: a broken pin is an installation fault
 * a technician must see, not a key to skip quietly. `skipPrivateKeys` is for
 * the administrator's `config verify` pointed at the directory `keys
 * generate` made (never for a kiosk's pinned set).
 */
export function loadKeysFromDir(dir: string, options: { skipPrivateKeys?: boolean } = {}): PinnedKey[] {
  if (!fs.existsSync(dir)) return [];
  return (
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.pem'))
      // The administrator's own key directory (config verify) holds the private key too.
      .filter((name) => !(options.skipPrivateKeys && /PRIVATE KEY/.test(readKeyText(path.join(dir, name)))))
      .sort()
      .map((name) => {
        const file = path.join(dir, name);
        try {
          const key = readPublicKey(file);
          return { keyId: keyIdOf(key), key, file };
        } catch (error) {
          if (error instanceof KeyError) throw error;
          throw new KeyError(`${file} is not a public key: ${error instanceof Error ? error.message : String(error)}`);
        }
      })
  );
}

export function pinnedKeysDir(dataDir: string): string {
  return path.join(dataDir, PINNED_KEYS_DIR);
}

/**
 * The keys this kiosk pins, read at each apply (a rotation needs no restart).
 * A broken pin file is an installation fault: `unusable` is told (to log it or
 * tell the technician) and no key is trusted until it is fixed, so every
 * bundle is refused, with a trace, rather than checked against fewer keys.
 */
export function pinnedKeysOrNone(dataDir: string, unusable: (detail: string) => void): PinnedKey[] {
  try {
    return loadKeysFromDir(pinnedKeysDir(dataDir));
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    unusable(error.message);
    return [];
  }
}

/**
 * Simulator mode only: with no key pinned, make a demo signing pair under
 * `<dataDir>/demo-config-signing/` and pin its public half, so the demo can
 * sign and apply bundles. Returns the key id when it made one.
 */
export function ensureDemoSigningKey(dataDir: string): { keyId: string; privateFile: string } | null {
  const pinned = pinnedKeysDir(dataDir);
  if (loadKeysFromDir(pinned).length > 0) return null;
  const demoDir = path.join(dataDir, DEMO_SIGNING_DIR);
  const privateFile = path.join(demoDir, PRIVATE_KEY_FILE);
  if (!fs.existsSync(privateFile)) writeKeyPair(demoDir);
  const publicKey = crypto.createPublicKey(readPrivateKey(privateFile));
  const keyId = keyIdOf(publicKey);
  fs.mkdirSync(pinned, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(pinned, `demo-${keyId}.pem`), publicKey.export({ format: 'pem', type: 'spki' }).toString());
  return { keyId, privateFile };
}
