import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { startKiosk, type KioskProcess } from '../../support/kiosk-process';
import { startIdCardSimulator } from '../../../devices/simulators/idcard/idcard-simulator';
import { startEscposSimulator } from '../../../devices/simulators/escpos/escpos-simulator';
import { startEscpSimulator } from '../../../devices/simulators/escp/escp-simulator';
import { encodeCommand, encodeResponse, FIND_CARD, READ_TEXT_PHOTO, SELECT_CARD } from '../../../devices/idcard/sam-codec';
import type { BenchRow } from '../bench-types';

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
 * Wall-clock milliseconds (epoch) of this process; the page's
 * `performance.timeOrigin + performance.now()` is on the same clock, so a
 * moment timed inside the page can be set against the host's spawn.
 */
const epochMs = (): number => performance.timeOrigin + performance.now();

/** Moments of one start, recorded inside the page (epoch ms): see `recordStartInPage`. */
interface PageMarks {
  navigationStart: number;
  domContentLoaded: number;
  firstContentfulPaint: number | null;
  attractPainted: number;
  interactive: number;
}

/**
 * Init script: records when the attract prompt is first painted and when it
 * is painted with the reader online (the row's end), each as the next paint
 * after the DOM shows it (rAF + setTimeout 0, as touch-to-paint), so no
 * Playwright polling delay is in the figure.
 */
function recordStartInPage(): void {
  const w = window as unknown as { __start?: Partial<Record<string, number>> };
  const marks: Partial<Record<string, number>> = {};
  w.__start = marks;
  const at = () => performance.timeOrigin + performance.now();
  const afterNextPaint = (key: string) => requestAnimationFrame(() => setTimeout(() => (marks[key] ??= at()), 0));
  let attract = false;
  let online = false;
  const check = () => {
    if (!attract && document.querySelector('[data-testid="attract-prompt"]')) {
      attract = true;
      afterNextPaint('attractPainted');
    }
    const reader = document.querySelector('[data-testid="reader-status"]')?.textContent;
    if (attract && !online && reader && !/未连接|正在检查/.test(reader)) {
      online = true;
      afterNextPaint('interactive');
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') marks.firstContentfulPaint ??= performance.timeOrigin + entry.startTime;
  }).observe({ type: 'paint', buffered: true });
}

async function coldStart(b: Browser, config: Record<string, unknown>): Promise<{ spawn: number; urlPrinted: number; page: PageMarks }> {
  // The browser and its tab are already up (on a kiosk they start with the system): only the host and the page are timed.
  const page = await b.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.addInitScript(recordStartInPage);
  const spawn = epochMs();
  const kiosk = await startKiosk(config);
  const urlPrinted = epochMs();
  try {
    await page.goto(kiosk.url);
    await page.waitForFunction(() => (window as unknown as { __start?: { interactive?: number } }).__start?.interactive !== undefined, null, {
      timeout: 60_000,
      polling: 50,
    });
    // Chromium reports a paint once it is presented, which may trail the frame a little.
    await page
      .waitForFunction(() => (window as unknown as { __start?: { firstContentfulPaint?: number } }).__start?.firstContentfulPaint !== undefined, null, {
        timeout: 3000,
        polling: 50,
      })
      .catch(() => undefined);
    const marks = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const own = (window as unknown as { __start: Record<string, number> }).__start;
      return {
        navigationStart: performance.timeOrigin,
        domContentLoaded: performance.timeOrigin + nav.domContentLoadedEventEnd,
        firstContentfulPaint: own.firstContentfulPaint ?? null,
        attractPainted: own.attractPainted ?? Number.NaN,
        interactive: own.interactive ?? Number.NaN,
      };
    });
    return { spawn, urlPrinted, page: marks };
  } finally {
    await page.close();
    await kiosk.stop();
  }
}

/** The kiosk's devices as a real kiosk has them: there before the host starts (the simulators on their PTYs, started beforehand). */
async function devicesAlreadyUp(): Promise<{ config: Record<string, unknown>; close(): Promise<void> }> {
  const [idcard, receipt, invoice] = await Promise.all([startIdCardSimulator({ paceBaud: 115200 }), startEscposSimulator({}), startEscpSimulator({})]);
  return {
    config: {
      devices: {
        mode: 'real',
        idcard: { transport: 'serial', port: idcard.portPath, baud: 115200 },
        receiptPrinter: { port: receipt.portPath },
        invoicePrinter: { port: invoice.portPath },
      },
    },
    async close() {
      await Promise.allSettled([idcard.close(), receipt.close(), invoice.close()]);
    },
  };
}

/**
 * The built kiosk in the Chromium shell (no window of its own) and a tab of
 * an already running Chromium. The row's clock starts at the host's spawn,
 * so the browser's own launch (seconds on a cold disk) is not in it: on a
 * kiosk the browser and the host start together at boot. Twice per run:
 * as `npm start` runs it (simulators started by the host on fresh PTYs via
 * socat), and with the devices already there, as on a kiosk.
 */
export const coldStartRow: BenchRow = {
  id: 'cold-start',
  title: 'host cold start → attract screen interactive (Chromium shell)',
  measures: 'host process spawned → attract prompt painted with the reader online (next paint, timed in the page; browser and tab already running)',
  runs: 5,
  async setup() {
    await sharedBrowser();
  },
  async run() {
    const b = await sharedBrowser();
    const sim = await coldStart(b, {});
    const devices = await devicesAlreadyUp();
    let real: Awaited<ReturnType<typeof coldStart>>;
    try {
      real = await coldStart(b, devices.config);
    } finally {
      await devices.close();
    }
    const since = (from: number, to: number | null) => (to === null ? Number.NaN : to - from);
    return [
      { name: 'to interactive', value: since(sim.spawn, sim.page.interactive), unit: 'ms', target: { op: '<', value: 1500 } },
      { name: 'to interactive, devices already up', value: since(real.spawn, real.page.interactive), unit: 'ms', target: { op: '<', value: 1500 } },
      { name: 'host ready (URL printed)', value: since(sim.spawn, sim.urlPrinted), unit: 'ms' },
      { name: 'host ready, devices already up', value: since(real.spawn, real.urlPrinted), unit: 'ms' },
      { name: 'page: navigation → DOMContentLoaded', value: since(sim.page.navigationStart, sim.page.domContentLoaded), unit: 'ms' },
      { name: 'page: navigation → attract painted', value: since(sim.page.navigationStart, sim.page.attractPainted), unit: 'ms' },
      { name: 'page: navigation → first contentful paint', value: since(sim.page.navigationStart, sim.page.firstContentfulPaint), unit: 'ms' },
      { name: 'page: attract painted → reader online painted', value: since(sim.page.attractPainted, sim.page.interactive), unit: 'ms' },
    ];
  },
};

/** Bytes on the wire for one resident-card read: three commands and their answers (docs/devices.md sizes). */
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
    // The screen is served while the simulators still start: their buttons come once the reader reports.
    await page.getByTestId('sim-place-resident').waitFor();
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
