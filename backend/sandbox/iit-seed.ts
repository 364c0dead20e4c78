import { PERSON } from './seed-data';

/** One stored IIT record: the period is `monthsBack` months before the current month. */
export interface SeedIitRecord {
  idNumber: string;
  monthsBack: number;
  paidDay: number;
  item: string;
  agent: string;
  amountFen: number;
  authority: string;
}

const JINAN = '国家税务总局示例市历下区税务局';
const BEIJING = '国家税务总局示例市东城区税务局';

/** How far back the long history goes: more than two years, so any 24-month window is full. */
export const LONG_HISTORY_MONTHS = 30;

/**
 * Deterministic records (no randomness: a test can recompute any sum).
 * - resident-long-term: 30 months of salary (two employers in turn), service
 *   fees every fourth month, royalties twice: 3 items, 4 agents.
 * - resident: the last 12 months of salary.
 * - foreign-2017: three service-fee records.
 */
export function seedIitRecords(): SeedIitRecord[] {
  const records: SeedIitRecord[] = [];
  for (let m = 1; m <= LONG_HISTORY_MONTHS; m++) {
    const paidDay = 10 + (m % 5);
    records.push({
      idNumber: PERSON.residentLongTerm,
      monthsBack: m,
      paidDay,
      item: '工资薪金所得',
      agent: m > 12 ? '示例物流有限公司' : '示例科技有限公司',
      amountFen: 45_000 + ((m * 7919) % 37) * 100,
      authority: JINAN,
    });
    if (m % 4 === 2) {
      records.push({
        idNumber: PERSON.residentLongTerm,
        monthsBack: m,
        paidDay,
        item: '劳务报酬所得',
        agent: '示例文化传媒有限公司',
        amountFen: 80_000,
        authority: JINAN,
      });
    }
    if (m === 7 || m === 19) {
      records.push({
        idNumber: PERSON.residentLongTerm,
        monthsBack: m,
        paidDay,
        item: '稿酬所得',
        agent: '示例出版社有限公司',
        amountFen: 11_200,
        authority: JINAN,
      });
    }
  }
  for (let m = 1; m <= 12; m++) {
    records.push({
      idNumber: PERSON.resident,
      monthsBack: m,
      paidDay: 12,
      item: '工资薪金所得',
      agent: '示例科技有限公司',
      amountFen: 23_456,
      authority: BEIJING,
    });
  }
  for (const m of [2, 5, 9]) {
    records.push({
      idNumber: PERSON.foreign2017,
      monthsBack: m,
      paidDay: 15,
      item: '劳务报酬所得',
      agent: '示例咨询有限公司',
      amountFen: 64_000,
      authority: BEIJING,
    });
  }
  return records;
}
