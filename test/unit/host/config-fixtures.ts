import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { CONFIG_BUNDLE_FORMAT, type ConfigBundle } from '../../../shared/config/config-bundle';
import { PINNED_KEYS_DIR, PUBLIC_KEY_FILE, readPrivateKey, writeKeyPair } from '../../../electron/host/config/bundle-keys';
import { signBundle } from '../../../electron/host/config/bundle-signature';
import { main } from '../../../electron/kioskctl/main';
import type { CommandIo } from '../../../electron/kioskctl/command';

/** Config bundles for tests: throwaway keys, a kiosk data dir that pins chosen keys, signed files. */
export const KIOSK = { kioskId: 'KIOSK-T-0001', branchId: 'BRANCH-JN-01' };

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestKey {
  keyId: string;
  privateFile: string;
  publicFile: string;
}

export function makeKey(dir: string): TestKey {
  return writeKeyPair(dir);
}

/** A kiosk data dir with kiosk.json and the given keys pinned. */
export function makeKioskDir(root: string, keys: readonly TestKey[], kiosk = KIOSK): string {
  const dataDir = path.join(root, 'kiosk');
  fs.mkdirSync(path.join(dataDir, PINNED_KEYS_DIR), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify(kiosk));
  for (const key of keys) pin(dataDir, key);
  return dataDir;
}

export function pin(dataDir: string, key: TestKey): void {
  fs.copyFileSync(key.publicFile, path.join(dataDir, PINNED_KEYS_DIR, `${key.keyId}.pem`));
}

export function unpin(dataDir: string, key: TestKey): void {
  fs.rmSync(path.join(dataDir, PINNED_KEYS_DIR, `${key.keyId}.pem`));
}

export function bundle(overrides: Partial<ConfigBundle> & { version: number }): ConfigBundle {
  const now = Date.now();
  return {
    format: CONFIG_BUNDLE_FORMAT,
    issuedAt: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
    target: { all: true },
    payload: { services: { invoiceCollection: true, invoiceIssue: true, iitCertificate: true } },
    ...overrides,
  };
}

/** Signs without any schema check: tests also sign what `config sign` would refuse. */
export function writeSigned(file: string, b: unknown, key: TestKey): string {
  fs.writeFileSync(file, `${JSON.stringify(signBundle(b as ConfigBundle, readPrivateKey(key.privateFile)), null, 2)}\n`);
  return file;
}

export { PUBLIC_KEY_FILE };

export interface CliResult {
  code: number;
  out: string[];
  err: string[];
  json: () => unknown;
}

/** Runs kioskctl in-process, as a technician would from a terminal. */
export async function kioskctl(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  const code = await main(args, io);
  return { code, out, err, json: () => JSON.parse(out.join('\n')) as unknown };
}
