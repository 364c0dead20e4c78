import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyError, keyIdOf } from '../../../../electron/host/config/bundle-keys';
import { bundleChecker, bundleCheckerFromDir } from '../../../../backend/console/rollouts/bundle-check';
import { FIXTURE_V7, KEYS, signedBundle } from './bundle-fixtures';

const now = () => new Date('2030-01-01T00:00:00Z');
const check = bundleChecker(KEYS, now);

describe('the console checks an uploaded config bundle as a kiosk would', () => {
  it('reads version, hash and target of the pinned signed fixture (the hash kiosks report)', () => {
    expect(check(FIXTURE_V7)).toEqual({
      ok: true,
      version: 7,
      hash: 'f7af9a7ceb97fb2f5019eba608d4f5706dd0ccf074bcd15caf450467240ac72e',
      target: { branch: 'BRANCH-JN-01' },
    });
  });

  it('refuses a bundle altered after signing', () => {
    const altered = Buffer.from(FIXTURE_V7.toString('utf8').replace('"invoiceIssue": false', '"invoiceIssue": true'));
    const result = check(altered);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^badSignature: /);
  });

  it('refuses a bundle signed with a key the console was not given', () => {
    const other = crypto.generateKeyPairSync('ed25519').publicKey;
    const result = bundleChecker([{ keyId: keyIdOf(other), key: other, file: 'other.pem' }], now)(FIXTURE_V7);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^unknownKey: signed with key 445c2ea4c934076f/) });
  });

  it('refuses an expired bundle and a file that is no bundle', () => {
    expect(bundleChecker(KEYS, () => new Date('2100-01-01T00:00:00Z'))(signedBundle(8))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^expired: /),
    });
    expect(check(Buffer.from('{"bundle": 1}'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^malformed: /) });
  });

  it('will not take a key directory holding a private key: the console never holds it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-keys-'));
    try {
      const fixtures = path.join(__dirname, '../../../fixtures/bundles');
      fs.copyFileSync(path.join(fixtures, 'test-only-signing.pub.pem'), path.join(dir, 'admin.pem'));
      expect(bundleCheckerFromDir(dir, now)(FIXTURE_V7)).toMatchObject({ ok: true, version: 7 });
      fs.copyFileSync(path.join(fixtures, 'test-only-signing.key.pem'), path.join(dir, 'leaked.pem'));
      expect(() => bundleCheckerFromDir(dir, now)).toThrow(KeyError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
