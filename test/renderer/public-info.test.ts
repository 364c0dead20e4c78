import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, openMenu, payloads, screensDir, setAnswer, settle, shot, useRenderer, VIEWPORTS, type Orientation } from './support/renderer-harness';
import type { PublicSection } from '../../shared/content/public-content';
import { PUBLIC_CONTENT, PUBLIC_ITEMS, PUBLIC_PAGE, publicList, publicOverview } from './support/host-answers';

/**
 * 公开信息 on the screen, with no card: the entry on the attract screen, the
 * four sections, a page of each list (every row on screen or in a scroller
 * whose cue shows), an item of each with a power's flow chart drawn from its
 * steps, a search typed on the on-screen keyboard in pinyin, Back and the
 * close button always on screen, and the idle time back to the attract
 * screen. Both orientations, elderly mode and English; each screen is
 * photographed to test-results/screens/public/.
 */
const h = useRenderer({ before: () => rmSync(join(screensDir, 'public'), { recursive: true, force: true }) });
const CONTENT = PUBLIC_CONTENT;
const PAGE = PUBLIC_PAGE;
const overview = publicOverview;
const ITEMS = PUBLIC_ITEMS;
const listOf = (section: PublicSection, items: readonly { id: string }[], page = 1) => publicList(section, items, page);

async function open(orientation: Orientation, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  mkdirSync(join(screensDir, 'public'), { recursive: true });
  return openApp(
    h,
    VIEWPORTS[orientation],
    { answers: { 'public.overview': overview(CONTENT), 'public.list': listOf('guides', ITEMS.guides) } },
    { defaultLang: lang },
  );
}

/** Back and the close button are on screen (inside the viewport), whatever the body holds. */
async function expectControlsOnScreen(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  for (const id of ['public-close', 'public-back']) {
    const control = page.locator(`[data-testid="${id}"]`);
    // The four sections have no Back (close is the way out); every other screen has both.
    if (id === 'public-back' && (await control.count()) === 0) continue;
    const box = await control.boundingBox();
    expect(box, id).not.toBeNull();
    if (!box) continue;
    expect(box.y + box.height, id).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width, id).toBeLessThanOrEqual(viewport.width);
  }
}

/** Every row of the page is fully visible in the scroller, or the scroller shows its "more below" cue. */
async function expectNothingHidden(page: Page, expectedRows: number): Promise<void> {
  const state = await page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="public-scroll"]');
    if (!scroller) return null;
    const frame = scroller.getBoundingClientRect();
    const rows = [...document.querySelectorAll('[data-testid="public-row"]')].map((r) => r.getBoundingClientRect());
    return {
      rows: rows.length,
      hidden: rows.filter((r) => r.top < frame.top - 1 || r.bottom > frame.bottom + 1).length,
      // The kiosk's one scroll cue: its place is kept, so "shown" is its visibility.
      cue: (() => {
        const cue = document.querySelector('[data-testid="scroll-cue"]');
        return cue !== null && getComputedStyle(cue).visibility === 'visible';
      })(),
    };
  });
  expect(state).not.toBeNull();
  if (!state) return;
  expect(state.rows).toBe(expectedRows);
  if (state.hidden > 0) expect(state.cue).toBe(true);
}

async function openSection(page: Page, section: PublicSection, name: string): Promise<void> {
  await setAnswer(page, 'public.list', listOf(section, ITEMS[section]));
  await page.locator(`[data-testid="public-section-${section}"]`).click();
  await page.waitForSelector(`[data-screen="public"][data-step="list-${section}"] [data-testid="public-row"]`);
  await expectNothingHidden(page, Math.min(PAGE, ITEMS[section].length));
  await expectControlsOnScreen(page);
  await shot(page, `public/${name}`);
}

async function openRow(page: Page, section: PublicSection, index: number, name: string): Promise<void> {
  await page.locator('[data-testid="public-row"]').nth(index).click();
  await page.waitForSelector(`[data-screen="public"][data-step="detail-${section}"] [data-testid="public-detail"]`);
  await expectControlsOnScreen(page);
  await shot(page, `public/${name}`);
}

