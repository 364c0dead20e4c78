import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveStatic } from './support/static-server';
import { installFakeKiosk, type FakeCollection, type FakeOptions, type FakeWindow } from './support/fake-kiosk';
import { buildRendererIfStale, distDir } from './support/renderer-harness';

/*
 * Voice guidance in Chromium, asserted by what the page asked to play (not by
 * ear): HTMLMediaElement.play/pause are replaced before the app loads and log
 * the file and volume; the fake host (window.kiosk) walks the visit.
 */
const VOLUME = 0.35;
/** Generous: the machine may be busy; a pass is usually immediate. */
const POLL = { timeout: 15_000 };

const PERSON = { cardType: 'resident', maskedName: '张*三', maskedId: '110105********002X', sex: 'male' };
const IDLE = { state: 'idle', sessionId: null, person: null, rejection: null, idle: null };
const READING = { ...IDLE, state: 'reading', sessionId: 'visit-1' };
const active = (sessionId = 'visit-1', idle = { deadline: Date.now() + 90_000, warnMs: 15_000 }) => ({
  state: 'active',
  sessionId,
  person: PERSON,
  rejection: null,
  idle,
});

const COMPANY = { id: '91110105MA01ABCD13', name: '北京青禾科技有限公司', kind: 'enterprise', asAgent: true };
const SHOP = { id: '92110105MA01EFGH2R', name: '张三便利店', kind: 'individual', asAgent: false };
const SCRIPT: FakeCollection = {
  taxpayers: { outcome: 'ok', taxpayers: [COMPANY, SHOP] },
  options: { outcome: 'ok', types: [{ code: '04', name: '增值税普通发票', quotaRemaining: 20, stockRemaining: 50, maxQuantity: 20 }] },
  pickup: { outcome: 'refused', refusal: { reason: 'pickupNotFound' } },
  collect: { outcome: 'refused', refusal: { reason: 'arrears', arrearsFen: 12_000 } },
  progress: [],
  holdCollect: true,
};

type VoiceEvent = { kind: 'play'; file: string; volume: number } | { kind: 'pause' };
type VoiceWindow = FakeWindow & { __voice: VoiceEvent[] };

/** Runs in the page before the app: logs every play (file under voice/, volume) and pause. */
function recordAudio(): void {
  const events: VoiceEvent[] = [];
  (window as unknown as VoiceWindow).__voice = events;
  HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
    const path = new URL(this.src, location.href).pathname;
    events.push({ kind: 'play', file: path.slice(path.indexOf('/voice/') + '/voice/'.length), volume: this.volume });
    return Promise.resolve();
  };
  HTMLMediaElement.prototype.pause = function pause() {
    events.push({ kind: 'pause' });
  };
}

let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  await buildRendererIfStale();
  server = await serveStatic(distDir);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(options: Partial<FakeOptions> = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const fake: FakeOptions = { simulators: false, defaultLang: 'zh-CN', reader: 'online', voice: { enabled: true, volume: VOLUME }, ...options };
  await page.addInitScript(recordAudio);
  await page.addInitScript(installFakeKiosk, fake);
  await page.goto(server.url);
  await page.waitForSelector('[data-screen="attract"]');
  await page.evaluate((s) => Object.assign((window as unknown as FakeWindow).__fake.collection, s), SCRIPT);
  return page;
}

const push = (page: Page, view: unknown) => page.evaluate((v) => (window as unknown as FakeWindow).__fake.push('session.changed', v), view);
const events = (page: Page) => page.evaluate(() => (window as unknown as VoiceWindow).__voice);
const played = async (page: Page) => (await events(page)).flatMap((e) => (e.kind === 'play' ? [e.file] : []));
/** Waits until the plays so far are exactly `files` (each step speaks once, in order). */
const expectPlayed = (page: Page, files: string[]) => expect.poll(() => played(page), POLL).toEqual(files);
const flowStep = (page: Page, name: string) => page.waitForSelector(`[data-screen="collection"][data-step="${name}"]`);

