import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendMethods, type BackendReply } from '../../../shared/backend';
import { checkCard, rejectionFor } from '../../../shared/domain/card-checks';
import { isValidCreditCode } from '../../../shared/domain/credit-code';
import { CARD_PROFILES, PROFILE_NAMES, profileCard } from '../../../devices/simulators/idcard/profiles';
import { DEMO_PEOPLE, PERSON, TAXPAYER_ID } from '../../../backend/sandbox/seed-data';
import Database from 'better-sqlite3';
import { NOW, reopen, sandbox } from './sandbox-fixture';

const README = fs.readFileSync(path.join(__dirname, '../../../backend/sandbox/README.md'), 'utf8');
const TODAY = '2025-06-20';

type Eligibility = BackendReply<'eligibility.collect'>;

describe('which taxpayers a person may act for', () => {
  it('resident acts for their own shop first, then four enterprises as 办税人', async () => {
    const { backend } = sandbox();
    const { taxpayers } = await backend.taxpayersForPerson({ idNumber: PERSON.resident });
    expect(taxpayers.map((t) => [t.name, t.kind])).toEqual([
      ['东城区示例便利店', 'individual'],
      ['示例商贸有限公司', 'enterprise'],
      ['示例建材有限公司', 'enterprise'],
      ['示例科技有限公司', 'enterprise'],
      ['示例餐饮管理有限公司', 'enterprise'],
    ]);
    const arrears = taxpayers.find((t) => t.name === '示例商贸有限公司');
    expect(arrears?.arrears).toEqual({ owed: true, amountFen: 1_234_500 });
    expect(taxpayers.find((t) => t.name === '示例建材有限公司')?.creditGrade).toBe('D');
    expect(taxpayers.find((t) => t.name === '示例餐饮管理有限公司')?.unverifiedInvoices).toBe(12);
    expect(taxpayers[0]?.approvedInvoiceTypes).toEqual([
      { code: 'ordinary-paper-1', name: '增值税普通发票（万元版）', monthlyQuota: 50, usedThisMonth: 5 },
      { code: 'ordinary-paper-10', name: '增值税普通发票（十万元版）', monthlyQuota: 25, usedThisMonth: 0 },
    ]);
  });

  it('the multi-办税人 enterprise is shared by resident and resident-long-term', async () => {
    const { backend } = sandbox();
    for (const idNumber of [PERSON.resident, PERSON.residentLongTerm]) {
      const { taxpayers } = await backend.taxpayersForPerson({ idNumber });
      expect(taxpayers.map((t) => t.id)).toContain(TAXPAYER_ID.multiAgentEnterprise);
    }
  });

  it('the natural person 测试庚 finds their own record, kind naturalPerson, and nobody else does; 示例科技有限公司 is an enterprise', async () => {
    const { backend } = sandbox();
    const { taxpayers } = await backend.taxpayersForPerson({ idNumber: PERSON.foreign2023 });
    expect(taxpayers).toEqual([
      expect.objectContaining({
        id: TAXPAYER_ID.naturalPerson,
        kind: 'naturalPerson',
        registration: 'registered',
        arrears: { owed: false, amountFen: 0 },
        approvedInvoiceTypes: [],
      }),
    ]);
    expect(isValidCreditCode(TAXPAYER_ID.naturalPerson)).toBe(true);
    for (const idNumber of [PERSON.resident, PERSON.residentLongTerm, PERSON.hkMacauTaiwan, PERSON.foreign2017]) {
      const list = (await backend.taxpayersForPerson({ idNumber })).taxpayers;
      expect(
        list.every((t) => t.kind !== 'naturalPerson'),
        idNumber,
      ).toBe(true);
      const tech = list.find((t) => t.id === TAXPAYER_ID.multiAgentEnterprise);
      if (tech) expect(tech.kind).toBe('enterprise');
    }
  });

  it('a file seeded before the natural person existed gets them once on reopening', async () => {
    const { backend, dbPath } = sandbox();
    backend.close();
    const db = new Database(dbPath);
    db.prepare('DELETE FROM taxpayer_people WHERE taxpayer_id = ?').run(TAXPAYER_ID.naturalPerson);
    db.prepare('DELETE FROM taxpayers WHERE id = ?').run(TAXPAYER_ID.naturalPerson);
    db.close();
    const again = reopen(dbPath);
    expect((await again.taxpayersForPerson({ idNumber: PERSON.foreign2023 })).taxpayers.map((t) => t.kind)).toEqual(['naturalPerson']);
    again.close();
    const third = reopen(dbPath);
    expect((await third.taxpayersForPerson({ idNumber: PERSON.foreign2023 })).taxpayers).toHaveLength(1);
  });

  it('a person the backend does not know gets an empty list, not an error', async () => {
    const { backend } = sandbox();
    await expect(backend.taxpayersForPerson({ idNumber: PERSON.foreign2017 })).resolves.toEqual({ taxpayers: [] });
    await expect(backend.taxpayersForPerson({ idNumber: '110101199001010015' })).resolves.toEqual({ taxpayers: [] });
  });

  it('every simulator profile with a valid card maps to its documented taxpayers, or to a documented none', async () => {
    const { backend } = sandbox();
    const valid = PROFILE_NAMES.filter((name) => rejectionFor(checkCard(profileCard(name), TODAY)) === null);
    expect(valid.length).toBeGreaterThanOrEqual(5);
    for (const name of valid) {
      const person = DEMO_PEOPLE[name];
      expect(person, `profile ${name} is missing from DEMO_PEOPLE`).toBeDefined();
      if (!person) continue;
      expect(person.idNumber).toBe(CARD_PROFILES[name].idNumber);
      expect(README, `README lists profile ${name}`).toContain(`\`${name}\``);
      const { taxpayers } = await backend.taxpayersForPerson({ idNumber: person.idNumber });
      if (person.taxpayers === 'none') expect(taxpayers).toEqual([]);
      else expect(taxpayers.map((t) => t.id).sort()).toEqual([...person.taxpayers].sort());
      const { records } = await backend.iitRecords({ idNumber: person.idNumber, from: '2023-01', to: '2025-06' });
      expect(records.length === 0, `${name} iit ${person.iit}`).toBe(person.iit === 'none');
    }
  });

  it('every taxpayer id in the seed is a credit code the contract accepts, and README shows it', async () => {
    const { backend } = sandbox();
    for (const id of Object.values(TAXPAYER_ID)) {
      expect(isValidCreditCode(id), id).toBe(true);
      expect(backendMethods['seller.monthToDate'].request.safeParse({ taxpayerId: id, month: '2025-06' }).success).toBe(true);
      expect(README).toContain(id);
    }
    // One wrong character: the kiosk's schema refuses it.
    const tampered = TAXPAYER_ID.eligibleIndividual.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(backendMethods['seller.monthToDate'].request.safeParse({ taxpayerId: tampered, month: '2025-06' }).success).toBe(false);
    // A seed mistake would be refused by the kiosk: the sandbox validates its own replies too.
    const all = await Promise.all(Object.values(PERSON).map((idNumber) => backend.taxpayersForPerson({ idNumber })));
    expect(all.flatMap((r) => r.taxpayers).length).toBeGreaterThanOrEqual(7);
  });
});

