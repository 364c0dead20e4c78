import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/host/db/database';
import { silentLogger } from '../../../electron/host/logger';
import { createPiiCipher } from '../../../electron/host/pii/pii-cipher';
import { collectionReceipt } from '../../../electron/host/services/collection-receipt';
import { DEMO_FORMS_PER_TYPE, loadDemoStockIfEmpty } from '../../../electron/host/services/demo-stock';
import { recoverStockOnStartup } from '../../../electron/host/services/stock-recovery';
import { StockAllocator } from '../../../electron/host/stock/allocator';
import { listRanges, loadStock, stockSummary } from '../../../electron/host/stock/stock-store';
import { TransactionStore } from '../../../electron/host/transactions/transaction-store';
import { collection } from './transaction-fixtures';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-unit-'));
  db = openDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo stock', () => {
  it('loads 50 forms of each demo type with 10-digit codes, once', () => {
    expect(loadDemoStockIfEmpty(db, silentLogger(), new Date('2026-05-01T00:00:00Z'))).toBe(true);
    const summary = stockSummary(db);
    expect(summary.map((s) => s.type).sort()).toEqual(['ordinary-paper-1', 'ordinary-paper-10', 'special-paper-10']);
    expect(summary.every((s) => s.remaining === DEMO_FORMS_PER_TYPE)).toBe(true);
    expect(listRanges(db).every((r) => /^1100261\d{3}$/.test(r.code))).toBe(true);
    expect(loadDemoStockIfEmpty(db, silentLogger())).toBe(false);
    expect(listRanges(db)).toHaveLength(3);
  });

  it('leaves a kiosk with a technician-loaded range alone', () => {
    loadStock(db, { type: 'ordinary-paper-1', code: '011001900211', from: '00000001', to: '00000005' }, { loadedBy: 'tech' });
    expect(loadDemoStockIfEmpty(db, silentLogger())).toBe(false);
    expect(listRanges(db)).toHaveLength(1);
  });
});

describe('stock recovery at host start', () => {
  it('voids numbers that may be on paper and flags their transaction for staff', () => {
    loadStock(db, { type: 'vatOrdinary', code: '1100261631', from: '00000001', to: '00000010' }, { loadedBy: 'tech' });
    const store = new TransactionStore(db, createPiiCipher(crypto.randomBytes(32)));
    const allocator = new StockAllocator(db);
    const { id } = store.createTransaction(collection(3), []);
    const claimed = allocator.allocate({ transactionId: id, type: 'vatOrdinary', quantity: 3 });
    if (!claimed.ok) throw new Error('no stock');
    store.transition(id, { from: 'created', to: 'printing' });
    allocator.markPrinting(claimed.allocation.id);

    // A new process: what the host does before anything else.
    expect(recoverStockOnStartup(new StockAllocator(db), store, silentLogger())).toBe(1);
    expect(allocator.get(claimed.allocation.id)?.state).toBe('voided');
    expect(store.get(id)?.state).toBe('needsAttention');
    const next = allocator.allocate({ transactionId: store.createTransaction(collection(1), []).id, type: 'vatOrdinary', quantity: 1 });
    expect(next.ok && next.allocation.first).toBe('00000004');
  });

  it('returns numbers that never reached the printer and fails their transaction', () => {
    loadStock(db, { type: 'vatOrdinary', code: '1100261631', from: '00000001', to: '00000010' }, { loadedBy: 'tech' });
    const store = new TransactionStore(db, createPiiCipher(crypto.randomBytes(32)));
    const allocator = new StockAllocator(db);
    const { id } = store.createTransaction(collection(2), []);
    const claimed = allocator.allocate({ transactionId: id, type: 'vatOrdinary', quantity: 2 });
    if (!claimed.ok) throw new Error('no stock');
    recoverStockOnStartup(allocator, store, silentLogger());
    expect(allocator.get(claimed.allocation.id)?.state).toBe('returned');
    expect(store.get(id)?.state).toBe('failed');
  });
});

describe('collection receipt', () => {
  const data = {
    taxpayerName: '东城区示例便利店',
    invoiceTypeName: '增值税普通发票（万元版）',
    code: '1100261631',
    first: '00000001',
    last: '00000003',
    quantity: 3,
    at: new Date('2026-05-01T02:30:00Z'),
    kioskId: 'K-01',
    transactionId: '01J0000000000000000000000A',
  };
  const texts = (lang: 'zh-CN' | 'en') =>
    collectionReceipt({ ...data, lang })
      .lines.map((l) => ('text' in l ? l.text : 'value' in l ? `${l.label} ${l.value}` : 'data' in l ? l.data : ''))
      .join('\n');

  it('shows the range, quantity, time in Beijing, kiosk and transaction as QR, in the chosen language', () => {
    const zh = texts('zh-CN');
    expect(zh).toContain('发票领用凭条');
    expect(zh).toContain('00000001 至 00000003');
    expect(zh).toContain('3 份');
    expect(zh).toContain('2026-05-01 10:30:00');
    expect(zh).toContain('K-01');
    expect(collectionReceipt({ ...data, lang: 'zh-CN' }).lines).toContainEqual({ type: 'qr', data: data.transactionId });
    expect(texts('en')).toContain('00000001 to 00000003');
  });
});
