import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ACTIVE, VIEWPORTS, openApp, openMenu, push, shot, useRenderer } from './support/renderer-harness';

/**
 * The administrators' config bundle on the screen: text overrides laid over
 * the catalogues, and switched-off services taken off the menu, both as soon
 * as the host says `config.changed` (no restart, no reload), and from
 * `config.get` when the screen connects.
 */
const ALL_ON = { invoiceCollection: true, invoiceIssue: true, iitCertificate: true };
const view = (version: number, services: Record<string, boolean>, texts: Record<string, Record<string, string>> = {}) => ({
  version,
  services,
  texts,
  elderlyDefault: false,
});
const PROMPT = '请把身份证放在右下方的读卡区';

const h = useRenderer();
const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).textContent();
const tiles = (page: Page) => page.locator('[data-testid^="service-"][data-availability]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));

describe('config bundles on the screen', { timeout: 60_000 }, () => {
  it('shows an overridden text after config.changed, in its language only, and back when the override goes', async () => {
    const page = await openApp(h, VIEWPORTS.portrait);
    expect(await text(page, 'attract-prompt')).toBe('请将身份证放在读卡区');

    await push(page, 'config.changed', view(2, ALL_ON, { 'zh-CN': { 'attract.prompt': PROMPT } }));
    await expect.poll(() => text(page, 'attract-prompt')).toBe(PROMPT);
    await shot(page, 'config-text-override-portrait');
    // English has no override: its catalogue text.
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => text(page, 'attract-prompt')).toBe('Place your ID card on the reader');

    await page.locator('[data-testid="lang-switch"]').click();
    await push(page, 'config.changed', view(3, ALL_ON));
    await expect.poll(() => text(page, 'attract-prompt')).toBe('请将身份证放在读卡区');
    await page.context().close();
  });

  it('takes a switched-off service off the menu after config.changed, says so when none is left, and brings it back', async () => {
    const page = await openMenu(h, VIEWPORTS.portrait);
    expect(await tiles(page)).toEqual(['service-invoice-collect', 'service-invoice-issue', 'service-tax-certificate', 'service-tax-credit']);

    await push(page, 'config.changed', view(2, { ...ALL_ON, invoiceIssue: false }));
    await expect.poll(() => tiles(page)).toEqual(['service-invoice-collect', 'service-tax-certificate', 'service-tax-credit']);
    expect(await page.locator('[data-testid="menu-no-services"]').count()).toBe(0);

    // A bundle from before 纳税信用 leaves it on (absent means on); one that names it can turn it off too.
    await push(page, 'config.changed', view(3, { invoiceCollection: false, invoiceIssue: false, iitCertificate: false }));
    await expect.poll(() => tiles(page)).toEqual(['service-tax-credit']);
    expect(await page.locator('[data-testid="menu-no-services"]').count()).toBe(0);
    await push(page, 'config.changed', view(4, { invoiceCollection: false, invoiceIssue: false, iitCertificate: false, taxCredit: false }));
    await expect.poll(() => tiles(page)).toEqual([]);
    expect(await text(page, 'menu-no-services')).toBe('本机今日暂不提供自助办税业务。如需办理，请咨询工作人员。');
    await shot(page, 'config-no-services-portrait');
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => text(page, 'menu-no-services')).toBe('No services are available at this kiosk today. Please ask a member of staff.');

    await push(page, 'config.changed', view(5, ALL_ON));
    await expect.poll(() => tiles(page)).toEqual(['service-invoice-collect', 'service-invoice-issue', 'service-tax-certificate', 'service-tax-credit']);
    await page.context().close();
  });

  it('starts with the config in force when it connects (config.get)', async () => {
    // The fake host answers `config.get` from its first call: seeded as the fake is installed, before the app's first sync.
    const seedConfigGet = () => {
      let fake: { answers: Record<string, unknown> } | undefined;
      Object.defineProperty(window, '__fake', {
        configurable: true,
        get: () => fake,
        set(value: { answers: Record<string, unknown> }) {
          fake = value;
          value.answers['config.get'] = {
            version: 7,
            services: { invoiceCollection: true, invoiceIssue: true, iitCertificate: false },
            texts: { 'zh-CN': { 'active.menuTitle': '今日可办业务' } },
            elderlyDefault: false,
          };
        },
      });
    };
    const page = await openApp(h, VIEWPORTS.landscape, {}, {}, seedConfigGet);
    await push(page, 'session.changed', ACTIVE());
    await page.waitForSelector('[data-screen="active"]');
    await expect.poll(() => tiles(page)).toEqual(['service-invoice-collect', 'service-invoice-issue', 'service-tax-credit']);
    expect(await page.locator('.menu-title').textContent()).toBe('今日可办业务');
    await page.context().close();
  });
});