describe.each(['portrait', 'landscape'] as const)('公开信息, %s', (orientation) => {
  it('walks from the attract screen through every section, a page, an item, a search and back', async () => {
    const page = await open(orientation);
    const entry = page.locator('[data-testid="public-entry"]');
    expect(await entry.textContent()).toContain('公开信息');
    await shot(page, `public/${orientation}-01-attract`);

    await entry.click();
    await page.waitForSelector('[data-screen="public"][data-step="home"] [data-testid="public-section-quotas"]');
    expect(await page.locator('[data-testid^="public-section-"]').count()).toBe(4);
    expect(await page.locator('[data-testid="public-section-arrears"]').textContent()).toContain(`${CONTENT.arrears.entries.length}`);
    await expectControlsOnScreen(page);
    await shot(page, `public/${orientation}-02-home`);

    // 办税指南: a page, then one guide.
    await openSection(page, 'guides', `${orientation}-03-guides`);
    await openRow(page, 'guides', 0, `${orientation}-04-guide`);
    expect(await page.locator('[data-testid="public-detail"]').textContent()).toContain(CONTENT.guides[0]?.title.zh ?? '?');
    await page.locator('[data-testid="public-back"]').click();
    await page.waitForSelector('[data-step="list-guides"]');

    // The next page asks the host for page 2 and says so.
    await setAnswer(page, 'public.list', listOf('guides', ITEMS.guides, 2));
    await page.locator('[data-testid="public-next"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="public-page"]')?.textContent?.includes('2'));
    expect((await payloads(page, 'public.list')).at(-1)).toMatchObject({ section: 'guides', page: 2 });
    await page.locator('[data-testid="public-back"]').click();

    // 权力清单: a category, then a power with its flow chart drawn from the steps.
    await openSection(page, 'powers', `${orientation}-05-powers`);
    const penalties = CONTENT.powers.filter((p) => p.category === 'penalty');
    await setAnswer(page, 'public.list', listOf('powers', penalties));
    await page.locator('[data-testid="public-category-penalty"]').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="public-row"]').length === n, Math.min(PAGE, penalties.length));
    expect((await payloads(page, 'public.list')).at(-1)).toMatchObject({ section: 'powers', category: 'penalty', page: 1 });
    await openRow(page, 'powers', 0, `${orientation}-06-power`);
    const power = penalties[0];
    if (!power) throw new Error('no penalty powers');
    expect(await page.locator('[data-testid="power-flow-step"]').count()).toBe(power.steps.length);
    expect(await page.locator('[data-testid="power-flow-step"]').first().textContent()).toContain(power.steps[0]?.name.zh ?? '?');
    await page.locator('[data-testid="public-back"]').click();
    await page.locator('[data-testid="public-back"]').click();

    // 欠税公告: the publication, then a search typed in pinyin on the on-screen keyboard.
    await openSection(page, 'arrears', `${orientation}-07-arrears`);
    expect(await page.locator('[data-testid="public-publication"]').textContent()).toContain(CONTENT.arrears.publishedOn);
    await page.locator('[data-testid="public-search"]').click();
    await page.waitForSelector('[data-testid="osk"]');
    for (const k of 'shangmao') await page.locator(`[data-testid="osk-key-${k}"]`).click();
    await page.waitForSelector('[data-testid="osk-candidate"]');
    await page.locator('[data-testid="osk-candidate"]', { hasText: '商贸' }).first().click();
    // The whole keyboard, 完成 included, fits above the foot: nothing of it hides behind Back and close.
    const fits = await page.evaluate(() => {
      const osk = document.querySelector('[data-testid="osk"]')?.getBoundingClientRect();
      const foot = document.querySelector('.pub-foot')?.getBoundingClientRect();
      const scroller = document.querySelector('.pub-list')?.getBoundingClientRect();
      return osk && foot && scroller ? { oskBottom: osk.bottom, oskTop: osk.top, footTop: foot.top, top: scroller.top } : null;
    });
    expect(fits).not.toBeNull();
    if (fits) {
      expect(fits.oskBottom).toBeLessThanOrEqual(fits.footTop);
      expect(fits.oskTop).toBeGreaterThanOrEqual(fits.top - 1);
    }
    await shot(page, `public/${orientation}-08-search-keyboard`);
    const found = CONTENT.arrears.entries.filter((e) => e.taxpayerName.includes('商贸'));
    await setAnswer(page, 'public.search', listOf('arrears', found));
    await page.locator('[data-testid="osk-done"]').click();
    await page.waitForSelector('[data-testid="public-search-summary"]');
    expect((await payloads(page, 'public.search')).at(-1)).toMatchObject({ section: 'arrears', query: '商贸', page: 1 });
    expect(await page.locator('[data-testid="public-search-summary"]').textContent()).toContain(String(found.length));
    await expectNothingHidden(page, Math.min(PAGE, found.length));
    await shot(page, `public/${orientation}-09-search-results`);
    await openRow(page, 'arrears', 0, `${orientation}-10-arrears-entry`);
    expect(await page.locator('[data-testid="public-detail"]').textContent()).toContain(found[0]?.representativeId ?? '?');
    await page.locator('[data-testid="public-back"]').click();
    await page.locator('[data-testid="public-back"]').click();

    // 定额核定公示: an entry with the objection deadline and how to object.
    await openSection(page, 'quotas', `${orientation}-11-quotas`);
    await openRow(page, 'quotas', 0, `${orientation}-12-quota`);
    await page.waitForSelector('[data-testid="public-detail"] [data-testid="public-publication"]');
    expect(await page.locator('[data-testid="public-detail"]').textContent()).toContain(CONTENT.quotas.objectionDeadline);

    // Close: back to the attract screen.
    await page.locator('[data-testid="public-close"]').click();
    await page.waitForSelector('[data-screen="attract"]');
    await page.context().close();
  }, 120_000);

  it('in elderly mode and in English, keeps the controls on screen', async () => {
    const page = await open(orientation, 'en');
    await page.locator('[data-testid="elderly-switch"]').click();
    await page.locator('[data-testid="public-entry"]').click();
    await page.waitForSelector('[data-step="home"] [data-testid="public-section-powers"]');
    await settle(page);
    await shot(page, `public/${orientation}-13-elderly-en-home`);
    await openSection(page, 'powers', `${orientation}-14-elderly-en-powers`);
    await openRow(page, 'powers', 1, `${orientation}-15-elderly-en-power`);
    expect(await page.locator('[data-testid="public-detail"] h2').textContent()).toBe(CONTENT.powers[1]?.title.en);
    await page.context().close();
  }, 90_000);
});

