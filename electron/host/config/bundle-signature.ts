import type crypto from 'node:crypto';
import { ConfigBundle, type SignedConfigBundle } from '../../../shared/config/config-bundle';
import {
  signWith,
  verifySigned,
  type SignedBundleKind,
  type Verified,
  type VerifyContext as SignedVerifyContext,
} from '../signed-bundles/signed-bundle-verifier';

/**
 * Config bundles through the shared signed-bundle verifier
 * (signed-bundles/signed-bundle-verifier.ts): only the schema and the words
 * of a refusal are the config's own.
 */
export { bundleBytes, bundleHash, describeBundleIssues, MAX_SIGNED_FILE_BYTES } from '../signed-bundles/signed-bundle-verifier';

export const CONFIG_BUNDLE_KIND: SignedBundleKind<ConfigBundle> = {
  schema: ConfigBundle,
  envelopeNoun: 'signed config bundle',
  versionNoun: 'version',
  unknownKeyListsPinned: true,
};

export function signBundle(bundle: ConfigBundle, privateKey: crypto.KeyObject): SignedConfigBundle {
  return signWith(bundle, privateKey);
}

/** The administrator's `config verify` omits `kiosk`: it knows no kiosk, so the target is not checked. */
export type VerifyContext = SignedVerifyContext;
export type VerifyResult = Verified<ConfigBundle>;

export function verifySignedBundle(bytes: Buffer, ctx: VerifyContext): VerifyResult {
  return verifySigned(CONFIG_BUNDLE_KIND, bytes, ctx);
}
