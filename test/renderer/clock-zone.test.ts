import { describe, expect, it } from 'vitest';
import { VIEWPORTS, openApp, push, shot, useRenderer } from './support/renderer-harness';

/**
 * One time zone for every time a person reads on the screen: the kiosk's
 * (kiosk.json `timeZone`, Beijing time unless set), never the zone the OS or
 * the browser happens to run in. The browser here runs in UTC.
 */
const h = useRenderer();
// 08:15 UTC is 16:15 in Beijing (UTC+8, no daylight saving) and 09:15 in London (BST in June).
const NOW = new Date('2026-06-01T08:15:20Z');
const ALL_ON = { invoiceCollection: true, invoiceIssue: true, iitCertificate: true };

describe('the status bar clock', { timeout: 60_000 }, () => {
  it('shows Beijing time in a browser running in UTC, and the configured zone once the host tells it', async () => {
    const page = await openApp(h, VIEWPORTS.portrait, {}, {}, undefined, { timezoneId: 'UTC' });
    await page.clock.setFixedTime(NOW);
    // The browser itself is in UTC (what the clock showed before).
    expect(await page.evaluate(() => new Date().getHours())).toBe(8);
    await expect.poll(() => page.locator('.status-time').textContent()).toBe('16:15');
    await expect.poll(() => page.locator('.status-date').textContent()).toContain('6月1日');
    await shot(page, 'clock-beijing-in-utc-browser');

    await push(page, 'config.changed', { version: 2, services: ALL_ON, texts: {}, elderlyDefault: false, timeZone: 'Europe/London' });
    await expect.poll(() => page.locator('.status-time').textContent()).toBe('09:15');
    await page.context().close();
  });

  it('crosses midnight with the kiosk zone: 16:30 UTC is already the next day in Beijing', async () => {
    const page = await openApp(h, VIEWPORTS.portrait, {}, {}, undefined, { timezoneId: 'UTC' });
    await page.clock.setFixedTime(new Date('2026-06-01T16:30:00Z'));
    await expect.poll(() => page.locator('.status-time').textContent()).toBe('00:30');
    await expect.poll(() => page.locator('.status-date').textContent()).toContain('6月2日');
    await page.context().close();
  });
});
