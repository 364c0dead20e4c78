import { describe, expect, it } from 'vitest';
import { ISSUANCE_START, issuanceStep, toRequest, type IssuanceContext, type IssuanceState } from '../../../renderer/src/flow/issuance';

const SELLER = { id: '92110101L000000116', name: '东城区示例便利店', kind: 'individual', asAgent: false } as const;
const ctx = { sellers: [SELLER], maxLines: 8, limitFen: 9_999_999 };
const PAYMENT = {
  transactionId: 'T1',
  orderId: 'O1',
  amountFen: 450,
  qr: { size: 21, rows: Array(21).fill('0'.repeat(21)) },
  expiresAt: '2030-01-01T00:00:00.000Z',
};
const PAID = { transactionId: 'T1', sellerName: SELLER.name, buyerName: '张*', grossFen: 30_000, paidFen: 450 };
const awaiting: IssuanceState = { name: 'awaitingPayment', ctx, payment: PAYMENT, unknown: false, cancelling: false, asking: null, draft: null };

function run(state: IssuanceState | null, ...events: Parameters<typeof issuanceStep>[1][]): IssuanceState | null {
  let s = state;
  for (const e of events) if (s) s = issuanceStep(s, e);
  return s;
}

describe('issuance flow', () => {
  it('one seller: skips the list and asks the host about it; a refusal keeps no draft', () => {
    const s = run(ISSUANCE_START, { type: 'begun', result: { outcome: 'ok', sellers: [SELLER], unfinished: [], maxLines: 8, limitFen: 9_999_999 } });
    expect(s).toMatchObject({ name: 'checkingSeller', seller: SELLER });
    expect(run(s, { type: 'sellerChecked', taxpayerId: SELLER.id, result: { outcome: 'refused', refusal: { reason: 'noStock' } } })).toMatchObject({
      name: 'refused',
      draft: null,
    });
  });

  it('builds the request from the draft with the amount worked out exactly', () => {
    let s = run(
      ISSUANCE_START,
      { type: 'begun', result: { outcome: 'ok', sellers: [SELLER], unfinished: [], maxLines: 8, limitFen: 9_999_999 } },
      { type: 'sellerChecked', taxpayerId: SELLER.id, result: { outcome: 'ok' } },
    );
    s = run(
      s,
      { type: 'buyerKind', kind: 'individual' },
      { type: 'buyerTyped', value: ' 张三 ' },
      { type: 'buyerField', field: null },
      { type: 'next' },
      { type: 'addLine' },
    );
    s = run(
      s,
      { type: 'lineTyped', value: '文具' },
      { type: 'lineField', field: 'quantity' },
      { type: 'lineTyped', value: '3' },
      { type: 'lineField', field: 'unitPrice' },
      { type: 'lineTyped', value: '0.33' },
      { type: 'lineSaved' },
    );
    expect(s?.name).toBe('lines');
    if (s?.name !== 'lines') return;
    expect(toRequest(s.draft)).toEqual({
      taxpayerId: SELLER.id,
      buyer: { kind: 'individual', name: '张三' },
      lines: [{ name: '文具', quantity: '3', unitPrice: '0.33', amountFen: 99 }],
    });
  });

  it('取消缴税 asks once before it cancels; "continue paying" keeps the code on screen', () => {
    const asked = run(awaiting, { type: 'back' });
    expect(asked).toMatchObject({ name: 'awaitingPayment', asking: 'back', cancelling: false });
    // A second tap on the same button does not cancel behind the question.
    expect(run(asked, { type: 'back' })).toBe(asked);
    expect(run(asked, { type: 'cancelDismissed' })).toMatchObject({ name: 'awaitingPayment', asking: null, cancelling: false });
    expect(run(asked, { type: 'cancelRequested' })).toMatchObject({ name: 'awaitingPayment', asking: null, cancelling: true });
    // Exit on the QR screen asks the same question.
    expect(run(awaiting, { type: 'exitAsked' })).toMatchObject({ asking: 'exit', cancelling: false });
    // The money arriving while the question is open: the invoice prints, the question is gone.
    expect(run(asked, { type: 'paymentChecked', transactionId: 'T1', result: { status: 'paid', paid: PAID } })).toMatchObject({ name: 'printing', paid: PAID });
    // Nothing to ask outside the QR screen.
    const printing: IssuanceState = { name: 'printing', paid: PAID, progress: null };
    expect(run(printing, { type: 'exitAsked' })).toBe(printing);
  });

  it('a confirmed cancel answered "paid" goes on to print, never drops the payment', () => {
    const cancelling = run(awaiting, { type: 'back' }, { type: 'cancelRequested' });
    expect(cancelling).toMatchObject({ name: 'awaitingPayment', cancelling: true });
    expect(run(cancelling, { type: 'cancelled', transactionId: 'T1', result: { status: 'paid', paid: PAID } })).toMatchObject({ name: 'printing', paid: PAID });
    expect(run(cancelling, { type: 'cancelled', transactionId: 'T1', result: { status: 'unknown', paid: null } })).toEqual({
      name: 'cancelUnknown',
      transactionId: 'T1',
    });
  });

  it('polls: unknown is shown and cleared, expiry ends the payment, a stale answer is dropped', () => {
    const unknown = run(awaiting, { type: 'paymentChecked', transactionId: 'T1', result: { status: 'unknown', paid: null } });
    expect(unknown).toMatchObject({ unknown: true });
    expect(run(unknown, { type: 'paymentChecked', transactionId: 'T1', result: { status: 'pending', paid: null } })).toMatchObject({ unknown: false });
    expect(run(awaiting, { type: 'paymentChecked', transactionId: 'T1', result: { status: 'expired', paid: null } })).toMatchObject({
      name: 'paymentEnded',
      reason: 'expired',
    });
    expect(run(awaiting, { type: 'paymentChecked', transactionId: 'OTHER', result: { status: 'paid', paid: PAID } })).toBe(awaiting);
  });

  it('a printer fault after payment offers print again; a lost answer while printing goes to staff', () => {
    const printing: IssuanceState = { name: 'printing', paid: PAID, progress: null };
    const failed = run(printing, { type: 'printed', result: { outcome: 'printerNotReady', transactionId: 'T1', fault: 'paperOut' } });
    expect(failed).toMatchObject({ name: 'printFailed', reason: 'printer', fault: 'paperOut' });
    expect(run(failed, { type: 'printAgain' })).toEqual(printing);
    expect(run(printing, { type: 'back' })).toBe(printing);
    expect(run(printing, { type: 'callFailed' })).toEqual({ name: 'needsAttention', transactionId: 'T1' });
  });
});

