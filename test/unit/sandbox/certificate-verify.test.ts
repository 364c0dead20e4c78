import { describe, expect, it } from 'vitest';
import { validatingBackend } from '../../../shared/backend';
import { formatVerificationCode, makeVerificationCode } from '../../../shared/domain/verification-code';
import { NOW, sandbox } from './sandbox-fixture';

/**
 * certificate.verify at the backend (docs/certificate.md "The verification
 * code"): a bank or a visa office checks a printed certificate by its code and
 * gets the period, the total, the issue time and the holder's name masked.
 */
const code = (seed: number) => makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + seed) % 248));
const TX = '01JY0000000000000000000001';
const TX_OLD = '01JY0000000000000000000002';

function v2Leg(verificationCode: string, transactionId = TX) {
  return {
    messageId: `M-${transactionId}`,
    kind: 'iit.certificate',
    authority: 'local' as const,
    kioskId: 'KIOSK-0001',
    payload: {
      schemaVersion: 2,
      transactionId,
      from: '2025-01',
      to: '2025-12',
      recordCount: 12,
      totalFen: 547_800,
      issuedAt: '2026-03-05T06:07:09.000Z',
      holderMaskedName: '测*乙',
      verificationCode,
    },
  };
}

describe('certificate.verify', () => {
  it('answers the facts of a delivered certificate; nothing before delivery', async () => {
    const { backend } = sandbox();
    const c = code(1);
    const checked = validatingBackend(backend);
    expect(await checked.certificateVerify({ code: c })).toEqual({ outcome: 'notFound' });
    expect(await backend.transactionsSubmit(v2Leg(c))).toEqual({ outcome: 'accepted' });
    const found = {
      outcome: 'found',
      code: c,
      from: '2025-01',
      to: '2025-12',
      recordCount: 12,
      totalFen: 547_800,
      issuedAt: '2026-03-05T06:07:09.000Z',
      holderMaskedName: '测*乙',
    };
    expect(await checked.certificateVerify({ code: c })).toEqual(found);
    // The contract carries the code normalised (kioskctl normalises what a person types): the printed grouping is refused.
    await expect(backend.certificateVerify({ code: formatVerificationCode(c) })).rejects.toMatchObject({ code: 'rejected' });
    // A redelivery is a duplicate and changes nothing.
    expect(await backend.transactionsSubmit(v2Leg(c))).toEqual({ outcome: 'duplicate' });
    expect(await checked.certificateVerify({ code: c })).toEqual(found);
  });

  it('refuses a code whose check character is wrong before asking (the kiosk side checks every request)', async () => {
    const { backend } = sandbox();
    const c = code(2);
    const wrong = c.slice(0, 16) + (c[16] === '0' ? '1' : '0');
    await expect(validatingBackend(backend).certificateVerify({ code: wrong })).rejects.toMatchObject({ code: 'rejected' });
  });

  it('an older kiosk’s leg (schema 1) answers the period and the issue time, the total and the name unknown', async () => {
    const { backend } = sandbox();
    const c = code(3);
    await backend.transactionsSubmit({
      messageId: 'M-OLD',
      kind: 'iit.certificate',
      authority: 'local',
      payload: { schemaVersion: 1, transactionId: TX_OLD, from: '2025-01', to: '2025-06', recordCount: 6, verificationCode: c },
    });
    const r = await validatingBackend(backend).certificateVerify({ code: c });
    expect(r).toMatchObject({ outcome: 'found', from: '2025-01', to: '2025-06', recordCount: 6, totalFen: null, holderMaskedName: null });
    expect(r.outcome === 'found' && Date.parse(r.issuedAt)).toBeGreaterThan(Date.parse('2025-01-01'));
  });

  it('keeps nothing from a leg that is not a certificate the local authority should hold', async () => {
    const { backend } = sandbox();
    const c = code(4);
    await backend.transactionsSubmit({ ...v2Leg(c), authority: 'national' });
    await backend.transactionsSubmit({ ...v2Leg(c, '01JY0000000000000000000003'), messageId: 'M-BAD', payload: { ...v2Leg(c).payload, totalFen: -1 } });
    expect(await backend.certificateVerify({ code: c })).toEqual({ outcome: 'notFound' });
    expect(NOW).toBeInstanceOf(Date);
  });
});
