import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serveStatic } from './support/static-server';
import { installFakeKiosk, type FakeOptions, type FakePrinterKind, type FakePrinterState, type FakeWindow } from './support/fake-kiosk';
import { inkCount, inkDifference, inkMask } from './support/pixels';
import { attachWsHost } from './support/ws-host';
import { buildRendererIfStale, distDir, screensDir } from './support/renderer-harness';
import { catalogues } from '../../shared/i18n';

const run = promisify(execFile);

const PORTRAIT = { width: 1080, height: 1920 } as const;
const LANDSCAPE = { width: 1920, height: 1080 } as const;
const VIEWPORTS = { portrait: PORTRAIT, landscape: LANDSCAPE } as const;

const FULL_ID = '11010519491231002X';
const IDLE = { state: 'idle', sessionId: null, person: null, rejection: null, idle: null };
const active = (deadlineInMs = 90_000) => ({
  state: 'active',
  sessionId: 'visit-1',
  person: { cardType: 'resident', maskedName: '张*三', maskedId: '110105********002X', sex: 'male' },
  rejection: null,
  idle: { deadline: Date.now() + deadlineInMs, warnMs: 15_000 },
});

let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;
let wsHost: ReturnType<typeof attachWsHost>;

beforeAll(async () => {
  await buildRendererIfStale();
  mkdirSync(screensDir, { recursive: true });
  server = await serveStatic(distDir);
  wsHost = attachWsHost(server.server, 'tok-123');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  wsHost?.close();
  await server?.close();
});

async function openApp(viewport: { width: number; height: number }, options: Partial<FakeOptions> = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  const fake: FakeOptions = { simulators: true, defaultLang: 'zh-CN', reader: 'online', ...options };
  await page.addInitScript(installFakeKiosk, fake);
  await page.goto(server.url);
  await page.waitForSelector('[data-screen="attract"]');
  await settle(page);
  return page;
}

