import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/host/db/database';
import { SANDBOX_BACKEND_FILE } from '../../../electron/host/services/tax-backend-choice';
import { listRanges, loadStock, stockSummary } from '../../../electron/host/stock/stock-store';
import { createSandboxBackend } from '../../../backend/sandbox';
import { TAXPAYER_ID } from '../../../backend/sandbox/seed-data';
import { LOW_STOCK, TOP_UP_FORMS, createLoadTopUp } from '../../../electron/kioskctl/commands/load-topup';

/** `kioskctl load` tops up what a long run uses up, so each service completes in its share. */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-topup-'));
  dirs.push(dir);
  return dir;
}
const NOW = new Date('2026-06-15T04:00:00Z');

describe('load top-up', () => {
  it('gives a type down to its last forms the next numbers of its code, and leaves a full type alone', () => {
    const dir = dataDir();
    const db = openDatabase(dir);
    loadStock(db, { type: 'ordinary-paper-1', code: '1100261631', from: '00000001', to: String(LOW_STOCK).padStart(8, '0') }, { loadedBy: 'demo', now: NOW });
    loadStock(db, { type: 'ordinary-paper-10', code: '1100261632', from: '00000001', to: '00000500' }, { loadedBy: 'demo', now: NOW });
    const topUp = createLoadTopUp(dir, { sandbox: false });
    try {
      expect(topUp.beforeVisit(NOW)).toEqual({ stockRanges: 1, quotasCleared: 0 });
      expect(listRanges(db, 'ordinary-paper-1').map((r) => [r.code, r.first, r.last, r.loadedBy])).toEqual([
        ['1100261631', '00000001', '00000020', 'demo'],
        ['1100261631', '00000021', String(LOW_STOCK + TOP_UP_FORMS).padStart(8, '0'), 'kioskctl:load'],
      ]);
      expect(stockSummary(db).find((s) => s.type === 'ordinary-paper-1')?.remaining).toBe(LOW_STOCK + TOP_UP_FORMS);
      expect(listRanges(db, 'ordinary-paper-10')).toHaveLength(1);
      // Nothing low any more: nothing loaded.
      expect(topUp.beforeVisit(NOW)).toEqual({ stockRanges: 0, quotasCleared: 0 });
    } finally {
      topUp.close();
      db.close();
    }
  });

  it("clears the run's own quota use when it nearly runs out, never the demo taxpayer whose quota is used up on purpose", () => {
    const dir = dataDir();
    const sandbox = createSandboxBackend({ dbPath: path.join(dir, SANDBOX_BACKEND_FILE), clock: () => NOW });
    const month = '2026-06';
    const raw = new Database(path.join(dir, SANDBOX_BACKEND_FILE));
    // 东城区示例便利店: ordinary-paper-10 quota 25, base 0 → 22 used by the run leaves 3 (< 5); ordinary-paper-1 50, base 5 → 10 used leaves 35.
    raw
      .prepare('INSERT INTO quota_use (taxpayer_id, invoice_type, month, used) VALUES (?, ?, ?, ?)')
      .run(TAXPAYER_ID.eligibleIndividual, 'ordinary-paper-10', month, 22);
    raw
      .prepare('INSERT INTO quota_use (taxpayer_id, invoice_type, month, used) VALUES (?, ?, ?, ?)')
      .run(TAXPAYER_ID.eligibleIndividual, 'ordinary-paper-1', month, 10);
    const approvals = () => raw.prepare('SELECT taxpayer_id, invoice_type, monthly_quota, base_used FROM approvals ORDER BY 1, 2').all();
    const before = approvals();
    openDatabase(dir).close();
    const topUp = createLoadTopUp(dir, { sandbox: true });
    try {
      expect(topUp.beforeVisit(NOW)).toEqual({ stockRanges: 0, quotasCleared: 1 });
      const used = raw
        .prepare('SELECT invoice_type AS type, used FROM quota_use WHERE taxpayer_id = ? ORDER BY invoice_type')
        .all(TAXPAYER_ID.eligibleIndividual);
      expect(used).toEqual([
        { type: 'ordinary-paper-1', used: 10 },
        { type: 'ordinary-paper-10', used: 0 },
      ]);
      // The demo's baselines (a taxpayer whose quota is used up on purpose: base 25 of 25) are untouched.
      expect(approvals()).toEqual(before);
      expect(before).toContainEqual({ taxpayer_id: TAXPAYER_ID.quotaUsedIndividual, invoice_type: 'ordinary-paper-1', monthly_quota: 25, base_used: 25 });
    } finally {
      topUp.close();
      raw.close();
      sandbox.close();
    }
  });
});
