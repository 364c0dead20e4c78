import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleHash, signBundle, verifySignedBundle } from '../../../electron/host/config/bundle-signature';
import { keyIdOf, type PinnedKey } from '../../../electron/host/config/bundle-keys';
import { signContentBundle, verifyContentBundle } from '../../../electron/host/content/content-signature';

/**
 * The bytes a signature covers are a contract with every kiosk in the field
 * and every bundle already signed: the files in test/fixtures/bundles were
 * signed by the code as it was before config and content bundles shared one
 * verifier, with a fixed test-only key. They must keep verifying, and signing
 * the same bundle again must give the same signature (Ed25519 is
 * deterministic) and the same hash, to the byte.
 */
const FIXTURES = path.join(__dirname, '../../fixtures/bundles');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const privateKey = crypto.createPrivateKey(read('test-only-signing.key.pem'));
const publicKey = crypto.createPublicKey(read('test-only-signing.pub.pem'));
const keys: PinnedKey[] = [{ keyId: keyIdOf(publicKey), key: publicKey, file: 'test-only-signing.pub.pem' }];
const kiosk = { kioskId: 'KIOSK-T-0001', branchId: 'BRANCH-JN-01' };
const now = new Date('2030-01-01T00:00:00Z');

const CONFIG = {
  file: 'config-v7.signed.json',
  keyId: '445c2ea4c934076f',
  signature: 'a8LpIe3dkxfHgAwUM7kugGM9WSBGFdTVVk8joVrYgDfLqhZ0s2G1q1Yv0+HHTpET9TW1hjAWw3I8+Bzi/KCQDg==',
  hash: 'f7af9a7ceb97fb2f5019eba608d4f5706dd0ccf074bcd15caf450467240ac72e',
};
const CONTENT = {
  file: 'content-v3.signed.json',
  keyId: '445c2ea4c934076f',
  signature: 'qQTrRX/JKDltNJWpKicsxNlQpI+SZRZiFZtXF9+rn9JSAZ/8xm+xHP76f5fGga8FzwOhsKUsU2h80atL7bKWDA==',
  hash: '507f32d772209d597eee4ca2c3cd166db1b4930b19c1ee6f0fa78f98e83a0a43',
};

describe('signed config bundle bytes', () => {
  it('a config bundle signed before the shared verifier still verifies, with the same hash and key', () => {
    const verified = verifySignedBundle(read(CONFIG.file), { keys, now, kiosk });
    expect(verified).toMatchObject({ ok: true, hash: CONFIG.hash, keyId: CONFIG.keyId });
  });

  it('signing the same config bundle again gives the same signature and hash, to the byte', () => {
    const verified = verifySignedBundle(read(CONFIG.file), { keys, now, kiosk });
    if (!verified.ok) throw new Error(verified.detail);
    expect(signBundle(verified.bundle, privateKey).signature).toEqual({ alg: 'ed25519', keyId: CONFIG.keyId, value: CONFIG.signature });
    expect(bundleHash(verified.bundle)).toBe(CONFIG.hash);
  });

  it('one changed value in the signed config file is a bad signature', () => {
    const text = read(CONFIG.file).toString('utf8').replace('"idleTimeoutMs": 90000', '"idleTimeoutMs": 90001');
    expect(verifySignedBundle(Buffer.from(text), { keys, now, kiosk })).toMatchObject({ ok: false, reason: 'badSignature' });
  });
});

describe('signed content bundle bytes', () => {
  it('a content bundle signed before the shared verifier still verifies, with the same hash and key', () => {
    const verified = verifyContentBundle(read(CONTENT.file), { keys, now, kiosk });
    expect(verified).toMatchObject({ ok: true, hash: CONTENT.hash, keyId: CONTENT.keyId });
  });

  it('signing the same content bundle again gives the same signature and hash, to the byte', () => {
    const verified = verifyContentBundle(read(CONTENT.file), { keys, now, kiosk });
    if (!verified.ok) throw new Error(verified.detail);
    expect(signContentBundle(verified.bundle, privateKey).signature).toEqual({ alg: 'ed25519', keyId: CONTENT.keyId, value: CONTENT.signature });
    expect(bundleHash(verified.bundle)).toBe(CONTENT.hash);
  });

  it('a content file is not a config bundle, and a config file is not a content bundle', () => {
    expect(verifySignedBundle(read(CONTENT.file), { keys, now, kiosk })).toMatchObject({ ok: false, reason: 'schema' });
    expect(verifyContentBundle(read(CONFIG.file), { keys, now, kiosk })).toMatchObject({ ok: false, reason: 'schema' });
  });
});
