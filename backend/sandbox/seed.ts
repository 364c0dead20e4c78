import type { Db } from '../../electron/host/db/database';
import { seedIitRecords } from './iit-seed';
import { INVOICE_TYPES, SEED_PICKUPS, SEED_TAXPAYERS, type SeedTaxpayer } from './seed-data';

/**
 * Fills an empty sandbox database with the demo world, once: the seed_info row
 * is written in the same transaction, so reopening the file (or a crash
 * half-way) never doubles anything.
 */
export function seedIfEmpty(db: Db, now: Date): boolean {
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM seed_info WHERE id = 1').get()) {
      addedSince(db);
      return false;
    }
    const insType = db.prepare('INSERT INTO invoice_types (code, name) VALUES (?, ?)');
    for (const t of INVOICE_TYPES) insType.run(t.code, t.name);

    for (const t of SEED_TAXPAYERS) insertTaxpayer(db, t, 'INSERT');

    const insPickup = db.prepare('INSERT INTO pickup_codes (code, taxpayer_id, invoice_type, quantity, collected_at) VALUES (?, ?, ?, ?, ?)');
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

/** One taxpayer with its people and approvals; a natural person is the flagged `individual` row (migration 5). */
function insertTaxpayer(db: Db, t: SeedTaxpayer, verb: 'INSERT' | 'INSERT OR IGNORE'): void {
  const natural = t.kind === 'naturalPerson';
  db.prepare(
    `${verb} INTO taxpayers (id, name, kind, natural_person, registration, credit_grade, arrears_fen, unverified, base_month_gross_fen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.id, t.name, natural ? 'individual' : t.kind, natural ? 1 : 0, t.registration, t.creditGrade, t.arrearsFen, t.unverified, t.baseMonthGrossFen);
  const insPerson = db.prepare(`${verb} INTO taxpayer_people (taxpayer_id, id_number, role) VALUES (?, ?, ?)`);
  if (t.owner) insPerson.run(t.id, t.owner, 'owner');
  for (const agent of t.agents) insPerson.run(t.id, agent, 'agent');
  const insApproval = db.prepare(`${verb} INTO approvals (taxpayer_id, invoice_type, monthly_quota, base_used) VALUES (?, ?, ?, ?)`);
  for (const a of t.approvals) insApproval.run(t.id, a.type, a.monthlyQuota, a.baseUsed);
}

/** Seed rows added after a sandbox file was first seeded (the natural person of migration 5): added once, never doubled. */
function addedSince(db: Db): void {
  for (const t of SEED_TAXPAYERS) if (t.kind === 'naturalPerson') insertTaxpayer(db, t, 'INSERT OR IGNORE');
}
