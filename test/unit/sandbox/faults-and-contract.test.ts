import { describe, expect, it } from 'vitest';
import { BackendError, validatingBackend, type TaxBackend } from '../../../shared/backend';
import { makeCreditCode } from '../../../backend/sandbox/seed-credit-code';
import { PERSON, TAXPAYER_ID } from '../../../backend/sandbox/seed-data';
import { sandbox } from './sandbox-fixture';

describe('simulated faults', () => {
  it('unreachable: every call fails with BackendError unreachable and nothing is applied', async () => {
    const { backend } = sandbox({ faults: { kind: 'unreachable' } });
    const error = await backend.taxpayersForPerson({ idNumber: PERSON.resident }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).code).toBe('unreachable');
    await expect(backend.transactionsSubmit({ messageId: 'M1', kind: 'invoice.issue', authority: 'national', payload: {} })).rejects.toMatchObject({
      code: 'unreachable',
    });
    expect(backend.intakeCounts()).toEqual({ national: 0, local: 0 });
    backend.setFault({ kind: 'none' });
    expect((await backend.taxpayersForPerson({ idNumber: PERSON.resident })).taxpayers).toHaveLength(5);
  });

  it('slow: still answers correctly', async () => {
    const { backend } = sandbox();
    backend.setFault({ kind: 'slow', delayMs: 20 });
    await expect(backend.pickupLookup({ code: '89999999' })).resolves.toEqual({ outcome: 'notFound' });
    expect(() => backend.setFault({ kind: 'slow', delayMs: -1 })).toThrow(RangeError);
  });
});

describe('the contract as the kiosk applies it', () => {
  it('a reply outside the contract becomes BackendError rejected', async () => {
    const { backend } = sandbox();
    const broken: TaxBackend = {
      ...backend,
      taxpayersForPerson: async () => ({ taxpayers: [{ id: 'not-a-code' }] }) as never,
    };
    const kiosk = validatingBackend(broken);
    await expect(kiosk.taxpayersForPerson({ idNumber: PERSON.resident })).rejects.toMatchObject({ code: 'rejected' });
    // The real sandbox passes the same checks.
    await expect(
      validatingBackend(backend).eligibilityCollect({ taxpayerId: TAXPAYER_ID.eligibleIndividual, invoiceType: 'ordinary-paper-1', quantity: 1 }),
    ).resolves.toEqual({
      outcome: 'ok',
      remainingAfter: 44,
      monthlyQuota: 50,
      usedThisMonth: 5,
      counted: [],
    });
  });

  it('an invalid request never leaves the kiosk', async () => {
    const { backend } = sandbox();
    const kiosk = validatingBackend(backend);
    await expect(kiosk.eligibilityCollect({ taxpayerId: TAXPAYER_ID.eligibleIndividual, invoiceType: 'ordinary-paper-1', quantity: 0 })).rejects.toMatchObject({
      code: 'rejected',
    });
    await expect(kiosk.iitRecords({ idNumber: PERSON.resident, from: '2025-13', to: '2025-12' })).rejects.toMatchObject({ code: 'rejected' });
  });

  it('the seed credit-code builder reproduces a published GB 32100 example', () => {
    expect(makeCreditCode('91', '350100', 'M000100Y')).toBe('91350100M000100Y43');
  });
});
