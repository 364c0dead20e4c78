import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../host/db/database';
import { SANDBOX_BACKEND_FILE } from '../../host/services/tax-backend-choice';
import { formatNumber, listRanges, loadStock, stockSummary } from '../../host/stock/stock-store';

/**
 * Load runs only (`kioskctl load`, the memory bench row): keeps what a long run
 * would otherwise use up from deciding the outcome of the visits, so every
 * service completes in its share however many visits run.
 *
 * - Invoice stock: a type down to its last LOW_STOCK forms gets the next
 *   TOP_UP_FORMS numbers of the code it already has (loaded by `load`, like a
 *   technician's `kioskctl stock load`).
 * - Monthly quota: the sandbox backend's use this month by the run is cleared
 *   once a taxpayer's approval is nearly used up. The demo's built-in baseline
 *   (a taxpayer whose quota is used up on purpose) stays: that refusal is part
 *   of the mix.
 *
 * Never on a kiosk in service: it writes to the kiosk's stock and the sandbox's
 * data. With a remote backend (--amqp) only the stock is topped up.
 */
export const LOW_STOCK = 20;
export const TOP_UP_FORMS = 200;
/** Quota room below which the run's own use is cleared. */
export const LOW_QUOTA = 5;

export interface LoadTopUp {
  /** Before each visit: cheap when nothing is low. Returns what was topped up. */
  beforeVisit(now?: Date): { stockRanges: number; quotasCleared: number };
  close(): void;
}

export function createLoadTopUp(dataDir: string, options: { sandbox: boolean }): LoadTopUp {
  const kiosk = openDatabase(dataDir);
  const sandboxFile = path.join(dataDir, SANDBOX_BACKEND_FILE);
  const sandbox = options.sandbox && fs.existsSync(sandboxFile) ? new Database(sandboxFile) : null;
  sandbox?.pragma('busy_timeout = 5000');
  return {
    beforeVisit(now = new Date()) {
      return { stockRanges: topUpStock(kiosk, now), quotasCleared: sandbox ? clearLowQuota(sandbox, now) : 0 };
    },
    close() {
      kiosk.close();
      sandbox?.close();
    },
  };
}

function topUpStock(db: Db, now: Date): number {
  let loaded = 0;
  for (const summary of stockSummary(db)) {
    if (summary.remaining > LOW_STOCK) continue;
    const ranges = listRanges(db, summary.type);
    const newest = ranges.reduce((a, b) => (Number(b.last) > Number(a.last) ? b : a), ranges[0]!);
    const from = Number(newest.last) + 1;
    const to = Math.min(99_999_999, from + TOP_UP_FORMS - 1);
    if (from > to) continue;
    loadStock(db, { type: summary.type, code: newest.code, from: formatNumber(from), to: formatNumber(to) }, { loadedBy: 'kioskctl:load', now });
    loaded++;
  }
  return loaded;
}

/** China time (UTC+8) month, as the sandbox counts quota. */
const monthOf = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);

function clearLowQuota(db: Database.Database, now: Date): number {
  return db
    .prepare(
      `UPDATE quota_use SET used = 0
       WHERE month = ? AND used > 0 AND EXISTS (
         SELECT 1 FROM approvals a WHERE a.taxpayer_id = quota_use.taxpayer_id AND a.invoice_type = quota_use.invoice_type
           AND a.monthly_quota - a.base_used - quota_use.used < ?)`,
    )
    .run(monthOf(now), LOW_QUOTA).changes;
}
