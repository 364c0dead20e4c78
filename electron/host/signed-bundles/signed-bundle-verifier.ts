import crypto from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson, CanonicalJsonError } from '../../../shared/config/canonical-json';
import { SignedConfigBundle, targetMatches, type ConfigRefusalReason, type ConfigTarget } from '../../../shared/config/config-bundle';
import { keyIdOf, type PinnedKey } from '../config/bundle-keys';

/**
 * The one verifier of signed bundles, whatever they carry (config, 公开信息
 * content). Every kind shares the envelope (`{bundle, signature}`), the
 * Ed25519 signature over the raw UTF-8 bytes of the bundle's canonical JSON
 * (`crypto.sign(null, …)`: pure Ed25519, no prehash, which Electron's
 * BoringSSL also does), the pinned keys, the target and the expiry; a kind
 * brings only its zod schema and the words its refusals use. The hash that
 * names a bundle in audit entries and outbox messages is SHA-256 over the same
 * bytes. Changing what is signed would orphan every bundle already signed:
 * test/unit/host/signed-bundle-bytes.test.ts pins it.
 */
export const MAX_SIGNED_FILE_BYTES = 4 * 1024 * 1024;

export function bundleBytes(bundle: unknown): Buffer {
  return Buffer.from(canonicalJson(bundle), 'utf8');
}

export function bundleHash(bundle: unknown): string {
  return crypto.createHash('sha256').update(bundleBytes(bundle)).digest('hex');
}

/** The fields every signed bundle has, whatever its payload: what the shared checks read. */
export interface SignedBundleHeader {
  version: number;
  expiresAt: string;
  target: ConfigTarget;
}

/** What differs between kinds of bundle. */
export interface SignedBundleKind<B extends SignedBundleHeader> {
  /** Parses the bundle, only once its signature checks out. */
  schema: z.ZodType<B>;
  /** How a refusal names a file that is not this kind's envelope ("signed config bundle"). */
  envelopeNoun: string;
  /** How a refusal names a version ("version", "content version"). */
  versionNoun: string;
  /**
   * Whether an unknown-key refusal lists the pinned key ids. Content
   * refusals never did; kept so that their audit entries read as before.
   */
  unknownKeyListsPinned: boolean;
}

/** The refusals a verifier can make; the version check (rollback) needs the database and is the store's. */
export type VerifyRefusalReason = Exclude<ConfigRefusalReason, 'rollback' | 'stockRefused'>;

export interface VerifyContext {
  keys: readonly PinnedKey[];
  now: Date;
  /** Omit to skip the target check (an administrator's check before a push knows no kiosk). */
  kiosk?: { kioskId: string; branchId: string };
}

export type Verified<B> =
  | { ok: true; bundle: B; hash: string; keyId: string }
  | {
      ok: false;
      reason: VerifyRefusalReason;
      detail: string;
      /** What the file claims, for the audit entry; null when unreadable or unsigned. */
      version: number | null;
      hash: string;
    };

export function signWith<B extends SignedBundleHeader>(bundle: B, privateKey: crypto.KeyObject): { bundle: B; signature: SignedConfigBundle['signature'] } {
  const value = crypto.sign(null, bundleBytes(bundle), privateKey).toString('base64');
  return { bundle, signature: { alg: 'ed25519', keyId: keyIdOf(crypto.createPublicKey(privateKey)), value } };
}

/**
 * Everything that can be checked without the database, in this order: the
 * file, the signature (before anything in the bundle is trusted), the schema,
 * the target, the expiry.
 */
export function verifySigned<B extends SignedBundleHeader>(kind: SignedBundleKind<B>, bytes: Buffer, ctx: VerifyContext): Verified<B> {
  const fileHash = crypto.createHash('sha256').update(bytes).digest('hex');
  const refuse = (reason: VerifyRefusalReason, detail: string, version: number | null = null, hash = fileHash): Verified<B> => ({
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
  if (!envelope.success) return refuse('malformed', `not a ${kind.envelopeNoun}: ${describeBundleIssues(envelope.error)}`);
  const { bundle, signature } = envelope.data;
  // Untrusted until the signature checks out: only for naming it in the refusal.
  const claimed = claimedVersion(bundle);

  let hash: string;
  let signed: Buffer;
  try {
    signed = bundleBytes(bundle);
    hash = crypto.createHash('sha256').update(signed).digest('hex');
  } catch (error) {
    if (error instanceof CanonicalJsonError) return refuse('malformed', error.message, claimed);
    throw error;
  }
  if (ctx.keys.length === 0) return refuse('unknownKey', 'no config key is pinned on this kiosk', claimed, hash);
  const key = ctx.keys.find((k) => k.keyId === signature.keyId);
  if (!key) {
    const pinned = kind.unknownKeyListsPinned ? ` (pinned: ${ctx.keys.map((k) => k.keyId).join(', ')})` : '';
    return refuse('unknownKey', `signed with key ${signature.keyId}, which this kiosk does not pin${pinned}`, claimed, hash);
  }
  if (!crypto.verify(null, signed, key.key, Buffer.from(signature.value, 'base64'))) {
    return refuse(
      'badSignature',
      `the signature does not match the content for key ${key.keyId}: the file was altered or signed with another key`,
      claimed,
      hash,
    );
  }

  const parsed = kind.schema.safeParse(bundle);
  if (!parsed.success) return refuse('schema', describeBundleIssues(parsed.error), claimed, hash);
  const b = parsed.data;
  const named = `${kind.versionNoun} ${b.version}`;
  if (ctx.kiosk) {
    const match = targetMatches(b.target, ctx.kiosk);
    if (!match.ok) return refuse('wrongTarget', `${named} is ${match.detail}`, b.version, hash);
  }
  if (Date.parse(b.expiresAt) <= ctx.now.getTime()) return refuse('expired', `${named} expired at ${b.expiresAt}`, b.version, hash);
  return { ok: true, bundle: b, hash, keyId: key.keyId };
}

function claimedVersion(bundle: unknown): number | null {
  if (typeof bundle !== 'object' || bundle === null || !('version' in bundle)) return null;
  const v = (bundle as { version: unknown }).version;
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
}

/** Path and message of each issue (the first 8): an administrator fixes the file from this. */
export function describeBundleIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 8).map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
