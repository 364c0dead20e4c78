import { describe, expect, it } from 'vitest';
import { COLLECTION_START, collectionStep, stepNumber, type CollectionEvent, type CollectionState, type Next } from '../../../renderer/src/flow/collection';
import { progressText, refusalText } from '../../../renderer/src/flow/collection-words';
import { createKioskStore } from '../../../renderer/src/store';
import { typeCode } from '../../../renderer/src/keyboard/input-rules';
import { translate, type MessageKey, type ParamsArg } from '../../../shared/i18n';
import type { CollectionRefusal, InvoiceTypeOption, TaxpayerChoice } from '../../../shared/contract/services/collection';

const A: TaxpayerChoice = { id: '91110105MA01ABCD13', name: '北京某某科技有限公司', kind: 'enterprise', asAgent: true };
const B: TaxpayerChoice = { id: '92110105MA01EFGH2R', name: '张三便利店', kind: 'individual', asAgent: false };
const normal: InvoiceTypeOption = { code: '04', name: '增值税普通发票', quotaRemaining: 20, stockRemaining: 50, maxQuantity: 20 };
const special: InvoiceTypeOption = { code: '01', name: '增值税专用发票', quotaRemaining: 0, stockRemaining: 30, maxQuantity: 0 };

function run(events: CollectionEvent[], from: CollectionState = COLLECTION_START): Next {
  let state: Next = from;
  for (const event of events) {
    if (state === null) return null;
    state = collectionStep(state, event);
  }
  return state;
}

const zh = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => translate('zh-CN', key, ...args);
const en = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => translate('en', key, ...args);

