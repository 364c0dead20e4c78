import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { keyIdOf, type PinnedKey } from '../../../../electron/host/config/bundle-keys';
import { signBundle } from '../../../../electron/host/config/bundle-signature';
import { ConfigBundle, type ConfigTarget } from '../../../../shared/config/config-bundle';

/** Config bundles signed with the committed test-only key (test/fixtures/bundles), and the console's pinned key. */
const FIXTURES = path.join(__dirname, '../../../fixtures/bundles');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
export const privateKey = crypto.createPrivateKey(read('test-only-signing.key.pem'));
const publicKey = crypto.createPublicKey(read('test-only-signing.pub.pem'));
export const KEYS: PinnedKey[] = [{ keyId: keyIdOf(publicKey), key: publicKey, file: 'test-only-signing.pub.pem' }];
export const FIXTURE_V7 = read('config-v7.signed.json');
const baseBundle = ConfigBundle.parse(JSON.parse(FIXTURE_V7.toString('utf8')).bundle);

/** A signed bundle of this version and target, as `kioskctl config sign` writes it. */
export function signedBundle(version: number, target: ConfigTarget = { all: true }): Buffer {
  return Buffer.from(JSON.stringify(signBundle({ ...baseBundle, version, target }, privateKey), null, 2) + '\n');
}
