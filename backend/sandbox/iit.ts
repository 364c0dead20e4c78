import type { BackendReply, BackendRequest, IitRecord } from '../../shared/backend';
import type { Db } from '../../electron/host/db/database';
import { addMonths, dayOf, monthOf, monthsBetween } from './month';

interface IitRow {
  months_back: number;
  paid_day: number;
  item: string;
  agent: string;
  amount_fen: number;
  authority: string;
}

/**
 * Records with from ≤ period ≤ to, ordered by period, then date paid, then
 * item. Stored periods are relative to the current month (see migrations), and
 * a record whose payment date is still ahead of today is not there yet.
 */
export function iitRecords(db: Db, request: BackendRequest<'iit.records'>, now: Date): BackendReply<'iit.records'> {
  const current = monthOf(now);
  const today = dayOf(now);
  const rows = db
    .prepare(
      `SELECT months_back, paid_day, item, agent, amount_fen, authority FROM iit_records
        WHERE id_number = ? AND months_back BETWEEN ? AND ? ORDER BY id`,
    )
    .all(request.idNumber, monthsBetween(request.to, current), monthsBetween(request.from, current)) as IitRow[];
  const records: IitRecord[] = rows
    .map((row) => {
      const period = addMonths(current, -row.months_back);
      const paidOn = `${addMonths(period, 1)}-${String(row.paid_day).padStart(2, '0')}`;
      return { period, item: row.item, agent: row.agent, amountFen: row.amount_fen, paidOn, authority: row.authority };
    })
    .filter((r) => r.paidOn <= today);
  records.sort((a, b) => cmp(a.period, b.period) || cmp(a.paidOn, b.paidOn) || cmp(a.item, b.item) || cmp(a.agent, b.agent));
  return { records };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
