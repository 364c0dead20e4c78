import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { launchChromium } from '../support/browser';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';
import { pdfText } from '../support/pdf-tools';

/**
 * The IIT payment certificate as a taxpayer gets it: the real host (sandbox
 * backend, simulated reader and printers; the A4 printer writes its PDFs to
 * <dataDir>/sim-a4) and the real UI in Chromium, by touch only. What the
 * printers received is checked as a person would: the PDF's text, the
 * receipt's lines. Demo people: backend/sandbox/README.md.
 */
let kiosk: KioskProcess;
let browser: Browser;
let page: Page;

const LONG_TERM_ID = '370102196005150024'; // 测试乙 (resident-long-term): 30 months of records
const LONG_TERM_MASKED = '370102********0024';

/** One contract call over the kiosk's own bridge, as the UI makes it (simulator-only methods for checks). */
async function hostCall<T>(method: string, payload: unknown = {}): Promise<T> {
  const url = new URL(kiosk.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/bridge?token=${encodeURIComponent(token)}`, { headers: { origin: url.origin } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), 10_000);
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { t: string; id?: number; result?: { ok: boolean; value?: T; error?: unknown } };
        if (message.t !== 'result' || message.id !== 1) return;
        clearTimeout(timer);
        if (message.result?.ok) resolve(message.result.value as T);
        else reject(new Error(`${method}: ${JSON.stringify(message.result?.error)}`));
      });
      ws.send(JSON.stringify({ t: 'call', id: 1, method, payload }));
    });
  } finally {
    ws.close();
  }
}

const a4Dir = () => path.join(kiosk.dataDir, 'sim-a4');
const printedPdfs = () =>
  fs.existsSync(a4Dir())
    ? fs
        .readdirSync(a4Dir())
        .filter((f) => f.endsWith('.pdf'))
        .sort()
    : [];
const receipts = async () => (await hostCall<{ receipts: string[] }>('sim.printers.output')).receipts;

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

async function openPreset(preset: string): Promise<void> {
  await page.getByTestId('service-tax-certificate').click();
  await page.getByTestId(`cert-preset-${preset}`).click();
}

beforeAll(async () => {
  kiosk = await startKiosk({ session: { idleTimeoutMs: 120_000 } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(kiosk.url);
  await page.getByTestId('attract-prompt').waitFor();
  await placeCard('resident-long-term');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('IIT payment certificate (real host, simulated devices, Chromium)', { timeout: 90_000 }, () => {
  it('previews the last 12 months, prints the A4 certificate and the receipt, shows the verification code', async () => {
    const pdfsBefore = printedPdfs().length;
    const receiptsBefore = (await receipts()).length;
    await openPreset('last12Months');
    await page.getByTestId('cert-table').waitFor({ timeout: 10_000 });
    const total = await page.getByTestId('cert-total').innerText();
    expect(total).toMatch(/^¥[\d,]+\.\d{2}$/);
    const count = Number(/\d+/.exec(await page.getByTestId('cert-count').innerText())?.[0]);
    expect(count).toBeGreaterThanOrEqual(12);
    expect(await page.getByTestId('cert-for').innerText()).toContain(LONG_TERM_MASKED);

    await page.getByTestId('cert-print').click();
    // How the ID number is printed: in full, the primary answer. The screen itself stays masked.
    await page.getByTestId('cert-id-question').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('cert-id-question').innerText()).not.toContain(LONG_TERM_ID);
    await page.getByTestId('cert-id-full').click();
    await page.getByTestId('cert-done').waitFor({ timeout: 30_000 });
    const code = await page.getByTestId('cert-done-code').innerText();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]$/);
    expect(await page.getByTestId('cert-done-total').innerText()).toBe(total);
    expect(await page.getByTestId('cert-no-receipt').count()).toBe(0);

    // The A4 printer's PDF: the holder's own proof, name and ID number in full, the total, the code.
    const pdfs = printedPdfs();
    expect(pdfs).toHaveLength(pdfsBefore + 1);
    const text = pdfText(path.join(a4Dir(), pdfs[pdfs.length - 1]!));
    expect(text).toContain('个人所得税完税证明');
    expect(text).toContain('测试乙');
    expect(text).toContain(LONG_TERM_ID);
    expect(text).not.toContain(LONG_TERM_MASKED);
    expect(text).toContain(total);
    expect(text).toContain(code);

    // The receipt: masked name and ID, record count, total, code.
    const after = await receipts();
    expect(after).toHaveLength(receiptsBefore + 1);
    const receipt = after[after.length - 1]!;
    for (const part of ['完税证明打印凭条', '测*乙', LONG_TERM_MASKED, `${count} 条`, total, code]) expect(receipt).toContain(part);
    expect(receipt).not.toContain(LONG_TERM_ID);
    expect(receipt).not.toContain('测试乙');

    await page.getByTestId('cert-finish').click();
    await page.getByTestId('greeting').waitFor();
  });

  it('A4 printer out of paper: 打印 is held back with the reason; out of paper after the tap, the host refuses and prints nothing; prints once the paper is back', async () => {
    const pdfsBefore = printedPdfs().length;
    await openPreset('lastYear');
    const print = page.getByTestId('cert-print');
    await print.waitFor({ timeout: 10_000 });

    // Known before the tap: the button is disabled and says why and what to do.
    await simPanel(() => page.getByTestId('sim-printer-a4-paper-out').click());
    await expect.poll(() => print.isDisabled(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('cert-print-blocked').innerText()).toContain('A4打印机缺纸');
    await simPanel(() => page.getByTestId('sim-printer-a4-ready').click());
    await expect.poll(() => print.isEnabled(), { timeout: 10_000 }).toBe(true);

    // Out of paper between the tap and the print: the host refuses, nothing is printed.
    await print.click();
    await page.getByTestId('cert-id-question').waitFor({ timeout: 10_000 });
    await hostCall('sim.printer.setState', { printer: 'a4', state: 'paper-out' });
    await page.getByTestId('cert-id-full').click();
    await page.getByTestId('cert-refused').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('cert-refused').getAttribute('data-reason')).toBe('printerNotReady');
    expect(await page.getByTestId('cert-refusal-text').innerText()).toContain('A4打印机缺纸');
    expect(await page.getByTestId('cert-refusal-next').innerText()).toContain('工作人员');
    expect(printedPdfs()).toHaveLength(pdfsBefore);

    // Paper back: one step back to the preview, and print.
    await simPanel(() => page.getByTestId('sim-printer-a4-ready').click());
    await page.getByTestId('cert-back').click();
    await expect.poll(() => print.isEnabled(), { timeout: 10_000 }).toBe(true);
    await print.click();
    // Partly hidden this time: the PDF keeps the first 6 and last 4.
    await page.getByTestId('cert-id-partlyHidden').click();
    await page.getByTestId('cert-done').waitFor({ timeout: 30_000 });
    expect(printedPdfs()).toHaveLength(pdfsBefore + 1);
    const partly = pdfText(path.join(a4Dir(), printedPdfs()[printedPdfs().length - 1]!));
    expect(partly).toContain(LONG_TERM_MASKED);
    expect(partly).not.toContain(LONG_TERM_ID);
    await page.getByTestId('cert-finish').click();
    await page.getByTestId('greeting').waitFor();
  });

  it('no records in the period for a person without any: says so, offers another period, and a way back', async () => {
    await placeCard('hk-macau-taiwan');
    const receiptsBefore = (await receipts()).length;
    await openPreset('last12Months');
    await page.getByTestId('cert-no-records').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('cert-no-records').innerText()).toContain('没有您的个人所得税缴纳记录');
    await page.getByTestId('cert-other-period').click();
    await page.getByTestId('cert-preset-custom').waitFor();
    await page.getByTestId('cert-back').click();
    await page.getByTestId('greeting').waitFor();
    expect(await receipts()).toHaveLength(receiptsBefore);
  });
});
