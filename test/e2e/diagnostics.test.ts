import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_TECHNICIAN_PIN } from '../../shared/contract/services/diagnostics';
import { launchChromium } from '../support/browser';
import { hostCall } from '../support/host-bridge';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';

/**
 * The technicians' diagnostics mode as a technician uses it: the real host
 * (simulated reader and printers on PTYs, so the documented demo PIN) and the
 * real UI in Chromium, by touch only. What the printers received is read back
 * through `sim.printers.output`; the stored calibration through `diag.status`.
 */
let kiosk: KioskProcess;
let browser: Browser;
let page: Page;

type Printed = { invoicePages: string[]; receipts: string[] };
const printed = () => hostCall<Printed>(kiosk.url, 'sim.printers.output');

async function typePin(pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`diag-pin-${digit}`).click();
  await page.getByTestId('diag-pin-ok').click();
}

beforeAll(async () => {
  kiosk = await startKiosk({ session: { idleTimeoutMs: 120_000 } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(kiosk.url);
  await page.getByTestId('attract-prompt').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('diagnostics mode (real host, simulated devices, Chromium)', () => {
  it('opens with the hidden gesture and the PIN, counting a wrong PIN down', async () => {
    // Four taps are not the gesture.
    const label = page.locator('.status-kiosk');
    for (let i = 0; i < 4; i++) await label.click();
    expect(await page.getByTestId('diag-pin').count()).toBe(0);
    await label.click();
    await page.getByTestId('diag-pin').waitFor();

    await typePin('111111');
    const answer = page.getByTestId('diag-pin-answer');
    await answer.waitFor();
    expect(await answer.getAttribute('data-outcome')).toBe('wrong');
    expect(await answer.innerText()).toContain('4');
    // Refused while the PIN is wrong: the host, not the screen, keeps diagnostics closed.
    await expect(hostCall(kiosk.url, 'diag.status')).rejects.toThrow(/notAvailable/);

    await typePin(DEMO_TECHNICIAN_PIN);
    await page.getByTestId('diag-screen').waitFor({ timeout: 10_000 });
    await page.getByTestId('diag-device-receipt').waitFor({ timeout: 10_000 });
  }, 60_000);

  it('prints a receipt test page on the (simulated) receipt printer', async () => {
    const before = (await printed()).receipts.length;
    await page.getByTestId('diag-tab-tests').click();
    await page.getByTestId('diag-test-print').click();
    const result = page.getByTestId('diag-print-result');
    await result.filter({ hasText: '已打印' }).waitFor({ timeout: 15_000 });
    expect((await printed()).receipts.length).toBe(before + 1);
  }, 30_000);

  it('calibrates the invoice form offsets and prints the grid with them', async () => {
    await page.getByTestId('diag-cal-current').waitFor();
    for (let i = 0; i < 3; i++) await page.getByTestId('diag-cal-dx-plus').click();
    await page.getByTestId('diag-cal-dy-minus').click();
    expect(await page.getByTestId('diag-cal-dx-value').innerText()).toBe('+1.5');
    expect(await page.getByTestId('diag-cal-dy-value').innerText()).toBe('-0.5');
    await page.getByTestId('diag-cal-save').click();
    await page.getByTestId('diag-cal-result').filter({ hasText: '+1.5' }).waitFor({ timeout: 10_000 });
    const status = await hostCall<{ calibration: { dxMm: number; dyMm: number } }>(kiosk.url, 'diag.status');
    expect(status.calibration).toMatchObject({ dxMm: 1.5, dyMm: -0.5 });

    const pagesBefore = (await printed()).invoicePages.length;
    await page.getByTestId('diag-grid').click();
    const grid = page.getByTestId('diag-grid-result').filter({ hasText: '已打印' });
    await grid.waitFor({ timeout: 20_000 });
    // The grid went out with the offsets just stored.
    expect(await grid.innerText()).toContain('+1.5');
    expect(await grid.innerText()).toContain('-0.5');
    const after = await printed();
    expect(after.invoicePages.length).toBe(pagesBefore + 1);
    expect(after.invoicePages.at(-1)).toContain('+');
  }, 40_000);

  it('exits back to the attract screen and closes diagnostics on the host', async () => {
    await page.getByTestId('diag-exit').click();
    await page.getByTestId('attract-prompt').waitFor();
    expect(await page.getByTestId('diag-screen').count()).toBe(0);
    await expect(hostCall(kiosk.url, 'diag.status')).rejects.toThrow(/notAvailable/);
  }, 20_000);

  it('locks the PIN pad after five wrong PINs, and the right PIN no longer opens it', async () => {
    const label = page.locator('.status-kiosk');
    for (let i = 0; i < 5; i++) await label.click();
    await page.getByTestId('diag-pin').waitFor();
    const answer = page.getByTestId('diag-pin-answer');
    // The right PIN earlier reset the count: five wrong ones in a row lock it.
    for (let i = 0; i < 4; i++) await typePin('999999');
    await page.locator('[data-testid="diag-pin-answer"][data-outcome="wrong"]').filter({ hasText: '1' }).waitFor();
    await typePin('999999');
    await page.locator('[data-testid="diag-pin-answer"][data-outcome="locked"]').waitFor({ timeout: 10_000 });
    expect(await answer.innerText()).toContain('锁定');
    // Locked: OK is off, and the host refuses the right PIN too.
    expect(await page.getByTestId('diag-pin-ok').isDisabled()).toBe(true);
    expect(await hostCall<{ outcome: string }>(kiosk.url, 'diag.enter', { pin: DEMO_TECHNICIAN_PIN })).toMatchObject({ outcome: 'locked' });
    await page.getByTestId('diag-pin-cancel').click();
    await page.getByTestId('attract-prompt').waitFor();
  }, 40_000);
});
