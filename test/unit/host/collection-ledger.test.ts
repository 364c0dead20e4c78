import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendReply, BackendRequest, TaxBackend } from '../../../shared/backend';
import { openDatabase, type Db } from '../../../electron/host/db/database';
import { createPiiCipher } from '../../../electron/host/pii/pii-cipher';
import { CollectionLedger, ledgerMonth } from '../../../electron/host/services/collection-ledger';
import { collectionPosition } from '../../../electron/host/services/collection-position';
import { TransactionStore } from '../../../electron/host/transactions/transaction-store';

/**
 * The unacknowledged ledger (docs/collection.md): the quota a kiosk shows and
 * checks is the backend's answer minus what this kiosk dispensed that the
 * answer does not include — each collection subtracted until the backend says
 * it counted it, and never after.
 */
const SHOP = '92110101L000000116';
const TYPE = 'ordinary-paper-1';
const PERSON = '11010519491231002X';

let dir: string;
let db: Db;
let store: TransactionStore;
let ledger: CollectionLedger;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-unit-'));
  db = openDatabase(dir);
  store = new TransactionStore(db, createPiiCipher(crypto.randomBytes(32)));
  ledger = new CollectionLedger(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A dispensed collection as the dispense records it: the transaction and its ledger entry. */
function dispensed(quantity: number, pickupCode: string | null = null): string {
  const { id } = store.createTransaction(
    {
      kind: 'invoiceCollection',
      taxpayerId: SHOP,
      personIdNumber: PERSON,
      nationalFen: 0,
      localFen: 0,
      payload: { schemaVersion: 1, invoiceType: TYPE, quantity, pickupCode, allocation: null },
    },
    [],
  );
  ledger.record({ transactionId: id, taxpayerId: SHOP, invoiceType: TYPE, quantity, pickupCode });
  return id;
}

/** A backend that has counted `counted` of the kiosk's collections, and `used` forms of a quota of 50. */
function backend(used: number, counted: readonly string[], asked: string[][] = []): Pick<TaxBackend, 'eligibilityCollect'> {
  return {
    eligibilityCollect: async (request: BackendRequest<'eligibility.collect'>): Promise<BackendReply<'eligibility.collect'>> => {
      asked.push([...(request.unacknowledged ?? [])]);
      const mine = (request.unacknowledged ?? []).filter((id) => counted.includes(id));
      const remaining = Math.max(0, 50 - used);
      if (request.quantity > remaining) {
        return {
          outcome: 'refused',
          refusal: { reason: 'quotaExceeded', monthlyQuota: 50, usedThisMonth: used, remaining, requested: request.quantity },
          counted: mine,
        };
      }
      return { outcome: 'ok', remainingAfter: remaining - request.quantity, monthlyQuota: 50, usedThisMonth: used, counted: mine };
    },
  };
}

const ask = (b: Pick<TaxBackend, 'eligibilityCollect'>, quantity = 1) =>
  collectionPosition(b, ledger, { taxpayerId: SHOP, invoiceType: TYPE, quantity }, new Date());

describe('the quota as the kiosk shows it: the backend minus the unacknowledged ledger', () => {
  it('subtracts what the backend has not counted, and stops once it says it has', async () => {
    const ten = dispensed(10);
    const five = dispensed(5);
    // The backend knows neither yet (5 used before the demo): 45 − 15.
    expect(await ask(backend(5, []))).toEqual({ outcome: 'ok', monthlyQuota: 50, usedThisMonth: 20, remaining: 30 });
    // It has taken in the 10 (its count moved): the 10 settles here, only the 5 is subtracted.
    expect(await ask(backend(15, [ten]))).toEqual({ outcome: 'ok', monthlyQuota: 50, usedThisMonth: 20, remaining: 30 });
    expect(ledger.unacknowledged(SHOP, TYPE, ledgerMonth(five)).map((e) => e.transactionId)).toEqual([five]);
    // Settled means never asked about again, never subtracted again.
    const asked: string[][] = [];
    expect(await ask(backend(20, [five], asked))).toEqual({ outcome: 'ok', monthlyQuota: 50, usedThisMonth: 20, remaining: 30 });
    expect(asked).toEqual([[five]]);
    expect(await ask(backend(20, [], asked))).toEqual({ outcome: 'ok', monthlyQuota: 50, usedThisMonth: 20, remaining: 30 });
    expect(asked[1]).toEqual([]);
  });

  it('refuses what the backend would allow but this kiosk already dispensed, with the numbers the taxpayer needs', async () => {
    dispensed(40);
    expect(await ask(backend(5, []), 6)).toEqual({
      outcome: 'refused',
      refusal: { reason: 'quotaExceeded', monthlyQuota: 50, usedThisMonth: 45, remaining: 5, requested: 6 },
    });
    // The backend's own refusal gets the kiosk's uncounted forms added too.
    expect(await ask(backend(48, []), 3)).toEqual({
      outcome: 'refused',
      refusal: { reason: 'quotaExceeded', monthlyQuota: 50, usedThisMonth: 88, remaining: 0, requested: 3 },
    });
  });

  it('a ledger entry is counted once, and a 取票码 dispensed here is on record even with no backend', () => {
    const id = dispensed(10, '80000001');
    expect(ledger.markCounted([id])).toBe(1);
    expect(ledger.markCounted([id])).toBe(0);
    expect(() => db.prepare('UPDATE collection_ledger SET counted_at = NULL').run()).toThrow(/counted once/);
    expect(() => db.prepare('DELETE FROM collection_ledger').run()).toThrow(/kept/);
    expect(ledger.pickupDispensedAt('80000001')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(ledger.pickupDispensedAt('80000002')).toBeNull();
    // SQLite itself refuses a second collection of the same code.
    expect(() => dispensed(10, '80000001')).toThrow(/UNIQUE/);
  });
});
