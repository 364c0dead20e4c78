import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { COMPANY, SHOP } from './host-answers';
import { shot, waitStep } from './renderer-harness';

/**
 * 发票代开 as a person taps through it, shared by the screen tests that need
 * to reach a step (issuance.test.ts, scroll-cue.test.ts): one way to get to the
 * quote, so a change to the flow is made in one place.
 */

/** issuance.begin's answer: two sellers to choose from, no unfinished invoice, the usual limits. */
export const BEGIN = { outcome: 'ok', sellers: [COMPANY, SHOP], unfinished: [], maxLines: 8, limitFen: 9_999_999 };

export const step = (page: Page, name: string) => waitStep(page, 'issuance', name);
export const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).first().textContent();
export const tap = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).first().click();

/** Types on the on-screen keyboard, key by key. */
export async function keys(page: Page, chars: string): Promise<void> {
  for (const k of chars) await page.locator(`[data-testid="osk-key-${k}"]`).click();
}

/** Types pinyin and taps the candidate that is exactly `word`. */
export async function pinyin(page: Page, typed: string, word: string): Promise<void> {
  await keys(page, typed);
  await page
    .locator('[data-testid="osk-candidate"]', { hasText: new RegExp(`^${word}$`) })
    .first()
    .click();
}

/** Seller → private buyer 张三 → one line 咨询 2 × 150.00 → the quote screen. */
export async function toQuote(page: Page, orientation: string, photograph: boolean, sellerName: string | null = SHOP.name): Promise<void> {
  await tap(page, 'service-invoice-issue');
  // null: the person has one seller (a natural person: themselves), taken without asking.
  if (sellerName !== null) {
    await step(page, 'chooseSeller');
    if (photograph) await shot(page, `issuance-1-seller-${orientation}`);
    await page.locator('[data-testid="iss-seller"]', { hasText: sellerName }).click();
  }
  await step(page, 'buyer');
  await tap(page, 'iss-buyer-individual');
  await pinyin(page, 'zhangsan', '张三');
  await tap(page, 'osk-done');
  if (photograph) await shot(page, `issuance-2-buyer-${orientation}`);
  await tap(page, 'iss-next');
  await step(page, 'lines');
  await tap(page, 'iss-add-line');
  await step(page, 'line');
  await pinyin(page, 'zixun', '咨询');
  await tap(page, 'osk-done');
  await tap(page, 'iss-unit-次');
  await page.locator('[data-testid="osk-backspace"]').click();
  await keys(page, '2');
  await tap(page, 'osk-done');
  await keys(page, '150.00');
  expect(await text(page, 'iss-line-amount')).toContain('300.00 元');
  if (photograph) await shot(page, `issuance-3-line-${orientation}`);
  await tap(page, 'iss-line-save');
  await step(page, 'lines');
  expect(await text(page, 'iss-lines-total')).toContain('300.00 元');
  if (photograph) await shot(page, `issuance-4-lines-${orientation}`);
  await tap(page, 'iss-next');
  await step(page, 'quote');
}
