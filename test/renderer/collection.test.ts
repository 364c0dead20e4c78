import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeCollection, FakeWindow } from './support/fake-kiosk';
import { ACTIVE, VIEWPORTS, openMenu as openScripted, payloads, shot, useRenderer, waitStep, type Viewport } from './support/renderer-harness';

const COMPANY = { id: '91110105MA01ABCD13', name: '北京青禾科技有限公司', kind: 'enterprise', asAgent: true };
const SHOP = { id: '92110105MA01EFGH2R', name: '张三便利店', kind: 'individual', asAgent: false };
const TYPES = [
  { code: '04', name: '增值税普通发票', quotaRemaining: 20, stockRemaining: 50, maxQuantity: 20 },
  { code: '01', name: '增值税专用发票', quotaRemaining: 0, stockRemaining: 30, maxQuantity: 0 },
];
const COMPLETED = {
  outcome: 'completed',
  transactionId: 'T-1',
  invoiceType: '04',
  invoiceTypeName: '增值税普通发票',
  code: '011002300111',
  first: '00012301',
  last: '00012303',
  quantity: 3,
  taxpayerName: COMPANY.name,
  receiptPrinted: false,
};
const PICKUP = { code: 'AB12OZ34', taxpayerName: SHOP.name, invoiceType: '04', invoiceTypeName: '增值税普通发票', quantity: 10 };
const SCRIPT: FakeCollection = {
  taxpayers: { outcome: 'ok', taxpayers: [COMPANY, SHOP] },
  options: { outcome: 'ok', types: TYPES },
  pickup: { outcome: 'found', pickup: PICKUP },
  collect: COMPLETED,
  progress: [
    { step: 'checking', done: 0, total: 3 },
    { step: 'printingForms', done: 1, total: 3 },
    { step: 'printingForms', done: 2, total: 3 },
  ],
  holdCollect: false,
};

const h = useRenderer();

/** Opens the app on the menu of an active visit, with the collection methods scripted. */
function openMenu(viewport: Viewport, script: Partial<FakeCollection> = {}): Promise<Page> {
  return openScripted(h, viewport, { collection: { ...SCRIPT, ...script } });
}

async function step(page: Page, name: string): Promise<void> {
  await waitStep(page, 'collection', name);
}

const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).textContent();

