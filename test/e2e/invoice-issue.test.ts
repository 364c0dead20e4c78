import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { hostCall } from '../support/host-bridge';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';

/**
 * 发票代开 as a taxpayer does it: the real host (sandbox backend, demo stock,
 * simulated reader and printers on PTYs) and the real UI in Chromium, by touch
 * only; the payment is "made on the phone" with the SimPanel's confirm button.
 * What the printers received is read back through `sim.printers.output`.
 * Demo people: backend/sandbox/README.md.
 */
let kiosk: KioskProcess;
let browser: Browser;
let page: Page;

const tap = (testId: string) => page.getByTestId(testId).first().click();
const step = (name: string, timeout = 10_000) => page.locator(`[data-screen="issuance"][data-step="${name}"]`).waitFor({ timeout });

async function keys(chars: string): Promise<void> {
  for (const k of chars) await page.getByTestId(`osk-key-${k}`).click();
}
async function pinyin(typed: string, word: string): Promise<void> {
  await keys(typed);
  await page
    .getByTestId('osk-candidate')
    .filter({ hasText: new RegExp(`^${word}$`) })
    .first()
    .click();
}

async function openIssuanceFor(sellerName: string): Promise<void> {
  await tap('service-invoice-issue');
  await page.getByTestId('iss-seller').filter({ hasText: sellerName }).click();
}

async function backToMenu(): Promise<void> {
  await tap('iss-menu');
  await page.getByTestId('greeting').waitFor();
}

beforeAll(async () => {
  // Payments only when "paid on the phone" (the SimPanel), never by the demo timer.
  kiosk = await startKiosk({ session: { idleTimeoutMs: 120_000 }, sandbox: { paymentAutoConfirmMs: null } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(kiosk.url);
  await page.getByTestId('attract-prompt').waitFor();
  await tap('sim-toggle');
  await tap('sim-place-resident');
  await page.getByTestId('greeting').waitFor({ timeout: 5000 });
  await tap('sim-toggle');
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('invoice issued on behalf (real host, simulated devices, Chromium)', () => {
  it('issues an invoice to a private buyer: quote by authority, QR payment, the form and the receipt printed', async () => {
    await openIssuanceFor('东城区示例便利店');
    await step('buyer');
    await tap('iss-buyer-individual');
    await pinyin('zhangsan', '张三');
    await tap('osk-done');
    await tap('iss-next');
    await step('lines');
    await tap('iss-add-line');
    await pinyin('zixun', '咨询');
    await tap('osk-done');
    await tap('iss-unit-次');
    await page.getByTestId('osk-backspace').click();
    await keys('2');
    await tap('osk-done');
    await keys('150.00');
    await tap('iss-line-save');
    await tap('iss-next');
    await step('quote');
    // The shop has sold nothing this month: VAT exempt, IIT 1.5 % of 300.00 = 4.50 to the local authority.
    expect(await page.getByTestId('iss-quote-exempt').count()).toBe(1);
    expect(await page.getByTestId('iss-national-total').innerText()).toBe('0.00 元');
    expect(await page.getByTestId('iss-local-total').innerText()).toBe('4.50 元');
    await tap('iss-pay');
    await step('awaitingPayment');
    expect(await page.getByTestId('iss-pay-amount').innerText()).toBe('4.50 元');
    expect(await page.getByTestId('iss-qr').count()).toBe(1);

    await tap('sim-toggle');
    await tap('sim-confirm-payment');
    await tap('sim-toggle');
    await page.getByTestId('iss-done').waitFor({ timeout: 30_000 });
    const code = await page.getByTestId('iss-invoice-code').innerText();
    const number = await page.getByTestId('iss-invoice-number').innerText();
    expect(number).toMatch(/^\d{8}$/);
    expect(await page.getByTestId('iss-no-receipt').count()).toBe(0);

    const printed = await hostCall<{ invoicePages: string[]; receipts: string[] }>(kiosk.url, 'sim.printers.output');
    expect(printed.invoicePages).toHaveLength(1);
    const form = printed.invoicePages[0] ?? '';
    for (const part of [code, number, '张三', '东城区示例便利店', '92110101L000000116', '咨询', '次', '￥300.00', '叁佰元整', '免税'])
      expect(form).toContain(part);
    const receipt = printed.receipts.at(-1) ?? '';
    for (const part of ['发票代开凭条', code, number, '张*', '测*甲', '110105********002X', '国税', '地税', '4.50 元']) expect(receipt).toContain(part);
    expect(receipt).not.toContain('11010519491231002X');
    expect(receipt).not.toContain('张三');
    await backToMenu();
  }, 120_000);

  it('refuses a company with tax arrears, says the amount and what to do', async () => {
    await openIssuanceFor('示例商贸有限公司');
    await step('refused');
    expect(await page.getByTestId('iss-refused').getAttribute('data-reason')).toBe('sellerHasArrears');
    expect(await page.getByTestId('iss-refusal-text').innerText()).toContain('欠税 12,345.00 元');
    await backToMenu();
  });

  it('refuses a company graded D, with a way back to the menu, and nothing printed', async () => {
    await openIssuanceFor('示例建材有限公司');
    await step('refused');
    expect(await page.getByTestId('iss-refused').getAttribute('data-reason')).toBe('sellerCreditGradeBlocked');
    expect(await page.getByTestId('iss-refusal-text').innerText()).toContain('D 级');
    await backToMenu();
    const printed = await hostCall<{ invoicePages: string[] }>(kiosk.url, 'sim.printers.output');
    expect(printed.invoicePages).toHaveLength(1);
  });
});
