import { describe, expect, it } from 'vitest';
import { validatingBackend } from '../../../shared/backend';
import { CREDIT_CERTIFICATE_KIND } from '../../../shared/backend/credit-certificate';
import { makeVerificationCode } from '../../../shared/domain/verification-code';
import { TAXPAYER_ID } from '../../../backend/sandbox/seed-data';
import { sandbox } from './sandbox-fixture';

/**
 * creditCertificate.verify at the backend (docs/credit-sharing.md "The credit
 * certificate"): the bank checks a printed 纳税信用等级证明 by its code and gets
 * the taxpayer's credit code, the grade, its year and the issue time.
 */
const code = (seed: number) => makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + seed) % 248));

function message(verificationCode: string, messageId = '01JY0000000000000000000009', over: Record<string, unknown> = {}) {
  return {
    messageId,
    kind: CREDIT_CERTIFICATE_KIND,
    authority: 'national' as const,
    kioskId: 'KIOSK-0001',
    payload: {
      schemaVersion: 1,
      verificationCode,
      taxpayerId: TAXPAYER_ID.gradeDEnterprise,
      grade: 'D',
      year: 2025,
      issuedAt: '2026-03-05T06:07:09.000Z',
      ...over,
    },
  };
}

describe('creditCertificate.verify', () => {
  it('answers the facts of a delivered credit certificate; nothing before delivery; a redelivery changes nothing', async () => {
    const { backend } = sandbox();
    const checked = validatingBackend(backend);
    const c = code(3);
    expect(await checked.creditCertificateVerify({ code: c })).toEqual({ outcome: 'notFound' });
    expect(await backend.transactionsSubmit(message(c))).toEqual({ outcome: 'accepted' });
    const found = { outcome: 'found', code: c, taxpayerId: TAXPAYER_ID.gradeDEnterprise, grade: 'D', year: 2025, issuedAt: '2026-03-05T06:07:09.000Z' };
    expect(await checked.creditCertificateVerify({ code: c })).toEqual(found);
    expect(await backend.transactionsSubmit(message(c))).toEqual({ outcome: 'duplicate' });
    // Another message with the same code cannot change what the first one recorded.
    expect(await backend.transactionsSubmit(message(c, '01JY000000000000000000000A', { grade: 'A' }))).toEqual({ outcome: 'accepted' });
    expect(await checked.creditCertificateVerify({ code: c })).toEqual(found);
  });

  it('does not answer an IIT certificate’s code, nor a credit code for an IIT one', async () => {
    const { backend } = sandbox();
    const c = code(5);
    await backend.transactionsSubmit(message(c));
    expect(await backend.certificateVerify({ code: c })).toEqual({ outcome: 'notFound' });
    expect(await backend.creditCertificateVerify({ code: code(6) })).toEqual({ outcome: 'notFound' });
  });

  it('refuses a code whose check character is wrong before asking', async () => {
    const { backend } = sandbox();
    const c = code(7);
    const wrong = c.slice(0, 16) + (c[16] === '0' ? '1' : '0');
    await expect(validatingBackend(backend).creditCertificateVerify({ code: wrong })).rejects.toMatchObject({ code: 'rejected' });
  });

  it('rejects a message outside its schema: nothing is recorded, not even the intake row', async () => {
    const { backend } = sandbox();
    const c = code(8);
    await expect(backend.transactionsSubmit(message(c, undefined, { holderName: '张三' }))).rejects.toThrow();
    expect(await backend.creditCertificateVerify({ code: c })).toEqual({ outcome: 'notFound' });
    // The same message id, now well-formed, is taken: the failed one left no intake row behind.
    expect(await backend.transactionsSubmit(message(c))).toEqual({ outcome: 'accepted' });
  });
});
