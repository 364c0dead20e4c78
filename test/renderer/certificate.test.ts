import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeWindow } from './support/fake-kiosk';
import { ACTIVE as activeVisit, VIEWPORTS, openMenu as openScripted, payloads, shot, useRenderer, waitStep, type Viewport } from './support/renderer-harness';

/**
 * The IIT certificate screens against a scripted host (fake window.kiosk):
 * every step photographed in both orientations, each refusal worded with a
 * way on, and nothing of the person left after Exit.
 */

const PERSON = { cardType: 'resident', maskedName: '测*乙', maskedId: '370102********0024', sex: 'female' };
const ACTIVE = (deadlineIn = 90_000) => activeVisit(deadlineIn, PERSON);
const BOUNDS = {
  earliest: '2023-01',
  latest: '2025-12',
  historyMonths: 36,
  maxSpanMonths: 12,
  presets: [
    { id: 'last12Months', from: '2024-12', to: '2025-11' },
    { id: 'thisYear', from: '2025-01', to: '2025-12' },
    { id: 'lastYear', from: '2024-01', to: '2024-12' },
  ],
};
const pad = (n: number) => String(n).padStart(2, '0');
/** Twelve salary records and one service fee: 13 rows, three preview pages. */
const RECORDS = [
  ...Array.from({ length: 12 }, (_, i) => ({
    period: i === 0 ? '2024-12' : `2025-${pad(i)}`,
    item: '工资薪金所得',
    agent: '示例科技有限公司',
    amountFen: 45_000 + i * 100,
    paidOn: i === 0 ? '2025-01-15' : `2025-${pad(i + 1)}-15`,
    authority: '国家税务总局示例市历下区税务局',
  })),
  {
    period: '2025-06',
    item: '劳务报酬所得',
    agent: '示例文化传媒有限公司',
    amountFen: 80_000,
    paidOn: '2025-07-12',
    authority: '国家税务总局示例市历下区税务局',
  },
];
const TOTAL = RECORDS.reduce((s, r) => s + r.amountFen, 0); // 626,600 fen
const RECORDS_OK = { outcome: 'ok', from: '2024-12', to: '2025-11', records: RECORDS, totalFen: TOTAL };
const PRINTED = {
  outcome: 'completed',
  transactionId: '01JTESTCERT0000000000000000',
  from: '2024-12',
  to: '2025-11',
  recordCount: 13,
  totalFen: TOTAL,
  pages: 2,
  verificationCode: 'WJ1F-D25K-9WGA-EDT7-D',
  receiptPrinted: false,
};

const h = useRenderer({ setupTimeout: 180_000 });

interface Script {
  records?: unknown;
  print?: unknown;
  held?: string[];
}

/** Opens the app on the menu of an active visit, with the certificate methods scripted. */
function openMenu(viewport: Viewport, script: Script = {}): Promise<Page> {
  const answers = { 'certificate.periods': BOUNDS, 'certificate.records': script.records ?? RECORDS_OK, 'certificate.print': script.print ?? PRINTED };
  return openScripted(h, viewport, { answers, held: script.held ?? [] }, PERSON);
}

async function step(page: Page, name: string): Promise<void> {
  await waitStep(page, 'certificate', name);
}

const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).textContent();
const tap = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).click();

/** Every visible button is a large touch target. */
async function smallestTarget(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sizes = [...document.querySelectorAll('[data-screen="certificate"] button')]
      .map((b) => b.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => Math.min(r.width, r.height));
    return Math.min(...sizes);
  });
}

