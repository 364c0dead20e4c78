import type { ConfigTarget } from '../../../shared/config/config-bundle';
import { loadKeysFromDir, type PinnedKey } from '../../../electron/host/config/bundle-keys';
import { verifySignedBundle } from '../../../electron/host/config/bundle-signature';

/**
 * The console's check of an uploaded config bundle: the same verifier a kiosk
 * and `kioskctl config verify` use (signature against the public keys the
 * console is given, schema, expiry), without a target check (the console is no
 * kiosk; the rollout engine matches waves against the target itself). The
 * console holds public keys only: a private key in its key directory is
 * refused by loadKeysFromDir, never used.
 */
export type BundleCheck = { ok: true; version: number; hash: string; target: ConfigTarget } | { ok: false; reason: string };

export function bundleChecker(keys: readonly PinnedKey[], now: () => Date): (bundleBytes: Buffer) => BundleCheck {
  return (bundleBytes) => {
    const result = verifySignedBundle(bundleBytes, { keys, now: now() });
    if (!result.ok) return { ok: false, reason: `${result.reason}: ${result.detail}` };
    return { ok: true, version: result.bundle.version, hash: result.hash, target: result.bundle.target };
  };
}

/** The console's pinned keys (`*.pem`, public only) from a directory; throws KeyError on a broken or private key. */
export function bundleCheckerFromDir(dir: string, now: () => Date = () => new Date()): (bundleBytes: Buffer) => BundleCheck {
  return bundleChecker(loadKeysFromDir(dir), now);
}
