import type crypto from 'node:crypto';
import type { SignedConfigBundle } from '../../../shared/config/config-bundle';
import { CONTENT_BUNDLE_FORMAT, ContentBundle, claimedFormat } from '../../../shared/content/public-content';
import { signWith, verifySigned, type SignedBundleKind, type Verified, type VerifyContext } from '../signed-bundles/signed-bundle-verifier';

/**
 * 公开信息 content bundles through the shared signed-bundle verifier
 * (signed-bundles/signed-bundle-verifier.ts): the config bundle's envelope,
 * signature, pinned keys (`<dataDir>/keys/config/*.pem`) and channel; only
 * the bundle inside (shared/content/public-content.ts) and the words of a
 * refusal differ. The version check needs the database (content-store.ts).
 */
export const CONTENT_BUNDLE_KIND: SignedBundleKind<ContentBundle> = {
  schema: ContentBundle,
  envelopeNoun: 'signed bundle',
  versionNoun: 'content version',
  unknownKeyListsPinned: false,
};

export function signContentBundle(bundle: ContentBundle, privateKey: crypto.KeyObject): SignedConfigBundle {
  return signWith(bundle, privateKey);
}

export type ContentVerifyContext = VerifyContext;
export type ContentVerifyResult = Verified<ContentBundle>;

/** Whether a signed file claims to be a content bundle (read before trusting anything: only to pick the verifier). */
export function isContentBundleFile(bytes: Buffer): boolean {
  try {
    return claimedFormat(JSON.parse(bytes.toString('utf8'))) === CONTENT_BUNDLE_FORMAT;
  } catch {
    return false;
  }
}

export function verifyContentBundle(bytes: Buffer, ctx: ContentVerifyContext): ContentVerifyResult {
  return verifySigned(CONTENT_BUNDLE_KIND, bytes, ctx);
}
