import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';

/**
 * Printer trouble as the taxpayer meets it: the real host with simulated
 * printers on PTYs, paper taken out through the simulator panel, the words on
 * the attract screen in Chinese.
 */
let kiosk: KioskProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  kiosk = await startKiosk();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(kiosk.url);
  await page.getByTestId('attract-prompt').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function setPrinter(kind: string, state: string): Promise<void> {
  if (!(await page.getByTestId('sim-panel').isVisible())) await page.getByTestId('sim-toggle').click();
  await page.getByTestId(`sim-printer-${kind}-${state}`).click();
  await page.getByTestId('sim-toggle').click();
}

describe('printer faults on the attract screen (real host, simulated printers)', () => {
  it('says in plain words which services pause when the invoice printer runs out of paper, and which still work', async () => {
    await setPrinter('invoice', 'paper-out');
    const notice = page.locator('.notice-printers');
    await expect.poll(() => notice.innerText(), { timeout: 8000 }).toContain('发票打印机缺纸');
    const text = await notice.innerText();
    expect(text).toContain('发票领用');
    expect(text).toContain('发票代开');
    expect(text).toContain('暂停办理');
    expect(text).toContain('完税证明打印可正常办理');
  });

  it('clears the notice when the printer is ready again', async () => {
    await setPrinter('invoice', 'ready');
    await expect.poll(() => page.locator('.notice-printers').count(), { timeout: 8000 }).toBe(0);
  });

  it('names the cover when the receipt printer cover is open', async () => {
    await setPrinter('receipt', 'cover-open');
    await expect.poll(() => page.locator('.notice-printers').innerText(), { timeout: 8000 }).toContain('凭条打印机的机盖未关好');
    await setPrinter('receipt', 'ready');
  });
});
