import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  VIEWPORTS,
  openMenu as openScripted,
  payloads,
  release,
  setAnswer,
  settle,
  shot,
  useRenderer,
  waitStep,
  type Viewport,
} from './support/renderer-harness';
import { CREDIT_AUTHORIZED, CREDIT_CONSENT_ID, CREDIT_CONSENTED_VIEW, CREDIT_GOOD, CREDIT_GRADE_D, CREDIT_REVOKED, CREDIT_VIEW } from './support/host-answers';

/**
 * 纳税信用 / 银税互动 against a scripted host (fake window.kiosk): the credit
 * view, the separate consent screen in plain words with its explicit tap,
 * the bank's reference on the result, and the withdrawal — each step
 * photographed in both orientations and checked not to be blank.
 */

const PERSON = { cardType: 'resident', maskedName: '张*三', maskedId: '110105********002X', sex: 'male' };
const GOOD = CREDIT_GOOD;
const GRADE_D = CREDIT_GRADE_D;
const VIEW = CREDIT_VIEW;
const CONSENT_ID = CREDIT_CONSENT_ID;

const h = useRenderer({ setupTimeout: 180_000 });

function openMenu(viewport: Viewport, held: string[] = []): Promise<Page> {
  const answers = { 'credit.view': VIEW, 'credit.authorize': CREDIT_AUTHORIZED, 'credit.revoke': CREDIT_REVOKED };
  return openScripted(h, viewport, { answers, held }, PERSON);
}

const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).textContent();
const tap = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).click();
const step = (page: Page, name: string) => waitStep(page, 'credit', name);

/** A screenshot that is not blank: many distinct colours in it, and text on the screen. */
async function shotNotBlank(page: Page, name: string): Promise<void> {
  await shot(page, name);
  await settle(page);
  const png = await page.screenshot({ animations: 'disabled' });
  // A blank (one-colour) 1080×1920 PNG deflates to a few kB; a drawn screen is tens of kB.
  expect(png.length, name).toBeGreaterThan(20_000);
  const words = (await page.locator('[data-screen="credit"]').innerText()).replace(/\s+/g, '');
  expect(words.length, name).toBeGreaterThan(20);
}

describe('tax credit screens', { timeout: 120_000 }, () => {
  for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
    it(`view, consent in plain words with an explicit tap, the bank's reference, then withdraw (${orientation})`, async () => {
      const page = await openMenu(viewport, ['credit.authorize']);
      await tap(page, 'service-tax-credit');
      await step(page, 'view');
      expect(await text(page, `credit-grade-${GOOD}`)).toBe('A 级');
      expect(await text(page, `credit-grade-${GRADE_D}`)).toBe('D 级');
      // The D-grade taxpayer in arrears is told plainly why the bank will not see a good grade, and may still consent.
      const caution = await text(page, `credit-caution-${GRADE_D}`);
      expect(caution).toContain('D 级');
      expect(caution).toContain('有欠税');
      expect(caution).toContain('您仍可以授权');
      expect(await page.locator(`[data-testid="credit-authorize-${GRADE_D}"]`).isVisible()).toBe(true);
      expect(await page.locator('[data-screen="credit"]').textContent()).not.toMatch(/\d{17}[\dX]/);
      await shotNotBlank(page, `credit-1-view-${orientation}`);

      await tap(page, `credit-authorize-${GOOD}`);
      await step(page, 'consent');
      const consent = (await text(page, 'credit-consent')) ?? '';
      for (const words of [
        '纳税信用等级和评价年度（A 级，2025 年度）',
        '近三年每年缴纳的税款',
        '是否欠税（无欠税）',
        '不提供姓名、证件号码',
        '仅提供给示范银行',
        '申请信用贷款',
        '12 个月',
        '撤销授权',
      ]) {
        expect(consent).toContain(words);
      }
      // Nothing is sent before the tap.
      expect(await payloads(page, 'credit.authorize')).toEqual([]);
      await shotNotBlank(page, `credit-2-consent-${orientation}`);

      // 不同意 goes back, sending nothing.
      await tap(page, 'credit-decline');
      await step(page, 'view');
      expect(await payloads(page, 'credit.authorize')).toEqual([]);
      await tap(page, `credit-authorize-${GOOD}`);
      await step(page, 'consent');
      await tap(page, 'credit-accept');
      await step(page, 'authorizing');
      expect(await payloads(page, 'credit.authorize')).toEqual([{ taxpayerId: GOOD, accepted: true }]);
      await release(page, 'credit.authorize');
      await step(page, 'authorized');
      expect(await text(page, 'credit-ref')).toBe('银行受理编号：YSHD-20261207-NSENT000');
      expect(await text(page, 'credit-done')).toContain('请取走凭条');
      await shotNotBlank(page, `credit-3-done-${orientation}`);

      // Back to the view: the consent in force, with its reference; withdraw it.
      await setAnswer(page, 'credit.view', CREDIT_CONSENTED_VIEW);
      await tap(page, 'credit-again');
      await step(page, 'view');
      expect(await text(page, `credit-ref-${GOOD}`)).toContain('YSHD-20261207-NSENT000');
      await tap(page, `credit-revoke-${GOOD}`);
      await step(page, 'revoked');
      expect(await payloads(page, 'credit.revoke')).toEqual([{ taxpayerId: GOOD, consentId: CONSENT_ID }]);
      expect(await text(page, 'credit-revoked')).toContain('停止使用');
      expect(await text(page, 'credit-revoked')).toContain('凭条没有打印出来');
      await shotNotBlank(page, `credit-4-revoked-${orientation}`);
      await tap(page, 'credit-menu');
      await page.waitForSelector('[data-screen="active"]');
    });
  }

  it('says so plainly when the tax system cannot be reached', async () => {
    const page = await openMenu(VIEWPORTS.portrait);
    await setAnswer(page, 'credit.view', { outcome: 'refused', refusal: { reason: 'backendUnreachable' } });
    await tap(page, 'service-tax-credit');
    await step(page, 'refused');
    expect(await text(page, 'credit-refused')).toContain('暂时连不上税务系统');
    await tap(page, 'credit-back');
    await page.waitForSelector('[data-screen="active"]');
  });
});
