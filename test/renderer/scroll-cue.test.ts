import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { QUOTE } from './support/host-answers';
import { BEGIN, tap, toQuote } from './support/issuance-steps';
import { measureScreen } from './support/a11y-measure';
import { openApp, push, ACTIVE, VIEWPORTS, openMenu as openScripted, shot, useRenderer, type Viewport } from './support/renderer-harness';

/**
 * Nothing hidden without a sign (issue 15): a step taller than the screen shows the scroll cue in its
 * footer, a tap on it scrolls, and at the end it goes; a short step shows neither the cue nor the
 * sticky action row's shadow. The walks (support/a11y-walk.ts) check every screen with the same
 * measurement (measureScreen's `hidden`); here it is shown to fail when the cue is not drawn.
 */
const h = useRenderer();

function openMenu(viewport: Viewport, answers: Record<string, unknown> = {}): Promise<Page> {
  return openScripted(h, viewport, { answers: { 'issuance.begin': BEGIN, 'issuance.seller': { outcome: 'ok' }, 'issuance.quote': QUOTE, ...answers } });
}

/** A natural person's quote: the exemption note above the legs, every local line present (the tallest quote there is). */
const ME = { id: 'Y1110105N00000016K', name: '测*庚', kind: 'naturalPerson', asAgent: false };
const EXEMPT_QUOTE = {
  outcome: 'ok',
  quote: {
    grossFen: 30_000,
    netFen: 30_000,
    exempt: true,
    levyRateBp: 100,
    national: { totalFen: 0, lines: [{ kind: 'vat', baseFen: 30_000, rateBp: 100, reductionBp: 0, amountFen: 0 }] },
    local: {
      totalFen: 450,
      lines: [
        { kind: 'urbanMaintenance', baseFen: 0, rateBp: 700, reductionBp: 5000, amountFen: 0 },
        { kind: 'education', baseFen: 0, rateBp: 300, reductionBp: 5000, amountFen: 0 },
        { kind: 'localEducation', baseFen: 0, rateBp: 200, reductionBp: 5000, amountFen: 0 },
        { kind: 'iit', baseFen: 30_000, rateBp: 150, reductionBp: 0, amountFen: 450 },
      ],
    },
    payableFen: 450,
  },
};

async function openElderlyMenu(viewport: Viewport): Promise<Page> {
  const page = await openApp(h, viewport, {
    answers: { 'issuance.begin': BEGIN, 'issuance.seller': { outcome: 'ok' }, 'issuance.quote': QUOTE },
  });
  await tap(page, 'elderly-switch');
  await page.waitForSelector('html[data-elderly="true"]');
  await push(page, 'session.changed', ACTIVE(90_000));
  await page.waitForSelector('[data-screen="active"]');
  return page;
}

const cueShown = (page: Page) => page.locator('[data-testid="scroll-cue"]').evaluate((el) => getComputedStyle(el).visibility === 'visible');
const bodyScroll = (page: Page) =>
  page.evaluate(() => {
    const body = document.querySelector('.coll-body') as HTMLElement;
    return { top: body.scrollTop, max: body.scrollHeight - body.clientHeight };
  });

describe('content below the fold is never silent', { timeout: 120_000 }, () => {
  it('长辈模式 quote (portrait): the cue shows, the measurement passes with it and fails without it, a tap scrolls, the end hides it', async () => {
    const page = await openElderlyMenu(VIEWPORTS.portrait);
    await toQuote(page, 'portrait', false);
    // In 长辈模式 the 地税 lines run under the sticky Pay block: there is more, and the screen says so.
    expect(await page.getAttribute('[data-screen="issuance"]', 'data-more-below')).toBe('true');
    expect(await cueShown(page)).toBe(true);
    expect(await page.locator('[data-testid="scroll-cue"]').textContent()).toBe('更多内容');
    expect((await page.evaluate(measureScreen)).hidden).toEqual([]);
    await shot(page, 'scroll-cue-elderly-quote');
    // The same screen without the cue drawn: every line under the Pay block is reported.
    const cueVisibility = (value: string) =>
      page.locator('[data-testid="scroll-cue"]').evaluate((el, v) => (el as HTMLElement).style.setProperty('visibility', v), value);
    await cueVisibility('hidden');
    const hidden = (await page.evaluate(measureScreen)).hidden;
    expect(hidden).toContainEqual(expect.stringMatching(/under div\.iss-quote-pay with no scroll cue on screen: text 个人所得税/));
    await cueVisibility('visible');
    // A tap on the cue scrolls; at the end it goes, and so does the sticky block's shadow.
    await tap(page, 'scroll-cue');
    await expect.poll(async () => (await bodyScroll(page)).top).toBeGreaterThan(0);
    await page.evaluate(() => {
      const body = document.querySelector('.coll-body') as HTMLElement;
      body.scrollTop = body.scrollHeight;
    });
    await expect.poll(() => page.getAttribute('[data-screen="issuance"]', 'data-more-below')).toBe('false');
    expect(await page.locator('.iss-quote-pay').evaluate((el) => getComputedStyle(el).boxShadow)).toBe('none');
    // Scrolled to the end, the IIT line is in view, on top of everything.
    expect((await page.evaluate(measureScreen)).hidden).toEqual([]);
    expect(await page.locator('[data-testid="iss-local-iit"]').isVisible()).toBe(true);
    await page.context().close();
  });

  it('a short step (normal mode, landscape quote): no cue and no shadow floating above Pay', async () => {
    const page = await openMenu(VIEWPORTS.landscape);
    await toQuote(page, 'landscape', false);
    expect(await page.getAttribute('[data-screen="issuance"]', 'data-more-below')).toBe('false');
    expect(await cueShown(page)).toBe(false);
    expect(await page.locator('.iss-quote-pay').evaluate((el) => getComputedStyle(el).boxShadow)).toBe('none');
    // Its place is kept: Back and Exit do not move when the cue comes and goes.
    expect(await page.locator('[data-testid="scroll-cue"]').count()).toBe(1);
    await page.context().close();
  });

  for (const [orientation, viewport] of Object.entries(VIEWPORTS))
    it(`the tallest quote (exemption note, four local lines), ${orientation}: every line in view, or the cue shown`, async () => {
      const page = await openMenu(viewport, { 'issuance.begin': { ...BEGIN, sellers: [ME] }, 'issuance.quote': EXEMPT_QUOTE });
      await toQuote(page, orientation, false, null);
      expect((await page.evaluate(measureScreen)).hidden).toEqual([]);
      // The note is whole: not cut by the fold (the landscape quote once cut it in half).
      const note = await page.locator('[data-testid="iss-quote-exempt"]').boundingBox();
      const body = await page.locator('.coll-body').boundingBox();
      expect(note && body && note.y + note.height <= body.y + body.height).toBe(true);
      await shot(page, `scroll-cue-exempt-quote-${orientation}`);
      await page.context().close();
    });
});
