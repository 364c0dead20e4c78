import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_START,
  certificateStep,
  stepNumber,
  type CertificateEvent,
  type CertificateState,
  type Next,
} from '../../../renderer/src/flow/certificate';
import { progressWords, refusalWords, yuanText } from '../../../renderer/src/flow/certificate-words';
import { createKioskStore } from '../../../renderer/src/store';
import { translate, type MessageKey, type ParamsArg } from '../../../shared/i18n';
import type { CertificateBounds, CertificateRecord, CertificateRefusal } from '../../../shared/contract/services/certificate';

const BOUNDS: CertificateBounds = {
  earliest: '2023-01',
  latest: '2025-12',
  historyMonths: 36,
  maxSpanMonths: 12,
  presets: [{ id: 'last12Months', from: '2024-12', to: '2025-11' }],
};
const RECORD: CertificateRecord = {
  period: '2025-01',
  item: '工资薪金所得',
  agent: '示例科技有限公司',
  amountFen: 45_000,
  paidOn: '2025-02-15',
  authority: '国家税务总局示例市历下区税务局',
};
const RANGE = { from: '2024-12', to: '2025-11' };

function run(events: CertificateEvent[], from: CertificateState = CERTIFICATE_START): Next {
  let state: Next = from;
  for (const event of events) {
    if (state === null) return null;
    state = certificateStep(state, event);
  }
  return state;
}
const zh = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => translate('zh-CN', key, ...args);

