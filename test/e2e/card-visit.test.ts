import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';
import { CARD_PROFILES } from '../../devices/simulators/idcard/profiles';
import { maskIdNumber, maskName } from '../../shared/domain/pii';

/**
 * The whole kiosk as a taxpayer meets it: the built host in the Chromium
 * shell, the simulated reader on a real PTY, the UI in real Chromium.
 * Idle times are shortened through kiosk.json so the countdown is testable.
 */
const IDLE_MS = 7000;
const WARN_MS = 4000;
const card = CARD_PROFILES.resident;

let kiosk: KioskProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  kiosk = await startKiosk({ session: { idleTimeoutMs: IDLE_MS, idleWarnMs: WARN_MS } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(kiosk.url);
  await page.getByTestId('attract-prompt').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function placeCard(profile: string): Promise<void> {
  if (!(await page.getByTestId('sim-panel').isVisible())) await page.getByTestId('sim-toggle').click();
  await page.getByTestId(`sim-place-${profile}`).click();
}

async function liftCard(): Promise<void> {
  if (!(await page.getByTestId('sim-panel').isVisible())) await page.getByTestId('sim-toggle').click();
  await page.getByTestId('sim-lift').click();
}

async function closeSimPanel(): Promise<void> {
  if (await page.getByTestId('sim-panel').isVisible()) await page.getByTestId('sim-toggle').click();
}

describe('a taxpayer at the kiosk (Chromium shell, simulated reader)', () => {
  it('opens on the attract screen in Chinese, with the reader online', async () => {
    await expect(page.getByTestId('attract-prompt').innerText()).resolves.toContain('请将身份证放在读卡区');
    await expect.poll(() => page.getByTestId('reader-status').innerText()).not.toMatch(/未连接/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('greets the person by masked name with the masked ID number after the card is placed', async () => {
    await placeCard('resident');
    await page.getByTestId('greeting').waitFor({ timeout: 5000 });
    await closeSimPanel();
    await expect(page.getByTestId('greeting').innerText()).resolves.toContain(maskName(card.name));
    await expect(page.getByTestId('masked-id').innerText()).resolves.toContain(maskIdNumber(card.idNumber));
    const html = await page.content();
    expect(html).not.toContain(card.idNumber);
    expect(html).not.toContain(card.name);
    expect(html).not.toContain(card.address);
  });

  it('returns to the attract screen with no trace of the person when the card is lifted', async () => {
    await liftCard();
    await page.getByTestId('attract-prompt').waitFor({ timeout: 5000 });
    await closeSimPanel();
    const html = await page.content();
    expect(html).not.toContain(maskIdNumber(card.idNumber));
    expect(html).not.toContain(maskName(card.name));
  });

  it('refuses an expired card in plain words, and never greets', async () => {
    await placeCard('resident-expired');
    await expect.poll(() => page.locator('body').innerText(), { timeout: 5000 }).toContain('过期');
    expect(await page.getByTestId('greeting').count()).toBe(0);
    await liftCard();
    await page.getByTestId('attract-prompt').waitFor({ timeout: 5000 });
    await closeSimPanel();
  });

  it('counts down when nobody touches, lets one touch continue, then ends the visit and clears the screen', async () => {
    await placeCard('resident');
    await page.getByTestId('greeting').waitFor({ timeout: 5000 });
    await closeSimPanel();
    // The countdown appears in the warning window and shows whole seconds.
    await page.getByTestId('idle-overlay').waitFor({ timeout: IDLE_MS });
    const seconds = Number(await page.getByTestId('idle-seconds').innerText());
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(WARN_MS / 1000);
    // One touch on "continue" keeps the visit.
    await page.getByTestId('idle-continue').click();
    await page.getByTestId('idle-overlay').waitFor({ state: 'hidden', timeout: 3000 });
    expect(await page.getByTestId('greeting').isVisible()).toBe(true);
    // Then nobody touches: the visit ends on its own.
    await page.getByTestId('attract-prompt').waitFor({ timeout: IDLE_MS + 3000 });
    const html = await page.content();
    expect(html).not.toContain(maskIdNumber(card.idNumber));
    expect(html).not.toContain(maskName(card.name));
    expect(await page.getByTestId('idle-overlay').count()).toBe(0);
  });

  it('keeps personal data out of the kiosk log', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const log = fs.readFileSync(path.join(kiosk.dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('visit started');
    expect(log).not.toContain(card.idNumber);
    expect(log).not.toContain(card.name);
  });
});
