import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { VIEWPORTS, openMenu, shot, useRenderer, waitStep, type Viewport } from './support/renderer-harness';

/**
 * 长辈模式 makes the menu's service cards and the on-screen keyboard larger,
 * not only their words (issue 15: they did not grow), and nothing leaves the
 * screen at 1080×1920 or 1920×1080; a card title does not break inside a term.
 */
const h = useRenderer();

const BEGIN = {
  outcome: 'ok',
  sellers: [{ id: '92110101L000000116', name: '东城区示例便利店', kind: 'individual', asAgent: false }],
  unfinished: [],
  maxLines: 8,
  limitFen: 9_999_999,
};

interface Box {
  height: number;
  width: number;
  font: number;
}

async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll<HTMLElement>(sel)].map((el) => {
        const r = el.getBoundingClientRect();
        return { height: r.height, width: r.width, font: parseFloat(getComputedStyle(el).fontSize) };
      }),
    selector,
  );
}

const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function elderly(page: Page): Promise<void> {
  await page.locator('[data-testid="elderly-switch"]').click();
  await page.waitForSelector('html[data-elderly="true"]');
}

/** Lines a title takes: a one-term title wraps nowhere. */
const titleLines = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.tile-title')].map((el) =>
      Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
    ),
  );

async function menuTiles(viewport: Viewport, old: boolean): Promise<{ tiles: Box[]; titles: Box[]; lines: number[]; overflow: number; page: Page }> {
  const page = await openMenu(h, viewport);
  if (old) await elderly(page);
  const tiles = await boxes(page, '.tile');
  const titles = await boxes(page, '.tile-title');
  return { tiles, titles, lines: await titleLines(page), overflow: await overflowX(page), page };
}

async function keyboard(viewport: Viewport, old: boolean): Promise<{ keys: Box[]; page: Page; bottom: number }> {
  const page = await openMenu(h, viewport, { answers: { 'issuance.begin': BEGIN, 'issuance.seller': { outcome: 'ok' } } });
  if (old) await elderly(page);
  await page.locator('[data-testid="service-invoice-issue"]').click();
  await waitStep(page, 'issuance', 'buyer');
  await page.waitForSelector('.osk');
  const keys = await boxes(page, '.osk-keys .osk-key');
  const bottom = await page.evaluate(() => document.querySelector('.osk')?.getBoundingClientRect().bottom ?? 0);
  return { keys, page, bottom };
}

describe('长辈模式 sizes', { timeout: 90_000 }, () => {
  for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
    it(`the service cards grow and their titles keep whole (${orientation})`, async () => {
      const normal = await menuTiles(viewport, false);
      await normal.page.context().close();
      const old = await menuTiles(viewport, true);
      await shot(old.page, `elderly-menu-${orientation}`);
      const min = (list: Box[], k: keyof Box) => Math.min(...list.map((b) => b[k]));
      expect(min(old.tiles, 'height')).toBeGreaterThanOrEqual(min(normal.tiles, 'height'));
      expect(min(old.tiles, 'height')).toBeGreaterThanOrEqual(60);
      expect(min(old.titles, 'font')).toBeGreaterThan(min(normal.titles, 'font'));
      expect(min(old.titles, 'font')).toBeGreaterThanOrEqual(32);
      expect(old.lines.every((n) => n === 1)).toBe(true);
      expect(old.overflow).toBeLessThanOrEqual(0);
      await old.page.context().close();
    });

    it(`the keyboard keys grow and the keyboard stays on the screen (${orientation})`, async () => {
      const normal = await keyboard(viewport, false);
      await normal.page.context().close();
      const old = await keyboard(viewport, true);
      await shot(old.page, `elderly-keyboard-${orientation}`);
      const min = (list: Box[], k: keyof Box) => Math.min(...list.map((b) => b[k]));
      expect(min(old.keys, 'height')).toBeGreaterThan(min(normal.keys, 'height'));
      expect(min(old.keys, 'height')).toBeGreaterThanOrEqual(60);
      expect(min(old.keys, 'font')).toBeGreaterThanOrEqual(32);
      expect(await overflowX(old.page)).toBeLessThanOrEqual(0);
      await old.page.context().close();
    });
  }
});
