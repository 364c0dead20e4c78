import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeWindow } from './support/fake-kiosk';
import { COMPANY, PAID, QUOTE, SHOP, TX } from './support/host-answers';
import { BEGIN, keys, pinyin, step, tap, text, toQuote } from './support/issuance-steps';
import { ACTIVE, VIEWPORTS, openMenu as openScripted, payloads, setAnswer, shot, useRenderer, type Viewport } from './support/renderer-harness';

/** 发票代开 screens against a scripted host (window.kiosk fake): what the person sees and what the host is asked. */
/** A 21 × 21 checkerboard: any module matrix of the right shape draws. */
const QR = { size: 21, rows: Array.from({ length: 21 }, (_, r) => Array.from({ length: 21 }, (_, c) => ((r + c) % 2 ? '1' : '0')).join('')) };
const AWAITING = {
  outcome: 'awaitingPayment',
  payment: { transactionId: TX, orderId: 'ORDER-1', amountFen: 1_365, qr: QR, expiresAt: '2030-01-01T08:15:00.000Z' },
};
const COMPLETED = {
  outcome: 'completed',
  transactionId: TX,
  invoiceCode: '1100261632',
  invoiceNumber: '00000007',
  grossFen: 30_000,
  nationalFen: 874,
  localFen: 491,
  receiptPrinted: true,
};

const h = useRenderer();

function openMenu(viewport: Viewport, answers: Record<string, unknown> = {}, held: string[] = []): Promise<Page> {
  const script = {
    'issuance.begin': BEGIN,
    'issuance.seller': { outcome: 'ok' },
    'issuance.quote': QUOTE,
    'issuance.pay': AWAITING,
    'issuance.paymentStatus': { status: 'pending', paid: null },
    'issuance.cancel': { status: 'cancelled', paid: null },
    'issuance.print': COMPLETED,
    ...answers,
  };
  return openScripted(h, viewport, { answers: script, held });
}

