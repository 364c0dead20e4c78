import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { startKiosk, type KioskProcess } from '../../support/kiosk-process';
import { encodeCommand, encodeResponse, FIND_CARD, READ_TEXT_PHOTO, SELECT_CARD } from '../../../devices/idcard/sam-codec';
import type { BenchRow } from '../bench-types';
import { msSince } from '../stats';

let browser: Browser | null = null;

async function sharedBrowser(): Promise<Browser> {
  browser ??= await launchChromium();
  return browser;
}

export async function closeSharedBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/**
 * The built kiosk in the Chromium shell (no window of its own) and a page of
 * an already running Chromium. The row's clock starts at the host's spawn,
 * so the browser's own launch (seconds on a cold disk) is not in it: on a
 * kiosk the browser and the host start together at boot.
 */
export const coldStartRow: BenchRow = {
  id: 'cold-start',
  title: 'host cold start → attract screen interactive (Chromium shell)',
  measures: 'host process spawned → attract prompt painted with the reader online (browser already running)',
  runs: 5,
  async setup() {
    await sharedBrowser();
  },
  async run() {
    const b = await sharedBrowser();
    const start = process.hrtime.bigint();
    const kiosk = await startKiosk({});
    const hostReady = msSince(start);
    const page = await b.newPage({ viewport: { width: 1080, height: 1920 } });
    try {
      await page.goto(kiosk.url);
      await page.getByTestId('attract-prompt').waitFor();
      await page.waitForFunction(() => !/未连接|正在检查/.test(document.querySelector('[data-testid=reader-status]')?.textContent ?? '正在检查'));
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
      const interactive = msSince(start);
      return [
        { name: 'to interactive', value: interactive, unit: 'ms', target: { op: '<', value: 1500 } },
        { name: 'host ready (URL printed)', value: hostReady, unit: 'ms' },
      ];
    } finally {
      await page.close();
      await kiosk.stop();
    }
  },
};

/** Bytes on the wire for one resident-card read: three commands and their answers (devices.md sizes). */
export function cardReadWireBytes(): number {
  const commands = [FIND_CARD, SELECT_CARD, READ_TEXT_PHOTO].reduce((n, c) => n + encodeCommand(c.cmd, c.para).length, 0);
  const FIND_DATA = 4;
  const SELECT_DATA = 8;
  const READ_DATA = 2 + 2 + 256 + 1024; // text length, photo length, text, photo (WLT)
  const answers = [FIND_DATA, SELECT_DATA, READ_DATA].reduce((n, size) => n + encodeResponse(0x90, new Uint8Array(size)).length, 0);
  return commands + answers;
}

let kiosk: KioskProcess | null = null;
let page: Page | null = null;

/** Click of the simulator's "place card" → greeting painted, timed inside the page. */
export const cardToGreetingRow: BenchRow = {
  id: 'card-to-greeting',
  title: 'card placed → greeting on screen (simulated reader at 115200)',
  measures: 'simulator "place card" clicked → greeting painted (next animation frame), timed in the page',
  runs: 8,
  async setup() {
    const b = await sharedBrowser();
    kiosk = await startKiosk({});
    page = await b.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(kiosk.url);
    await page.getByTestId('attract-prompt').waitFor();
    await page.getByTestId('sim-toggle').click();
  },
  async run() {
    if (!page) throw new Error('not set up');
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          (document.querySelector('[data-testid="sim-place-resident"]') as HTMLElement).click();
          const check = () => {
            if (document.querySelector('[data-testid="greeting"]')) requestAnimationFrame(() => resolve(performance.now() - t0));
            else requestAnimationFrame(check);
          };
          check();
        }),
    );
    if (!(await page.getByTestId('sim-panel').isVisible())) await page.getByTestId('sim-toggle').click();
    await page.getByTestId('sim-lift').click();
    await page.getByTestId('attract-prompt').waitFor();
    return [
      { name: 'to greeting', value: ms, unit: 'ms', target: { op: '<', value: 1200 } },
      { name: 'protocol floor', value: (cardReadWireBytes() * 10 * 1000) / 115200, unit: 'ms' },
    ];
  },
  async teardown() {
    await page?.close();
    await kiosk?.stop();
  },
};