/** Waits until the unicode-range font chunks the screen needs have loaded. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await document.fonts.ready;
  });
}

async function push(page: Page, name: string, payload: unknown): Promise<void> {
  await page.evaluate(([n, p]) => (window as unknown as FakeWindow).__fake.push(n as string, p), [name, payload] as const);
}

async function setPrinter(page: Page, kind: FakePrinterKind, state: FakePrinterState): Promise<void> {
  await page.evaluate(([k, st]) => (window as unknown as FakeWindow).__fake.setPrinter(k, st), [kind, state] as const);
}

async function payloads(page: Page, method: string): Promise<unknown[]> {
  return page.evaluate((m) => (window as unknown as FakeWindow).__fake.calls.filter((c) => c.method === m).map((c) => c.payload), method);
}

const TILES = {
  collect: '[data-testid="service-invoice-collect"]',
  issue: '[data-testid="service-invoice-issue"]',
  certificate: '[data-testid="service-tax-certificate"]',
} as const;

async function calls(page: Page, method: string): Promise<number> {
  return page.evaluate((m) => (window as unknown as FakeWindow).__fake.calls.filter((c) => c.method === m).length, method);
}

async function shot(page: Page, name: string): Promise<Buffer> {
  await settle(page);
  const png = await page.screenshot({ animations: 'disabled' });
  writeFileSync(join(screensDir, `${name}.png`), png);
  return png;
}

describe('renderer in Chromium with a fake preload', () => {
  it('shows the attract screen in Chinese', async () => {
    const page = await openApp(PORTRAIT);
    await expect.poll(() => page.locator('[data-testid="app-title"]').textContent()).toBe('国地税联合自助办税终端');
    expect(await page.locator('[data-testid="attract-prompt"]').textContent()).toBe('请将身份证放在读卡区');
    expect(await page.locator('[data-testid="reader-status"]').textContent()).toContain('读卡器：就绪');
    expect(await page.locator('[data-testid="reader-notice"]').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.context().close();
  });

  it('says in words when the reader is not online', async () => {
    const page = await openApp(PORTRAIT, { reader: 'offline' });
    await expect.poll(() => page.locator('[data-testid="reader-notice"]').textContent()).toContain('读卡器未连接，请联系工作人员');
    expect(await page.locator('[data-testid="reader-status"]').textContent()).toContain('未连接');
    await push(page, 'device.idcard', { device: 'online', media: 'notPresent', port: null, model: null, detail: null });
    await expect.poll(() => page.locator('[data-testid="reader-notice"]').count()).toBe(0);
    await page.context().close();
  });

  it('greets with masked data only, and forgets the person when the visit ends', async () => {
    const page = await openApp(PORTRAIT);
    await push(page, 'session.changed', { ...IDLE, state: 'reading', sessionId: 'visit-1' });
    await expect.poll(() => page.locator('[data-screen="reading"]').textContent()).toContain('正在读取身份证，请勿移动');

    await push(page, 'session.changed', active());
    await expect.poll(() => page.locator('[data-testid="greeting"]').textContent()).toBe('您好，张*三');
    expect(await page.locator('[data-testid="masked-id"]').textContent()).toBe('110105********002X');
    // Every service is built: each tile opens while its printers are ready.
    for (const tile of [TILES.collect, TILES.issue, TILES.certificate]) {
      expect(await page.locator(tile).getAttribute('aria-disabled')).toBe('false');
      expect(await page.locator(tile).textContent()).not.toContain('即将开放');
    }
    let html = await page.evaluate(() => document.body.innerHTML);
    expect(html).not.toContain(FULL_ID);
    expect(html).not.toContain('19491231');

    await push(page, 'session.changed', IDLE);
    await page.waitForSelector('[data-screen="attract"]');
    html = await page.evaluate(() => document.body.innerHTML);
    for (const trace of ['张', '*三', '110105', '002X', '即将开放']) expect(html).not.toContain(trace);
    await page.context().close();
  });

  it('exit calls session.end and returns to the attract screen', async () => {
    const page = await openApp(PORTRAIT);
    await push(page, 'session.changed', active());
    await page.locator('[data-testid="exit"]').click();
    await page.waitForSelector('[data-screen="attract"]');
    expect(await calls(page, 'session.end')).toBe(1);
    await page.context().close();
  });

  it('shows each refusal with what to do next', async () => {
    const page = await openApp(PORTRAIT);
    const cases = {
      expired: '您的身份证已过期',
      badCheckCharacter: '无法识别此证件',
      birthDateMismatch: '无法识别此证件',
      readFailed: '读卡未成功，请将身份证平放在读卡区重新读取',
      unsupportedCard: '暂不支持此类证件',
    };
    for (const [rejection, text] of Object.entries(cases)) {
      await push(page, 'session.changed', { ...IDLE, state: 'cardRejected', sessionId: `r-${rejection}`, rejection });
      await expect.poll(() => page.locator('[data-screen="rejected"]').textContent()).toContain(text);
      expect(await page.locator('.next-step').textContent()).not.toBe('');
    }
    await page.context().close();
  });

  it('shows the countdown inside the warning window; 继续办理 calls session.touch', async () => {
    const page = await openApp(PORTRAIT);
    await push(page, 'session.changed', active(60_000));
    expect(await page.locator('[data-testid="idle-overlay"]').count()).toBe(0);
    await push(page, 'session.changed', active(12_000));
    await page.waitForSelector('[data-testid="idle-overlay"]');
    const seconds = Number(await page.locator('[data-testid="idle-seconds"]').textContent());
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(12);
    expect(await page.locator('[data-testid="idle-overlay"]').textContent()).toContain('您还在吗？');
    const before = await calls(page, 'session.touch');
    await page.locator('[data-testid="idle-continue"]').click();
    await expect.poll(() => calls(page, 'session.touch')).toBeGreaterThan(before);
    await expect.poll(() => page.locator('[data-testid="idle-overlay"]').count()).toBe(0);
    await page.context().close();
  });

  it('touches anywhere call session.touch, throttled', async () => {
    const page = await openApp(PORTRAIT);
    await push(page, 'session.changed', active());
    for (let i = 0; i < 5; i++) await page.mouse.click(540, 1500);
    expect(await calls(page, 'session.touch')).toBe(1);
    await page.context().close();
  });

  it('switches to English', async () => {
    const page = await openApp(PORTRAIT);
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => page.locator('[data-testid="attract-prompt"]').textContent()).toBe('Place your ID card on the reader');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('[data-testid="lang-switch"]').textContent()).toBe('中文');
    await page.context().close();
  });

  it('simulator panel places and lifts a card', async () => {
    const page = await openApp(PORTRAIT);
    await page.locator('[data-testid="sim-toggle"]').click();
    await page.locator('[data-testid="sim-place-valid"]').click();
    // The host was asked for exactly that card, and the visit that follows greets its holder, masked.
    expect(await payloads(page, 'sim.idcard.place')).toEqual([{ profile: 'valid' }]);
    await expect.poll(() => page.locator('[data-testid="greeting"]').textContent()).toBe('您好，张*三');
    expect(await page.locator('[data-testid="masked-id"]').textContent()).toBe('110105********002X');
    await page.locator('[data-testid="sim-lift"]').click();
    expect(await calls(page, 'sim.idcard.lift')).toBe(1);
    // Lifted: back to the prompt, and nothing of the person is left on the page.
    await expect.poll(() => page.locator('[data-testid="attract-prompt"]').textContent()).toBe('请将身份证放在读卡区');
    expect(await page.locator('[data-testid="greeting"]').count()).toBe(0);
    const html = await page.evaluate(() => document.body.innerHTML);
    for (const trace of ['张*三', '110105']) expect(html).not.toContain(trace);
    await page.context().close();
  });

  it('draws CJK glyphs with the bundled font (no tofu)', async () => {
    const page = await openApp(PORTRAIT);
    const fontFiles: string[] = [];
    page.on('response', (r) => {
      if (/noto-sans-sc-.*\.woff2$/.test(r.url()) && r.ok()) fontFiles.push(r.url());
    });
    const masks: Uint8Array[] = [];
    for (const ch of ['国', '税']) {
      await page.evaluate(async (c) => {
        document.getElementById('glyph-probe')?.remove();
        const el = document.createElement('div');
        el.id = 'glyph-probe';
        el.textContent = c;
        Object.assign(el.style, {
          position: 'fixed',
          left: '0',
          top: '0',
          width: '320px',
          height: '320px',
          zIndex: '1000',
          background: '#fff',
          color: '#000',
          font: '700 240px var(--font-family)',
          lineHeight: '320px',
          textAlign: 'center',
        });
        document.body.append(el);
        await document.fonts.load('700 240px "Noto Sans SC"', c);
        await document.fonts.ready;
      }, ch);
      const png = await page.locator('#glyph-probe').screenshot();
      writeFileSync(join(screensDir, `glyph-${ch === '国' ? 'guo' : 'shui'}.png`), png);
      masks.push(inkMask(png).mask);
    }
    const [guo, shui] = masks as [Uint8Array, Uint8Array];
    expect(inkCount(guo)).toBeGreaterThan(2000);
    expect(inkCount(shui)).toBeGreaterThan(2000);
    expect(inkDifference(guo, shui)).toBeGreaterThan(0.4);
    const families = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
    expect(families.some((f) => f.includes('Noto Sans SC'))).toBe(true);
    await page.context().close();
  });

  it('draws every character of every catalogue, in every font stack the screens use (issue 15: 端口 in boxes)', async () => {
    const page = await openApp(PORTRAIT);
    // Every character a person can be shown: the catalogue values of both languages (placeholders are filled with digits and names).
    const text = [...new Set([...Object.values(catalogues['zh-CN']), ...Object.values(catalogues.en)].join('').replace(/\s/g, ''))].join('');
    const missing = await page.evaluate(async (chars) => {
      // The font stacks of the app's own stylesheets (a monospace stack with no CJK face was how "端口：" lost its glyphs).
      const probe = document.createElement('span');
      document.body.append(probe);
      const stacks = new Set<string>();
      for (const sheet of [...document.styleSheets]) {
        for (const rule of [...sheet.cssRules]) {
          const family = rule instanceof CSSStyleRule ? rule.style.fontFamily : '';
          if (!family) continue;
          probe.style.fontFamily = family;
          stacks.add(getComputedStyle(probe).fontFamily);
        }
      }
      probe.remove();
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no canvas');
      const draw = (font: string, ch: string): string => {
        ctx.clearRect(0, 0, 64, 64);
        ctx.font = font;
        ctx.fillText(ch, 4, 52);
        return Array.from(ctx.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3)).join(',');
      };
      const out: Record<string, string> = {};
      for (const stack of stacks) {
        const font = `400 48px ${stack}`;
        await document.fonts.load(font, chars);
        await document.fonts.ready;
        // What this stack draws for a character no font has (a private-use code point): the missing-glyph box.
        const tofu = draw(font, '\uE000');
        const lost = [...chars].filter((ch) => draw(font, ch) === tofu);
        if (lost.length > 0) out[stack] = lost.join('');
      }
      return { stacks: [...stacks], out };
    }, text);
    expect(missing.stacks.length).toBeGreaterThan(1);
    expect(missing.out).toEqual({});
    await page.context().close();
  });

  it('OCR reads the Chinese prompt off the screen', async () => {
    const page = await openApp(PORTRAIT);
    const file = join(screensDir, 'ocr-prompt.png');
    await page.locator('[data-testid="attract-prompt"]').screenshot({ path: file, animations: 'disabled' });
    const { stdout } = await run('tesseract', [file, 'stdout', '-l', 'chi_sim', '--psm', '7']);
    expect(stdout.replace(/\s+/g, '')).toContain('身份证');
    await page.context().close();
  });

  it('without a preload, talks to the host over the WebSocket bridge with the hash token', async () => {
    const context = await browser.newContext({ viewport: LANDSCAPE });
    const page = await context.newPage();
    await page.goto(`${server.url}#token=tok-123`);
    await page.waitForSelector('[data-screen="attract"]');
    await expect.poll(() => page.locator('.status-kiosk').textContent()).toContain('KIOSK-WS-01');
    expect(await page.evaluate(() => location.href)).toBe(server.url);
    expect(wsHost.tokensSeen).toContain('tok-123');
    await expect.poll(() => wsHost.connections()).toBe(1);
    wsHost.push('session.changed', active());
    await expect.poll(() => page.locator('[data-testid="greeting"]').textContent()).toBe('您好，张*三');
    // Host restart: the person leaves the screen, the page says so, then reconnects and resyncs.
    wsHost.push('session.changed', IDLE);
    await page.waitForSelector('[data-screen="attract"]');
    wsHost.dropAll();
    await expect.poll(() => wsHost.connections(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="reader-status"]').textContent()).toContain('读卡器：就绪');
    await context.close();
  });

  it('a printer fault says which services are paused and why, on the attract screen and on the menu', async () => {
    const page = await openApp(PORTRAIT);
    expect(await page.locator('[data-testid="printer-notice"]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="printer-status-allReady"]').textContent()).toContain('打印机：正常');

    await setPrinter(page, 'invoice', 'paper-out');
    await expect
      .poll(() => page.locator('[data-testid="printer-notice"]').textContent())
      .toBe('发票打印机缺纸，发票领用、发票代开暂停办理。完税证明打印可正常办理。如需帮助请联系大堂工作人员。');
    expect(await page.locator('[data-testid="printer-status-invoice"]').textContent()).toBe('发票打印机：缺纸');
    expect(await page.locator('[data-testid="printer-status-othersReady"]').textContent()).toBe('其余打印机正常');
    // The list of services would promise too much while two are paused.
    expect(await page.locator('.attract-services').count()).toBe(0);

    await push(page, 'session.changed', active());
    await page.waitForSelector('[data-screen="active"]');
    for (const tile of [TILES.collect, TILES.issue]) {
      const text = await page.locator(tile).textContent();
      expect(text).toContain('发票打印机缺纸');
      expect(text).toContain('暂停办理');
      expect(text).not.toContain('即将开放');
    }
    const certificate = await page.locator(TILES.certificate).textContent();
    expect(certificate).not.toContain('缺纸');
    expect(await page.locator(TILES.certificate).getAttribute('data-availability')).toBe('open');
    expect(await page.locator('[data-testid="menu-printer-notice"]').textContent()).toContain('发票领用、发票代开暂停办理');

    // A tap on a paused tile explains; never a dead end.
    await page.locator(TILES.issue).click({ force: true });
    await expect
      .poll(() => page.locator('[data-testid="menu-notice"]').textContent())
      .toBe('发票打印机缺纸，发票代开暂停办理。完税证明打印可正常办理。如需帮助请联系大堂工作人员。');

    // Fixed while the person is on the menu: both invoice services open again.
    await page.locator(TILES.collect).click({ force: true });
    await setPrinter(page, 'invoice', 'ready');
    await expect.poll(() => page.locator(TILES.collect).getAttribute('data-availability')).toBe('open');
    expect(await page.locator(TILES.collect).textContent()).not.toContain('暂停');
    expect(await page.locator(TILES.issue).getAttribute('data-availability')).toBe('open');
    expect(await page.locator('[data-testid="service-invoice-collect-reason"]').count()).toBe(0);
    expect(await page.locator('[data-testid="menu-notice"]').count()).toBe(0);

    await push(page, 'session.changed', IDLE);
    await page.waitForSelector('[data-screen="attract"]');
    expect(await page.locator('[data-testid="printer-notice"]').count()).toBe(0);
    expect(await page.locator('.attract-services').textContent()).toContain('可办理');
    await page.context().close();
  });

  it('receipt printer out of paper pauses every service, and the notice goes when it is back', async () => {
    const page = await openApp(PORTRAIT, { printers: { receipt: 'paper-out' } });
    await expect
      .poll(() => page.locator('[data-testid="printer-notice"]').textContent())
      .toBe('凭条打印机缺纸，发票领用、发票代开、完税证明打印暂停办理。如需帮助请联系大堂工作人员。');
    expect(await page.locator('[data-testid="printer-status-receipt"]').textContent()).toBe('凭条打印机：缺纸');
    await setPrinter(page, 'receipt', 'ready');
    await expect.poll(() => page.locator('[data-testid="printer-notice"]').count()).toBe(0);
    expect(await page.locator('[data-testid="printer-status-allReady"]').count()).toBe(1);
    await page.context().close();
  });

  it('A4 printer offline: the certificate tile says so, the invoice tiles do not', async () => {
    const page = await openApp(PORTRAIT);
    await setPrinter(page, 'a4', 'offline');
    await expect.poll(() => page.locator('[data-testid="printer-notice"]').textContent()).toContain('A4打印机已脱机，完税证明打印暂停办理。');
    expect(await page.locator('[data-testid="printer-notice"]').textContent()).toContain('发票领用、发票代开可正常办理。');
    await push(page, 'session.changed', active());
    await page.waitForSelector('[data-screen="active"]');
    expect(await page.locator('[data-testid="service-tax-certificate-reason"]').textContent()).toBe('A4打印机已脱机');
    expect(await page.locator(TILES.certificate).getAttribute('data-availability')).toBe('fault');
    expect(await page.locator(TILES.issue).getAttribute('data-availability')).toBe('open');
    expect(await page.locator(TILES.collect).getAttribute('data-availability')).toBe('open');
    await page.context().close();
  });

  it('words every fault in both languages', async () => {
    const page = await openApp(PORTRAIT);
    const cases: [FakePrinterKind, FakePrinterState, string, string][] = [
      ['receipt', 'cover-open', '凭条打印机的机盖未关好', 'The receipt printer cover is open'],
      ['invoice', 'jam', '发票打印机卡纸', 'The invoice printer has a paper jam'],
      ['a4', 'offline', 'A4打印机已脱机', 'The A4 printer is offline'],
    ];
    for (const [kind, state, zh] of cases) {
      await setPrinter(page, kind, state);
      await expect.poll(() => page.locator('[data-testid="printer-notice"]').textContent()).toContain(zh);
    }
    await page.locator('[data-testid="lang-switch"]').click();
    for (const [, , , en] of cases) {
      await expect.poll(() => page.locator('[data-testid="printer-notice"]').textContent()).toContain(en);
    }
    expect(await page.locator('[data-testid="printer-notice"]').textContent()).toContain('For help, please ask the lobby staff.');
    expect(await page.locator('[data-testid="printer-status-invoice"]').textContent()).toBe('Invoice printer: paper jam');
    // Paper low still prints: said in the status bar, no service paused.
    for (const kind of ['receipt', 'invoice', 'a4'] as const) await setPrinter(page, kind, 'ready');
    await setPrinter(page, 'receipt', 'paper-low');
    await expect.poll(() => page.locator('[data-testid="printer-status-receipt"]').textContent()).toBe('Receipt printer: paper low');
    expect(await page.locator('[data-testid="printer-notice"]').count()).toBe(0);
    await page.context().close();
  });

  it('simulator panel sets each printer state through sim.printer.setState', async () => {
    const page = await openApp(LANDSCAPE);
    await page.locator('[data-testid="sim-toggle"]').click();
    const states = ['ready', 'paper-low', 'paper-out', 'cover-open', 'jam', 'offline'] as const;
    const expected: unknown[] = [];
    for (const printer of ['receipt', 'invoice', 'a4'] as const) {
      for (const state of states) {
        await page.locator(`[data-testid="sim-printer-${printer}-${state}"]`).click();
        expected.push({ printer, state });
      }
    }
    expect(await payloads(page, 'sim.printer.setState')).toEqual(expected);
    // The host answers with device.printer: the screen follows, and the button shows the state.
    await page.locator('[data-testid="sim-printer-receipt-paper-out"]').click();
    await expect.poll(() => page.locator('[data-testid="printer-status-receipt"]').textContent()).toBe('凭条打印机：缺纸');
    expect(await page.locator('[data-testid="sim-printer-receipt-paper-out"]').getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'sim-panel-printers-landscape');
    await page.context().close();
  });

  it('saves screenshots of printer faults in both orientations', async () => {
    for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
      const page = await openApp(viewport, { printers: { invoice: 'paper-out' } });
      await page.waitForSelector('[data-testid="printer-notice"]');
      await shot(page, `attract-printer-fault-${orientation}`);
      await setPrinter(page, 'a4', 'cover-open');
      await expect.poll(() => page.locator('[data-testid="printer-notice"]').textContent()).toContain('A4打印机的机盖未关好');
      await shot(page, `attract-two-printer-faults-${orientation}`);
      await push(page, 'session.changed', active());
      await page.waitForSelector('[data-screen="active"]');
      await shot(page, `active-printer-fault-${orientation}`);
      await page.locator(TILES.collect).click({ force: true });
      await page.waitForSelector('[data-testid="menu-notice"]');
      await shot(page, `active-printer-fault-tapped-${orientation}`);
      await push(page, 'session.changed', IDLE);
      await page.locator('[data-testid="lang-switch"]').click();
      await page.waitForSelector('text=Place your ID card on the reader');
      await shot(page, `attract-printer-fault-en-${orientation}`);
      await push(page, 'session.changed', active());
      await page.waitForSelector('[data-screen="active"]');
      await shot(page, `active-printer-fault-en-${orientation}`);
      // Worst case for space: every printer says something, in the longer language.
      await setPrinter(page, 'receipt', 'jam');
      await expect.poll(() => page.locator('[data-testid="printer-status-receipt"]').textContent()).toContain('paper jam');
      await shot(page, `active-three-printer-faults-en-${orientation}`);
      await push(page, 'session.changed', IDLE);
      await page.waitForSelector('[data-screen="attract"]');
      await shot(page, `attract-three-printer-faults-en-${orientation}`);
      await page.context().close();
    }
  }, 90_000);

  it('saves screenshots of every screen in both orientations', async () => {
    for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
      const page = await openApp(viewport);
      await shot(page, `attract-${orientation}`);
      await page.locator('[data-testid="sim-toggle"]').click();
      await page.waitForSelector('[data-testid="sim-lift"]');
      await shot(page, `sim-panel-${orientation}`);
      await page.locator('[data-testid="sim-toggle"]').click();
      await push(page, 'device.idcard', { device: 'offline', media: 'unknown', port: null, model: null, detail: null });
      await page.waitForSelector('[data-testid="reader-notice"]');
      await shot(page, `attract-reader-offline-${orientation}`);
      await push(page, 'device.idcard', { device: 'online', media: 'notPresent', port: null, model: null, detail: null });
      await push(page, 'session.changed', { ...IDLE, state: 'reading', sessionId: 'v' });
      await page.waitForSelector('[data-screen="reading"]');
      await shot(page, `reading-${orientation}`);
      await push(page, 'session.changed', { ...IDLE, state: 'cardRejected', sessionId: 'v', rejection: 'expired' });
      await page.waitForSelector('[data-screen="rejected"]');
      await shot(page, `rejected-expired-${orientation}`);
      await push(page, 'session.changed', { ...IDLE, state: 'cardRejected', sessionId: 'v2', rejection: 'readFailed' });
      await page.waitForSelector('[data-rejection="readFailed"]');
      await shot(page, `rejected-read-failed-${orientation}`);
      await push(page, 'session.changed', active());
      await page.waitForSelector('[data-screen="active"]');
      await shot(page, `active-${orientation}`);
      await push(page, 'session.changed', active(9_000));
      await page.waitForSelector('[data-testid="idle-overlay"]');
      await shot(page, `idle-countdown-${orientation}`);
      await push(page, 'session.changed', IDLE);
      await page.locator('[data-testid="lang-switch"]').click();
      await page.waitForSelector('text=Place your ID card on the reader');
      await shot(page, `attract-en-${orientation}`);
      await push(page, 'session.changed', active());
      await page.waitForSelector('[data-screen="active"]');
      await shot(page, `active-en-${orientation}`);
      await page.context().close();
    }
  }, 90_000);
});
