import crypto from 'node:crypto';
import { canonicalJson, CanonicalJsonError } from '../../../shared/config/canonical-json';
import { ConfigBundle, SignedConfigBundle, targetMatches, type ConfigRefusalReason } from '../../../shared/config/config-bundle';
import type { z } from 'zod';
import { keyIdOf, type PinnedKey } from './bundle-keys';

/**
 * Signing and checking config bundles. The signature is Ed25519 over the raw
 * UTF-8 bytes of the bundle's canonical JSON (`crypto.sign(null, …)`: pure
 * Ed25519, no prehash, which Electron's BoringSSL also does). The hash that
 * names a bundle in `config.applied` and the audit trail is SHA-256 over the
 * same bytes.
 */
export const MAX_SIGNED_FILE_BYTES = 4 * 1024 * 1024;

export function bundleBytes(bundle: unknown): Buffer {
  return Buffer.from(canonicalJson(bundle), 'utf8');
}

export function bundleHash(bundle: unknown): string {
  return crypto.createHash('sha256').update(bundleBytes(bundle)).digest('hex');
}

export function signBundle(bundle: ConfigBundle, privateKey: crypto.KeyObject): SignedConfigBundle {
  const value = crypto.sign(null, bundleBytes(bundle), privateKey).toString('base64');
  return { bundle, signature: { alg: 'ed25519', keyId: keyIdOf(crypto.createPublicKey(privateKey)), value } };
}

export interface VerifyContext {
  keys: readonly PinnedKey[];
  now: Date;
  /** Omit to skip the target check (the administrator's `config verify` knows no kiosk). */
  kiosk?: { kioskId: string; branchId: string };
}

export type VerifyResult =
  | { ok: true; bundle: ConfigBundle; hash: string; keyId: string }
  | {
      ok: false;
      reason: Exclude<ConfigRefusalReason, 'rollback' | 'stockRefused'>;
      detail: string;
      /** What the file claims, for the audit entry; null when unreadable or unsigned. */
      version: number | null;
      hash: string;
    };

/**
 * Everything that can be checked without the database: the file, the
 * signature, the schema, the target, the expiry. The version check needs the
 * applied version and happens inside the apply transaction.
 */
export function verifySignedBundle(bytes: Buffer, ctx: VerifyContext): VerifyResult {
  const fileHash = crypto.createHash('sha256').update(bytes).digest('hex');
  const refuse = (
    reason: Exclude<ConfigRefusalReason, 'rollback' | 'stockRefused'>,
    detail: string,
    version: number | null = null,
    hash = fileHash,
  ): VerifyResult => ({ ok: false, reason, detail, version, hash });

  if (bytes.length > MAX_SIGNED_FILE_BYTES) return refuse('malformed', `the file is ${bytes.length} bytes, more than ${MAX_SIGNED_FILE_BYTES}`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return refuse('malformed', `not a JSON file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const envelope = SignedConfigBundle.safeParse(raw);
  if (!envelope.success) return refuse('malformed', `not a signed config bundle: ${describeBundleIssues(envelope.error)}`);
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
  if (!key)
    return refuse(
      'unknownKey',
      `signed with key ${signature.keyId}, which this kiosk does not pin (pinned: ${ctx.keys.map((k) => k.keyId).join(', ')})`,
      claimed,
      hash,
    );
  if (!crypto.verify(null, signed, key.key, Buffer.from(signature.value, 'base64'))) {
    return refuse(
      'badSignature',
      `the signature does not match the content for key ${key.keyId}: the file was altered or signed with another key`,
      claimed,
      hash,
    );
  }

  const parsed = ConfigBundle.safeParse(bundle);
  if (!parsed.success) return refuse('schema', describeBundleIssues(parsed.error), claimed, hash);
  const b = parsed.data;
  if (ctx.kiosk) {
    const match = targetMatches(b.target, ctx.kiosk);
    if (!match.ok) return refuse('wrongTarget', `version ${b.version} is ${match.detail}`, b.version, hash);
  }
  if (Date.parse(b.expiresAt) <= ctx.now.getTime()) return refuse('expired', `version ${b.version} expired at ${b.expiresAt}`, b.version, hash);
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