describe('IIT certificate screens', { timeout: 90_000 }, () => {
  for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
    it(`happy path: preset, preview over pages, print with progress, the code (${orientation})`, async () => {
      const page = await openMenu(viewport, { held: ['certificate.print'] });
      await tap(page, 'service-tax-certificate');
      await step(page, 'choosePeriod');
      expect(await text(page, 'cert-for')).toContain('测*乙（370102********0024）');
      expect(await text(page, 'cert-preset-last12Months')).toContain('2024年12月 至 2025年11月');
      expect(await text(page, 'cert-preset-lastYear')).toContain('共 12 个月');
      expect(await smallestTarget(page)).toBeGreaterThanOrEqual(64);
      await shot(page, `certificate-1-period-${orientation}`);

      await tap(page, 'cert-preset-last12Months');
      await step(page, 'preview');
      expect(await payloads(page, 'certificate.records')).toEqual([{ from: '2024-12', to: '2025-11' }]);
      expect(await text(page, 'cert-total')).toBe('¥6,266.00');
      expect(await text(page, 'cert-count')).toBe('共 13 条记录');
      expect(await page.locator('[data-testid="cert-row"]').count()).toBe(5);
      expect(await text(page, 'cert-page')).toBe('第 1 页，共 3 页');
      expect(await page.locator('[data-testid="cert-page-prev"]').isDisabled()).toBe(true);
      expect(await smallestTarget(page)).toBeGreaterThanOrEqual(64);
      await shot(page, `certificate-2-preview-${orientation}`);
      // The screen never shows the ID number in full.
      expect(await page.locator('[data-screen="certificate"]').textContent()).not.toMatch(/\d{17}[\dX]/);
      await tap(page, 'cert-page-next');
      await tap(page, 'cert-page-next');
      expect(await text(page, 'cert-page')).toBe('第 3 页，共 3 页');
      expect(await page.locator('[data-testid="cert-row"]').count()).toBe(3);
      expect(await page.locator('[data-testid="cert-table"]').textContent()).toContain('示例文化传媒有限公司');
      expect(await page.locator('[data-testid="cert-page-next"]').isDisabled()).toBe(true);

      await tap(page, 'cert-print');
      // First the question how the ID number is printed: in full is the primary answer.
      await page.waitForSelector('[data-testid="cert-id-question"]');
      expect(await page.locator('[role="alertdialog"]').textContent()).toContain('姓名完整打印');
      expect(await page.locator('[data-testid="cert-id-full"]').getAttribute('class')).toContain('btn-primary');
      await shot(page, `certificate-2-id-question-${orientation}`);
      await tap(page, 'cert-id-full');
      await step(page, 'printing');
      expect(await text(page, 'cert-progress-line')).toBe('正在向税务系统核对缴税记录…');
      await page.evaluate(() => (window as unknown as FakeWindow).__fake.push('certificate.progress', { step: 'printing' }));
      await expect.poll(() => text(page, 'cert-progress-line')).toBe('正在用 A4 纸打印完税证明…');
      expect(await page.locator('[data-testid="cert-back"]').count()).toBe(0);
      await shot(page, `certificate-3-printing-${orientation}`);
      await page.evaluate(() => (window as unknown as FakeWindow).__fake.release('certificate.print'));

      await step(page, 'completed');
      expect(await payloads(page, 'certificate.print')).toEqual([{ from: '2024-12', to: '2025-11', idNumberShown: 'full' }]);
      expect(await text(page, 'cert-done-code')).toBe('WJ1F-D25K-9WGA-EDT7-D');
      expect(await text(page, 'cert-done-total')).toBe('¥6,266.00');
      expect(await text(page, 'cert-done-summary')).toBe('2024年12月 至 2025年11月，13 条记录，共 2 页');
      expect(await text(page, 'cert-no-receipt')).toContain('凭条未能打印');
      await shot(page, `certificate-4-done-${orientation}`);
      await tap(page, 'cert-finish');
      await page.waitForSelector('[data-screen="active"]');
      await page.context().close();
    });
  }

  it('custom months: future and too-old months cannot be picked, the other end follows, at most 12 months', async () => {
    const page = await openMenu(VIEWPORTS.portrait);
    await tap(page, 'service-tax-certificate');
    await step(page, 'choosePeriod');
    await tap(page, 'cert-preset-custom');
    await step(page, 'customPeriod');
    // A step that fits: its action row sits in the flow mid-screen, with no shadow line over it (issue 15).
    const edge = await page.evaluate(() => {
      const row = document.querySelector('.cert-body > .cert-actions:last-child');
      const body = document.querySelector('.cert-body');
      return { shadow: row ? getComputedStyle(row).boxShadow : 'missing', scrolls: body ? body.scrollHeight > body.clientHeight : true };
    });
    expect(edge).toEqual({ shadow: 'none', scrolls: false });
    // Opens on the last 12 finished months, setting the start.
    expect(await text(page, 'cert-custom-from')).toContain('2024年12月');
    expect(await text(page, 'cert-custom-to')).toContain('2025年11月');
    expect(await page.locator('[data-testid="cert-custom-from"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-testid="cert-year-2022"]').count()).toBe(0);
    await tap(page, 'cert-year-2025');
    expect(await page.locator('[data-testid="cert-month-2025-12"]').isDisabled()).toBe(false);
    await tap(page, 'cert-year-2023');
    expect(await page.locator('[data-testid="cert-month-2023-01"]').isDisabled()).toBe(false);
    // A start in early 2023 pulls the end back to at most 12 months.
    await tap(page, 'cert-month-2023-03');
    expect(await text(page, 'cert-custom-from')).toContain('2023年03月');
    expect(await text(page, 'cert-custom-to')).toContain('2024年02月');
    expect(await text(page, 'cert-custom-count')).toBe('共 12 个月');
    // Now setting the end: an end before the start takes the start with it.
    expect(await page.locator('[data-testid="cert-custom-to"]').getAttribute('aria-pressed')).toBe('true');
    await tap(page, 'cert-month-2023-02');
    expect(await text(page, 'cert-custom-from')).toContain('2023年02月');
    expect(await text(page, 'cert-custom-to')).toContain('2023年02月');
    expect(await text(page, 'cert-custom-count')).toBe('共 1 个月');
    expect(await smallestTarget(page)).toBeGreaterThanOrEqual(64);
    await shot(page, 'certificate-custom-portrait');
    await tap(page, 'cert-query');
    await step(page, 'preview');
    expect(await payloads(page, 'certificate.records')).toEqual([{ from: '2023-02', to: '2023-02' }]);
    // Back returns to the picker with the chosen months.
    await tap(page, 'cert-back');
    await step(page, 'customPeriod');
    expect(await text(page, 'cert-custom-from')).toContain('2023年02月');
    await page.context().close();
  });

  it('no records: says so, offers another period or a certificate that says so', async () => {
    const page = await openMenu(VIEWPORTS.landscape, { records: { outcome: 'noRecords', from: '2024-01', to: '2024-12' } });
    await tap(page, 'service-tax-certificate');
    await tap(page, 'cert-preset-lastYear');
    await step(page, 'noRecords');
    expect(await page.locator('[data-testid="cert-no-records"]').textContent()).toContain('2024年01月 至 2024年12月，税务系统中没有您的个人所得税缴纳记录。');
    await shot(page, 'certificate-no-records-landscape');
    await tap(page, 'cert-other-period');
    await step(page, 'choosePeriod');
    await tap(page, 'cert-preset-lastYear');
    await step(page, 'noRecords');
    await tap(page, 'cert-print-empty');
    await page.waitForSelector('[data-testid="cert-id-question"]');
    await tap(page, 'cert-id-partlyHidden');
    await step(page, 'completed');
    expect(await payloads(page, 'certificate.print')).toEqual([{ from: '2024-01', to: '2024-12', idNumberShown: 'partlyHidden' }]);
    await page.context().close();
  });

  it('backend unreachable: what happened, what to do, and Try again asks again', async () => {
    const page = await openMenu(VIEWPORTS.portrait, { records: { outcome: 'refused', refusal: { reason: 'backendUnreachable' } } });
    await tap(page, 'service-tax-certificate');
    await tap(page, 'cert-preset-thisYear');
    await step(page, 'refused');
    expect(await page.locator('[data-testid="cert-refused"]').getAttribute('data-reason')).toBe('backendUnreachable');
    expect(await text(page, 'cert-refusal-text')).toBe('本机暂时连不上税务系统，查不到您的缴税记录。');
    expect(await text(page, 'cert-refusal-next')).toContain('重新查询');
    await shot(page, 'certificate-refused-offline-portrait');
    await page.evaluate(() => {
      (window as unknown as FakeWindow).__fake.answers['certificate.records'] = { outcome: 'noRecords', from: '2025-01', to: '2025-12' };
    });
    await tap(page, 'cert-retry');
    await step(page, 'noRecords');
    expect(await payloads(page, 'certificate.records')).toEqual([
      { from: '2025-01', to: '2025-12' },
      { from: '2025-01', to: '2025-12' },
    ]);
    await tap(page, 'cert-back');
    await step(page, 'choosePeriod');
    await tap(page, 'cert-back');
    await page.waitForSelector('[data-screen="active"]');
    await page.context().close();
  });

  it('A4 printer out of paper at print: named in both languages, with a way on', async () => {
    const page = await openMenu(VIEWPORTS.landscape, {
      print: { outcome: 'refused', refusal: { reason: 'printerNotReady', printer: 'a4', fault: 'paperOut' } },
    });
    await tap(page, 'service-tax-certificate');
    await tap(page, 'cert-preset-last12Months');
    await tap(page, 'cert-print');
    await tap(page, 'cert-id-full');
    await step(page, 'refused');
    expect(await text(page, 'cert-refusal-text')).toBe('A4打印机缺纸，暂时不能打印完税证明。');
    expect(await text(page, 'cert-refusal-next')).toContain('联系大堂工作人员');
    await shot(page, 'certificate-refused-printer-landscape');
    await tap(page, 'lang-switch');
    await expect.poll(() => text(page, 'cert-refusal-text')).toContain('cannot be printed now');
    // 返回上一步 goes one step back, to the preview whose print was refused (issue 15: it left for the menu).
    expect(await text(page, 'cert-back')).toBe('Back');
    await tap(page, 'cert-back');
    await step(page, 'preview');
    await page.context().close();
  });

  it('A4 printer out while on the preview: 打印 is disabled with the reason next to it, and comes back when it is fixed', async () => {
    const page = await openMenu(VIEWPORTS.portrait);
    await tap(page, 'service-tax-certificate');
    await tap(page, 'cert-preset-last12Months');
    await step(page, 'preview');
    expect(await page.locator('[data-testid="cert-print"]').isEnabled()).toBe(true);
    expect(await page.locator('[data-testid="cert-print-blocked"]').count()).toBe(0);
    await page.evaluate(() => (window as unknown as FakeWindow).__fake.setPrinter('a4', 'paper-out'));
    await expect.poll(() => page.locator('[data-testid="cert-print"]').isDisabled()).toBe(true);
    const reason = page.locator('[data-testid="cert-print-blocked"]');
    expect(await reason.isVisible()).toBe(true);
    expect(await reason.textContent()).toContain('A4打印机缺纸');
    // The reason is the button's description for a screen reader too.
    expect(await page.locator('[data-testid="cert-print"]').getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
    await shot(page, 'certificate-preview-a4-out-portrait');
    await page.locator('[data-testid="cert-print"]').click({ force: true, timeout: 2_000 });
    expect(await payloads(page, 'certificate.print')).toEqual([]);
    await page.evaluate(() => (window as unknown as FakeWindow).__fake.setPrinter('a4', 'ready'));
    await expect.poll(() => page.locator('[data-testid="cert-print"]').isEnabled()).toBe(true);
    expect(await page.locator('[data-testid="cert-print-blocked"]').count()).toBe(0);
    await page.context().close();
  });

  it('a print that stops shows the transaction for staff', async () => {
    const page = await openMenu(VIEWPORTS.portrait, { print: { outcome: 'failed', transactionId: '01JTESTCERT0000000000000001', fault: 'jammed' } });
    await tap(page, 'service-tax-certificate');
    await tap(page, 'cert-preset-last12Months');
    await tap(page, 'cert-print');
    await tap(page, 'cert-id-full');
    await step(page, 'failed');
    expect(await page.locator('[data-testid="cert-failed"]').textContent()).toContain('A4打印机卡纸，打印中断');
    expect(await text(page, 'cert-failed-ref')).toBe('业务编号：01JTESTCERT0000000000000001');
    await tap(page, 'cert-back');
    await page.waitForSelector('[data-screen="active"]');
    await page.context().close();
  });

  it('the idle countdown shows over a step, and Exit leaves nothing of the person behind', async () => {
    const page = await openMenu(VIEWPORTS.portrait);
    await tap(page, 'service-tax-certificate');
    await tap(page, 'cert-preset-last12Months');
    await step(page, 'preview');
    await page.evaluate((v) => (window as unknown as FakeWindow).__fake.push('session.changed', v), ACTIVE(10_000));
    await page.waitForSelector('[data-testid="idle-overlay"]');
    expect(await page.locator('[data-screen="certificate"][data-step="preview"]').count()).toBe(1);
    await tap(page, 'idle-continue');
    await tap(page, 'exit');
    await page.waitForSelector('[data-screen="attract"]');
    const html = await page.evaluate(() => document.body.innerHTML);
    for (const trace of ['示例科技有限公司', '6,266.00', '测*乙', '0024', '2024年12月']) expect(html).not.toContain(trace);
    await page.evaluate((v) => (window as unknown as FakeWindow).__fake.push('session.changed', v), { ...ACTIVE(), sessionId: 'visit-2' });
    await page.waitForSelector('[data-screen="active"]');
    await page.context().close();
  });
});
