import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, hostInternals } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { openDatabase } from '../../electron/host/db/database';
import { openPiiCipher } from '../../electron/host/pii/pii-cipher';
import { StockAllocator } from '../../electron/host/stock/allocator';
import { TransactionStore } from '../../electron/host/transactions/transaction-store';
import type { IssueDraft, PayResult, PrintResult, QuoteView } from '../../shared/contract/services/issuance';
import { defaultTaxConfig } from '../../shared/config/tax-config';
import { oracleRatesOf, oracleTax, type OracleSellerKind } from '../support/tax-oracle';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';

/**
 * 发票代开 end to end through the host: simulated reader and printers on PTYs,
 * real SQLite (kiosk and sandbox backend), payments confirmed on demand.
 * Demo people and taxpayers: backend/sandbox/README.md.
 */
let host: KioskHost;
const { call, raw } = hostCalls(() => host);
let dataDir: string;

const PERSON_ID = '11010519491231002X';
const SHOP = '92110101L000000116'; // 东城区示例便利店: owner, grade M, nothing invoiced this month
const TECH = '91370102MA01TK019U'; // 示例科技有限公司: agent, grade A, 60,000.00 invoiced this month
const ARREARS = '91370102MA01TK027N';
const GRADE_D = '91370102MA01TK035H';
const OTHERS = '92440305L00000038J'; // another person's studio
const NATURAL = 'Y1110105N00000016K'; // 测试庚 (card foreign-2023) as a natural person, their own record
const BUYER_CO = { kind: 'company', name: '示例买方有限公司', taxId: '91370102MA01TK043C' } as const;
const BUYER_PERSON = { kind: 'individual', name: '王小明' } as const;

/** 50,000.00 incl. tax for TECH: over the monthly threshold, so VAT and surcharges are due. */
const BIG: IssueDraft = {
  taxpayerId: TECH,
  buyer: BUYER_CO,
  lines: [
    { name: '*现代服务*咨询服务', unit: '次', quantity: '1', unitPrice: '30000.00', amountFen: 3_000_000 },
    { name: '*设计服务*设计费', unit: '项', quantity: '2', unitPrice: '10000.00', amountFen: 2_000_000 },
  ],
};
/** 1,000.00 for the shop to a private buyer: VAT exempt, IIT only. */
const SMALL: IssueDraft = {
  taxpayerId: SHOP,
  buyer: BUYER_PERSON,
  lines: [{ name: '*日用品*文具', unit: '件', quantity: '4', unitPrice: '250.00', amountFen: 100_000 }],
};

async function printersReady(): Promise<void> {
  await waitFor(async () => {
    const s = await call<{ receipt: { device: string; paper: string }; invoice: { device: string; paper: string } }>('devices.status');
    return [s.receipt, s.invoice].every((p) => p.device === 'online' && p.paper !== 'out') ? true : undefined;
  });
}

async function placeCard(profile: string): Promise<void> {
  await call('sim.idcard.place', { profile });
  await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'active' ? true : undefined));
}

async function liftCard(): Promise<void> {
  await call('sim.idcard.lift');
  await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'idle' ? true : undefined));
}

/** Exit, then the card off the reader: how a person leaves while a payment holds the visit against a lift. */
async function exitVisit(): Promise<void> {
  await call('sim.idcard.lift');
  // The reader has seen the lift (the visit is away, or over) before anything else is placed.
  await waitFor(async () => {
    const s = await call<{ state: string; cardAway?: boolean }>('session.get');
    return s.state === 'idle' || s.cardAway === true ? true : undefined;
  });
  await call('session.end');
  await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'idle' ? true : undefined));
}

async function startHost(): Promise<void> {
  host = await createHost({ dataDir, shell: 'chromium', configOverrides: { sandbox: { paymentAutoConfirmMs: null } } });
  await host.start();
  await printersReady();
  await placeCard('resident');
}

function kioskDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const txState = (id: string) => kioskDb((db) => (db.prepare('SELECT state FROM transactions WHERE id = ?').get(id) as { state: string } | undefined)?.state);
const allocationsOf = (id: string) =>
  kioskDb(
    (db) =>
      db.prepare('SELECT code, first_number AS n, state FROM stock_allocations WHERE transaction_id = ? ORDER BY id').all(id) as {
        code: string;
        n: number;
        state: string;
      }[],
  );