describe('invoice issued on behalf: screens', { timeout: 90_000 }, () => {
  for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
    it(`happy path to the invoice number, every step photographed (${orientation})`, async () => {
      const page = await openMenu(viewport, {}, ['issuance.print']);
      await toQuote(page, orientation, true);
      const request = {
        taxpayerId: SHOP.id,
        buyer: { kind: 'individual', name: '张三' },
        lines: [{ name: '咨询', unit: '次', quantity: '2', unitPrice: '150.00', amountFen: 30_000 }],
      };
      expect(await payloads(page, 'issuance.seller')).toEqual([{ taxpayerId: SHOP.id }]);
      expect(await payloads(page, 'issuance.quote')).toEqual([request]);
      // The split by authority, each line, and the total to pay.
      expect(await text(page, 'iss-national-total')).toBe('8.74 元');
      expect(await text(page, 'iss-local-total')).toBe('4.91 元');
      expect(await text(page, 'iss-local-iit')).toContain('4.38 元');
      expect(await text(page, 'iss-payable')).toBe('13.65 元');
      await shot(page, `issuance-5-quote-${orientation}`);
      await tap(page, 'iss-pay');
      await step(page, 'awaitingPayment');
      expect(await payloads(page, 'issuance.pay')).toEqual([request]);
      expect(await text(page, 'iss-pay-amount')).toBe('13.65 元');
      expect(await page.locator('[data-testid="iss-qr"] path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1Z/);
      expect(await text(page, 'iss-pay-expires')).toContain('16:15');
      await shot(page, `issuance-6-pay-${orientation}`);
      // The screen keeps asking; the backend's "paid" moves it on by itself.
      await expect.poll(async () => (await payloads(page, 'issuance.paymentStatus')).length, { timeout: 10_000 }).toBeGreaterThan(0);
      await setAnswer(page, 'issuance.paymentStatus', { status: 'paid', paid: PAID });
      await step(page, 'printing');
      expect(await page.locator('[data-testid="iss-back"], [data-testid="iss-pay-cancel"]').count()).toBe(0);
      await shot(page, `issuance-7-printing-${orientation}`);
      await page.evaluate(() => (window as unknown as FakeWindow).__fake.release('issuance.print'));
      await step(page, 'completed');
      expect(await payloads(page, 'issuance.print')).toEqual([{ transactionId: TX }]);
      expect(await text(page, 'iss-invoice-number')).toBe('00000007');
      expect(await text(page, 'iss-done-paid')).toBe('13.65 元');
      await shot(page, `issuance-8-done-${orientation}`);
      await tap(page, 'iss-menu');
      await page.waitForSelector('[data-screen="active"]');
      await page.context().close();
    });
  }

  it('an enterprise seller: the quote shows no IIT line, says why, and the totals are the host’s', async () => {
    // 300.00 at 1 % for an enterprise (hand-computed, docs/tax-rules.md method): net 297.03, VAT 2.97;
    // surcharges halved: urban 0.10, education 0.04, local education 0.03; no IIT.
    const enterpriseQuote = {
      outcome: 'ok',
      quote: {
        grossFen: 30_000,
        netFen: 29_703,
        exempt: false,
        levyRateBp: 100,
        national: { totalFen: 297, lines: [{ kind: 'vat', baseFen: 30_000, rateBp: 100, reductionBp: 0, amountFen: 297 }] },
        local: {
          totalFen: 17,
          lines: [
            { kind: 'urbanMaintenance', baseFen: 297, rateBp: 700, reductionBp: 5000, amountFen: 10 },
            { kind: 'education', baseFen: 297, rateBp: 300, reductionBp: 5000, amountFen: 4 },
            { kind: 'localEducation', baseFen: 297, rateBp: 200, reductionBp: 5000, amountFen: 3 },
          ],
        },
        payableFen: 314,
      },
    };
    const page = await openMenu(VIEWPORTS.portrait, { 'issuance.quote': enterpriseQuote });
    await toQuote(page, 'portrait', false, COMPANY.name);
    expect(await page.locator('[data-testid="iss-local-iit"]').count()).toBe(0);
    expect(await text(page, 'iss-local')).not.toContain('个人所得税');
    expect(await text(page, 'iss-local')).toContain('地税（附加税费）');
    expect(await text(page, 'iss-quote-no-iit')).toBe('企业自行申报缴纳企业所得税，代开时不征收个人所得税。');
    expect(await text(page, 'iss-local-total')).toBe('0.17 元');
    expect(await text(page, 'iss-payable')).toBe('3.14 元');
    await shot(page, 'issuance-quote-enterprise-portrait');
    await page.context().close();
  });

  it('a natural person seller: their own card, the per-time exemption said in their words', async () => {
    const me = { id: 'Y1110105N00000016K', name: '测*庚', kind: 'naturalPerson', asAgent: false };
    const exemptQuote = {
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
    const page = await openMenu(VIEWPORTS.portrait, { 'issuance.begin': { ...BEGIN, sellers: [me] }, 'issuance.quote': exemptQuote });
    await toQuote(page, 'portrait', false, null);
    expect(await payloads(page, 'issuance.seller')).toEqual([{ taxpayerId: me.id }]);
    expect(await text(page, 'iss-quote-exempt')).toBe('本次销售额未超过按次起征点，免征增值税及附加税费。');
    expect(await text(page, 'iss-local-iit')).toContain('4.50 元');
    expect(await page.locator('[data-testid="iss-quote-no-iit"]').count()).toBe(0);
    await page.context().close();
  });

  it('every target is at least 64 px high on the line editor and the quote', async () => {
    const page = await openMenu(VIEWPORTS.portrait);
    await toQuote(page, 'portrait', false);
    const heights = await page.locator('[data-screen="issuance"] button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(64);
    await page.context().close();
  });

  it('arrears: refused at the seller, in words, with a way back to the menu', async () => {
    const page = await openMenu(VIEWPORTS.portrait, {
      'issuance.seller': { outcome: 'refused', refusal: { reason: 'sellerHasArrears', arrearsFen: 1_234_500 } },
    });
    await tap(page, 'service-invoice-issue');
    await page.locator('[data-testid="iss-seller"]', { hasText: COMPANY.name }).click();
    await step(page, 'refused');
    expect(await page.locator('[data-testid="iss-refused"]').getAttribute('data-reason')).toBe('sellerHasArrears');
    expect(await text(page, 'iss-refusal-text')).toBe('该纳税人有欠税 12,345.00 元 未缴清，不能代开发票。请先通过电子税务局或到办税服务厅缴清后再办理。');
    await shot(page, 'issuance-refused-arrears-portrait');
    await tap(page, 'iss-menu');
    await page.waitForSelector('[data-screen="active"]');
    await page.context().close();
  });

  it('a buyer tax ID with a wrong check character is caught before Next, and said in English too', async () => {
    const page = await openMenu(VIEWPORTS.landscape);
    await tap(page, 'service-invoice-issue');
    await page.locator('[data-testid="iss-seller"]', { hasText: COMPANY.name }).click();
    await step(page, 'buyer');
    await pinyin(page, 'zhangsan', '张三');
    await tap(page, 'osk-done');
    await keys(page, '91370102MA01TK043D');
    await tap(page, 'osk-done');
    expect(await text(page, 'iss-buyer-taxid-problem')).toBe('识别号校验不通过，请核对每一位后重新输入。');
    expect(await page.locator('[data-testid="iss-next"]').isDisabled()).toBe(true);
    // It looks disabled too (not the live blue of a primary button), and says so to assistive technology.
    const look = (testId: string) =>
      page.locator(`[data-testid="${testId}"]`).evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, aria: el.getAttribute('aria-disabled') }));
    const disabled = await look('iss-next');
    expect(disabled.aria).toBe('true');
    const primary = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.background = 'var(--color-primary)';
      document.body.append(probe);
      const colour = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return colour;
    });
    expect(disabled.bg).not.toBe(primary);
    await shot(page, 'issuance-buyer-taxid-landscape');
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => text(page, 'iss-buyer-taxid-problem')).toContain('does not pass its check');
    await tap(page, 'iss-buyer-taxid');
    await page.locator('[data-testid="osk-backspace"]').click();
    await keys(page, 'C');
    await tap(page, 'osk-done');
    expect(await page.locator('[data-testid="iss-next"]').isDisabled()).toBe(false);
    expect(await page.locator('[data-testid="iss-next"]').getAttribute('aria-disabled')).toBe('false');
    await page.context().close();
  });

  it('over the limit from the host: the refusal says so and "change the lines" goes back with the draft kept', async () => {
    const page = await openMenu(VIEWPORTS.portrait, {
      'issuance.quote': { outcome: 'refused', refusal: { reason: 'grossOverLimit', grossFen: 10_000_000, limitFen: 9_999_999 } },
    });
    await tap(page, 'service-invoice-issue');
    await page.locator('[data-testid="iss-seller"]', { hasText: SHOP.name }).click();
    await tap(page, 'iss-buyer-individual');
    await pinyin(page, 'zhangsan', '张三');
    await tap(page, 'osk-done');
    await tap(page, 'iss-next');
    await tap(page, 'iss-add-line');
    await pinyin(page, 'zixun', '咨询');
    await tap(page, 'osk-done');
    await tap(page, 'osk-done');
    await keys(page, '100');
    await tap(page, 'iss-line-save');
    await tap(page, 'iss-next');
    await step(page, 'refused');
    expect(await text(page, 'iss-refusal-text')).toBe('价税合计 100,000.00 元 超过单张发票限额 99,999.99 元，请减少金额或分开开票。');
    await tap(page, 'iss-fix');
    await step(page, 'lines');
    expect(await page.locator('[data-testid="iss-line"]').count()).toBe(1);
    await page.context().close();
  });

  it('cancel on the QR code asks once, then really cancels the order, and says nothing was charged', async () => {
    const page = await openMenu(VIEWPORTS.portrait);
    await toQuote(page, 'portrait', false);
    await tap(page, 'iss-pay');
    await step(page, 'awaitingPayment');
    // The heading stands clear of the QR code (issue 15: it sat against the code).
    const gap = await page.evaluate(() => {
      const heading = document.querySelector('[data-testid="iss-pay-screen"] h2')?.getBoundingClientRect();
      const qr = document.querySelector('[data-testid="iss-qr"]')?.getBoundingClientRect();
      return heading && qr ? qr.top - heading.bottom : -1;
    });
    expect(gap).toBeGreaterThanOrEqual(24);
    await tap(page, 'iss-pay-cancel');
    // The question first: nothing is cancelled behind it.
    await page.waitForSelector('[data-testid="iss-cancel-question"]');
    expect(await page.locator('[role="alertdialog"]').textContent()).toContain('确定取消本次缴税吗？');
    await shot(page, 'issuance-cancel-question-portrait');
    expect(await payloads(page, 'issuance.cancel')).toEqual([]);
    await tap(page, 'iss-cancel-keep');
    expect(await page.locator('[data-testid="iss-cancel-question"]').count()).toBe(0);
    expect(await page.locator('[data-testid="iss-qr"]').count()).toBe(1);
    expect(await payloads(page, 'issuance.cancel')).toEqual([]);
    await tap(page, 'iss-pay-cancel');
    await tap(page, 'iss-cancel-confirm');
    await step(page, 'paymentEnded');
    expect(await payloads(page, 'issuance.cancel')).toEqual([{ transactionId: TX }]);
    expect(await page.locator('[data-testid="iss-payment-ended"]').textContent()).toContain('没有扣款');
    // 重新开票 returns to the filled form, nothing typed is lost (issue 15), and the screen says so first.
    expect(await text(page, 'iss-ended-kept')).toContain('已保留');
    await tap(page, 'iss-again');
    await step(page, 'lines');
    expect(await page.locator('[data-testid="iss-line"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('Exit on the QR code asks the same question; "continue paying" keeps the visit and the order', async () => {
    const page = await openMenu(VIEWPORTS.landscape);
    await toQuote(page, 'landscape', false);
    await tap(page, 'iss-pay');
    await step(page, 'awaitingPayment');
    await tap(page, 'exit');
    await page.waitForSelector('[data-testid="iss-cancel-question"]');
    expect(await text(page, 'iss-cancel-confirm')).toBe('取消缴税并退出');
    await tap(page, 'iss-cancel-keep');
    expect(await payloads(page, 'issuance.cancel')).toEqual([]);
    expect(await payloads(page, 'session.end')).toEqual([]);
    await tap(page, 'exit');
    await tap(page, 'iss-cancel-confirm');
    await expect.poll(() => payloads(page, 'session.end')).toHaveLength(1);
    expect(await payloads(page, 'issuance.cancel')).toEqual([{ transactionId: TX }]);
    await page.context().close();
  });

  it('a card lifted on the QR code keeps the visit on screen: 缴款中，请勿离开, then the invoice', async () => {
    const page = await openMenu(VIEWPORTS.portrait, {}, ['issuance.print']);
    await toQuote(page, 'portrait', false);
    await tap(page, 'iss-pay');
    await step(page, 'awaitingPayment');
    // What the host says when the card is lifted while the payment holds the visit.
    await page.evaluate((v) => (window as unknown as FakeWindow).__fake.push('session.changed', v), { ...ACTIVE(), cardAway: true });
    await page.waitForSelector('[data-testid="iss-card-away"]');
    expect(await text(page, 'iss-card-away')).toContain('缴款中，请勿离开');
    expect(await page.locator('[data-testid="iss-qr"]').count()).toBe(1);
    await shot(page, 'issuance-card-away-portrait');
    await setAnswer(page, 'issuance.paymentStatus', { status: 'paid', paid: PAID });
    await step(page, 'printing');
    expect(await text(page, 'iss-card-away')).toContain('缴款中，请勿离开');
    await page.evaluate(() => (window as unknown as FakeWindow).__fake.release('issuance.print'));
    await step(page, 'completed');
    // The invoice is out: the result stays, without the payment warning.
    expect(await page.locator('[data-testid="iss-card-away"]').count()).toBe(0);
    await page.context().close();
  });

  it('printer fault after payment: "print again" prints the same transaction, then the invoice', async () => {
    const page = await openMenu(VIEWPORTS.portrait, {
      'issuance.pay': { outcome: 'paid', paid: PAID },
      'issuance.print': { outcome: 'printerNotReady', transactionId: TX, fault: 'paperOut' },
    });
    await toQuote(page, 'portrait', false);
    await tap(page, 'iss-pay');
    await step(page, 'printFailed');
    expect(await page.locator('[data-testid="iss-print-failed"]').textContent()).toContain('税款已缴，不会重复收取');
    await shot(page, 'issuance-print-failed-portrait');
    await setAnswer(page, 'issuance.print', COMPLETED);
    await tap(page, 'iss-print-again');
    await step(page, 'completed');
    expect(await payloads(page, 'issuance.print')).toEqual([{ transactionId: TX }, { transactionId: TX }]);
    await page.context().close();
  });

  it('an unfinished paid invoice is offered first; Exit afterwards leaves nothing of the visit in the DOM', async () => {
    const unfinished = [
      { transactionId: TX, stage: 'paid', sellerName: SHOP.name, grossFen: 30_000, payableFen: 1_365, createdAt: '2026-01-01T00:00:00.000Z' },
    ];
    const page = await openMenu(VIEWPORTS.portrait, { 'issuance.begin': { ...BEGIN, unfinished }, 'issuance.resume': { outcome: 'paid', paid: PAID } }, [
      'issuance.print',
    ]);
    await tap(page, 'service-invoice-issue');
    await step(page, 'unfinished');
    expect(await text(page, 'iss-unfinished')).toContain('已缴税 13.65 元');
    await shot(page, 'issuance-unfinished-portrait');
    await tap(page, 'iss-resume');
    await step(page, 'printing');
    expect(await payloads(page, 'issuance.resume')).toEqual([{ transactionId: TX }]);
    await page.evaluate(() => (window as unknown as FakeWindow).__fake.release('issuance.print'));
    await step(page, 'completed');
    await tap(page, 'exit');
    await page.waitForSelector('[data-screen="attract"]');
    const html = await page.evaluate(() => document.body.innerHTML);
    for (const trace of [SHOP.name, '00000007', '张*三', '13.65']) expect(html).not.toContain(trace);
    await page.context().close();
  });
});
