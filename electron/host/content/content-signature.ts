import crypto from 'node:crypto';
import { CanonicalJsonError } from '../../../shared/config/canonical-json';
import { SignedConfigBundle, targetMatches } from '../../../shared/config/config-bundle';
import { CONTENT_BUNDLE_FORMAT, ContentBundle, claimedFormat, type ContentRefusalReason } from '../../../shared/content/public-content';
import { keyIdOf, type PinnedKey } from '../config/bundle-keys';
import { bundleBytes, describeBundleIssues, MAX_SIGNED_FILE_BYTES } from '../config/bundle-signature';

/**
 * Signing and checking 公开信息 content bundles: the config bundle's envelope
 * (`{bundle, signature}`), its Ed25519 signature over the canonical JSON, its
 * pinned keys (`<dataDir>/keys/config/*.pem`) and its channel; only the
 * bundle inside differs (shared/content/public-content.ts). Checked in the
 * same order as a config bundle: the file, the signature before anything in
 * the bundle is trusted, the schema, the target, the expiry. The version
 * check needs the database (content-store.ts).
 */
export function signContentBundle(bundle: ContentBundle, privateKey: crypto.KeyObject): SignedConfigBundle {
  const value = crypto.sign(null, bundleBytes(bundle), privateKey).toString('base64');
  return { bundle, signature: { alg: 'ed25519', keyId: keyIdOf(crypto.createPublicKey(privateKey)), value } };
}

export interface ContentVerifyContext {
  keys: readonly PinnedKey[];
  now: Date;
  /** Omit to skip the target check (an administrator's check before a push knows no kiosk). */
  kiosk?: { kioskId: string; branchId: string };
}

export type ContentVerifyResult =
  | { ok: true; bundle: ContentBundle; hash: string; keyId: string }
  | { ok: false; reason: Exclude<ContentRefusalReason, 'rollback'>; detail: string; version: number | null; hash: string };

/** Whether a signed file claims to be a content bundle (read before trusting anything: only to pick the verifier). */
export function isContentBundleFile(bytes: Buffer): boolean {
  try {
    return claimedFormat(JSON.parse(bytes.toString('utf8'))) === CONTENT_BUNDLE_FORMAT;
  } catch {
    return false;
  }
}

export function verifyContentBundle(bytes: Buffer, ctx: ContentVerifyContext): ContentVerifyResult {
  const fileHash = crypto.createHash('sha256').update(bytes).digest('hex');
  const refuse = (reason: Exclude<ContentRefusalReason, 'rollback'>, detail: string, version: number | null = null, hash = fileHash): ContentVerifyResult => ({
    ok: false,
    reason,
    detail,
    version,
    hash,
  });
  if (bytes.length > MAX_SIGNED_FILE_BYTES) return refuse('malformed', `the file is ${bytes.length} bytes, more than ${MAX_SIGNED_FILE_BYTES}`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return refuse('malformed', `not a JSON file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const envelope = SignedConfigBundle.safeParse(raw);
  if (!envelope.success) return refuse('malformed', `not a signed bundle: ${describeBundleIssues(envelope.error)}`);
  const { bundle, signature } = envelope.data;
  const claimed = claimedVersion(bundle);
  let signed: Buffer;
  let hash: string;
  try {
    signed = bundleBytes(bundle);
    hash = crypto.createHash('sha256').update(signed).digest('hex');
  } catch (error) {
    if (error instanceof CanonicalJsonError) return refuse('malformed', error.message, claimed);
    throw error;
  }
  if (ctx.keys.length === 0) return refuse('unknownKey', 'no config key is pinned on this kiosk', claimed, hash);
  const key = ctx.keys.find((k) => k.keyId === signature.keyId);
  if (!key) return refuse('unknownKey', `signed with key ${signature.keyId}, which this kiosk does not pin`, claimed, hash);
  if (!crypto.verify(null, signed, key.key, Buffer.from(signature.value, 'base64'))) {
    return refuse(
      'badSignature',
      `the signature does not match the content for key ${key.keyId}: the file was altered or signed with another key`,
      claimed,
      hash,
    );
  }
  const parsed = ContentBundle.safeParse(bundle);
  if (!parsed.success) return refuse('schema', describeBundleIssues(parsed.error), claimed, hash);
  const b = parsed.data;
  if (ctx.kiosk) {
    const match = targetMatches(b.target, ctx.kiosk);
    if (!match.ok) return refuse('wrongTarget', `content version ${b.version} is ${match.detail}`, b.version, hash);
  }
  if (Date.parse(b.expiresAt) <= ctx.now.getTime()) return refuse('expired', `content version ${b.version} expired at ${b.expiresAt}`, b.version, hash);
  return { ok: true, bundle: b, hash, keyId: key.keyId };
}

function claimedVersion(bundle: unknown): number | null {
  if (typeof bundle !== 'object' || bundle === null || !('version' in bundle)) return null;
  const v = (bundle as { version: unknown }).version;
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
}