describe('eligibility to collect invoices', () => {
  const ask = async (taxpayerId: string, invoiceType: string, quantity: number): Promise<Eligibility> =>
    sandbox().backend.eligibilityCollect({ taxpayerId, invoiceType, quantity });

  it('the eligible individual may collect, and learns what is left of the quota', async () => {
    expect(await ask(TAXPAYER_ID.eligibleIndividual, 'ordinary-paper-1', 10)).toEqual({
      outcome: 'ok',
      remainingAfter: 35,
      monthlyQuota: 50,
      usedThisMonth: 5,
      counted: [],
    });
    expect(await ask(TAXPAYER_ID.eligibleIndividual, 'ordinary-paper-1', 45)).toEqual({
      outcome: 'ok',
      remainingAfter: 0,
      monthlyQuota: 50,
      usedThisMonth: 5,
      counted: [],
    });
  });

  it('refuses one more than the quota, with the numbers behind it', async () => {
    expect(await ask(TAXPAYER_ID.eligibleIndividual, 'ordinary-paper-1', 46)).toEqual({
      outcome: 'refused',
      refusal: { reason: 'quotaExceeded', monthlyQuota: 50, usedThisMonth: 5, remaining: 45, requested: 46 },
      counted: [],
    });
  });

  it('hk-macau-taiwan has used the whole quota: even one form is refused', async () => {
    expect(await ask(TAXPAYER_ID.quotaUsedIndividual, 'ordinary-paper-1', 1)).toEqual({
      outcome: 'refused',
      refusal: { reason: 'quotaExceeded', monthlyQuota: 25, usedThisMonth: 25, remaining: 0, requested: 1 },
      counted: [],
    });
  });

  it('refuses a type that is not approved', async () => {
    expect(await ask(TAXPAYER_ID.eligibleIndividual, 'special-paper-10', 1)).toEqual({
      outcome: 'refused',
      refusal: { reason: 'typeNotApproved', invoiceType: 'special-paper-10' },
      counted: [],
    });
  });

  it('refuses arrears, grade D, unverified invoices and a suspended business, each with its reason', async () => {
    expect(await ask(TAXPAYER_ID.arrearsEnterprise, 'ordinary-paper-10', 1)).toEqual({
      outcome: 'refused',
      refusal: { reason: 'arrears', arrearsFen: 1_234_500 },
      counted: [],
    });
    expect(await ask(TAXPAYER_ID.gradeDEnterprise, 'ordinary-paper-10', 1)).toEqual({
      outcome: 'refused',
      refusal: { reason: 'creditGrade', grade: 'D' },
      counted: [],
    });
    expect(await ask(TAXPAYER_ID.unverifiedEnterprise, 'ordinary-paper-1', 1)).toEqual({
      outcome: 'refused',
      refusal: { reason: 'unverifiedInvoices', unverifiedCount: 12 },
      counted: [],
    });
    expect(await ask(TAXPAYER_ID.suspendedIndividual, 'ordinary-paper-1', 1)).toEqual({
      outcome: 'refused',
      refusal: { reason: 'notRegistered', registration: 'suspended' },
      counted: [],
    });
  });

  it('the healthy enterprise may collect both approved types', async () => {
    expect(await ask(TAXPAYER_ID.multiAgentEnterprise, 'ordinary-paper-10', 60)).toEqual({
      outcome: 'ok',
      remainingAfter: 0,
      monthlyQuota: 100,
      usedThisMonth: 40,
      counted: [],
    });
    expect(await ask(TAXPAYER_ID.multiAgentEnterprise, 'special-paper-10', 15)).toEqual({
      outcome: 'ok',
      remainingAfter: 0,
      monthlyQuota: 25,
      usedThisMonth: 10,
      counted: [],
    });
  });
});

