import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/host/db/database';
import { openPiiCipher } from '../../../electron/host/pii/pii-cipher';
import { TransactionStore } from '../../../electron/host/transactions/transaction-store';
import { AllocationError, StockAllocator, type Allocation } from '../../../electron/host/stock/allocator';
import { StockError, listRanges, loadStock, stockSummary } from '../../../electron/host/stock/stock-store';
import { main } from '../../../electron/kioskctl/main';
import type { CommandIo } from '../../../electron/kioskctl/command';
import { collection } from './transaction-fixtures';

const open: Array<{ db: Db; dir: string }> = [];
function setup(options: { now?: () => Date } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-stock-'));
  const db = openDatabase(dir);
  open.push({ db, dir });
  const store = new TransactionStore(db, openPiiCipher(dir));
  const allocator = new StockAllocator(db, options);
  const load = (type: string, code: string, from: string, to: string) => loadStock(db, { type, code, from, to }, { loadedBy: 'test' });
  const allocate = (quantity: number, type = 'vatOrdinary') => {
    const { id } = store.createTransaction(collection(quantity), []);
    return allocator.allocate({ transactionId: id, type, quantity });
  };
  const take = (quantity: number, type = 'vatOrdinary'): Allocation => {
    const result = allocate(quantity, type);
    if (!result.ok) throw new Error(`expected numbers, got ${JSON.stringify(result)}`);
    return result.allocation;
  };
  return { dir, db, store, allocator, load, allocate, take };
}
afterEach(() => {
  for (const { db, dir } of open.splice(0)) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function refusal(fn: () => unknown): { code: string; message: string } | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof StockError) return { code: error.code, message: error.message };
    throw error;
  }
}

describe('loading stock', () => {
  it('refuses bad codes, numbers and ranges with a clear reason, and overlaps with the clashing range named', () => {
    const { load, db } = setup();
    expect(refusal(() => load('vatOrdinary', '123456789', '00000001', '00000010'))?.message).toMatch(/code must be an invoice code of 10 or 12 digits/);
    expect(refusal(() => load('vatOrdinary', '1370001230', '1', '00000010'))?.message).toMatch(/from must be an invoice number of exactly 8 digits/);
    expect(refusal(() => load('vatOrdinary', '1370001230', '00000010', '00000001'))?.message).toMatch(/from 00000010 is after to 00000001/);
    expect(refusal(() => load('vat ordinary', '1370001230', '00000001', '00000010'))?.code).toBe('invalid');
    expect(load('vatOrdinary', '1370001230', '00000001', '00000100')).toMatchObject({ size: 100, remaining: 100, first: '00000001', last: '00000100' });
    expect(refusal(() => load('vatOrdinary', '1370001230', '00000100', '00000150'))).toEqual({
      code: 'overlap',
      message: 'code 1370001230 00000100–00000150 overlaps the loaded range 00000001–00000100',
    });
    expect(refusal(() => load('vatSpecial', '1370001230', '00000200', '00000300'))?.code).toBe('typeMismatch');
    // Adjacent is fine, and the same numbers under another code are other forms.
    load('vatOrdinary', '1370001230', '00000101', '00000110');
    load('vatOrdinary', '137000123001', '00000001', '00000010');
    expect(listRanges(db).map((r) => `${r.code}:${r.first}-${r.last}`)).toEqual([
      '1370001230:00000001-00000100',
      '1370001230:00000101-00000110',
      '137000123001:00000001-00000010',
    ]);
  });
});