async function output(): Promise<{ invoicePages: string[]; receipts: string[] }> {
  return call('sim.printers.output');
}

async function payAndConfirm(draft: IssueDraft): Promise<string> {
  const paid = await call<PayResult>('issuance.pay', draft);
  if (paid.outcome !== 'awaitingPayment') throw new Error(`not awaiting payment: ${JSON.stringify(paid)}`);
  expect(await call('sim.payment.confirm')).toEqual({ confirmed: true });
  const status = await call<{ status: string }>('issuance.paymentStatus', { transactionId: paid.payment.transactionId });
  expect(status.status).toBe('paid');
  return paid.payment.transactionId;
}

/**
 * The tax for this gross and the seller's month so far, by the independent
 * oracle (test/support/tax-oracle.ts) at the rates of the config the host runs
 * with (no bundle pushed: the defaults) — never by quoteTax, which would agree
 * with any bug in itself.
 */
async function expectedQuote(taxpayerId: string, grossFen: number, sellerKind: OracleSellerKind) {
  const sandbox = hostInternals(host).sandbox;
  if (!sandbox) throw new Error('no sandbox');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const { grossFen: monthToDateFen } = await sandbox.sellerMonthToDate({ taxpayerId, month: today.slice(0, 7) });
  return oracleTax({ grossFen, monthToDateFen, sellerKind }, oracleRatesOf(defaultTaxConfig(), { date: today }));
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-issue-'));
  await startHost();
}, 30_000);
afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('invoice issued on behalf through the host', () => {
  it('begins with the sellers the person may act for, the form limits, nothing unfinished', async () => {
    const r = await call<{ outcome: string; sellers: { id: string }[]; unfinished: unknown[]; maxLines: number; limitFen: number }>('issuance.begin');
    expect(r.outcome).toBe('ok');
    expect(r.sellers.map((s) => s.id)).toEqual(expect.arrayContaining([SHOP, TECH]));
    expect(r).toMatchObject({ unfinished: [], maxLines: 8, limitFen: 9_999_999 });
  });

  it('quotes from the active config, split national / local, as the independent oracle computes it: no IIT line for the enterprise', async () => {
    const r = await call<{ outcome: string; quote: QuoteView }>('issuance.quote', BIG);
    const oracle = await expectedQuote(TECH, 5_000_000, 'enterprise');
    expect(oracle.exempt).toBe(false);
    expect(oracle.iitFen).toBe(0);
    expect(r.quote).toMatchObject({ grossFen: 5_000_000, netFen: oracle.netFen, exempt: false, payableFen: oracle.totalFen });
    expect(r.quote.national).toEqual({ totalFen: oracle.vatFen, lines: [expect.objectContaining({ kind: 'vat', amountFen: oracle.vatFen })] });
    expect(r.quote.local.lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ['urbanMaintenance', oracle.urbanFen],
      ['education', oracle.educationFen],
      ['localEducation', oracle.localEducationFen],
    ]);
    // The default config on today's date: the reduced levy rate in force (1 % to 2027-12-31).
    expect(r.quote.levyRateBp).toBe(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) <= '2027-12-31' ? 100 : 300);
    const small = await call<{ quote: QuoteView }>('issuance.quote', SMALL);
    const smallOracle = await expectedQuote(SHOP, 100_000, 'individualBusiness');
    expect(small.quote).toMatchObject({ exempt: true, payableFen: smallOracle.totalFen, national: { totalFen: 0 } });
    expect(small.quote.local.lines.map((l) => l.kind)).toContain('iit');
  });

  it('happy path: pay by QR, confirmed by the backend, one invoice on the form, a receipt, one outbox row per authority', async () => {
    const before = await output();
    const paid = await call<PayResult>('issuance.pay', BIG);
    expect(paid.outcome).toBe('awaitingPayment');
    if (paid.outcome !== 'awaitingPayment') return;
    const { transactionId, qr, amountFen } = paid.payment;
    const oracle = await expectedQuote(TECH, 5_000_000, 'enterprise');
    expect(amountFen).toBe(oracle.totalFen);
    expect(qr.size).toBeGreaterThanOrEqual(21);
    expect(await call('issuance.paymentStatus', { transactionId })).toEqual({ status: 'pending', paid: null });
    // Printing is refused until the backend says paid.
    expect(await raw('issuance.print', { transactionId })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await call('sim.payment.confirm')).toEqual({ confirmed: true });
    const status = await call<{ status: string; paid: unknown }>('issuance.paymentStatus', { transactionId });
    expect(status).toMatchObject({ status: 'paid', paid: { transactionId, sellerName: '示例科技有限公司', buyerName: BUYER_CO.name, grossFen: 5_000_000 } });

    const printed = await call<PrintResult>('issuance.print', { transactionId });
    expect(printed).toMatchObject({
      outcome: 'completed',
      grossFen: 5_000_000,
      nationalFen: oracle.nationalFen,
      localFen: oracle.localFen,
      receiptPrinted: true,
    });
    if (printed.outcome !== 'completed') return;
    expect(printed.invoiceNumber).toMatch(/^\d{8}$/);

    const after = await waitFor(async () => {
      const o = await output();
      return o.receipts.length > before.receipts.length ? o : undefined;
    });
    expect(after.invoicePages.length - before.invoicePages.length).toBe(1);
    const form = after.invoicePages.at(-1) ?? '';
    for (const part of [
      printed.invoiceCode,
      printed.invoiceNumber,
      '示例买方有限公司',
      BUYER_CO.taxId,
      '示例科技有限公司',
      TECH,
      '￥50000.00',
      '伍万元整',
      '*现代服务*咨询服务',
    ]) {
      expect(form).toContain(part);
    }
    // The form agrees with the quote: its tax is the quote's VAT, at the levy rate in force today.
    const levy = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) <= '2027-12-31' ? '1%' : '3%';
    expect(form).toContain(`￥${(oracle.vatFen / 100).toFixed(2)}`);
    expect(form).toContain(levy);
    const receipt = after.receipts.at(-1) ?? '';
    for (const part of [
      '发票代开凭条',
      printed.invoiceNumber,
      printed.invoiceCode,
      '测*甲',
      '110105********002X',
      '国税',
      '地税',
      `${(oracle.vatFen / 100).toFixed(2)} 元`,
    ]) {
      expect(receipt).toContain(part);
    }
    expect(receipt).not.toContain(PERSON_ID);
    expect(receipt).not.toContain('个人所得税'); // an enterprise has no IIT line

    kioskDb((db) => {
      const rows = db.prepare('SELECT authority, kind, payload FROM outbox WHERE transaction_id = ? ORDER BY authority').all(transactionId) as {
        authority: string;
        kind: string;
        payload: string;
      }[];
      expect(rows.map((r) => [r.authority, r.kind])).toEqual([
        ['local', 'invoice.issue'],
        ['national', 'invoice.issue'],
      ]);
      const national = JSON.parse(rows[1]?.payload ?? '{}') as { lines: unknown[]; invoice: unknown; taxpayerId: string };
      expect(national).toMatchObject({
        taxpayerId: TECH,
        invoice: { code: printed.invoiceCode, number: printed.invoiceNumber },
        lines: [{ item: 'vat', fen: oracle.vatFen }],
      });
      const local = JSON.parse(rows[0]?.payload ?? '{}') as { lines: { item: string; fen: number }[] };
      expect(local.lines).toEqual([
        { item: 'urbanMaintenance', fen: oracle.urbanFen },
        { item: 'education', fen: oracle.educationFen },
        { item: 'localEducation', fen: oracle.localEducationFen },
      ]);
      expect(local.lines.reduce((s, l) => s + l.fen, 0)).toBe(oracle.localFen);
    });
    expect(txState(transactionId)).toBe('completed');
    expect(allocationsOf(transactionId)).toEqual([{ code: printed.invoiceCode, n: Number(printed.invoiceNumber), state: 'completed' }]);
    // A second tap answers the same invoice and prints nothing.
    expect(await call('issuance.print', { transactionId })).toMatchObject({ outcome: 'completed', invoiceNumber: printed.invoiceNumber });
    expect((await output()).invoicePages.length).toBe(after.invoicePages.length);
  }, 30_000);

  it('a natural person issues on their own behalf with their own card: quote, payment, invoice, receipt and legs agree', async () => {
    await liftCard();
    await placeCard('foreign-2023');
    try {
      const begun = await call<{ outcome: string; sellers: { id: string; name: string; kind: string; asAgent: boolean }[] }>('issuance.begin');
      expect(begun.sellers).toEqual([{ id: NATURAL, name: '测*庚', kind: 'naturalPerson', asAgent: false }]);
      expect(await call('issuance.seller', { taxpayerId: NATURAL })).toEqual({ outcome: 'ok' });
      // 800.00 to a private buyer: above the per-time 起征点 of 500.00, so VAT is due on the whole; IIT withheld.
      const draft: IssueDraft = {
        taxpayerId: NATURAL,
        buyer: BUYER_PERSON,
        lines: [{ name: '*经纪代理服务*咨询费', unit: '次', quantity: '1', unitPrice: '800.00', amountFen: 80_000 }],
      };
      const oracle = await expectedQuote(NATURAL, 80_000, 'naturalPerson');
      expect(oracle.exempt).toBe(false);
      const quoted = await call<{ quote: QuoteView }>('issuance.quote', draft);
      expect(quoted.quote).toMatchObject({ exempt: false, netFen: oracle.netFen, payableFen: oracle.totalFen, national: { totalFen: oracle.vatFen } });
      expect(quoted.quote.local.lines.map((l) => [l.kind, l.amountFen])).toEqual([
        ['urbanMaintenance', oracle.urbanFen],
        ['education', oracle.educationFen],
        ['localEducation', oracle.localEducationFen],
        ['iit', oracle.iitFen],
      ]);
      const transactionId = await payAndConfirm(draft);
      const printed = await call<PrintResult>('issuance.print', { transactionId });
      expect(printed).toMatchObject({ outcome: 'completed', grossFen: 80_000, nationalFen: oracle.nationalFen, localFen: oracle.localFen });
      const receipt = (await output()).receipts.at(-1) ?? '';
      expect(receipt).toContain('个人所得税');
      expect(receipt).toContain(`${(oracle.iitFen / 100).toFixed(2)} 元`);
      // The seller is the cardholder: masked on the receipt like every person's name; in full on the invoice itself.
      expect(receipt).toContain('测*庚');
      expect(receipt).not.toContain('测试庚');
      expect((await output()).invoicePages.at(-1)).toContain('测试庚');
      kioskDb((db) => {
        const rows = db.prepare('SELECT authority, payload FROM outbox WHERE transaction_id = ? ORDER BY authority').all(transactionId) as {
          authority: string;
          payload: string;
        }[];
        const local = JSON.parse(rows[0]?.payload ?? '{}') as { taxpayerId: string; lines: { item: string; fen: number }[] };
        expect(local.taxpayerId).toBe(NATURAL);
        expect(local.lines.at(-1)).toEqual({ item: 'iit', fen: oracle.iitFen });
      });
      // A natural person collects no invoice stock: the collection list leaves their record out.
      expect(await call('taxpayers.list')).toEqual({ outcome: 'ok', taxpayers: [] });
    } finally {
      await liftCard();
      await placeCard('resident');
    }
  }, 30_000);

  it('keeps personal data out of the database files: no plaintext ID number, no private buyer name', async () => {
    const transactionId = await payAndConfirm(SMALL);
    expect(await call('issuance.print', { transactionId })).toMatchObject({ outcome: 'completed', nationalFen: 0, localFen: 1_500 });
    const receipt = (await output()).receipts.at(-1) ?? '';
    expect(receipt).toContain('王*明');
    expect(receipt).not.toContain('王小明');
    expect((await output()).invoicePages.at(-1)).toContain('王小明'); // the invoice itself names the buyer
    for (const file of fs.readdirSync(dataDir).filter((f) => f.startsWith('kiosk.sqlite'))) {
      const bytes = fs.readFileSync(path.join(dataDir, file));
      expect(bytes.includes(Buffer.from(PERSON_ID)), file).toBe(false);
      expect(bytes.includes(Buffer.from('王小明')), file).toBe(false);
    }
  }, 30_000);

  it('refuses, saying why: arrears, credit grade D, a bad buyer tax ID, over the limit, a line that does not add up', async () => {
    expect(await call('issuance.seller', { taxpayerId: ARREARS })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'sellerHasArrears', arrearsFen: 1_234_500 },
    });
    expect(await call('issuance.seller', { taxpayerId: GRADE_D })).toEqual({ outcome: 'refused', refusal: { reason: 'sellerCreditGradeBlocked', grade: 'D' } });
    expect(await call('issuance.seller', { taxpayerId: TECH })).toEqual({ outcome: 'ok' });
    expect(await call('issuance.pay', { ...BIG, taxpayerId: ARREARS })).toMatchObject({ outcome: 'refused', refusal: { reason: 'sellerHasArrears' } });
    expect(await call('issuance.quote', { ...BIG, buyer: { ...BUYER_CO, taxId: '91370102MA01TK043D' } })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'buyerTaxIdInvalid' },
    });
    expect(await call('issuance.pay', { ...SMALL, lines: [{ name: '设备', amountFen: 10_000_000 }] })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'grossOverLimit', grossFen: 10_000_000, limitFen: 9_999_999 },
    });
    expect(await call('issuance.quote', { ...SMALL, lines: [{ name: '文具', quantity: '3', unitPrice: '0.33', amountFen: 100 }] })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'lineAmountMismatch', lineIndex: 0, amountFen: 100, expectedFen: 99 },
    });
    // Nothing of these was stored.
    expect(
      kioskDb(
        (db) => (db.prepare("SELECT count(*) AS n FROM transactions WHERE kind = 'invoiceIssue' AND state NOT IN ('completed')").get() as { n: number }).n,
      ),
    ).toBe(0);
  });

  it('refuses a seller the person may not act for, and any call without a visit', async () => {
    expect(await raw('issuance.seller', { taxpayerId: OTHERS })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await raw('issuance.pay', { ...SMALL, taxpayerId: OTHERS })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await raw('issuance.pay', { ...SMALL, lines: [] })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
  });

  it('refuses before any money moves when a printer is not ready, or the backend is unreachable', async () => {
    await call('sim.printer.setState', { printer: 'receipt', state: 'paper-out' });
    try {
      await waitFor(async () => ((await call<{ receipt: { paper: string } }>('devices.status')).receipt.paper === 'out' ? true : undefined));
      expect(await call('issuance.pay', SMALL)).toEqual({ outcome: 'refused', refusal: { reason: 'printerNotReady', printer: 'receipt', fault: 'paperOut' } });
    } finally {
      await call('sim.printer.setState', { printer: 'receipt', state: 'ready' });
      await printersReady();
    }
    const sandbox = hostInternals(host).sandbox;
    sandbox?.setFault({ kind: 'unreachable' });
    try {
      expect(await call('issuance.begin')).toEqual({ outcome: 'backendUnreachable' });
      expect(await call('issuance.pay', SMALL)).toEqual({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } });
    } finally {
      sandbox?.setFault({ kind: 'none' });
    }
    expect(
      kioskDb(
        (db) => (db.prepare("SELECT count(*) AS n FROM transactions WHERE kind = 'invoiceIssue' AND state NOT IN ('completed')").get() as { n: number }).n,
      ),
    ).toBe(0);
  }, 30_000);

  it('payment cancelled: the order is cancelled at the backend, nothing printed, the transaction failed', async () => {
    const pagesBefore = (await output()).invoicePages.length;
    const paid = await call<PayResult>('issuance.pay', SMALL);
    if (paid.outcome !== 'awaitingPayment') throw new Error('not awaiting');
    const { transactionId, orderId } = paid.payment;
    expect(await call('issuance.cancel', { transactionId })).toEqual({ status: 'cancelled', paid: null });
    expect(await hostInternals(host).sandbox?.paymentStatus({ orderId })).toMatchObject({ status: 'cancelled' });
    expect(txState(transactionId)).toBe('failed');
    expect(await call('issuance.paymentStatus', { transactionId })).toMatchObject({ status: 'cancelled' });
    expect(await raw('issuance.print', { transactionId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await output()).invoicePages.length).toBe(pagesBefore);
  });

  it('a cancel that comes after the money keeps the payment and goes on to print', async () => {
    const paid = await call<PayResult>('issuance.pay', SMALL);
    if (paid.outcome !== 'awaitingPayment') throw new Error('not awaiting');
    hostInternals(host).sandbox?.confirmPayment(paid.payment.orderId);
    const cancel = await call<{ status: string }>('issuance.cancel', { transactionId: paid.payment.transactionId });
    expect(cancel).toMatchObject({ status: 'paid', paid: { transactionId: paid.payment.transactionId } });
    expect(await call('issuance.print', { transactionId: paid.payment.transactionId })).toMatchObject({ outcome: 'completed' });
  }, 30_000);

  it('a card lifted on the payment screen keeps the visit: the payment goes on to its invoice, the visit ends only after', async () => {
    const pagesBefore = (await output()).invoicePages.length;
    const paid = await call<PayResult>('issuance.pay', SMALL);
    if (paid.outcome !== 'awaitingPayment') throw new Error('not awaiting');
    const { transactionId } = paid.payment;
    const sessionId = (await call<{ sessionId: string }>('session.get')).sessionId;
    await call('sim.idcard.lift');
    // The reader reports the lift; the visit stays on screen, said as away.
    await waitFor(async () => ((await call<{ cardAway?: boolean }>('session.get')).cardAway === true ? true : undefined));
    expect(await call('session.get')).toMatchObject({ state: 'active', sessionId, cardAway: true });
    expect(await call('sim.payment.confirm')).toEqual({ confirmed: true });
    expect(await call('issuance.paymentStatus', { transactionId })).toMatchObject({ status: 'paid' });
    expect(await call('issuance.print', { transactionId })).toMatchObject({ outcome: 'completed' });
    expect((await output()).invoicePages.length - pagesBefore).toBe(1);
    // The result stays on screen (the idle time runs from here), never a silent jump to the attract screen.
    expect(await call('session.get')).toMatchObject({ state: 'active', sessionId });
    await exitVisit();
    await placeCard('resident');
  }, 30_000);

  it('a card lifted after the payment was cancelled ends the visit as before', async () => {
    const paid = await call<PayResult>('issuance.pay', SMALL);
    if (paid.outcome !== 'awaitingPayment') throw new Error('not awaiting');
    expect(await call('issuance.cancel', { transactionId: paid.payment.transactionId })).toEqual({ status: 'cancelled', paid: null });
    await liftCard();
    await placeCard('resident');
  }, 30_000);

  it('payment pending then expired: the QR code stops, the transaction fails, no charge', async () => {
    const paid = await call<PayResult>('issuance.pay', SMALL);
    if (paid.outcome !== 'awaitingPayment') throw new Error('not awaiting');
    const { transactionId, orderId } = paid.payment;
    expect(await call('issuance.paymentStatus', { transactionId })).toMatchObject({ status: 'pending' });
    // The sandbox works expiry out from its clock: move the order's deadline into the past.
    const sandboxDb = new Database(path.join(dataDir, 'sandbox-backend.sqlite'));
    try {
      sandboxDb.prepare('UPDATE payment_orders SET expires_at = ? WHERE order_id = ?').run(new Date(Date.now() - 1000).toISOString(), orderId);
    } finally {
      sandboxDb.close();
    }
    expect(await call('issuance.paymentStatus', { transactionId })).toEqual({ status: 'expired', paid: null });
    expect(txState(transactionId)).toBe('failed');
    expect(await call('sim.payment.confirm')).toEqual({ confirmed: false });
  });

  it('printer fault after payment: the payment is kept, "print again" finishes it with exactly one invoice number', async () => {
    const transactionId = await payAndConfirm(BIG);
    const pagesBefore = (await output()).invoicePages.length;
    await call('sim.printer.setState', { printer: 'invoice', state: 'cover-open' });
    let first: PrintResult;
    try {
      await waitFor(async () => ((await call<{ invoice: { coverOpen: boolean } }>('devices.status')).invoice.coverOpen ? true : undefined));
      first = await call<PrintResult>('issuance.print', { transactionId });
    } finally {
      await call('sim.printer.setState', { printer: 'invoice', state: 'ready' });
      await printersReady();
    }
    expect(first).toEqual({ outcome: 'printerNotReady', transactionId, fault: 'coverOpen' });
    expect(txState(transactionId)).toBe('paid');
    expect(allocationsOf(transactionId).filter((a) => a.state !== 'returned')).toEqual([]);

    // The printer refuses at its own status check, before the kiosk's cached status knows: still nothing on paper.
    sims().invoice.setState('paper-out');
    let second: PrintResult;
    try {
      second = await call<PrintResult>('issuance.print', { transactionId });
    } finally {
      sims().invoice.setState('ready');
      await printersReady();
    }
    expect(second).toMatchObject({ outcome: 'printerNotReady', transactionId });
    expect(txState(transactionId)).toBe('paid');

    const done = await call<PrintResult>('issuance.print', { transactionId });
    expect(done).toMatchObject({ outcome: 'completed' });
    if (done.outcome !== 'completed') return;
    const pages = (await output()).invoicePages.slice(pagesBefore);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(done.invoiceNumber);
    const kept = allocationsOf(transactionId).filter((a) => a.state !== 'returned');
    expect(kept).toEqual([{ code: done.invoiceCode, n: Number(done.invoiceNumber), state: 'completed' }]);
    expect(kioskDb((db) => (db.prepare('SELECT count(*) AS n FROM outbox WHERE transaction_id = ?').get(transactionId) as { n: number }).n)).toBe(2);
  }, 30_000);

  it('the same person coming back finds a paid, unprinted invoice and prints it without paying again', async () => {
    const transactionId = await payAndConfirm(SMALL);
    // A paid issue holds the visit against a lift (the invoice is printed first): the person leaves by Exit.
    await call('sim.idcard.lift');
    await waitFor(async () => ((await call<{ cardAway?: boolean }>('session.get')).cardAway === true ? true : undefined));
    await exitVisit();
    await placeCard('resident');
    const begin = await call<{ unfinished: { transactionId: string; stage: string }[] }>('issuance.begin');
    expect(begin.unfinished).toEqual([expect.objectContaining({ transactionId, stage: 'paid', payableFen: 1_500 })]);
    expect(await call('issuance.resume', { transactionId })).toMatchObject({ outcome: 'paid', paid: { transactionId } });
    // Another person never sees it (the resumed paid issue holds the visit against a lift: Exit).
    await exitVisit();
    await placeCard('resident-long-term');
    expect(await raw('issuance.print', { transactionId })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    await liftCard();
    await placeCard('resident');
    expect(await call('issuance.print', { transactionId })).toMatchObject({ outcome: 'completed' });
    expect((await call<{ unfinished: unknown[] }>('issuance.begin')).unfinished).toEqual([]);
  }, 30_000);

  it('after a crash: a paid transaction is finished on the next visit; one caught while printing needs attention, never a blind reprint', async () => {
    const paidId = await payAndConfirm(SMALL);
    const printingId = await payAndConfirm(SMALL);
    await host.stop();

    // What a process killed mid-print leaves: the number claimed and `printing` written, nothing after.
    const db = openDatabase(dataDir);
    try {
      const store = new TransactionStore(db, openPiiCipher(dataDir));
      const allocator = new StockAllocator(db);
      db.transaction(() => {
        const claimed = allocator.allocate({ transactionId: printingId, type: 'ordinary-paper-10', quantity: 1 });
        if (!claimed.ok) throw new Error('no stock');
        allocator.markPrinting(claimed.allocation.id);
        const tx = store.get(printingId);
        const payload = tx?.payload as Record<string, unknown>;
        store.transition(printingId, {
          from: 'paid',
          to: 'printing',
          payload: {
            ...payload,
            invoice: { code: claimed.allocation.code, number: claimed.allocation.first, allocationId: claimed.allocation.id, issueDate: '2026-01-01' },
          },
        });
      }).immediate();
    } finally {
      db.close();
    }

    await startHost();
    expect(txState(printingId)).toBe('needsAttention');
    expect(allocationsOf(printingId).map((a) => a.state)).toEqual(['voided']);
    const begin = await call<{ unfinished: { transactionId: string }[] }>('issuance.begin');
    expect(begin.unfinished.map((u) => u.transactionId)).toEqual([paidId]);
    const pagesBefore = (await output()).invoicePages.length;
    expect(await call('issuance.print', { transactionId: printingId })).toEqual({ outcome: 'needsAttention', transactionId: printingId });
    const done = await call<PrintResult>('issuance.print', { transactionId: paidId });
    expect(done).toMatchObject({ outcome: 'completed' });
    expect((await output()).invoicePages.length - pagesBefore).toBe(1);
    expect(allocationsOf(paidId).map((a) => a.state)).toEqual(['completed']);
  }, 60_000);
});

function sims() {
  const s = hostInternals(host).simulators();
  if (!s) throw new Error('no simulators');
  return s;
}
