import { z } from 'zod';
import { ConfigTarget } from '../../../shared/config/config-bundle';

/**
 * The columns every table of applied bundles has (`config_applied`,
 * `content_bundles`), as the stores read them back: what was signed, by which
 * key, how and by whom it arrived. A row is parsed, never trusted as typed:
 * the database is another process's file.
 */
export const StoredBundleRow = z.object({
  version: z.number().int(),
  bundle_hash: z.string(),
  key_id: z.string(),
  issued_at: z.string(),
  expires_at: z.string(),
  target: z.string(),
  source: z.string(),
  applied_at: z.string(),
  applied_by: z.string(),
});

export interface StoredBundleMeta {
  version: number;
  hash: string;
  keyId: string;
  issuedAt: string;
  expiresAt: string;
  target: ConfigTarget;
  source: string;
  appliedAt: string;
  appliedBy: string;
}

export function storedBundleMeta(row: z.infer<typeof StoredBundleRow>): StoredBundleMeta {
  return {
    version: row.version,
    hash: row.bundle_hash,
    keyId: row.key_id,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    target: ConfigTarget.parse(JSON.parse(row.target)),
    source: row.source,
    appliedAt: row.applied_at,
    appliedBy: row.applied_by,
  };
}
