import { canonicalJson } from '../../../shared/config/canonical-json';
import { CONFIG_SECTIONS, type ConfigBundle, type ConfigRefusalReason } from '../../../shared/config/config-bundle';
import { StockError, loadStock } from '../stock/stock-store';
import { addKioskOutbox } from '../transactions/kiosk-outbox';
import { applySignedBundle, applySignedFile, type BundleApplyContext, type BundleStoreKind } from '../signed-bundles/signed-bundle-apply';
import { CONFIG_BUNDLE_KIND } from './bundle-signature';
import { appliedVersion } from './config-store';

/**
 * Applies a signed config bundle on this kiosk (docs/sync.md "Config pushes")
 * through the shared apply (signed-bundles/signed-bundle-apply.ts: verify,
 * then one transaction with the version check). What is the config's own,
 * inside that transaction: the `config_applied` row (which also carries every
 * section), the bundle's invoice stock through the stock store's load, the
 * `config.applied` outbox row and the audit entry. Stock the store refuses
 * refuses the whole bundle (`stockRefused`).
 */
export type ApplyStep = 'versionWritten' | 'stockLoaded' | 'recorded';

export interface ApplyContext extends BundleApplyContext {
  /** Test hook: called inside the transaction after each step (the crash test stops the process there). */
  afterStep?: (step: ApplyStep) => void;
}

export type ApplyOutcome =
  | { outcome: 'applied'; version: number; previousVersion: number; hash: string; keyId: string; sections: string[] }
  | { outcome: 'refused'; reason: ConfigRefusalReason; detail: string; version: number | null; hash: string };

const CONFIG_STORE: BundleStoreKind<ConfigBundle, ApplyContext, { sections: string[] }, 'stockRefused'> = {
  verifier: CONFIG_BUNDLE_KIND,
  refusedAuditKind: 'config.refused',
  storedVersion: appliedVersion,
  write,
};

export function applyConfigBundle(bytes: Buffer, ctx: ApplyContext): ApplyOutcome {
  return applySignedBundle(CONFIG_STORE, bytes, ctx);
}

/** A bundle file (USB, kioskctl): read within bounds, refused and audited unread beyond them. */
export function applyConfigFile(file: string, ctx: ApplyContext): ApplyOutcome {
  return applySignedFile(CONFIG_STORE, file, ctx);
}

function write(
  ctx: ApplyContext,
  accepted: { bundle: ConfigBundle; hash: string; keyId: string },
  now: Date,
  refuse: (reason: 'stockRefused', detail: string) => never,
): { sections: string[] } {
  const { db } = ctx;
  const { bundle, hash, keyId } = accepted;
  const sections = CONFIG_SECTIONS.filter((s) => bundle.payload[s] !== undefined);
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
      if (error instanceof StockError) refuse('stockRefused', `invoice stock ${range.type} ${range.code} ${range.from}–${range.to}: ${error.message}`);
      throw error;
    }
  }
  ctx.afterStep?.('stockLoaded');

  addKioskOutbox(db, 'config.applied', { schemaVersion: 1, version: bundle.version, hash, keyId, appliedAt: at, source: ctx.source }, now);
  ctx.audit.append({ kind: 'config.applied', data: { version: bundle.version, hash, keyId, source: ctx.source, sections: [...sections] } }, ctx.actor);
  ctx.afterStep?.('recorded');
  return { sections: [...sections] };
}
