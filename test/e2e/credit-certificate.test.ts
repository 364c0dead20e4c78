import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';
import { pdfText } from '../support/pdf-tools';

/**
 * The 纳税信用等级证明 as a person acting for a business gets it: the real
 * host (sandbox backend, simulated reader and printers; the A4 printer writes
 * its PDFs to <dataDir>/sim-a4) and the real UI in Chromium, by touch only,
 * through the credit screen. 测试甲 (profile `resident`) acts for
 * 示例科技有限公司 (grade A). Screenshots: test-results/e2e-credit-certificate/.
 */
let kiosk: KioskProcess;
let browser: Browser;
let page: Page;

const GOOD = '91370102MA01TK019U';
const SHOTS = path.resolve('test-results/e2e-credit-certificate');
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });

const a4Dir = () => path.join(kiosk.dataDir, 'sim-a4');
const printedPdfs = () =>
  fs.existsSync(a4Dir())
    ? fs
        .readdirSync(a4Dir())
        .filter((f) => f.endsWith('.pdf'))
        .sort()
    : [];

async function simPanel(action: () => Promise<void>): Promise<void> {
  if (!(await page.getByTestId('sim-panel').isVisible())) await page.getByTestId('sim-toggle').click();
  await action();
  await page.getByTestId('sim-toggle').click();
}

async function placeCard(profile: string): Promise<void> {
  await simPanel(async () => {
    if ((await page.locator('[data-screen="attract"]').count()) === 0) {
      await page.getByTestId('sim-lift').click();
      await page.getByTestId('attract-prompt').waitFor();
    }
    await page.getByTestId(`sim-place-${profile}`).click();
    await page.getByTestId('greeting').waitFor({ timeout: 8000 });
  });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  kiosk = await startKiosk({ session: { idleTimeoutMs: 120_000 } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(kiosk.url);
  await page.getByTestId('attract-prompt').waitFor();
  await placeCard('resident');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('纳税信用等级证明 (real host, simulated devices, Chromium)', { timeout: 90_000 }, () => {
  it('from the credit screen: preview in two parts, held back while the A4 printer is out of paper, then printed with its verification code', async () => {
    const pdfsBefore = printedPdfs().length;
    await page.getByTestId('service-tax-credit').click();
    await page.getByTestId(`credit-certificate-${GOOD}`).click();
    const preview = page.getByTestId('credit-cert-preview');
    await preview.waitFor({ timeout: 10_000 });

    // Part 1: who, which grade, which year, issued by whom and when.
    expect(await page.getByTestId('credit-cert-name').innerText()).toBe('示例科技有限公司');
    expect(await page.getByTestId('credit-cert-code').innerText()).toBe(GOOD);
    expect(await page.getByTestId('credit-cert-grade').innerText()).toBe('A 级');
    expect(await page.getByTestId('credit-cert-page').innerText()).toBe('第 1 页，共 2 页');
    await shot('1-preview-part1');

    // Part 2: the statement and the use, with how to check it.
    await page.getByTestId('credit-cert-next').click();
    const statement = await page.getByTestId('credit-cert-statement').innerText();
    expect(statement).toContain(`经查询，示例科技有限公司（统一社会信用代码：${GOOD}）`);
    expect(statement).toContain('仅供该纳税人向示范银行申请信用贷款');
    expect(statement).toContain('验证码');
    expect(await page.getByTestId('credit-cert-next').isDisabled()).toBe(true);
    await shot('2-preview-part2');

    // Out of paper: the print button is held back with the reason and what to do.
    const print = page.getByTestId('credit-cert-print');
    await simPanel(() => page.getByTestId('sim-printer-a4-paper-out').click());
    await expect.poll(() => print.isDisabled(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('cert-print-blocked').innerText()).toContain('A4打印机缺纸');
    await shot('3-print-blocked-paper-out');
    await simPanel(() => page.getByTestId('sim-printer-a4-ready').click());
    await expect.poll(() => print.isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(printedPdfs()).toHaveLength(pdfsBefore);

    await print.click();
    await page.getByTestId('credit-cert-done').waitFor({ timeout: 30_000 });
    const code = /[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]/.exec(await page.getByTestId('credit-cert-code').innerText())?.[0] ?? '';
    expect(code).not.toBe('');
    await shot('4-printed');

    const pdfs = printedPdfs();
    expect(pdfs).toHaveLength(pdfsBefore + 1);
    const text = pdfText(path.join(a4Dir(), pdfs[pdfs.length - 1]!)).replace(/\s+/g, '');
    for (const expected of ['纳税信用等级证明', '示例科技有限公司', GOOD, 'A级', '示范银行', `验证码：${code}`]) expect(text).toContain(expected);

    // Back to the credit view, then the menu.
    await page.getByTestId('credit-again').click();
    await page.getByTestId('credit-view').waitFor();
    await page.getByTestId('credit-back').click();
    await page.getByTestId('greeting').waitFor();
  });
});
