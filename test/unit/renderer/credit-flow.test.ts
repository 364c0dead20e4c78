import { describe, expect, it } from 'vitest';
import { CREDIT_START, creditStep, type CreditState } from '../../../renderer/src/flow/credit';

/**
 * The 纳税信用 flow machine: the consent screen is its own step, reached only
 * from the view for a taxpayer without a consent in force, and only its own
 * `accept` leads to sending the consent.
 */
const TERMS = { bankId: 'demo-bank', bankName: '示范银行', purpose: 'loanApplication' as const, months: 12 };
const taxpayer = (id: string, consent: boolean) => ({
  taxpayerId: id,
  name: '示例科技有限公司',
  asAgent: true,
  grade: 'A' as const,
  year: 2025,
  taxPaidByYear: [],
  arrears: false,
  cautions: [],
  consent: consent ? { consentId: '01JTESTC0NSENT000000000000', grantedAt: 'g', expiresAt: 'e', applicationRef: null } : null,
});
const VIEW = { outcome: 'ok' as const, terms: TERMS, taxpayers: [taxpayer('T1', false), taxpayer('T2', true)] };

function viewState(): CreditState {
  const next = creditStep(CREDIT_START, { type: 'loaded', result: VIEW });
  if (next?.name !== 'view') throw new Error('not on the view');
  return next;
}

describe('credit flow', () => {
  it('goes view → consent → (only on accept) authorizing → result', () => {
    const consent = creditStep(viewState(), { type: 'authorize', taxpayerId: 'T1' });
    expect(consent?.name).toBe('consent');
    if (!consent) throw new Error('left the flow');
    // Nothing but the consent screen's own accept starts the call.
    expect(creditStep(viewState(), { type: 'accept' })?.name).toBe('view');
    const authorizing = creditStep(consent, { type: 'accept' });
    expect(authorizing?.name).toBe('authorizing');
    if (!authorizing) throw new Error('left the flow');
    const done = creditStep(authorizing, {
      type: 'authorized',
      result: {
        outcome: 'authorized',
        consentId: '01JTESTC0NSENT000000000000',
        bankName: '示范银行',
        expiresAt: 'e',
        applicationRef: 'YSHD-1-2',
        receiptPrinted: true,
      },
    });
    expect(done?.name).toBe('authorized');
  });

  it('declining goes back to the view; a taxpayer with a consent in force is not asked again', () => {
    const consent = creditStep(viewState(), { type: 'authorize', taxpayerId: 'T1' });
    if (!consent) throw new Error('left the flow');
    expect(creditStep(consent, { type: 'back' })?.name).toBe('view');
    expect(creditStep(viewState(), { type: 'authorize', taxpayerId: 'T2' })?.name).toBe('view');
  });

  it('a refusal or a failed call says so, and Back from a refused view leaves the flow', () => {
    const refused = creditStep(CREDIT_START, { type: 'loaded', result: { outcome: 'refused', refusal: { reason: 'noTaxpayer' } } });
    expect(refused).toMatchObject({ name: 'refused', loaded: null });
    if (!refused) throw new Error('left the flow');
    expect(creditStep(refused, { type: 'back' })).toBeNull();
    expect(creditStep(CREDIT_START, { type: 'callFailed' })?.name).toBe('failed');
    const revoking = creditStep(viewState(), { type: 'revoke', taxpayerId: 'T2', consentId: '01JTESTC0NSENT000000000000' });
    expect(revoking?.name).toBe('revoking');
    if (!revoking) throw new Error('left the flow');
    // No way out while the host records the withdrawal.
    expect(creditStep(revoking, { type: 'back' })).toBe(revoking);
    expect(creditStep(revoking, { type: 'revoked', result: { outcome: 'refused', refusal: { reason: 'noConsent' } } })).toMatchObject({
      name: 'refused',
      refusal: { reason: 'noConsent' },
    });
  });

  describe('纳税信用等级证明', () => {
    const PREVIEW = {
      taxpayerId: 'T1',
      name: '示例科技有限公司',
      grade: 'A' as const,
      year: 2025,
      bankName: '示范银行',
      issuer: '国家税务总局',
      issuedOn: '2026-12-07',
    };
    const preview = (): CreditState => {
      const loading = creditStep(viewState(), { type: 'certificate', taxpayerId: 'T1' });
      expect(loading?.name).toBe('certLoading');
      const next = creditStep(loading as CreditState, { type: 'certPreviewed', result: { outcome: 'ok', preview: PREVIEW } });
      if (next?.name !== 'certPreview') throw new Error('no preview');
      return next;
    };

    it('goes view → preview (paged within its parts) → printing → printed, and back to the view', () => {
      const p = preview();
      expect(creditStep(p, { type: 'certPage', page: 1 })).toMatchObject({ name: 'certPreview', page: 1 });
      expect(creditStep(p, { type: 'certPage', page: 7 })).toMatchObject({ page: 1 });
      expect(creditStep(p, { type: 'certPage', page: -1 })).toMatchObject({ page: 0 });
      const printing = creditStep(p, { type: 'certPrint' });
      expect(printing?.name).toBe('certPrinting');
      // No way out while the page prints.
      expect(creditStep(printing as CreditState, { type: 'back' })?.name).toBe('certPrinting');
      const done = creditStep(printing as CreditState, {
        type: 'certPrinted',
        result: { outcome: 'completed', verificationCode: 'ABCD', grade: 'A', year: 2025 },
      });
      expect(done?.name).toBe('certPrinted');
      expect(creditStep(done as CreditState, { type: 'back' })?.name).toBe('view');
    });

    it('a taxpayer not on the view is not asked for', () => {
      expect(creditStep(viewState(), { type: 'certificate', taxpayerId: 'T9' })?.name).toBe('view');
    });

    it('shows the refusal (printer not ready) and the failure, each with the way back to the view', () => {
      const printing = creditStep(preview(), { type: 'certPrint' }) as CreditState;
      const refused = creditStep(printing, {
        type: 'certPrinted',
        result: { outcome: 'refused', refusal: { reason: 'printerNotReady', printer: 'a4', fault: 'paperOut' } },
      });
      expect(refused).toMatchObject({ name: 'certRefused', refusal: { reason: 'printerNotReady' } });
      expect(creditStep(refused as CreditState, { type: 'back' })?.name).toBe('view');
      expect(creditStep(printing, { type: 'certPrinted', result: { outcome: 'failed', fault: 'paperOut' } })?.name).toBe('certFailed');
      expect(creditStep(printing, { type: 'callFailed' })?.name).toBe('certFailed');
    });
  });
});