describe('certificate flow machine', () => {
  it('preset → preview → printing → completed, numbered 1 to 4', () => {
    const loaded = run([
      { type: 'periodsLoaded', bounds: BOUNDS },
      { type: 'presetChosen', range: RANGE },
    ]);
    expect(loaded).toMatchObject({ name: 'loadingRecords', range: RANGE, origin: 'preset' });
    const preview = run(
      [{ type: 'recordsLoaded', range: RANGE, result: { outcome: 'ok', ...RANGE, records: Array(11).fill(RECORD), totalFen: 495_000 } }],
      loaded!,
    );
    expect(preview).toMatchObject({ name: 'preview', page: 0 });
    expect(stepNumber(preview!)).toBe(2);
    // Paging stops at the ends: 11 records are 3 pages of 5.
    expect(run([{ type: 'pageChanged', page: 9 }], preview!)).toMatchObject({ page: 2 });
    const printing = run([{ type: 'print' }, { type: 'idNumberShownChosen', shown: 'full' }, { type: 'progress', step: 'printing' }], preview!);
    expect(printing).toMatchObject({ name: 'printing', progress: 'printing' });
    expect(run([{ type: 'back' }], printing!)).toBe(printing);
    const done = run(
      [
        {
          type: 'printed',
          result: {
            outcome: 'completed',
            transactionId: 'T',
            ...RANGE,
            recordCount: 11,
            totalFen: 495_000,
            pages: 2,
            verificationCode: 'ABCD-EFGH-JKLM-NPQR-T',
            receiptPrinted: true,
          },
        },
      ],
      printing!,
    );
    expect(done).toMatchObject({ name: 'completed' });
    expect(stepNumber(done!)).toBe(4);
    expect(run([{ type: 'back' }], done!)).toBeNull();
  });

  it('Print asks how the ID number is printed (in full first); the answer goes to the print; Back closes the question', () => {
    const preview = run([
      { type: 'periodsLoaded', bounds: BOUNDS },
      { type: 'presetChosen', range: RANGE },
      { type: 'recordsLoaded', range: RANGE, result: { outcome: 'ok', ...RANGE, records: [RECORD], totalFen: 45_000 } },
    ])!;
    expect(preview).toMatchObject({ name: 'preview', askingId: false });
    // No answer without the question.
    expect(run([{ type: 'idNumberShownChosen', shown: 'full' }], preview)).toBe(preview);
    const asking = run([{ type: 'print' }], preview)!;
    expect(asking).toMatchObject({ name: 'preview', askingId: true });
    expect(run([{ type: 'back' }], asking)).toMatchObject({ name: 'preview', askingId: false });
    expect(run([{ type: 'idQuestionClosed' }], asking)).toMatchObject({ name: 'preview', askingId: false });
    expect(run([{ type: 'idNumberShownChosen', shown: 'full' }], asking)).toMatchObject({ name: 'printing', idNumberShown: 'full', range: RANGE });
    expect(run([{ type: 'idNumberShownChosen', shown: 'partlyHidden' }], asking)).toMatchObject({ name: 'printing', idNumberShown: 'partlyHidden' });
    // A certificate that says "no records" carries the holder too: the same question.
    const none = run([
      { type: 'periodsLoaded', bounds: BOUNDS },
      { type: 'presetChosen', range: RANGE },
      { type: 'recordsLoaded', range: RANGE, result: { outcome: 'noRecords', ...RANGE } },
    ])!;
    expect(run([{ type: 'print' }, { type: 'idNumberShownChosen', shown: 'partlyHidden' }], none)).toMatchObject({
      name: 'printing',
      idNumberShown: 'partlyHidden',
    });
  });

  it('words: the choice is said without the number itself (the screen stays masked)', () => {
    for (const key of [
      'certificate.ui.preview.idShown',
      'certificate.ui.preview.idFull',
      'certificate.ui.preview.idPartlyHidden',
      'certificate.ui.preview.idHint',
    ] as const) {
      expect(zh(key)).not.toMatch(/\d{6}/);
      expect(translate('en', key)).not.toBe(key);
    }
  });

  it('drops an answer for another period (the person went back and chose again)', () => {
    const loading = run([
      { type: 'periodsLoaded', bounds: BOUNDS },
      { type: 'presetChosen', range: RANGE },
    ])!;
    expect(
      run([{ type: 'recordsLoaded', range: { from: '2025-01', to: '2025-12' }, result: { outcome: 'noRecords', from: '2025-01', to: '2025-12' } }], loading),
    ).toBe(loading);
  });

  it('refuses a preset the bounds do not allow, and never leaves the custom range invalid', () => {
    const choose = run([{ type: 'periodsLoaded', bounds: BOUNDS }])!;
    expect(run([{ type: 'presetChosen', range: { from: '2025-06', to: '2026-01' } }], choose)).toBe(choose);
    const custom = run([{ type: 'customOpened' }, { type: 'customMonth', month: '2026-02' }], choose)!;
    expect(custom).toMatchObject({ name: 'customPeriod', range: RANGE, editing: 'from' });
    const moved = run([{ type: 'customMonth', month: '2023-01' }], custom)!;
    expect(moved).toMatchObject({ range: { from: '2023-01', to: '2023-12' }, editing: 'to' });
    expect(run([{ type: 'query' }, { type: 'back' }], moved)).toMatchObject({ name: 'customPeriod', range: { from: '2023-01', to: '2023-12' } });
  });

  it('no records: another period, or a certificate that says so', () => {
    const none = run([
      { type: 'periodsLoaded', bounds: BOUNDS },
      { type: 'presetChosen', range: RANGE },
      { type: 'recordsLoaded', range: RANGE, result: { outcome: 'noRecords', ...RANGE } },
    ])!;
    expect(none.name).toBe('noRecords');
    expect(run([{ type: 'otherPeriod' }], none)).toMatchObject({ name: 'choosePeriod' });
    expect(run([{ type: 'print' }, { type: 'idNumberShownChosen', shown: 'full' }], none)).toMatchObject({ name: 'printing', range: RANGE });
  });

  it('refusals keep what is needed to try again; a lost call while printing goes to staff', () => {
    const refused = run([
      { type: 'periodsLoaded', bounds: BOUNDS },
      { type: 'presetChosen', range: RANGE },
      { type: 'recordsLoaded', range: RANGE, result: { outcome: 'refused', refusal: { reason: 'backendUnreachable' } } },
    ])!;
    expect(run([{ type: 'retry' }], refused)).toMatchObject({ name: 'loadingRecords', range: RANGE });
    expect(
      run(
        [{ type: 'callFailed' }],
        run([
          { type: 'periodsLoaded', bounds: BOUNDS },
          { type: 'presetChosen', range: RANGE },
          { type: 'recordsLoaded', range: RANGE, result: { outcome: 'ok', ...RANGE, records: [RECORD], totalFen: 45_000 } },
          { type: 'print' },
          { type: 'idNumberShownChosen', shown: 'full' },
        ])!,
      ),
    ).toEqual({
      name: 'failed',
      transactionId: null,
      fault: null,
    });
  });

  it('words: every refusal says what happened and, where there is one, what next; amounts grouped', () => {
    const refusals: CertificateRefusal[] = [
      { reason: 'backendUnreachable' },
      { reason: 'periodOutOfRange', earliest: '2023-01', latest: '2025-12', maxSpanMonths: 12 },
      { reason: 'printerNotReady', printer: 'a4', fault: 'paperOut' },
    ];
    for (const r of refusals) expect(refusalWords(zh, r).message).not.toMatch(/\{|\}/);
    expect(refusalWords(zh, refusals[2]!).message).toBe('A4打印机缺纸，暂时不能打印完税证明。');
    expect(refusalWords(zh, refusals[1]!).message).toContain('2023年01月 至 2025年12月');
    expect(progressWords(zh, 'printingReceipt')).toBe('证明已打印，正在打印凭条…');
    expect(yuanText(123_456_789)).toBe('¥1,234,567.89');
    expect(yuanText(5)).toBe('¥0.05');
  });

  it('the store clears the flow on reset and on a new visit', () => {
    const store = createKioskStore();
    store.getState().startCertificate();
    expect(store.getState().certificate).toEqual(CERTIFICATE_START);
    store.getState().reset();
    expect(store.getState().certificate).toBeNull();
  });
});