describe('invoice collection screens', { timeout: 60_000 }, () => {
  for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
    it(`happy path to the range, every step photographed (${orientation})`, async () => {
      const page = await openMenu(viewport, { holdCollect: true });
      await page.locator('[data-testid="service-invoice-collect"]').click();
      await step(page, 'chooseTaxpayer');
      expect(await page.locator('[data-testid="coll-taxpayer"]').count()).toBe(2);
      await shot(page, `collection-1-taxpayer-${orientation}`);
      await page.locator('[data-testid="coll-taxpayer"]', { hasText: COMPANY.name }).click();
      await step(page, 'chooseType');
      expect(await payloads(page, 'collection.options')).toEqual([{ taxpayerId: COMPANY.id }]);
      // A type with nothing left says why; the one open type is preselected.
      expect(await text(page, 'coll-type-01-why')).toBe('本月领用额度已用完，下月可再领。');
      expect(await page.locator('[data-testid="coll-type-04"]').getAttribute('aria-pressed')).toBe('true');
      await page.locator('[data-testid="coll-qty-plus"]').click();
      await page.locator('[data-testid="coll-qty-plus"]').click();
      expect(await text(page, 'coll-qty-value')).toContain('3');
      await shot(page, `collection-2-type-${orientation}`);
      await page.locator('[data-testid="coll-next"]').click();
      await step(page, 'confirm');
      const confirm = await text(page, 'coll-confirm');
      for (const part of [COMPANY.name, '增值税普通发票', '3 份']) expect(confirm).toContain(part);
      await shot(page, `collection-3-confirm-${orientation}`);
      await page.locator('[data-testid="coll-confirm-go"]').click();
      await step(page, 'collecting');
      await expect.poll(() => text(page, 'coll-progress-line')).toBe('正在出票：第 2 份，共 3 份');
      expect(await page.locator('[data-screen="collection"]').textContent()).toContain('请勿离开');
      expect(await page.locator('[data-testid="coll-back"]').count()).toBe(0);
      await shot(page, `collection-4-progress-${orientation}`);
      await page.evaluate(() => (window as unknown as FakeWindow).__fake.releaseCollect());
      await step(page, 'completed');
      expect(await payloads(page, 'collection.collect')).toEqual([{ taxpayerId: COMPANY.id, invoiceType: '04', quantity: 3 }]);
      expect(await page.locator('[data-testid="coll-done"]').textContent()).toContain('请取走发票和凭条');
      expect(await text(page, 'coll-code')).toBe('011002300111');
      expect(await text(page, 'coll-range')).toBe('00012301 至 00012303');
      // Whose invoices came out.
      expect(await text(page, 'coll-done-taxpayer')).toBe(COMPANY.name);
      expect(await text(page, 'coll-no-receipt')).toContain('凭条未能打印');
      await shot(page, `collection-5-done-${orientation}`);
      await page.locator('[data-testid="coll-menu"]').click();
      await page.waitForSelector('[data-screen="active"]');
      await page.context().close();
    });
  }

  it('arrears refusal: the catalogue text and a way back to the menu', async () => {
    const page = await openMenu(VIEWPORTS.portrait, {
      taxpayers: { outcome: 'ok', taxpayers: [SHOP] },
      options: { outcome: 'refused', refusal: { reason: 'arrears', arrearsFen: 123_456 } },
    });
    await page.locator('[data-testid="service-invoice-collect"]').click();
    // One taxpayer: the list is skipped.
    await step(page, 'refused');
    expect(await payloads(page, 'collection.options')).toEqual([{ taxpayerId: SHOP.id }]);
    // The facts first (issue 15): whose collection, how much is owed; the step counter stays on step 2.
    expect(await text(page, 'coll-refusal-text')).toBe('有欠税 1,234.56 元 未缴清，请先到办税服务厅或通过电子税务局缴清后再领用。');
    expect(await text(page, 'coll-refused-taxpayer')).toBe(`纳税人：${SHOP.name}`);
    expect(await page.locator('.coll-step').first().textContent()).toBe('第 2 步，共 5 步');
    await shot(page, 'collection-refused-arrears-portrait');
    await page.locator('[data-testid="coll-menu"]').click();
    await page.waitForSelector('[data-screen="active"]');
    await page.context().close();
  });

  it('quotaExceeded refusal from collect shows the numbers, in both languages', async () => {
    const page = await openMenu(VIEWPORTS.landscape, {
      taxpayers: { outcome: 'ok', taxpayers: [SHOP] },
      collect: { outcome: 'refused', refusal: { reason: 'quotaExceeded', monthlyQuota: 25, usedThisMonth: 20, remaining: 5, requested: 8 } },
      progress: [],
    });
    await page.locator('[data-testid="service-invoice-collect"]').click();
    await step(page, 'chooseType');
    await page.locator('[data-testid="coll-next"]').click();
    await page.locator('[data-testid="coll-confirm-go"]').click();
    await step(page, 'refused');
    expect(await text(page, 'coll-refusal-text')).toBe('本月可领 25 份，已领 20 份，还可领 5 份；您申请了 8 份。请减少数量后再领。');
    await shot(page, 'collection-refused-quota-landscape');
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => text(page, 'coll-refusal-text')).toContain('Your monthly quota is 25; 20 collected, 5 left, and you asked for 8.');
    await page.locator('[data-testid="coll-menu"]').click();
    await page.waitForSelector('[data-screen="active"]');
    await page.context().close();
  });

  it('a pickup code: one screen names taxpayer, type and count (确认 / 返回) before collection.collect {pickupCode}', async () => {
    const page = await openMenu(VIEWPORTS.portrait, { taxpayers: { outcome: 'ok', taxpayers: [SHOP] }, progress: [] });
    await page.locator('[data-testid="service-invoice-collect"]').click();
    await step(page, 'chooseType');
    await page.locator('[data-testid="coll-pickup"]').click();
    await step(page, 'pickup');
    expect(await page.locator('[data-testid="coll-pickup-submit"]').isDisabled()).toBe(true);
    for (const key of ['A', 'B', '1', '2', 'O', 'Z', '3', '4']) {
      await page
        .locator('[data-testid="osk"] button', { hasText: new RegExp(`^${key}$`) })
        .first()
        .click();
    }
    expect(await page.locator('[data-testid="osk-field"]').inputValue()).toBe('AB12OZ34');
    expect(await page.locator('[data-testid="osk-hint"]').textContent()).toBe('');
    await shot(page, 'collection-pickup-portrait');
    await page.locator('[data-testid="coll-pickup-submit"]').click();
    await step(page, 'pickupConfirm');
    // Nothing dispensed yet: only looked up.
    expect(await payloads(page, 'collection.pickup')).toEqual([{ pickupCode: 'AB12OZ34' }]);
    expect(await payloads(page, 'collection.collect')).toEqual([]);
    const facts = await text(page, 'coll-pickup-confirm');
    for (const part of [SHOP.name, '增值税普通发票', '10 份', 'AB12OZ34']) expect(facts).toContain(part);
    expect(await page.locator('[data-testid="coll-pickup-go"]').textContent()).toBe('确认');
    expect(await page.locator('[data-testid="coll-pickup-return"]').textContent()).toBe('返回');
    await shot(page, 'collection-pickup-confirm-portrait');
    // 返回: back to the code as typed.
    await page.locator('[data-testid="coll-pickup-return"]').click();
    await step(page, 'pickup');
    expect(await page.locator('[data-testid="osk-field"]').inputValue()).toBe('AB12OZ34');
    expect(await payloads(page, 'collection.collect')).toEqual([]);
    await page.locator('[data-testid="coll-pickup-submit"]').click();
    await step(page, 'pickupConfirm');
    await page.locator('[data-testid="coll-pickup-go"]').click();
    await step(page, 'completed');
    expect(await payloads(page, 'collection.collect')).toEqual([{ pickupCode: 'AB12OZ34' }]);
    await page.context().close();
  });

  it('a pickup code already used is refused before any confirmation, with the date', async () => {
    const page = await openMenu(VIEWPORTS.portrait, {
      taxpayers: { outcome: 'ok', taxpayers: [SHOP] },
      pickup: { outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected', collectedAt: '2025-06-20T02:00:00.000Z' } },
    });
    await page.locator('[data-testid="service-invoice-collect"]').click();
    await step(page, 'chooseType');
    await page.locator('[data-testid="coll-pickup"]').click();
    for (const key of ['8', '0', '0', '0', '0', '0', '0', '1']) await page.locator(`[data-testid="osk-key-${key}"]`).click();
    await page.locator('[data-testid="coll-pickup-submit"]').click();
    await step(page, 'refused');
    expect(await text(page, 'coll-refusal-text')).toBe('这个取票码的发票已于 2025-06-20 领取。如有疑问，请咨询工作人员。');
    expect(await payloads(page, 'collection.collect')).toEqual([]);
    await page.context().close();
  });

  it('a wrong pickup code offers 重新输入 (back to the code as typed) as well as 返回业务菜单', async () => {
    const page = await openMenu(VIEWPORTS.portrait, {
      taxpayers: { outcome: 'ok', taxpayers: [SHOP] },
      pickup: { outcome: 'refused', refusal: { reason: 'pickupNotFound' } },
    });
    await page.locator('[data-testid="service-invoice-collect"]').click();
    await step(page, 'chooseType');
    await page.locator('[data-testid="coll-pickup"]').click();
    for (const key of ['8', '0', '0', '0', '0', '0', '0', '1']) await page.locator(`[data-testid="osk-key-${key}"]`).click();
    await page.locator('[data-testid="coll-pickup-submit"]').click();
    await step(page, 'refused');
    expect(await text(page, 'coll-refusal-text')).toBe('没有找到这个取票码，请核对后重新输入。');
    expect(await text(page, 'coll-retry-code')).toBe('重新输入');
    expect(await text(page, 'coll-menu')).toBe('返回业务菜单');
    await shot(page, 'collection-pickup-not-found-portrait');
    await page.locator('[data-testid="coll-retry-code"]').click();
    await step(page, 'pickup');
    expect(await page.locator('[data-testid="osk-field"]').inputValue()).toBe('80000001');
    await page.context().close();
  });

  it('no stock for a pickup code: the message does not ask to reduce a count the code fixes', async () => {
    const page = await openMenu(VIEWPORTS.portrait, {
      taxpayers: { outcome: 'ok', taxpayers: [SHOP] },
      collect: { outcome: 'refused', refusal: { reason: 'noStock', invoiceType: '04', remaining: 3 } },
      progress: [],
    });
    await page.locator('[data-testid="service-invoice-collect"]').click();
    await step(page, 'chooseType');
    await page.locator('[data-testid="coll-pickup"]').click();
    for (const key of ['8', '0', '0', '0', '0', '0', '0', '1']) await page.locator(`[data-testid="osk-key-${key}"]`).click();
    await page.locator('[data-testid="coll-pickup-submit"]').click();
    await step(page, 'pickupConfirm');
    await page.locator('[data-testid="coll-pickup-go"]').click();
    await step(page, 'refused');
    const message = await text(page, 'coll-refusal-text');
    expect(message).toContain('3');
    expect(message).not.toContain('减少数量');
    expect(message).toContain('窗口');
    await page.context().close();
  });

  it('backendUnreachable: a plain message, and Back returns to the menu', async () => {
    const page = await openMenu(VIEWPORTS.portrait, { taxpayers: { outcome: 'backendUnreachable' } });
    await page.locator('[data-testid="service-invoice-collect"]').click();
    await step(page, 'offline');
    expect(await page.locator('[data-testid="coll-offline"]').textContent()).toContain('发票领用需要连接税务系统');
    await page.locator('[data-testid="coll-menu"]').click();
    await page.waitForSelector('[data-screen="active"]');
    await page.context().close();
  });

  it('Exit in the middle returns to attract with nothing of the taxpayer left in the DOM', async () => {
    const page = await openMenu(VIEWPORTS.portrait);
    await page.locator('[data-testid="service-invoice-collect"]').click();
    await step(page, 'chooseTaxpayer');
    await page.locator('[data-testid="coll-taxpayer"]', { hasText: SHOP.name }).click();
    await step(page, 'chooseType');
    await page.locator('[data-testid="exit"]').click();
    await page.waitForSelector('[data-screen="attract"]');
    const html = await page.evaluate(() => document.body.innerHTML);
    for (const trace of [SHOP.name, SHOP.id, COMPANY.name, '增值税普通发票', '张*三']) expect(html).not.toContain(trace);
    // A new visit starts on the menu, not in the old flow.
    await page.evaluate((v) => (window as unknown as FakeWindow).__fake.push('session.changed', v), { ...ACTIVE(), sessionId: 'visit-2' });
    await page.waitForSelector('[data-screen="active"]');
    await page.context().close();
  });
});
