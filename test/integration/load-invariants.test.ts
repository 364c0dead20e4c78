import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { openDatabase } from '../../electron/host/db/database';
import { openPiiCipher } from '../../electron/host/pii/pii-cipher';
import { CollectionLedger } from '../../electron/host/services/collection-ledger';
import { TransactionStore } from '../../electron/host/transactions/transaction-store';

/**
 * `kioskctl load` ends with the collection invariants checked from the
 * records (docs/collection.md "Invariants") and exits 1 when one is broken,
 * whatever the visits did: here the records are made to break them first.
 */
const SHOP = '92110101L000000116';
const PERSON = '11010519491231002X';

let dataDir: string;

async function load(...args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => out.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  const code = await main(['load', ...args, '--data-dir', dataDir], io);
  return { code, out: out.join('\n') };
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-load-invariants-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kioskctl load checks the collection invariants', () => {
  it('says they hold after an honest run (exit 0)', async () => {
    const r = await load('--visits', '3', '--seed', '11');
    expect(r.out).toContain('collection invariants: hold');
    expect(r.code, r.out).toBe(0);
  }, 120_000);

  it('exits 1 and names the breach when the records show a quota overrun and a 取票码 dispensed twice', async () => {
    const db = openDatabase(dataDir);
    try {
      const store = new TransactionStore(db, openPiiCipher(dataDir));
      const ledger = new CollectionLedger(db);
      // Two collections of the same code, 30 forms each, not yet counted by the backend.
      for (let i = 0; i < 2; i++) {
        const { id } = store.createTransaction(
          {
            kind: 'invoiceCollection',
            taxpayerId: SHOP,
            personIdNumber: PERSON,
            nationalFen: 0,
            localFen: 0,
            payload: { schemaVersion: 1, invoiceType: 'ordinary-paper-1', quantity: 30, pickupCode: i === 0 ? '80000001' : null, allocation: null },
          },
          [],
        );
        ledger.record({ transactionId: id, taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 30, pickupCode: null });
      }
      db.prepare(`UPDATE transactions SET payload = json_set(payload, '$.pickupCode', '80000001')`).run();
    } finally {
      db.close();
    }
    const r = await load('--visits', '1', '--seed', '11', '--json');
    const report = JSON.parse(r.out.split('\n').find((l) => l.includes('"invariants"')) ?? '{}') as { breaches?: { rule: string; detail: string }[] };
    expect(report.breaches?.map((b) => b.rule).sort(), r.out).toEqual(['pickupOnce', 'quota']);
    expect(report.breaches?.find((b) => b.rule === 'pickupOnce')?.detail).toContain('80000001');
    expect(r.code, r.out).toBe(1);
  }, 120_000);
});
