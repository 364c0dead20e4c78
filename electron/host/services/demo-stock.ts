import type { Db } from '../db/database';
import type { Logger } from '../logger';
import { listRanges, loadStock } from '../stock/stock-store';

/**
 * Simulator mode only: a kiosk with no stock at all gets 50 forms of each type
 * the demo taxpayers are approved for, so the demo can collect at once. A
 * technician's real `kioskctl stock load` is never topped up or touched.
 *
 * Codes follow docs/devices.md's 10-digit layout: region 4 (1100), year 2, batch 1,
 * type 1 (6 ordinary, 1 special), copies 1, amount version 1 (1 = 万元, 2 = 十万元).
 */
const DEMO_TYPES: ReadonlyArray<{ type: string; typeDigit: string; copies: string; version: string }> = [
  { type: 'ordinary-paper-1', typeDigit: '6', copies: '3', version: '1' },
  { type: 'ordinary-paper-10', typeDigit: '6', copies: '3', version: '2' },
  { type: 'special-paper-10', typeDigit: '1', copies: '3', version: '2' },
];

export const DEMO_FORMS_PER_TYPE = 50;

export function loadDemoStockIfEmpty(db: Db, log: Logger, now: Date = new Date()): boolean {
  if (listRanges(db).length > 0) return false;
  const year = String(now.getUTCFullYear() % 100).padStart(2, '0');
  for (const t of DEMO_TYPES) {
    const code = `1100${year}1${t.typeDigit}${t.copies}${t.version}`;
    loadStock(db, { type: t.type, code, from: '00000001', to: String(DEMO_FORMS_PER_TYPE).padStart(8, '0') }, { loadedBy: 'demo', now });
  }
  log.info({ event: 'stock.demoLoaded', types: DEMO_TYPES.length, perType: DEMO_FORMS_PER_TYPE }, 'demo invoice stock loaded');
  return true;
}