describe('collection flow machine', () => {
  it('skips the taxpayer screen when there is exactly one taxpayer', () => {
    const state = run([{ type: 'taxpayersLoaded', result: { outcome: 'ok', taxpayers: [A] } }]);
    expect(state).toMatchObject({ name: 'loadingOptions', taxpayer: A });
    // Back from the types then leaves the flow: there was nothing to choose.
    expect(run([{ type: 'optionsLoaded', taxpayerId: A.id, result: { outcome: 'ok', types: [normal] } }, { type: 'back' }], state ?? undefined)).toBeNull();
  });

  it('asks to choose among several taxpayers and goes back to that list', () => {
    const listed = run([{ type: 'taxpayersLoaded', result: { outcome: 'ok', taxpayers: [A, B] } }]);
    expect(listed?.name).toBe('chooseTaxpayer');
    const types = run(
      [
        { type: 'taxpayerChosen', taxpayer: B },
        { type: 'optionsLoaded', taxpayerId: B.id, result: { outcome: 'ok', types: [normal, special] } },
      ],
      listed ?? undefined,
    );
    // The only type that can be taken is preselected.
    expect(types).toMatchObject({ name: 'chooseType', selected: '04', quantity: 1 });
    expect(run([{ type: 'back' }], types ?? undefined)?.name).toBe('chooseTaxpayer');
  });

  it('backendUnreachable and a failed call both end on the offline message', () => {
    expect(run([{ type: 'taxpayersLoaded', result: { outcome: 'backendUnreachable' } }])?.name).toBe('offline');
    expect(run([{ type: 'callFailed' }])?.name).toBe('offline');
  });

  it('runs type → quantity → confirm → collecting → completed, clamping the quantity to maxQuantity', () => {
    const types = run([
      { type: 'taxpayersLoaded', result: { outcome: 'ok', taxpayers: [A] } },
      { type: 'optionsLoaded', taxpayerId: A.id, result: { outcome: 'ok', types: [normal, special] } },
    ]);
    const qty = run([{ type: 'quantitySet', quantity: 99 }], types ?? undefined);
    expect(qty).toMatchObject({ quantity: 20 });
    expect(run([{ type: 'quantitySet', quantity: 0 }], qty ?? undefined)).toMatchObject({ quantity: 1 });
    // A type with maxQuantity 0 cannot be taken on.
    expect(run([{ type: 'typeSelected', code: '01' }, { type: 'next' }], types ?? undefined)?.name).toBe('chooseType');
    const collecting = run([{ type: 'quantitySet', quantity: 5 }, { type: 'next' }, { type: 'confirmed' }], types ?? undefined);
    expect(collecting).toMatchObject({ name: 'collecting', request: { taxpayerId: A.id, invoiceType: '04', quantity: 5 } });
    // No way back while forms print.
    expect(run([{ type: 'back' }], collecting ?? undefined)?.name).toBe('collecting');
    const done = run(
      [
        { type: 'progress', progress: { step: 'printingForms', done: 2, total: 5 } },
        {
          type: 'collected',
          result: {
            outcome: 'completed',
            transactionId: 't',
            invoiceType: '04',
            invoiceTypeName: '增值税普通发票',
            code: '011002300111',
            first: '00000101',
            last: '00000105',
            quantity: 5,
            taxpayerName: '北京青禾科技有限公司',
            receiptPrinted: true,
          },
        },
      ],
      collecting ?? undefined,
    );
    expect(done?.name).toBe('completed');
    expect(done && stepNumber(done)).toBe(5);
    expect(run([{ type: 'back' }], done ?? undefined)).toBeNull();
  });

  it('a call lost while printing becomes "failed" with the forms seen so far', () => {
    const collecting: CollectionState = {
      name: 'collecting',
      request: { pickupCode: 'AB12CD' },
      progress: { step: 'printingForms', done: 3, total: 5 },
      taxpayerName: B.name,
      from: {
        name: 'confirm',
        from: { name: 'chooseType', taxpayers: [B], taxpayer: B, types: [normal], selected: '04', quantity: 1 },
        type: normal,
        quantity: 1,
      },
    };
    expect(collectionStep(collecting, { type: 'callFailed' })).toEqual({ name: 'failed', formsOut: 3, transactionId: null });
  });

  it('a pickup code is upper-cased, capped at 12 and only sent when valid', () => {
    const types: CollectionState = { name: 'chooseType', taxpayers: [A], taxpayer: A, types: [normal], selected: '04', quantity: 1 };
    const pickup = run([{ type: 'pickupOpened' }, { type: 'pickupTyped', code: 'ab12' }], types);
    expect(pickup).toMatchObject({ name: 'pickup', code: 'AB12' });
    expect(run([{ type: 'pickupSubmitted' }], pickup ?? undefined)?.name).toBe('pickup');
    const looking = run([{ type: 'pickupTyped', code: 'AB12CD34EF56GH' }, { type: 'pickupSubmitted' }], pickup ?? undefined);
    // Looked up first: nothing is collected before the person has seen what the code collects.
    expect(looking).toMatchObject({ name: 'loadingPickup', code: 'AB12CD34EF56' });
    expect(run([{ type: 'back' }], pickup ?? undefined)).toBe(types);
  });

  it('a pickup code: one screen names taxpayer, type and count; 确认 collects, 返回 goes back to the code as typed', () => {
    const types: CollectionState = { name: 'chooseType', taxpayers: [A], taxpayer: A, types: [normal], selected: '04', quantity: 1 };
    const looking = run([{ type: 'pickupOpened' }, { type: 'pickupTyped', code: '80000001' }, { type: 'pickupSubmitted' }], types);
    const preview = { code: '80000001', taxpayerName: '东城区示例便利店', invoiceType: '04', invoiceTypeName: '增值税普通发票', quantity: 10 };
    // An answer for another code (typed, changed, sent again) is dropped.
    expect(
      run([{ type: 'pickupLoaded', code: '80000002', result: { outcome: 'found', pickup: { ...preview, code: '80000002' } } }], looking ?? undefined),
    ).toBe(looking);
    const confirm = run([{ type: 'pickupLoaded', code: '80000001', result: { outcome: 'found', pickup: preview } }], looking ?? undefined);
    expect(confirm).toMatchObject({ name: 'pickupConfirm', pickup: preview });
    expect(confirm && stepNumber(confirm)).toBe(3);
    expect(run([{ type: 'back' }], confirm ?? undefined)).toMatchObject({ name: 'pickup', code: '80000001' });
    expect(run([{ type: 'confirmed' }], confirm ?? undefined)).toMatchObject({ name: 'collecting', request: { pickupCode: '80000001' } });
    const refused = run(
      [
        {
          type: 'pickupLoaded',
          code: '80000001',
          result: { outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected', collectedAt: '2025-06-20T02:00:00.000Z' } },
        },
      ],
      looking ?? undefined,
    );
    expect(refused).toMatchObject({ name: 'refused', refusal: { reason: 'pickupAlreadyCollected' } });
    // The host away while looking up: the offline screen.
    expect(run([{ type: 'callFailed' }], looking ?? undefined)).toEqual({ name: 'offline' });
  });

  it('drops answers that no longer fit the state', () => {
    const list: CollectionState = { name: 'chooseTaxpayer', taxpayers: [A, B] };
    expect(collectionStep(list, { type: 'optionsLoaded', taxpayerId: A.id, result: { outcome: 'ok', types: [] } })).toBe(list);
    expect(collectionStep(list, { type: 'collected', result: { outcome: 'failed', transactionId: null, formsOut: 0, fault: null } })).toBe(list);
  });

  it('reset() and a new visit clear the flow from the store', () => {
    const store = createKioskStore();
    store.getState().startCollection();
    store.getState().collectionEvent({ type: 'taxpayersLoaded', result: { outcome: 'ok', taxpayers: [A, B] } });
    expect(store.getState().collection?.name).toBe('chooseTaxpayer');
    store.getState().reset();
    expect(store.getState().collection).toBeNull();
    expect(JSON.stringify(store.getState())).not.toContain(A.name);
  });
});

describe('code keyboard mode (取票码)', () => {
  it('takes digits and every capital, upper-cases, refuses other keys and a full field', () => {
    expect(typeCode('AB', 'o', 12)).toEqual({ ok: true, value: 'ABO' });
    expect(typeCode('AB', 'Z', 12)).toEqual({ ok: true, value: 'ABZ' });
    expect(typeCode('AB', '-', 12)).toEqual({ ok: false, refusal: { reason: 'letters' } });
    expect(typeCode('AB12CD34EF56', '7', 12)).toEqual({ ok: false, refusal: { reason: 'full' } });
  });
});

describe('collection words', () => {
  const refusals: CollectionRefusal[] = [
    { reason: 'notRegistered', registration: 'suspended' },
    { reason: 'typeNotApproved', invoiceType: '01' },
    { reason: 'arrears', arrearsFen: 12_345 },
    { reason: 'creditGrade', grade: 'D' },
    { reason: 'quotaExceeded', monthlyQuota: 25, usedThisMonth: 20, remaining: 5, requested: 10 },
    { reason: 'unverifiedInvoices', unverifiedCount: 7 },
    { reason: 'noStock', invoiceType: '04', remaining: 2 },
    { reason: 'pickupNotFound' },
    { reason: 'pickupAlreadyCollected', collectedAt: '2026-11-02T09:30:00.000Z' },
    { reason: 'pickupOtherPerson' },
    { reason: 'backendUnreachable' },
    { reason: 'printerNotReady', printer: 'invoice', fault: 'paperOut' },
  ];

  it('has a distinct, filled-in text for every refusal in both languages', () => {
    for (const t of [zh, en]) {
      const texts = refusals.map((r) => refusalText(t, r));
      expect(new Set(texts).size).toBe(refusals.length);
      for (const text of texts) expect(text).not.toMatch(/[{}]/);
    }
    expect(refusalText(zh, refusals[2] as CollectionRefusal)).toBe('有欠税 123.45 元 未缴清，请先到办税服务厅或通过电子税务局缴清后再领用。'); // the amount, as 代开 shows it (issue 15);
    expect(refusalText(zh, refusals[4] as CollectionRefusal)).toContain('还可领 5 份');
    expect(refusalText(zh, refusals[5] as CollectionRefusal)).toContain('7 份');
    expect(refusalText(zh, refusals[5] as CollectionRefusal)).toContain('请先办理验旧');
    expect(refusalText(zh, refusals[11] as CollectionRefusal)).toContain('发票打印机缺纸');
  });

  it('progress reads n / N while forms come out', () => {
    expect(progressText(zh, { step: 'printingForms', done: 3, total: 10 })).toBe('正在出票：第 3 份，共 10 份');
    expect(progressText(en, null)).toBe('Checking that you may collect…');
  });
});

describe('a refused pickup code', () => {
  const chooseType = {
    name: 'chooseType',
    taxpayers: [],
    taxpayer: { id: '92110105MA01EFGH2R', name: '张三便利店', kind: 'individual', asAgent: false },
    types: [],
    selected: null,
    quantity: 1,
  } as const;

  it('重新输入 goes back to the code as typed; the refusal knows it came from a pickup code', () => {
    const loading = { name: 'loadingPickup', from: chooseType, code: '80000001' } as const;
    const refused = collectionStep(loading as never, {
      type: 'pickupLoaded',
      code: '80000001',
      result: { outcome: 'refused', refusal: { reason: 'pickupNotFound' } },
    });
    expect(refused).toMatchObject({ name: 'refused', viaPickup: true, retry: { name: 'pickup', code: '80000001' } });
    expect(collectionStep(refused as never, { type: 'retryPickup' })).toMatchObject({ name: 'pickup', code: '80000001' });
  });

  it('a refusal of a pickup collect is marked viaPickup; a counted request is not', () => {
    const confirm = { name: 'confirm', from: chooseType, type: normal, quantity: 2 } as const;
    const noStock = { outcome: 'refused', refusal: { reason: 'noStock', invoiceType: '04', remaining: 3 } } as const;
    expect(
      collectionStep(
        { name: 'collecting', request: { pickupCode: '80000001' }, progress: null, taxpayerName: B.name, from: confirm },
        { type: 'collected', result: noStock },
      ),
    ).toMatchObject({
      viaPickup: true,
      // The step the refusal answered, and whose collection it was (issue 15).
      atStep: 4,
      taxpayerName: B.name,
    });
    expect(
      collectionStep(
        { name: 'collecting', request: { taxpayerId: 'X', invoiceType: '04', quantity: 2 }, progress: null, taxpayerName: A.name, from: confirm },
        { type: 'collected', result: noStock },
      ),
    ).not.toHaveProperty('viaPickup');
  });
});

describe('the step counter on a refusal (issue 15: it jumped to 第5步，共5步)', () => {
  it('stays on the step the refusal answered: 2 for the options, 4 for the collection itself', () => {
    const atOptions = run([
      { type: 'taxpayersLoaded', result: { outcome: 'ok', taxpayers: [A] } },
      { type: 'optionsLoaded', taxpayerId: A.id, result: { outcome: 'refused', refusal: { reason: 'backendUnreachable' } } },
    ]);
    expect(atOptions).toMatchObject({ name: 'refused', taxpayerName: A.name });
    expect(atOptions && stepNumber(atOptions)).toBe(2);
    expect(zh('collection.step', { step: atOptions ? stepNumber(atOptions) : 0 })).not.toContain('第5步');
  });
});

describe('返回上一步 on a refusal (issue 15: it did what 返回业务菜单 does)', () => {
  it('an options refusal goes back to the taxpayer list; 返回业务菜单 (menu) leaves', () => {
    const refused = run([
      { type: 'taxpayersLoaded', result: { outcome: 'ok', taxpayers: [A, B] } },
      { type: 'taxpayerChosen', taxpayer: B },
      { type: 'optionsLoaded', taxpayerId: B.id, result: { outcome: 'refused', refusal: { reason: 'backendUnreachable' } } },
    ]);
    expect(refused?.name).toBe('refused');
    expect(run([{ type: 'back' }], refused ?? undefined)).toMatchObject({ name: 'chooseTaxpayer', taxpayers: [A, B] });
    expect(run([{ type: 'menu' }], refused ?? undefined)).toBeNull();
  });

  it('with one taxpayer there is no step before: the refusal has no back step', () => {
    const refused = run([
      { type: 'taxpayersLoaded', result: { outcome: 'ok', taxpayers: [A] } },
      { type: 'optionsLoaded', taxpayerId: A.id, result: { outcome: 'refused', refusal: { reason: 'backendUnreachable' } } },
    ]);
    expect(refused).toMatchObject({ name: 'refused', previous: null });
  });

  it('a refused collection goes back to the confirmation with the type and count kept', () => {
    const confirm = run([
      { type: 'taxpayersLoaded', result: { outcome: 'ok', taxpayers: [A] } },
      { type: 'optionsLoaded', taxpayerId: A.id, result: { outcome: 'ok', types: [normal] } },
      { type: 'quantitySet', quantity: 5 },
      { type: 'next' },
    ]);
    const refused = run(
      [{ type: 'confirmed' }, { type: 'collected', result: { outcome: 'refused', refusal: { reason: 'noStock', invoiceType: '04', remaining: 3 } } }],
      confirm ?? undefined,
    );
    expect(refused?.name).toBe('refused');
    expect(run([{ type: 'back' }], refused ?? undefined)).toEqual(confirm);
  });

  it('a refused pickup code goes back to the code as typed', () => {
    const chooseType = run([
      { type: 'taxpayersLoaded', result: { outcome: 'ok', taxpayers: [A] } },
      { type: 'optionsLoaded', taxpayerId: A.id, result: { outcome: 'ok', types: [normal] } },
    ]);
    const refused = run(
      [
        { type: 'pickupOpened' },
        { type: 'pickupTyped', code: '80000001' },
        { type: 'pickupSubmitted' },
        { type: 'pickupLoaded', code: '80000001', result: { outcome: 'refused', refusal: { reason: 'pickupNotFound' } } },
      ],
      chooseType ?? undefined,
    );
    expect(run([{ type: 'back' }], refused ?? undefined)).toMatchObject({ name: 'pickup', code: '80000001' });
  });
});
