import { canonicalJson } from '../../../shared/config/canonical-json';
import { CONFIG_SECTIONS, type ConfigBundle, type ConfigRefusalReason } from '../../../shared/config/config-bundle';
import type { AuditLog } from '../audit/audit-log';
import { maskText } from '../audit/audit-mask';
import type { Db } from '../db/database';
import { StockError, loadStock } from '../stock/stock-store';
import { addKioskOutbox } from '../transactions/kiosk-outbox';
import type { PinnedKey } from './bundle-keys';
import { MAX_SIGNED_FILE_BYTES, verifySignedBundle } from './bundle-signature';
import { FileInputError, readBoundedFile } from '../bounded-file';
import { appliedVersion } from './config-store';

/**
 * Applies a signed config bundle on this kiosk (docs/sync.md "Config pushes").
 *
 * Verification first (signature with the pinned keys, schema, target, expiry:
 * bundle-signature.ts), then ONE SQLite transaction holds the rest: the
 * version check against the applied version, the version bump (the
 * `config_applied` row, which also carries every section), the bundle's
 * invoice stock through the stock store's load, the `config.applied` outbox
 * row and the audit entry. A process killed anywhere in it comes back on the
 * old version with none of it, or on the new one with all of it.
 *
 * Every refusal is an audit entry (`config.refused`) with the reason.
 */
export type ApplyStep = 'versionWritten' | 'stockLoaded' | 'recorded';

export interface ApplyContext {
  db: Db;
  audit: AuditLog;
  keys: readonly PinnedKey[];
  kiosk: { kioskId: string; branchId: string };
  /** How the bundle arrived: `file` (USB, kioskctl), `amqp`. */
  source: string;
  /** Who applied it: `kiosk`, `kioskctl:<user>`, `technician`. */
  actor: string;
  now?: () => Date;
  /** Test hook: called inside the transaction after each step (the crash test stops the process there). */
  afterStep?: (step: ApplyStep) => void;
}

export type ApplyOutcome =
  | { outcome: 'applied'; version: number; previousVersion: number; hash: string; keyId: string; sections: string[] }
  | { outcome: 'refused'; reason: ConfigRefusalReason; detail: string; version: number | null; hash: string };

class Refusal extends Error {
  constructor(
    readonly reason: ConfigRefusalReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export function applyConfigBundle(bytes: Buffer, ctx: ApplyContext): ApplyOutcome {
  const now = (ctx.now ?? (() => new Date()))();
  const verified = verifySignedBundle(bytes, { keys: ctx.keys, now, kiosk: ctx.kiosk });
  if (!verified.ok)
    return refuse(ctx, { outcome: 'refused', reason: verified.reason, detail: verified.detail, version: verified.version, hash: verified.hash });

  const { bundle, hash, keyId } = verified;
  const sections = CONFIG_SECTIONS.filter((s) => bundle.payload[s] !== undefined);
  try {
    const previousVersion = ctx.db.transaction(() => write(ctx, bundle, hash, keyId, sections, now)).immediate();
    return { outcome: 'applied', version: bundle.version, previousVersion, hash, keyId, sections: [...sections] };
  } catch (error) {
    if (error instanceof Refusal) return refuse(ctx, { outcome: 'refused', reason: error.reason, detail: error.detail, version: bundle.version, hash });
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
export function applyConfigFile(file: string, ctx: ApplyContext): ApplyOutcome {
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(file, MAX_SIGNED_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof FileInputError)) throw error;
    return refuse(ctx, { outcome: 'refused', reason: 'malformed', detail: error.message, version: null, hash: NOTHING_READ_HASH });
  }
  return applyConfigBundle(bytes, ctx);
}

function write(ctx: ApplyContext, bundle: ConfigBundle, hash: string, keyId: string, sections: readonly string[], now: Date): number {
  const { db } = ctx;
  const current = appliedVersion(db);
  if (bundle.version <= current) {
    throw new Refusal('rollback', `version ${bundle.version} is not above the applied version ${current} (an old or replayed bundle)`);
  }
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO config_applied (version, bundle_hash, key_id, issued_at, expires_at, target, payload, source, applied_at, applied_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(bundle.version, hash, keyId, bundle.issuedAt, bundle.expiresAt, canonicalJson(bundle.target), canonicalJson(bundle.payload), ctx.source, at, ctx.actor);
  ctx.afterStep?.('versionWritten');

  for (const range of bundle.payload.invoiceStock ?? []) {
    try {
      loadStock(db, range, { loadedBy: `config:v${bundle.version}`, now });
    } catch (error) {
      if (error instanceof StockError)
        throw new Refusal('stockRefused', `invoice stock ${range.type} ${range.code} ${range.from}–${range.to}: ${error.message}`);
      throw error;
    }
  }
  ctx.afterStep?.('stockLoaded');

  addKioskOutbox(db, 'config.applied', { schemaVersion: 1, version: bundle.version, hash, keyId, appliedAt: at, source: ctx.source }, now);
  ctx.audit.append({ kind: 'config.applied', data: { version: bundle.version, hash, keyId, source: ctx.source, sections: [...sections] } }, ctx.actor);
  ctx.afterStep?.('recorded');
  return current;
}

function refuse(ctx: ApplyContext, outcome: Extract<ApplyOutcome, { outcome: 'refused' }>): ApplyOutcome {
  ctx.audit.append(
    {
      kind: 'config.refused',
      data: { version: outcome.version, hash: outcome.hash, reason: outcome.reason, detail: maskText(outcome.detail).slice(0, 500), source: ctx.source },
    },
    ctx.actor,
  );
  return outcome;
}