describe('allocating numbers', () => {
  it('hands out consecutive numbers from the lowest range, then the next range where a run fits', () => {
    const { load, take, allocate } = setup();
    load('vatOrdinary', '1370001230', '00000011', '00000020');
    load('vatOrdinary', '1370001230', '00000001', '00000005');
    expect(take(3)).toMatchObject({ code: '1370001230', first: '00000001', last: '00000003', quantity: 3, state: 'allocated' });
    expect(take(2)).toMatchObject({ first: '00000004', last: '00000005' });
    // Runs never span two ranges, even when they are numerically adjacent-ish.
    expect(take(4)).toMatchObject({ first: '00000011', last: '00000014' });
    expect(allocate(7)).toEqual({ ok: false, reason: 'noStock', remaining: 6, longestRun: 6 });
    expect(allocate(1, 'vatSpecial')).toEqual({ ok: false, reason: 'noStock', remaining: 0, longestRun: 0 });
    expect(take(6)).toMatchObject({ first: '00000015', last: '00000020' });
    expect(allocate(1)).toMatchObject({ ok: false, remaining: 0 });
  });

  it('gives returned numbers out again, never voided or completed ones', () => {
    const { load, take, allocator, db } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00000012');
    const a = take(3);
    const b = take(3);
    const c = take(3);
    allocator.returnAllocation(a.id, 'taxpayer left before printing');
    allocator.markPrinting(b.id);
    allocator.voidAllocation(b.id, 'paper jam');
    allocator.markPrinting(c.id);
    allocator.markPrinted(c.id);
    allocator.complete(c.id);
    expect(take(2)).toMatchObject({ first: '00000001', last: '00000002' });
    expect(take(2)).toMatchObject({ first: '00000010', last: '00000011' });
    expect(stockSummary(db)).toEqual([{ type: 'vatOrdinary', total: 12, remaining: 2, inFlight: 4 }]);
  });

  it('guards every step: printing before printed, printed before complete, no return once printing began', () => {
    const { load, take, allocator } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00000010');
    const a = take(2);
    expect(() => allocator.markPrinted(a.id)).toThrow(expect.objectContaining({ code: 'unexpectedState' }));
    expect(() => allocator.complete(a.id)).toThrow(expect.objectContaining({ code: 'unexpectedState' }));
    allocator.markPrinting(a.id);
    expect(() => allocator.returnAllocation(a.id, 'x')).toThrow(expect.objectContaining({ code: 'unexpectedState' }));
    allocator.markPrinted(a.id);
    expect(allocator.complete(a.id).state).toBe('completed');
    expect(() => allocator.voidAllocation(a.id, 'x')).toThrow(expect.objectContaining({ code: 'unexpectedState' }));
    expect(() => allocator.markPrinting('nope')).toThrow(expect.objectContaining({ code: 'notFound' }));
  });

  it('lets SQLite itself refuse a second claim on a number, whatever the code above it does', () => {
    const { load, take, db } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00000010');
    const a = take(5);
    const rogue = db.transaction(() => {
      db.prepare(
        `INSERT INTO stock_allocations (id, transaction_id, invoice_type, code, first_number, last_number, state, allocated_at)
         VALUES ('ROGUE', ?, 'vatOrdinary', '1370001230', 5, 6, 'allocated', 'now')`,
      ).run(a.transactionId);
      db.prepare("INSERT INTO allocated_numbers (code, number, allocation_id) VALUES ('1370001230', 5, 'ROGUE')").run();
    });
    expect(rogue).toThrow(/UNIQUE constraint failed: allocated_numbers/);
    expect(() => db.prepare('UPDATE stock_allocations SET first_number = 1 WHERE id = ?').run(a.id)).toThrow(/never change/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO stock_allocations (id, transaction_id, invoice_type, code, first_number, last_number, state, allocated_at)
         VALUES ('OUTSIDE', ?, 'vatOrdinary', '1370001230', 9, 11, 'allocated', 'now')`,
        )
        .run(a.transactionId),
    ).toThrow(/outside the loaded stock/);
  });

  it('recovers in-flight allocations on startup: returned, voided or completed, each with its reason', () => {
    const { load, take, allocator, db } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00000010');
    const a = take(2);
    const b = take(2);
    allocator.markPrinting(b.id);
    const c = take(2);
    allocator.markPrinting(c.id);
    allocator.markPrinted(c.id);
    const outcomes = allocator.recoverOnStartup();
    expect(outcomes.map((o) => [o.allocationId, o.was, o.now])).toEqual([
      [a.id, 'allocated', 'returned'],
      [b.id, 'printing', 'voided'],
      [c.id, 'printed', 'completed'],
    ]);
    expect(allocator.inFlight()).toEqual([]);
    const events = db.prepare("SELECT event, allocation_id, reason FROM stock_events WHERE event LIKE 'recovered%' ORDER BY id").all() as Array<{
      event: string;
      reason: string;
    }>;
    expect(events.map((e) => e.event)).toEqual(['recoveredReturned', 'recoveredVoided', 'recoveredCompleted']);
    expect(events.every((e) => e.reason.length > 10)).toBe(true);
    expect(take(2)).toMatchObject({ first: '00000001', last: '00000002' });
    expect(allocator.recoverOnStartup().length).toBe(1);
  });
});

/** The AllocationError `fn` throws, as the caller sees it; fails the test on anything else. */
function allocationRefusal(fn: () => unknown): { name: string; code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof AllocationError) return { name: error.name, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an AllocationError, nothing was thrown');
}

describe('allocator edges', () => {
  it('takes 1 to 1000 forms per allocation and refuses anything else as invalid, before touching the stock', () => {
    const { load, take, store, allocator, db } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00001002');
    const { id } = store.createTransaction(collection(1), []);
    for (const quantity of [0, -1, 1001, 1.5, Number.NaN]) {
      expect(allocationRefusal(() => allocator.allocate({ transactionId: id, type: 'vatOrdinary', quantity }))).toEqual({
        name: 'AllocationError',
        code: 'invalid',
        message: 'quantity must be 1..1000',
      });
    }
    expect(db.prepare('SELECT count(*) AS n FROM stock_allocations').get()).toEqual({ n: 0 });
    expect(take(1)).toMatchObject({ first: '00000001', last: '00000001', quantity: 1 });
    expect(take(1000)).toMatchObject({ first: '00000002', last: '00001001', quantity: 1000 });
  });

  it('reports the quantity of a stored allocation as last − first + 1', () => {
    const { load, take, allocator } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00000010');
    take(2);
    const b = take(3);
    expect(allocator.get(b.id)).toMatchObject({ first: '00000003', last: '00000005', quantity: 3 });
    expect(allocator.inFlight().map((a) => a.quantity)).toEqual([2, 3]);
  });

  it('hands out the last number of a range and a single free number between two allocations', () => {
    const { load, take, allocate, allocator } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00000005');
    const a = take(2);
    take(2);
    // 00000005 alone is left at the very end of the range.
    expect(allocate(2)).toEqual({ ok: false, reason: 'noStock', remaining: 1, longestRun: 1 });
    expect(take(1)).toMatchObject({ first: '00000005', last: '00000005', quantity: 1 });
    expect(allocate(1)).toEqual({ ok: false, reason: 'noStock', remaining: 0, longestRun: 0 });
    // Returning 00000001–00000002 opens a gap ending exactly where the next allocation starts.
    allocator.returnAllocation(a.id, 'taxpayer left');
    expect(allocate(3)).toEqual({ ok: false, reason: 'noStock', remaining: 2, longestRun: 2 });
    expect(take(2)).toMatchObject({ first: '00000001', last: '00000002' });
  });

  it('releases numbers the printer refused before its first byte, and only from printing', () => {
    const { load, take, allocator, db } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00000003');
    const a = take(3);
    expect(allocationRefusal(() => allocator.releaseUnprinted(a.id, 'printer not ready'))).toMatchObject({ code: 'unexpectedState' });
    allocator.markPrinting(a.id);
    expect(allocator.releaseUnprinted(a.id, 'printer not ready')).toMatchObject({ id: a.id, state: 'returned' });
    expect(db.prepare('SELECT state, finish_reason FROM stock_allocations WHERE id = ?').get(a.id)).toEqual({
      state: 'returned',
      finish_reason: 'printer not ready',
    });
    expect(db.prepare("SELECT event, reason, actor FROM stock_events WHERE allocation_id = ? AND event = 'returned'").all(a.id)).toEqual([
      { event: 'returned', reason: 'printer not ready', actor: 'kiosk' },
    ]);
    expect(take(3)).toMatchObject({ first: '00000001', last: '00000003' });
  });

  it('stamps printing_at, printed_at and finished_at, each on its own step', () => {
    let tick = 0;
    const { load, take, allocator, db } = setup({ now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, ++tick)) });
    load('vatOrdinary', '1370001230', '00000001', '00000010');
    const a = take(2); // second 1
    const stamps = () => db.prepare('SELECT allocated_at, printing_at, printed_at, finished_at FROM stock_allocations WHERE id = ?').get(a.id);
    allocator.markPrinting(a.id);
    expect(stamps()).toEqual({ allocated_at: '2026-01-01T00:00:01.000Z', printing_at: '2026-01-01T00:00:02.000Z', printed_at: null, finished_at: null });
    allocator.markPrinted(a.id);
    expect(stamps()).toEqual({
      allocated_at: '2026-01-01T00:00:01.000Z',
      printing_at: '2026-01-01T00:00:02.000Z',
      printed_at: '2026-01-01T00:00:03.000Z',
      finished_at: null,
    });
    allocator.complete(a.id);
    expect(stamps()).toEqual({
      allocated_at: '2026-01-01T00:00:01.000Z',
      printing_at: '2026-01-01T00:00:02.000Z',
      printed_at: '2026-01-01T00:00:03.000Z',
      finished_at: '2026-01-01T00:00:04.000Z',
    });
  });

  it('names the allocation, its state and the states a step needs when it refuses', () => {
    const { load, take, allocator } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00000010');
    const a = take(2);
    expect(allocationRefusal(() => allocator.voidAllocation(a.id, 'jam'))).toEqual({
      name: 'AllocationError',
      code: 'unexpectedState',
      message: `allocation ${a.id} is allocated; voided needs printing or printed`,
    });
    expect(allocationRefusal(() => allocator.markPrinting('nope'))).toEqual({ name: 'AllocationError', code: 'notFound', message: 'no allocation nope' });
  });

  it('refuses a step when the row changed underneath, and leaves the row and the events as they were', () => {
    let meddle: (() => void) | null = null;
    const { load, take, allocator, db } = setup({
      now: () => {
        // Another writer changing the state between the read and the write of a step.
        meddle?.();
        return new Date();
      },
    });
    load('vatOrdinary', '1370001230', '00000001', '00000010');
    const a = take(2);
    meddle = () => db.prepare("UPDATE stock_allocations SET state = 'printing' WHERE id = ?").run(a.id);
    expect(allocationRefusal(() => allocator.returnAllocation(a.id, 'taxpayer left'))).toEqual({
      name: 'AllocationError',
      code: 'unexpectedState',
      message: `allocation ${a.id} changed underneath`,
    });
    meddle = null;
    expect(allocator.get(a.id)?.state).toBe('allocated');
    expect(db.prepare('SELECT event FROM stock_events WHERE allocation_id = ? ORDER BY id').all(a.id)).toEqual([{ event: 'allocated' }]);
  });

  it('records who did each step: kiosk for allocations and steps, recovery for recovery, with the reason', () => {
    const { load, take, allocator, db } = setup();
    load('vatOrdinary', '1370001230', '00000001', '00000010');
    const a = take(2);
    allocator.markPrinting(a.id);
    allocator.voidAllocation(a.id, 'paper jam');
    const b = take(2);
    allocator.recoverOnStartup();
    const events = (id: string) => db.prepare('SELECT event, reason, actor FROM stock_events WHERE allocation_id = ? ORDER BY id').all(id);
    expect(events(a.id)).toEqual([
      { event: 'allocated', reason: null, actor: 'kiosk' },
      { event: 'printing', reason: null, actor: 'kiosk' },
      { event: 'voided', reason: 'paper jam', actor: 'kiosk' },
    ]);
    expect(events(b.id)).toEqual([
      { event: 'allocated', reason: null, actor: 'kiosk' },
      { event: 'recoveredReturned', reason: 'process stopped before printing: the numbers never reached the printer', actor: 'recovery' },
    ]);
  });
});

describe('kioskctl stock', () => {
  function io(): CommandIo & { lines: string[]; errors: string[] } {
    const lines: string[] = [];
    const errors: string[] = [];
    return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), stdin: process.stdin, stopSignal: new AbortController().signal };
  }

  it('loads (0), refuses an overlap with the reason (2), wants every flag (64), and shows what is left', async () => {
    const { dir, db } = setup();
    const base = ['stock', 'load', '--type', 'vatOrdinary', '--code', '1370001230', '--data-dir', dir];
    const ok = io();
    expect(await main([...base, '--from', '00000001', '--to', '00000050', '--json'], ok)).toBe(0);
    expect(JSON.parse(ok.lines[0]!)).toMatchObject({ loaded: { type: 'vatOrdinary', code: '1370001230', size: 50, remaining: 50 } });
    const overlap = io();
    expect(await main([...base, '--from', '00000040', '--to', '00000060'], overlap)).toBe(2);
    expect(overlap.errors.join('\n')).toMatch(/refused: .*overlaps the loaded range 00000001–00000050/);
    const backwards = io();
    expect(await main([...base, '--from', '00000090', '--to', '00000080', '--json'], backwards)).toBe(2);
    expect(JSON.parse(backwards.lines[0]!)).toMatchObject({ refused: { code: 'invalid' } });
    expect(await main([...base, '--from', '00000090'], io())).toBe(64);

    const { id } = new TransactionStore(db, openPiiCipher(dir)).createTransaction(collection(5), []);
    new StockAllocator(db).allocate({ transactionId: id, type: 'vatOrdinary', quantity: 5 });
    const show = io();
    expect(await main(['stock', 'show', '--data-dir', dir, '--json'], show)).toBe(0);
    const shown = JSON.parse(show.lines[0]!);
    expect(shown.types).toEqual([{ type: 'vatOrdinary', total: 50, remaining: 45, inFlight: 5 }]);
    expect(shown.inFlight).toMatchObject([{ transactionId: id, first: '00000001', last: '00000005', state: 'allocated' }]);
    const text = io();
    expect(await main(['stock', 'show', '--data-dir', dir], text)).toBe(0);
    expect(text.lines.join('\n')).toMatch(/vatOrdinary: 45 of 50 remaining, 5 in flight/);
  });
});