describe('公开信息 from the menu', () => {
  it('opens during a visit and closes back to the menu', async () => {
    const page = await openMenu(h, VIEWPORTS.portrait, { answers: { 'public.overview': overview(CONTENT) } });
    await page.locator('[data-testid="menu-public"]').click();
    await page.waitForSelector('[data-screen="public"][data-step="home"] [data-testid="public-section-guides"]');
    expect(await page.locator('[data-testid="public-close"]').textContent()).toContain('返回业务菜单');
    await page.locator('[data-testid="public-close"]').click();
    await page.waitForSelector('[data-screen="active"]');
    await page.context().close();
  }, 60_000);
});

describe('公开信息 idle', () => {
  it('warns with the kiosk countdown 15 s before it goes back to the attract screen; one touch keeps reading', async () => {
    const page = await open('portrait');
    await page.clock.install();
    await page.locator('[data-testid="public-entry"]').click();
    await page.waitForSelector('[data-screen="public"]');
    await page.clock.runFor(60_000);
    expect(await page.locator('[data-screen="public"]').count()).toBe(1);
    expect(await page.locator('[data-testid="idle-overlay"]').count()).toBe(0);
    // 76 s: the countdown is up, saying what will happen, with a way to keep reading.
    await page.clock.runFor(16_000);
    await page.waitForSelector('[data-testid="idle-overlay"]');
    expect(await page.locator('[data-testid="idle-overlay"]').textContent()).toContain('返回首页');
    await shot(page, 'public/idle-countdown');
    await page.locator('[data-testid="idle-continue"]').click();
    await page.waitForSelector('[data-testid="idle-overlay"]', { state: 'detached' });
    await page.clock.runFor(60_000);
    expect(await page.locator('[data-screen="public"]').count()).toBe(1);
    // Untouched again: the countdown, then the attract screen.
    await page.clock.runFor(31_000);
    await page.waitForSelector('[data-screen="attract"]');
    await page.context().close();
  }, 60_000);
});
