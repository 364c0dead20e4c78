import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from './support/static-server';
import { inkCount, inkMask } from './support/pixels';

/**
 * The on-screen keyboard in Chromium, mounted alone in a test page
 * (test/renderer/keyboard-harness) built by Vite with the renderer's fonts and tokens.
 */
const repo = resolve(__dirname, '../..');
const harnessDir = join(repo, 'test/renderer/keyboard-harness');
const outDir = join(repo, 'test-results/keyboard-harness');
const screensDir = join(repo, 'test-results/screens');

const PORTRAIT = { width: 1080, height: 1920 } as const;
const LANDSCAPE = { width: 1920, height: 1080 } as const;

let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

function harnessIsStale(): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return [harnessDir, join(repo, 'renderer/src'), join(repo, 'shared/i18n')].some((dir) => newest(dir) > built);
}

beforeAll(async () => {
  if (harnessIsStale()) {
    execFileSync('npx', ['vite', 'build', '--config', 'test/renderer/keyboard-harness/vite.config.ts', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' });
  }
  mkdirSync(screensDir, { recursive: true });
  server = await serveStatic(outDir);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query: string, viewport: { width: number; height: number } = PORTRAIT): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${server.url}?${query}`);
  await page.waitForSelector('[data-testid="osk"]');
  return page;
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await document.fonts.ready;
  });
}

/** Real pointer clicks, key by key, as a finger would. */
async function tap(page: Page, keys: string): Promise<void> {
  for (const k of keys) await page.locator(`[data-testid="osk-key-${k}"]`).click();
}

/** The same keys pressed from inside the page: one round trip, for tests about rules rather than touch. */
async function press(page: Page, keys: string): Promise<void> {
  await page.evaluate(
    async (list) => {
      for (const k of list) {
        const key = document.querySelector<HTMLButtonElement>(`[data-testid="osk-key-${k}"]`);
        if (!key) throw new Error(`no key ${k}`);
        key.click();
        await new Promise((r) => setTimeout(r, 0));
      }
    },
    [...keys],
  );
}

/** Pages forward until `text` is offered, then taps it. */
async function pick(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const texts = await page.locator('[data-testid="osk-candidate"]').allTextContents();
    if (texts.includes(text)) {
      await page.locator('[data-testid="osk-candidate"]', { hasText: new RegExp(`^${text}$`) }).click();
      return;
    }
    await page.locator('[data-testid="osk-next"]').click();
  }
  throw new Error(`${text} not offered`);
}

const field = (page: Page) => page.locator('[data-testid="osk-field"]').inputValue();
const candidateTexts = (page: Page) => page.locator('[data-testid="osk-candidate"]').allTextContents();

describe('on-screen keyboard in Chromium', () => {
  it('types zhangsan, offers 张三 as a whole, and puts it in the field', async () => {
    const page = await open('mode=chinese');
    await tap(page, 'zhangsan');
    expect(await page.locator('[data-testid="osk-pinyin"]').textContent()).toBe("zhang'san");
    await expect.poll(() => candidateTexts(page)).toContain('张三');
    await page.locator('[data-testid="osk-candidate"]', { hasText: /^张三$/ }).click();
    expect(await field(page)).toBe('张三');
    expect(await page.locator('[data-testid="osk-pinyin"]').textContent()).toBe('');
    await page.context().close();
  });

  it('commits part of the pinyin and keeps the rest; backspace edits pinyin before text; Done takes the best reading', async () => {
    const page = await open('mode=chinese');
    await press(page, 'youxiangongsi');
    await pick(page, '有限');
    expect(await field(page)).toBe('有限');
    expect(await page.locator('[data-testid="osk-pinyin"]').textContent()).toBe("gong'si");
    await page.locator('[data-testid="osk-backspace"]').click();
    expect(await page.locator('[data-testid="osk-pinyin"]').textContent()).toBe("gong's");
    await press(page, 'i');
    await page.locator('[data-testid="osk-done"]').click();
    expect(await field(page)).toBe('有限公司');
    expect(await page.locator('[data-testid="harness-done"]').textContent()).toBe('1');
    await page.locator('[data-testid="osk-backspace"]').click();
    expect(await field(page)).toBe('有限公');
    await page.locator('[data-testid="osk-clear"]').click();
    expect(await field(page)).toBe('');
    await page.context().close();
  });

  it('pages through candidates without moving the keys', async () => {
    const page = await open('mode=chinese');
    const keyBox = async () => page.locator('[data-testid="osk-key-q"]').boundingBox();
    const before = await keyBox();
    await press(page, 'shi');
    const first = await candidateTexts(page);
    expect(first.length).toBeGreaterThan(2);
    await page.locator('[data-testid="osk-next"]').click();
    const second = await candidateTexts(page);
    expect(second[0]).not.toBe(first[0]);
    await page.locator('[data-testid="osk-prev"]').click();
    expect(await candidateTexts(page)).toEqual(first);
    expect(await keyBox()).toEqual(before);
    await page.context().close();
  });

  it('never opens the system keyboard: the field is read-only with inputmode none', async () => {
    const page = await open('mode=chinese');
    const input = page.locator('[data-testid="osk-field"]');
    expect(await input.getAttribute('readonly')).not.toBeNull();
    expect(await input.getAttribute('inputmode')).toBe('none');
    await page.context().close();
  });

  it('amount mode refuses a third decimal and an amount over the maximum, and says why', async () => {
    const page = await open('mode=amount&maxFen=10000000');
    await tap(page, '0');
    await press(page, '12.34');
    await tap(page, '5');
    expect(await field(page)).toBe('12.34');
    expect(await page.locator('[data-testid="osk-hint"]').textContent()).toBe('金额最多保留两位小数');
    await page.locator('[data-testid="osk-clear"]').click();
    await press(page, '1000000');
    expect(await field(page)).toBe('100000');
    expect(await page.locator('[data-testid="osk-hint"]').textContent()).toBe('金额不能超过 100000.00 元');
    expect(await page.locator('[data-testid^="osk-key-"]').evaluateAll((keys) => keys.map((k) => k.textContent))).not.toContain('a');
    await page.context().close();
  });

  it('taxId mode offers only digits and the code alphabet, upper case, 18 at most', async () => {
    const page = await open('mode=taxId');
    const keys = await page.locator('[data-testid^="osk-key-"]').allTextContents();
    for (const absent of ['I', 'O', 'Z', 'S', 'V']) expect(keys).not.toContain(absent);
    expect(keys.join('')).toBe('1234567890ABCDEFGHJKLMNPQRTUWXY');
    await press(page, '91350100M000100Y43');
    expect(await field(page)).toBe('91350100M000100Y43');
    await tap(page, '1');
    expect(await field(page)).toBe('91350100M000100Y43');
    expect(await page.locator('[data-testid="osk-hint"]').textContent()).toBe('最多 18 个字符');
    expect(await page.locator('[data-testid="osk-switch"]').count()).toBe(0);
    await page.context().close();
  });

  it('offers the ABC switch only where the field allows Latin letters', async () => {
    const name = await open('mode=chinese');
    expect(await name.locator('[data-testid="osk-switch"]').count()).toBe(0);
    await name.context().close();
    const company = await open('mode=chinese&allowLatin=1');
    await press(company, 'keji');
    await company.locator('[data-testid="osk-switch"]').click();
    expect(await field(company)).toBe('科技');
    await press(company, 'abc');
    expect(await field(company)).toBe('科技ABC');
    // ABC mode has a space and the digits (issue 15): "ABC 2" can be typed.
    await company.locator('[data-testid="osk-key-space"]').click();
    await company.locator('[data-testid="osk-key-2"]').click();
    expect(await field(company)).toBe('科技ABC 2');
    expect(await company.locator('[data-testid="osk-key-space"]').textContent()).toBe('空格');
    await company.context().close();
  });

  it('keys are large: every key ≥ 60 px high, Done and candidates ≥ 64 px', async () => {
    const page = await open('mode=chinese&allowLatin=1');
    await press(page, 'keji');
    const heights = await page.locator('.osk-key').evaluateAll((keys) => keys.map((k) => k.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(60);
    const primary = await page
      .locator('[data-testid="osk-done"], [data-testid="osk-candidate"]')
      .evaluateAll((keys) => keys.map((k) => k.getBoundingClientRect().height));
    expect(Math.min(...primary)).toBeGreaterThanOrEqual(64);
    const widths = await page.locator('.osk-key').evaluateAll((keys) => keys.map((k) => k.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(60);
    await page.context().close();
  });

  it('screenshots the Chinese keyboard portrait and landscape, candidates drawn in the bundled font', async () => {
    for (const [name, viewport] of [
      ['keyboard-chinese-portrait', PORTRAIT],
      ['keyboard-chinese-landscape', LANDSCAPE],
    ] as const) {
      const page = await open('mode=chinese&allowLatin=1', viewport);
      await press(page, 'zhangsan');
      await settle(page);
      const usesBundledFont = await page.evaluate(() => document.fonts.check('36px "Noto Sans SC"', '张三'));
      expect(usesBundledFont).toBe(true);
      const png = await page.screenshot({ animations: 'disabled' });
      writeFileSync(join(screensDir, `${name}.png`), png);
      // The candidate row carries ink (glyphs, not empty boxes from a missing font).
      const bar = await page.locator('.osk-candidate-list').screenshot();
      expect(inkCount(inkMask(bar).mask)).toBeGreaterThan(500);
      await page.context().close();
    }
  });
});
