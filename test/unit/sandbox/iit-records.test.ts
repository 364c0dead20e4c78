import { describe, expect, it } from 'vitest';
import type { IitRecord } from '../../../shared/backend';
import { PERSON } from '../../../backend/sandbox/seed-data';
import { sandbox } from './sandbox-fixture';

const sum = (records: readonly IitRecord[]): number => records.reduce((total, r) => total + r.amountFen, 0);

describe('IIT payment records', () => {
  it('resident-long-term: the last 24 months hold 32 records, ordered, summing to 16,124.00', async () => {
    const { backend } = sandbox();
    const { records } = await backend.iitRecords({ idNumber: PERSON.residentLongTerm, from: '2023-06', to: '2025-05' });
    expect(records).toHaveLength(32);
    expect(sum(records)).toBe(1_612_400);
    expect(new Set(records.map((r) => r.period)).size).toBe(24);
    expect(records[0]?.period).toBe('2023-06');
    expect(records.at(-1)?.period).toBe('2025-05');
    const keys = records.map((r) => `${r.period}|${r.paidOn}|${r.item}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(records.map((r) => r.item))).toEqual(new Set(['工资薪金所得', '劳务报酬所得', '稿酬所得']));
    expect(new Set(records.map((r) => r.agent)).size).toBeGreaterThanOrEqual(3);
    for (const r of records) expect(r.paidOn > r.period).toBe(true);
  });

  it('two adjacent years add up to the two-year range (no month lost or counted twice at the boundary)', async () => {
    const { backend } = sandbox();
    const idNumber = PERSON.residentLongTerm;
    const first = await backend.iitRecords({ idNumber, from: '2023-06', to: '2024-05' });
    const second = await backend.iitRecords({ idNumber, from: '2024-06', to: '2025-05' });
    expect(sum(first.records) + sum(second.records)).toBe(1_612_400);
    expect(first.records.length + second.records.length).toBe(32);
  });

  it('a single month and a range reaching before the history both work', async () => {
    const { backend } = sandbox();
    const idNumber = PERSON.residentLongTerm;
    const one = await backend.iitRecords({ idNumber, from: '2025-04', to: '2025-04' });
    expect(one.records.map((r) => r.period)).toEqual(one.records.map(() => '2025-04'));
    expect(one.records.length).toBeGreaterThanOrEqual(1);
    const everything = await backend.iitRecords({ idNumber, from: '2000-01', to: '2030-12' });
    expect(new Set(everything.records.map((r) => r.period)).size).toBe(30);
  });

  it('the current month has no records yet: its tax is paid next month', async () => {
    const { backend } = sandbox();
    const { records } = await backend.iitRecords({ idNumber: PERSON.residentLongTerm, from: '2025-06', to: '2025-06' });
    expect(records).toEqual([]);
  });

  it('a record whose payment date is still ahead is not there yet', async () => {
    // 2025-06-05 in Beijing: May's salary (paid on the 11th) has not been paid.
    const { backend } = sandbox({ now: new Date('2025-06-05T02:00:00.000Z') });
    const { records } = await backend.iitRecords({ idNumber: PERSON.residentLongTerm, from: '2025-05', to: '2025-05' });
    expect(records).toEqual([]);
  });

  it('a person with no records gets an empty list, not an error', async () => {
    const { backend } = sandbox();
    await expect(backend.iitRecords({ idNumber: PERSON.foreign2023, from: '2023-06', to: '2025-05' })).resolves.toEqual({ records: [] });
  });

  it('a range that ends before it starts is rejected', async () => {
    const { backend } = sandbox();
    await expect(backend.iitRecords({ idNumber: PERSON.residentLongTerm, from: '2025-05', to: '2025-01' })).rejects.toMatchObject({
      code: 'rejected',
    });
  });
});
