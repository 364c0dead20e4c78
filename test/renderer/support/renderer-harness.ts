import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { serveStatic } from './static-server';
import { installFakeKiosk, type FakeCollection, type FakeOptions, type FakeWindow } from './fake-kiosk';

/**
 * What the renderer's screen tests share: the built renderer (rebuilt when
 * renderer/ or shared/ is newer), served on localhost, a headless Chromium,
 * and a page whose `window.kiosk` is the scripted fake host (fake-kiosk.ts),
 * opened on the attract screen or on the menu of an active visit.
 */
export const repo = resolve(__dirname, '../../..');
export const distDir = join(repo, 'dist/renderer');
export const screensDir = join(repo, 'test-results/screens');
export const VIEWPORTS = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;
export type Orientation = keyof typeof VIEWPORTS;
export type Viewport = { width: number; height: number };

export const IDLE = { state: 'idle', sessionId: null, person: null, rejection: null, idle: null };
export const PERSON = { cardType: 'resident', maskedName: '张*三', maskedId: '110105********002X', sex: 'male' };
/** `session.changed` for an active visit whose idle deadline is `deadlineIn` ms away. */
export const ACTIVE = (deadlineIn = 90_000, person: unknown = PERSON) => ({
  state: 'active',
  sessionId: 'visit-1',
  person,
  rejection: null,
  idle: { deadline: Date.now() + deadlineIn, warnMs: 15_000 },
});

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * Builds the renderer when its sources (or shared/) changed since the last
 * build. Test files run side by side: one builds while the others wait on a
 * lock directory (two Vite builds emptying dist/renderer at once fail).
 */
export async function buildRendererIfStale(): Promise<void> {
  const lock = join(repo, 'node_modules/.cache/renderer-test-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    const index = join(distDir, 'index.html');
    const built = existsSync(index) ? statSync(index).mtimeMs : 0;
    if (newest(join(repo, 'renderer')) > built || newest(join(repo, 'shared')) > built) {
      // As `npm run build:renderer`: the prompts' audio first (cached), then the page.
      execFileSync(process.execPath, ['scripts/build-voice.mjs'], { cwd: repo, stdio: 'inherit' });
      execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Harness {
  readonly browser: Browser;
  readonly url: string;
}

/**
 * Registers the file's beforeAll/afterAll: build if stale, serve dist/renderer,
 * launch Chromium; `before` runs first (e.g. clearing an output folder),
 * `after` runs while the browser is still open. The returned harness is
 * filled in by the time the tests run.
 */
export function useRenderer(options: { setupTimeout?: number; before?: () => void; after?: (h: Harness) => Promise<void> } = {}): Harness {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
  const harness: Harness = {
    get browser() {
      if (!browser) throw new Error('the browser is not up yet (useRenderer runs in beforeAll)');
      return browser;
    },
    get url() {
      if (!server) throw new Error('the renderer is not served yet (useRenderer runs in beforeAll)');
      return server.url;
    },
  };
  beforeAll(async () => {
    await buildRendererIfStale();
    options.before?.();
    mkdirSync(screensDir, { recursive: true });
    server = await serveStatic(distDir);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, options.setupTimeout ?? 120_000);
  afterAll(async () => {
    if (browser && options.after) await options.after(harness);
    await browser?.close();
    await server?.close();
  }, 180_000);
  return harness;
}

/** What the fake host answers, set before the first tap. */
export interface HostScript {
  /** Method → answer (see FakeHandle.answers). */
  answers?: Record<string, unknown>;
  /** Methods whose answer waits for `release`. */
  held?: string[];
  /** The invoice collection methods' script. */
  collection?: Partial<FakeCollection>;
}

/** A new page (own context) at the attract screen, with the host scripted; `before` runs in the page ahead of its scripts. */
export async function openApp(
  h: Harness,
  viewport: Viewport,
  script: HostScript = {},
  fake: Partial<FakeOptions> = {},
  before?: () => void,
  contextOptions: BrowserContextOptions = {},
): Promise<Page> {
  const lang = fake.defaultLang ?? 'zh-CN';
  const context = await h.browser.newContext({ viewport, deviceScaleFactor: 1, locale: lang, ...contextOptions });
  const page = await context.newPage();
  const options: FakeOptions = { simulators: false, defaultLang: lang, reader: 'online', ...fake };
  if (before) await page.addInitScript(before);
  await page.addInitScript(installFakeKiosk, options);
  await page.goto(h.url);
  await page.waitForSelector('[data-screen="attract"]');
  await page.evaluate(
    ({ answers, held, collection }) => {
      const f = (window as unknown as FakeWindow).__fake;
      Object.assign(f.answers, answers);
      Object.assign(f.collection, collection);
      if (held) f.held = held;
    },
    { answers: script.answers ?? {}, held: script.held ?? null, collection: script.collection ?? {} },
  );
  return page;
}

/** As the host pushes an event. */
export const push = (page: Page, name: string, payload: unknown): Promise<void> =>
  page.evaluate(([n, p]) => (window as unknown as FakeWindow).__fake.push(n as string, p), [name, payload] as const);

/** A new page on the menu of an active visit (of `person`), with the host scripted. */
export async function openMenu(h: Harness, viewport: Viewport, script: HostScript = {}, person: unknown = PERSON): Promise<Page> {
  const page = await openApp(h, viewport, script);
  await push(page, 'session.changed', ACTIVE(90_000, person));
  await page.waitForSelector('[data-screen="active"]');
  return page;
}

/** Waits for a service screen's step (`data-screen` / `data-step`). */
export const waitStep = (page: Page, screen: string, step: string) => page.waitForSelector(`[data-screen="${screen}"][data-step="${step}"]`);

/** What the renderer asked the host for `method`, in order. */
export const payloads = (page: Page, method: string): Promise<unknown[]> =>
  page.evaluate((m) => (window as unknown as FakeWindow).__fake.calls.filter((c) => c.method === m).map((c) => c.payload), method);

/** Sets one scripted answer. */
export const setAnswer = (page: Page, method: string, value: unknown) =>
  page.evaluate(({ m, v }) => ((window as unknown as FakeWindow).__fake.answers[m] = v), { m: method, v: value });

/** Lets a held answer go. */
export const release = (page: Page, method: string) => page.evaluate((m) => (window as unknown as FakeWindow).__fake.release(m), method);

/** Waits for the fonts and two frames: what a screenshot or a measurement should see. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await document.fonts.ready;
  });
}

/** Photographs the page to test-results/screens/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  writeFileSync(join(screensDir, `${name}.png`), await page.screenshot({ animations: 'disabled' }));
}