describe('pickup codes and month-to-date', () => {
  it('finds an open code, says when a code was already collected, and notFound otherwise', async () => {
    const { backend } = sandbox();
    expect(await backend.pickupLookup({ code: '80000001' })).toEqual({
      outcome: 'found',
      taxpayerId: TAXPAYER_ID.eligibleIndividual,
      taxpayerName: '东城区示例便利店',
      invoiceType: 'ordinary-paper-1',
      quantity: 10,
    });
    expect(await backend.pickupLookup({ code: '80000003' })).toEqual({ outcome: 'alreadyCollected', collectedAt: NOW.toISOString() });
    expect(await backend.pickupLookup({ code: '89999999' })).toEqual({ outcome: 'notFound' });
  });

  it('the multi-办税人 enterprise has invoiced 60,000.00 this month; the individual nothing', async () => {
    const { backend } = sandbox();
    expect(await backend.sellerMonthToDate({ taxpayerId: TAXPAYER_ID.multiAgentEnterprise, month: '2025-06' })).toEqual({ grossFen: 6_000_000 });
    expect(await backend.sellerMonthToDate({ taxpayerId: TAXPAYER_ID.eligibleIndividual, month: '2025-06' })).toEqual({ grossFen: 0 });
  });

  it('an unknown taxpayer is rejected, not answered', async () => {
    const { backend } = sandbox();
    const unknown = '91350100M000100Y43';
    await expect(backend.sellerMonthToDate({ taxpayerId: unknown, month: '2025-06' })).rejects.toMatchObject({ code: 'rejected' });
    await expect(backend.eligibilityCollect({ taxpayerId: unknown, invoiceType: 'ordinary-paper-1', quantity: 1 })).rejects.toMatchObject({
      code: 'rejected',
    });
  });
});
