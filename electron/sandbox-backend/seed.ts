import type { Db } from '../host/db/database';
import { seedIitRecords } from './iit-seed';
import { INVOICE_TYPES, SEED_PICKUPS, SEED_TAXPAYERS } from './seed-data';

/**
 * Fills an empty sandbox database with the demo world, once: the seed_info row
 * is written in the same transaction, so reopening the file (or a crash
 * half-way) never doubles anything.
 */
export function seedIfEmpty(db: Db, now: Date): boolean {
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM seed_info WHERE id = 1').get()) return false;
    const insType = db.prepare('INSERT INTO invoice_types (code, name) VALUES (?, ?)');
    for (const t of INVOICE_TYPES) insType.run(t.code, t.name);

    const insTaxpayer = db.prepare(
      `INSERT INTO taxpayers (id, name, kind, registration, credit_grade, arrears_fen, unverified, base_month_gross_fen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insPerson = db.prepare('INSERT INTO taxpayer_people (taxpayer_id, id_number, role) VALUES (?, ?, ?)');
    const insApproval = db.prepare('INSERT INTO approvals (taxpayer_id, invoice_type, monthly_quota, base_used) VALUES (?, ?, ?, ?)');
    for (const t of SEED_TAXPAYERS) {
      insTaxpayer.run(t.id, t.name, t.kind, t.registration, t.creditGrade, t.arrearsFen, t.unverified, t.baseMonthGrossFen);
      if (t.owner) insPerson.run(t.id, t.owner, 'owner');
      for (const agent of t.agents) insPerson.run(t.id, agent, 'agent');
      for (const a of t.approvals) insApproval.run(t.id, a.type, a.monthlyQuota, a.baseUsed);
    }

    const insPickup = db.prepare(
      'INSERT INTO pickup_codes (code, taxpayer_id, invoice_type, quantity, collected_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const p of SEED_PICKUPS) insPickup.run(p.code, p.taxpayerId, p.type, p.quantity, p.collected ? now.toISOString() : null);

    const insIit = db.prepare(
      `INSERT INTO iit_records (id_number, months_back, paid_day, item, agent, amount_fen, authority)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of seedIitRecords()) insIit.run(r.idNumber, r.monthsBack, r.paidDay, r.item, r.agent, r.amountFen, r.authority);

    db.prepare('INSERT INTO seed_info (id, seeded_at) VALUES (1, ?)').run(now.toISOString());
    return true;
  })();
}