describe('返回上一步 on a refusal (issue 15: it did what 返回业务菜单 does)', () => {
  const OTHER = { id: '91110105MA01ABCD13', name: '北京某某科技有限公司', kind: 'enterprise', asAgent: true } as const;
  const two = { sellers: [SELLER, OTHER], maxLines: 8, limitFen: 9_999_999 };
  const refusedSeller = (c: IssuanceContext) =>
    run(
      { name: 'checkingSeller', ctx: c, seller: SELLER },
      { type: 'sellerChecked', taxpayerId: SELLER.id, result: { outcome: 'refused', refusal: { reason: 'sellerHasArrears', arrearsFen: 1_234_500 } } },
    );

  it('a refused seller goes back to the seller list; menu leaves', () => {
    const refused = refusedSeller(two);
    expect(refused?.name).toBe('refused');
    expect(run(refused, { type: 'back' })).toMatchObject({ name: 'chooseSeller', ctx: two });
    expect(run(refused, { type: 'menu' })).toBeNull();
  });

  it('with one seller there is no step before', () => {
    expect(refusedSeller(ctx)).toMatchObject({ name: 'refused', previous: null });
  });

  it('a refused quote goes back to the lines with the draft kept', () => {
    const draft = {
      seller: SELLER,
      buyer: { kind: 'individual', name: '张三', taxId: '' },
      lines: [{ name: '加工费', unit: '次', quantity: '1', unitPrice: '300' }],
    } as const;
    const refused = run(
      { name: 'quoting', ctx, draft },
      { type: 'quoted', result: { outcome: 'refused', refusal: { reason: 'grossOverLimit', grossFen: 30_000, limitFen: 100 } } },
    );
    expect(refused?.name).toBe('refused');
    expect(run(refused, { type: 'back' })).toEqual({ name: 'lines', ctx, draft });
  });
});

describe('重新开票 after the payment ended (issue 15: it discarded everything typed without asking)', () => {
  const draft = {
    seller: SELLER,
    buyer: { kind: 'company', name: '北京某某科技有限公司', taxId: '91110105MA01ABCD13' },
    lines: [{ name: '加工费', unit: '次', quantity: '2', unitPrice: '150' }],
  } as const;

  it('an expired or cancelled payment starts again on the filled form: buyer and lines kept', () => {
    const waiting = run({ name: 'paying', ctx, draft }, { type: 'payResult', result: { outcome: 'awaitingPayment', payment: PAYMENT } });
    expect(waiting?.name).toBe('awaitingPayment');
    const expired = run(waiting, { type: 'paymentChecked', transactionId: 'T1', result: { status: 'expired', paid: null } });
    expect(expired).toMatchObject({ name: 'paymentEnded', reason: 'expired' });
    expect(run(expired, { type: 'again' })).toEqual({ name: 'lines', ctx, draft });
    const cancelled = run(waiting, { type: 'cancelRequested' }, { type: 'cancelled', transactionId: 'T1', result: { status: 'cancelled', paid: null } });
    expect(run(cancelled, { type: 'again' })).toEqual({ name: 'lines', ctx, draft });
  });

  it('a resumed order had nothing typed here: 重新开票 starts from the seller, nothing is lost', () => {
    const waiting = run(
      { name: 'resuming', ctx, transactionId: 'T1' },
      { type: 'payResult', result: { outcome: 'awaitingPayment', payment: PAYMENT } },
      { type: 'paymentChecked', transactionId: 'T1', result: { status: 'expired', paid: null } },
    );
    expect(run(waiting, { type: 'again' })).toMatchObject({ name: 'checkingSeller', seller: SELLER });
  });
});
