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

  for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
    it(`打印纳税信用等级证明: preview parts that fit the screen, print, the code on the result (${orientation})`, async () => {
      const PREVIEW = {
        outcome: 'ok',
        preview: {
          taxpayerId: GRADE_D,
          name: '示例贸易有限公司',
          grade: 'D',
          year: 2025,
          bankName: '示范银行',
          issuer: '国家税务总局',
          issuedOn: '2026-12-08',
        },
      };
      const PRINTED = { outcome: 'completed', verificationCode: 'ABCD-EFGH-JKLM-NPQR-T', grade: 'D', year: 2025 };
      const page = await openScripted(
        h,
        viewport,
        { answers: { 'credit.view': VIEW, 'credit.certificatePreview': PREVIEW, 'credit.certificatePrint': PRINTED } },
        PERSON,
      );
      await tap(page, 'service-tax-credit');
      await step(page, 'view');
      await tap(page, `credit-certificate-${GRADE_D}`);
      await step(page, 'certPreview');
      expect(await payloads(page, 'credit.certificatePreview')).toEqual([{ taxpayerId: GRADE_D }]);
      expect(await text(page, 'credit-cert-grade')).toBe('D 级');
      expect(await text(page, 'credit-cert-code')).toBe(GRADE_D);
      expect(await text(page, 'credit-cert-date')).toBe('2026年12月08日');
      // Each part is whole on the screen, with the print button: nothing is cut off or pushed sideways.
      const fits = () =>
        page.evaluate(() => {
          const paper = document.querySelector('.credit-cert-paper') as HTMLElement;
          const whole = document.querySelector('[data-testid="credit-cert-preview"]') as HTMLElement;
          const button = document.querySelector('[data-testid="credit-cert-print"]') as HTMLElement;
          // The heading and the print button both on the screen at once: the part is seen whole, without scrolling.
          return (
            paper.scrollWidth <= paper.clientWidth && whole.getBoundingClientRect().top >= 0 && button.getBoundingClientRect().bottom <= window.innerHeight
          );
        });
      expect(await fits()).toBe(true);
      await shotNotBlank(page, `credit-5-cert-preview-1-${orientation}`);
      await tap(page, 'credit-cert-next');
      expect(await text(page, 'credit-cert-statement')).toContain('2025 年度纳税信用评价结果为 D 级');
      expect(await fits()).toBe(true);
      await shotNotBlank(page, `credit-6-cert-preview-2-${orientation}`);
      await tap(page, 'credit-cert-print');
      await step(page, 'certPrinted');
      expect(await payloads(page, 'credit.certificatePrint')).toEqual([{ taxpayerId: GRADE_D }]);
      expect(await text(page, 'credit-cert-code')).toContain('ABCD-EFGH-JKLM-NPQR-T');
      await shotNotBlank(page, `credit-7-cert-printed-${orientation}`);
      await tap(page, 'credit-again');
      await step(page, 'view');
    });
  }

  it('打印纳税信用等级证明 in English: the preview and the result from the English catalogue', async () => {
    const PREVIEW = {
      outcome: 'ok',
      preview: {
        taxpayerId: GOOD,
        name: '示例科技有限公司',
        grade: 'A',
        year: 2025,
        bankName: '示范银行',
        issuer: 'State Taxation Administration',
        issuedOn: '2026-12-08',
      },
    };
    const PRINTED = { outcome: 'completed', verificationCode: 'ABCD-EFGH-JKLM-NPQR-T', grade: 'A', year: 2025 };
    const page = await openScripted(
      h,
      VIEWPORTS.portrait,
      { answers: { 'credit.view': VIEW, 'credit.certificatePreview': PREVIEW, 'credit.certificatePrint': PRINTED } },
      PERSON,
    );
    await tap(page, 'lang-switch');
    await tap(page, 'service-tax-credit');
    await step(page, 'view');
    expect(await text(page, `credit-certificate-${GOOD}`)).toBe('Print tax credit certificate');
    await tap(page, `credit-certificate-${GOOD}`);
    await step(page, 'certPreview');
    expect(await text(page, 'credit-cert-preview')).toContain('Please check the tax credit certificate');
    expect(await text(page, 'credit-cert-grade')).toBe('Grade A');
    expect(await text(page, 'credit-cert-date')).toBe('2026-12-08');
    await tap(page, 'credit-cert-next');
    expect(await text(page, 'credit-cert-statement')).toContain('for the year 2025 is grade A');
    await shotNotBlank(page, 'credit-8-cert-preview-en');
    await tap(page, 'credit-cert-print');
    await step(page, 'certPrinted');
    expect(await text(page, 'credit-cert-done')).toContain('Verification code: ABCD-EFGH-JKLM-NPQR-T');
  });
});
