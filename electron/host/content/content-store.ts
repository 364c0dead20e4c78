import { z } from 'zod';
import { canonicalJson } from '../../../shared/config/canonical-json';
import { PublicContent, type ContentBundle, type ContentRefusalReason } from '../../../shared/content/public-content';
import type { Db } from '../db/database';
import { applySignedBundle, applySignedFile, type BundleApplyContext, type BundleStoreKind } from '../signed-bundles/signed-bundle-apply';
import { StoredBundleRow, storedBundleMeta, type StoredBundleMeta } from '../signed-bundles/stored-bundle-row';
import { CONTENT_BUNDLE_KIND } from './content-signature';

/**
 * The kiosk's copy of the 公开信息 content (table `content_bundles`, kiosk
 * migration 11), applied through the shared apply
 * (signed-bundles/signed-bundle-apply.ts). An accepted bundle is stored
 * whole, in one transaction with its audit entry; a refused one changes
 * nothing (the previous content stays in force) and is audited with its reason.
 */
export type ContentApplyContext = BundleApplyContext;

type ContentApplied = { sections: string[]; effectiveFrom: string; expiresAt: string };

export type ContentApplyOutcome =
  | { outcome: 'applied'; version: number; previousVersion: number; hash: string; keyId: string; sections: string[]; effectiveFrom: string; expiresAt: string }
  | { outcome: 'refused'; reason: ContentRefusalReason; detail: string; version: number | null; hash: string };

const CONTENT_STORE: BundleStoreKind<ContentBundle, ContentApplyContext, ContentApplied, never> = {
  verifier: CONTENT_BUNDLE_KIND,
  refusedAuditKind: 'content.refused',
  storedVersion: contentVersion,
  write,
};

export function applyContentBundle(bytes: Buffer, ctx: ContentApplyContext): ContentApplyOutcome {
  return applySignedBundle(CONTENT_STORE, bytes, ctx);
}

/** A bundle from a file (USB, kioskctl): within the same bounds as a config bundle, refused unread beyond them. */
export function applyContentFile(file: string, ctx: ContentApplyContext): ContentApplyOutcome {
  return applySignedFile(CONTENT_STORE, file, ctx);
}

function write(ctx: ContentApplyContext, accepted: { bundle: ContentBundle; hash: string; keyId: string }, now: Date): ContentApplied {
  const { bundle, hash, keyId } = accepted;
  ctx.db
    .prepare(
      `INSERT INTO content_bundles (version, bundle_hash, key_id, issued_at, effective_from, expires_at, effective_ms, expires_ms, target, content, source, applied_at, applied_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      bundle.version,
      hash,
      keyId,
      bundle.issuedAt,
      bundle.effectiveFrom,
      bundle.expiresAt,
      Date.parse(bundle.effectiveFrom),
      Date.parse(bundle.expiresAt),
      canonicalJson(bundle.target),
      canonicalJson(bundle.content),
      ctx.source,
      now.toISOString(),
      ctx.actor,
    );
  ctx.audit.append(
    { kind: 'content.applied', data: { version: bundle.version, hash, keyId, source: ctx.source, effectiveFrom: bundle.effectiveFrom } },
    ctx.actor,
  );
  // The whole content is one section: a content bundle replaces everything shown.
  return { sections: ['content'], effectiveFrom: bundle.effectiveFrom, expiresAt: bundle.expiresAt };
}

export function contentVersion(db: Db): number {
  return z.object({ v: z.number().int() }).parse(db.prepare('SELECT coalesce(max(version), 0) AS v FROM content_bundles').get()).v;
}

export interface StoredContentMeta extends StoredBundleMeta {
  effectiveFrom: string;
}

export interface ContentInForce extends StoredContentMeta {
  content: PublicContent;
}

const Row = StoredBundleRow.extend({ effective_from: z.string() });

function toMeta(raw: unknown): StoredContentMeta {
  const row = Row.parse(raw);
  // Spelled out around the shared part so that `content show --json` keeps its field order.
  const { version, hash, keyId, issuedAt, ...rest } = storedBundleMeta(row);
  return { version, hash, keyId, issuedAt, effectiveFrom: row.effective_from, ...rest };
}

const META_COLUMNS = 'version, bundle_hash, key_id, issued_at, effective_from, expires_at, target, source, applied_at, applied_by';

/** The content shown at `at`: the newest stored bundle whose period holds `at`; null when none does. */
export function readContentInForce(db: Db, at: Date): ContentInForce | null {
  const raw = db
    .prepare(`SELECT ${META_COLUMNS}, content FROM content_bundles WHERE effective_ms <= ? AND expires_ms > ? ORDER BY version DESC LIMIT 1`)
    .get(at.getTime(), at.getTime());
  if (raw === undefined) return null;
  const content = PublicContent.parse(JSON.parse(z.object({ content: z.string() }).parse(raw).content));
  return { ...toMeta(raw), content };
}

/** The version in force at `at` (cheap: no content parsed), 0 when none. */
export function contentVersionInForce(db: Db, at: Date): { version: number; hash: string } | null {
  const raw = db
    .prepare('SELECT version, bundle_hash FROM content_bundles WHERE effective_ms <= ? AND expires_ms > ? ORDER BY version DESC LIMIT 1')
    .get(at.getTime(), at.getTime());
  if (raw === undefined) return null;
  const row = z.object({ version: z.number().int(), bundle_hash: z.string() }).parse(raw);
  return { version: row.version, hash: row.bundle_hash };
}

/** Stored bundles, newest first (with the ones still waiting for their effectiveFrom). */
export function contentHistory(db: Db, limit = 20): StoredContentMeta[] {
  return db.prepare(`SELECT ${META_COLUMNS} FROM content_bundles ORDER BY version DESC LIMIT ?`).all(limit).map(toMeta);
}
