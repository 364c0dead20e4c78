import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';

/**
 * Invoice collection as a taxpayer does it: the real host (sandbox backend,
 * demo stock, simulated reader and printers on PTYs) and the real UI in
 * Chromium, by touch only. Demo people: backend/sandbox/README.md.
 */
let kiosk: KioskProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  kiosk = await startKiosk({ session: { idleTimeoutMs: 120_000 } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(kiosk.url);
  await page.getByTestId('attract-prompt').waitFor();
  await page.getByTestId('sim-toggle').click();
  await page.getByTestId('sim-place-resident').click();
  await page.getByTestId('greeting').waitFor({ timeout: 5000 });
  await page.getByTestId('sim-toggle').click();
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function openCollectionFor(taxpayerName: string): Promise<void> {
  await page.getByTestId('service-invoice-collect').click();
  await page.getByTestId('coll-taxpayer').filter({ hasText: taxpayerName }).click();
}

async function backToMenu(): Promise<void> {
  await page.getByTestId('coll-menu').first().click();
  await page.getByTestId('greeting').waitFor();
}

describe('invoice collection (real host, simulated devices, Chromium)', () => {
  it('collects two forms for the taxpayer’s own shop and shows the number range', async () => {
    await openCollectionFor('东城区示例便利店');
    await page.getByTestId('coll-type-ordinary-paper-1').click();
    await page.getByTestId('coll-qty-plus').click();
    expect(await page.getByTestId('coll-qty-value').innerText()).toContain('2');
    await page.getByTestId('coll-next').click();
    await page.getByTestId('coll-confirm-go').click();
    await page.getByTestId('coll-done').waitFor({ timeout: 20_000 });
    const range = await page.getByTestId('coll-range').innerText();
    expect(range).toMatch(/\d{8}/);
    expect(await page.getByTestId('coll-no-receipt').count()).toBe(0);
    await backToMenu();
  });

  it('counts the forms just collected at once: the type card says 43 left, not 45', async () => {
    await openCollectionFor('东城区示例便利店');
    await page.getByTestId('coll-type-ordinary-paper-1').waitFor();
    expect(await page.getByTestId('coll-type-ordinary-paper-1').innerText()).toContain('本月还可领 43 份');
    await page.getByTestId('coll-back').click();
    await page.getByTestId('coll-taxpayer').first().waitFor();
    await page.getByTestId('coll-back').click();
    await page.getByTestId('greeting').waitFor();
  });

  it('a 取票码 names taxpayer, type and count before anything comes out, says whose invoices came out, and is refused the second time', async () => {
    const usePickupCode = async () => {
      await openCollectionFor('东城区示例便利店');
      await page.getByTestId('coll-pickup').click();
      for (const key of '80000001') await page.getByTestId(`osk-key-${key}`).click();
      await page.getByTestId('coll-pickup-submit').click();
    };
    await usePickupCode();
    await page.getByTestId('coll-pickup-confirm').waitFor({ timeout: 10_000 });
    const facts = await page.getByTestId('coll-pickup-confirm').innerText();
    for (const part of ['东城区示例便利店', '增值税普通发票（万元版）', '10 份', '80000001']) expect(facts).toContain(part);
    await page.getByTestId('coll-pickup-go').click();
    await page.getByTestId('coll-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('coll-done-taxpayer').innerText()).toBe('东城区示例便利店');
    await backToMenu();
    await usePickupCode();
    await page.getByTestId('coll-refused').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('coll-refused').getAttribute('data-reason')).toBe('pickupAlreadyCollected');
    expect(await page.getByTestId('coll-refusal-text').innerText()).toMatch(/这个取票码的发票已于 \d{4}-\d{2}-\d{2} 领取/);
    await backToMenu();
  }, 60_000);

  it('refuses a company with tax arrears and says what to do', async () => {
    await openCollectionFor('示例商贸有限公司');
    await page.getByTestId('coll-refused').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('coll-refused').getAttribute('data-reason')).toBe('arrears');
    expect(await page.getByTestId('coll-refusal-text').innerText()).toContain('欠税');
    await backToMenu();
  });

  it('refuses a company graded D, with a way back to the menu', async () => {
    await openCollectionFor('示例建材有限公司');
    await page.getByTestId('coll-refused').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('coll-refused').getAttribute('data-reason')).toBe('creditGrade');
    await backToMenu();
  });
});
