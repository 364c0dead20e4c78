import type { ConfigRefusalReason } from '../../../shared/config/config-bundle';
import type { AuditLog } from '../audit/audit-log';
import { maskText } from '../audit/audit-mask';
import { FileInputError, readBoundedFile } from '../bounded-file';
import type { PinnedKey } from '../config/bundle-keys';
import type { Db } from '../db/database';
import { MAX_SIGNED_FILE_BYTES, verifySigned, type SignedBundleHeader, type SignedBundleKind, type VerifyRefusalReason } from './signed-bundle-verifier';

/**
 * The one apply mechanism of signed bundles (config, 公开信息 content):
 * verification first (signed-bundle-verifier.ts), then ONE immediate SQLite
 * transaction holds the version check against the stored version and the
 * kind's own writes, including its `*.applied` audit entry. A refusal inside
 * the transaction rolls all of it back; a process killed anywhere in it comes
 * back on the old version with none of it, or on the new one with all of it.
 * Every refusal is an audit entry (`config.refused` / `content.refused`) with
 * the reason, and the version in force does not change.
 */
export interface BundleApplyContext {
  db: Db;
  audit: AuditLog;
  keys: readonly PinnedKey[];
  kiosk: { kioskId: string; branchId: string };
  /** How the bundle arrived: `file` (USB, kioskctl), `amqp`. */
  source: string;
  /** Who applied it: `kiosk`, `kioskctl:<user>`, `technician`. */
  actor: string;
  now?: () => Date;
}

export type BundleRefused<R extends ConfigRefusalReason> = {
  outcome: 'refused';
  reason: VerifyRefusalReason | 'rollback' | R;
  detail: string;
  version: number | null;
  hash: string;
};
export type BundleApplied<Extra> = { outcome: 'applied'; version: number; previousVersion: number; hash: string; keyId: string } & Extra;

/** A refusal found while writing: thrown inside the transaction to roll it back. */
class BundleRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** What a kind of bundle stores; the rest of the apply is shared. */
export interface BundleStoreKind<B extends SignedBundleHeader, C extends BundleApplyContext, Extra, R extends ConfigRefusalReason> {
  verifier: SignedBundleKind<B>;
  refusedAuditKind: 'config.refused' | 'content.refused';
  /** The highest stored version, 0 when none: a bundle must be above it (no rollback, no replay). */
  storedVersion(db: Db): number;
  /**
   * Inside the transaction, after the version check: the kind's rows and its
   * `*.applied` audit entry. `refuse` rolls everything back and refuses the
   * bundle (e.g. invoice stock the stock store refuses).
   */
  write(ctx: C, accepted: { bundle: B; hash: string; keyId: string }, now: Date, refuse: (reason: R, detail: string) => never): Extra;
}

export function applySignedBundle<B extends SignedBundleHeader, C extends BundleApplyContext, Extra, R extends ConfigRefusalReason>(
  kind: BundleStoreKind<B, C, Extra, R>,
  bytes: Buffer,
  ctx: C,
): BundleApplied<Extra> | BundleRefused<R> {
  const now = (ctx.now ?? (() => new Date()))();
  const verified = verifySigned(kind.verifier, bytes, { keys: ctx.keys, now, kiosk: ctx.kiosk });
  if (!verified.ok) return refuse(kind, ctx, verified.reason, verified.detail, verified.version, verified.hash);

  const { bundle, hash, keyId } = verified;
  try {
    const { previousVersion, extra } = ctx.db
      .transaction(() => {
        const current = kind.storedVersion(ctx.db);
        if (bundle.version <= current) {
          throw new BundleRefusal(
            'rollback',
            `${kind.verifier.versionNoun} ${bundle.version} is not above the applied version ${current} (an old or replayed bundle)`,
          );
        }
        const refuseInside = (reason: R, detail: string): never => {
          throw new BundleRefusal(reason, detail);
        };
        return { previousVersion: current, extra: kind.write(ctx, verified, now, refuseInside) };
      })
      .immediate();
    return { outcome: 'applied', version: bundle.version, previousVersion, hash, keyId, ...extra };
  } catch (error) {
    if (error instanceof BundleRefusal) return refuse(kind, ctx, error.reason as BundleRefused<R>['reason'], error.detail, bundle.version, hash);
    throw error;
  }
}

/** SHA-256 of nothing: the hash an audit entry gives a file that was refused unread. */
const NOTHING_READ_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * A bundle from a file (USB, kioskctl): read through the bounded reader (a
 * regular file of at most MAX_SIGNED_FILE_BYTES, never a device or a FIFO);
 * one that cannot be read within those bounds is refused — and audited — unread.
 */
export function applySignedFile<B extends SignedBundleHeader, C extends BundleApplyContext, Extra, R extends ConfigRefusalReason>(
  kind: BundleStoreKind<B, C, Extra, R>,
  file: string,
  ctx: C,
): BundleApplied<Extra> | BundleRefused<R> {
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(file, MAX_SIGNED_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof FileInputError)) throw error;
    return refuse(kind, ctx, 'malformed', error.message, null, NOTHING_READ_HASH);
  }
  return applySignedBundle(kind, bytes, ctx);
}

function refuse<R extends ConfigRefusalReason>(
  kind: { refusedAuditKind: 'config.refused' | 'content.refused' },
  ctx: BundleApplyContext,
  reason: BundleRefused<R>['reason'],
  detail: string,
  version: number | null,
  hash: string,
): BundleRefused<R> {
  ctx.audit.append({ kind: kind.refusedAuditKind, data: { version, hash, reason, detail: maskText(detail).slice(0, 500), source: ctx.source } }, ctx.actor);
  return { outcome: 'refused', reason, detail, version, hash };
}
