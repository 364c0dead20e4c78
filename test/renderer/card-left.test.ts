import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ACTIVE, IDLE, VIEWPORTS, openApp, push, shot, useRenderer } from './support/renderer-harness';

/**
 * The card after a visit: left on the reader after 退出 or the idle time, the
 * attract screen asks for it to be taken (not for a card to be placed) until
 * it is lifted; lifted in the middle of a visit, the screen says the visit
 * ended because of it.
 */
const h = useRenderer();
const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).textContent();

describe('the card left behind', { timeout: 60_000 }, () => {
  it('after the visit ends with the card on the reader: 请取走您的身份证 until it is lifted', async () => {
    const page = await openApp(h, VIEWPORTS.portrait);
    await push(page, 'session.changed', ACTIVE());
    await page.waitForSelector('[data-screen="active"]');
    await page.locator('[data-testid="exit"]').click();
    await push(page, 'session.changed', { ...IDLE, cardLeft: true });
    await page.waitForSelector('[data-screen="attract"]');
    await expect.poll(() => text(page, 'attract-prompt')).toBe('请取走您的身份证');
    expect(await page.locator('.attract').textContent()).not.toContain('请将身份证放在读卡区');
    // The picture agrees: the arrow points off the reader.
    expect(await page.locator('[data-testid="card-arrow"]').getAttribute('data-direction')).toBe('up');
    await shot(page, 'attract-card-left-portrait');

    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => text(page, 'attract-prompt')).toBe('Please take your ID card');
    await page.locator('[data-testid="lang-switch"]').click();

    // The card is lifted: the ordinary invitation again.
    await push(page, 'session.changed', IDLE);
    await expect.poll(() => text(page, 'attract-prompt')).toBe('请将身份证放在读卡区');
    await page.context().close();
  });

  it('a card lifted mid-visit: the attract screen says the visit ended because of it, then the plain invitation', async () => {
    const page = await openApp(h, VIEWPORTS.landscape);
    await push(page, 'session.changed', ACTIVE());
    await page.waitForSelector('[data-screen="active"]');
    await push(page, 'session.changed', { ...IDLE, cardLifted: true });
    await page.waitForSelector('[data-screen="attract"]');
    await expect.poll(() => text(page, 'card-lifted')).toBe('身份证已取走，本次办理已结束');
    expect(await text(page, 'attract-prompt')).toBe('请将身份证放在读卡区');
    await shot(page, 'attract-card-lifted-landscape');
    await push(page, 'session.changed', IDLE);
    await expect.poll(() => page.locator('[data-testid="card-lifted"]').count()).toBe(0);
    await page.context().close();
  });
});