describe('voice guidance', { timeout: 60_000 }, () => {
  it('speaks each step once, in order, from the card to a refusal, at the configured volume', async () => {
    const page = await open();
    await expectPlayed(page, ['zh-CN/attract.wav']);
    await push(page, READING);
    await page.waitForSelector('[data-screen="reading"]');
    await push(page, active());
    await page.waitForSelector('[data-screen="active"]');
    await expectPlayed(page, ['zh-CN/attract.wav', 'zh-CN/reading.wav', 'zh-CN/menu.wav']);

    await page.locator('[data-testid="service-invoice-collect"]').click();
    await flowStep(page, 'chooseTaxpayer');
    await page.locator('[data-testid="coll-taxpayer"]', { hasText: COMPANY.name }).click();
    await flowStep(page, 'chooseType');
    // Touches and re-renders on the same step say nothing new.
    await page.locator('[data-testid="coll-qty-plus"]').click();
    await page.locator('[data-testid="coll-next"]').click();
    await flowStep(page, 'confirm');
    await page.locator('[data-testid="coll-confirm-go"]').click();
    await flowStep(page, 'collecting');
    await expectPlayed(page, [
      'zh-CN/attract.wav',
      'zh-CN/reading.wav',
      'zh-CN/menu.wav',
      'zh-CN/collection.chooseTaxpayer.wav',
      'zh-CN/collection.chooseType.wav',
      'zh-CN/collection.confirm.wav',
      'zh-CN/printing.invoice.wav',
    ]);
    await page.evaluate(() => (window as unknown as FakeWindow).__fake.releaseCollect());
    await flowStep(page, 'refused');
    await expect.poll(async () => (await played(page)).at(-1), POLL).toBe('zh-CN/refused.counter.wav');

    const log = await events(page);
    // One prompt at a time: every play is preceded by a pause of the one before.
    log.forEach((event, i) => {
      if (event.kind === 'play') expect(log[i - 1]?.kind, `event ${i}`).toBe('pause');
    });
    expect(new Set(log.flatMap((e) => (e.kind === 'play' ? [e.volume] : [])))).toEqual(new Set([VOLUME]));

    // Leaving the visit says goodbye.
    await page.locator('[data-testid="exit"]').click();
    await page.waitForSelector('[data-screen="attract"]');
    await expect.poll(async () => (await played(page)).at(-1), POLL).toBe('zh-CN/goodbye.wav');
    await page.context().close();
  });

  it('says what to do with a refused card, and repeats a step in English after the switch', async () => {
    const page = await open();
    await expectPlayed(page, ['zh-CN/attract.wav']);
    await push(page, READING);
    await push(page, { ...IDLE, state: 'cardRejected', sessionId: 'visit-1', rejection: 'expired' });
    await page.waitForSelector('[data-screen="rejected"]');
    await expect.poll(async () => (await played(page)).at(-1), POLL).toBe('zh-CN/rejected.expired.wav');
    await push(page, IDLE);
    await expect.poll(async () => (await played(page)).at(-1), POLL).toBe('zh-CN/attract.wav');
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(async () => (await played(page)).at(-1), POLL).toBe('en/attract.wav');
    await page.context().close();
  });

  it('mute stops the prompt and keeps the visit quiet; the next visit speaks again', async () => {
    const page = await open();
    await push(page, active());
    await expect.poll(async () => (await played(page)).at(-1), POLL).toBe('zh-CN/menu.wav');
    const mute = page.locator('[data-testid="voice-mute"]');
    expect(await mute.getAttribute('aria-pressed')).toBe('false');
    expect(await mute.textContent()).toContain('静音');
    const box = await mute.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(64);
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(64);

    const before = (await events(page)).length;
    await mute.click();
    expect(await mute.getAttribute('aria-pressed')).toBe('true');
    expect((await events(page)).slice(before)).toEqual([{ kind: 'pause' }]);

    await page.locator('[data-testid="service-invoice-collect"]').click();
    await flowStep(page, 'chooseTaxpayer');
    await page.locator('[data-testid="coll-back"]').click();
    await page.waitForSelector('[data-screen="active"]');
    await page.locator('[data-testid="exit"]').click();
    await page.waitForSelector('[data-screen="attract"]');
    // Nothing spoken while muted, not even the goodbye; the end of the visit turns the voice back on.
    expect((await events(page)).slice(before).filter((e) => e.kind === 'play')).toEqual([]);
    expect(await mute.getAttribute('aria-pressed')).toBe('false');

    await push(page, active('visit-2'));
    await expect.poll(async () => (await played(page)).at(-1), POLL).toBe('zh-CN/menu.wav');
    await page.context().close();
  });

  it('asks "are you still there?" when the idle countdown starts', async () => {
    const page = await open();
    await push(page, active('visit-1', { deadline: Date.now() + 10_000, warnMs: 15_000 }));
    await page.waitForSelector('[data-testid="idle-overlay"]');
    await expect.poll(async () => (await played(page)).at(-1), POLL).toBe('zh-CN/idle.wav');
    await page.context().close();
  });

  it('ships audio Chromium can decode (needs `npm run build:renderer`)', async () => {
    const page = await open();
    const seconds = await page.evaluate(async () => {
      const answer = await fetch('voice/zh-CN/attract.wav');
      if (!answer.ok) return -answer.status;
      const audio = await new AudioContext().decodeAudioData(await answer.arrayBuffer());
      return audio.duration;
    });
    expect(seconds, 'dist/renderer/voice is missing: run `npm run build:renderer` (espeak-ng)').toBeGreaterThan(0.3);
    await page.context().close();
  });

  it('says nothing and shows no mute button when the config turns voice off', async () => {
    const page = await open({ voice: { enabled: false, volume: VOLUME } });
    await push(page, active());
    await page.waitForSelector('[data-screen="active"]');
    await page.locator('[data-testid="service-invoice-collect"]').click();
    await flowStep(page, 'chooseTaxpayer');
    expect(await played(page)).toEqual([]);
    expect(await page.locator('[data-testid="voice-mute"]').count()).toBe(0);
    await page.context().close();
  });
});