describe('返回上一步 on a refusal (issue 15: it did what 返回业务菜单 does)', () => {
  const loaded = (origin: 'preset' | 'custom') =>
    origin === 'preset'
      ? run([
          { type: 'periodsLoaded', bounds: BOUNDS },
          { type: 'presetChosen', range: RANGE },
        ])
      : run([{ type: 'periodsLoaded', bounds: BOUNDS }, { type: 'customOpened' }, { type: 'query' }]);
  const unreachable = { outcome: 'refused', refusal: { reason: 'backendUnreachable' } } as const;

  it('a refused query goes back to the period screen it was asked from; menu leaves', () => {
    const preset = loaded('preset')!;
    const refused = run([{ type: 'recordsLoaded', range: RANGE, result: unreachable }], preset);
    expect(refused?.name).toBe('refused');
    expect(run([{ type: 'back' }], refused!)).toMatchObject({ name: 'choosePeriod', bounds: BOUNDS });
    expect(run([{ type: 'menu' }], refused!)).toBeNull();
    const custom = loaded('custom') as Extract<CertificateState, { name: 'loadingRecords' }>;
    const refusedCustom = run([{ type: 'recordsLoaded', range: custom.range, result: unreachable }], custom);
    expect(run([{ type: 'back' }], refusedCustom!)).toMatchObject({ name: 'customPeriod', range: custom.range });
  });

  it('a refused print goes back to the preview with the records and page kept', () => {
    const preview = run(
      [
        { type: 'recordsLoaded', range: RANGE, result: { outcome: 'ok', ...RANGE, records: Array(11).fill(RECORD), totalFen: 495_000 } },
        { type: 'pageChanged', page: 1 },
      ],
      loaded('preset')!,
    );
    const refused = run(
      [
        { type: 'print' },
        { type: 'idNumberShownChosen', shown: 'full' },
        { type: 'printed', result: { outcome: 'refused', refusal: { reason: 'printerNotReady', printer: 'a4', fault: 'paperOut' } } },
      ],
      preview!,
    );
    expect(refused?.name).toBe('refused');
    expect(run([{ type: 'back' }], refused!)).toEqual(preview);
  });

  it('with nothing chosen yet (the periods did not load) there is no step before', () => {
    expect(run([{ type: 'callFailed' }])).toMatchObject({ name: 'refused', previous: null });
  });
});
