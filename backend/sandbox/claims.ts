import { ulidTime, type BackendReply, type BackendRequest } from '../../shared/backend';
import type { Db } from '../../electron/host/db/database';
import { monthOf } from './month';
import { decideCollection } from './taxpayers';

/**
 * Claims and 取票码 at the backend (docs/collection.md "Claims"). A kiosk
 * claims the forms of one transaction right before it allocates them: the
 * backend decides in one IMMEDIATE SQLite transaction (every eligibility rule,
 * other kiosks' open claims counted as used, the code free), so of two kiosks
 * asking at once only one can take the last of a quota or a code. The claim
 * stays open until the transaction's `invoice.collection` leg is taken in
 * (then it is use) or the kiosk gives it back because nothing was dispensed.
 * A claim never lapses by itself: its forms may be out while the kiosk is offline.
 */
interface PickupRow {
  code: string;
  taxpayer_id: string;
  name: string;
  invoice_type: string;
  quantity: number;
  collected_at: string | null;
}

interface ClaimRow {
  transaction_id: string;
  taxpayer_id: string;
  name: string;
  invoice_type: string;
  quantity: number;
  claimed_at: string;
  state: 'open' | 'taken' | 'released';
}

function pickupRow(db: Db, code: string): PickupRow | undefined {
  return db
    .prepare(
      `SELECT p.code, p.taxpayer_id, tp.name, p.invoice_type, p.quantity, p.collected_at
         FROM pickup_codes p JOIN taxpayers tp ON tp.id = p.taxpayer_id WHERE p.code = ?`,
    )
    .get(code) as PickupRow | undefined;
}

/** When the code stopped being free: collected, or held by an open claim. Null while it is free. */
function pickupTakenAt(db: Db, row: PickupRow): string | null {
  if (row.collected_at !== null) return row.collected_at;
  const claim = db.prepare("SELECT claimed_at FROM collection_claims WHERE pickup_code = ? AND state = 'open'").get(row.code) as
    { claimed_at: string } | undefined;
  return claim?.claimed_at ?? null;
}

export function pickupLookup(db: Db, request: BackendRequest<'pickup.lookup'>): BackendReply<'pickup.lookup'> {
  const row = pickupRow(db, request.code);
  if (!row) return { outcome: 'notFound' };
  const taken = pickupTakenAt(db, row);
  if (taken !== null) return { outcome: 'alreadyCollected', collectedAt: taken };
  return { outcome: 'found', taxpayerId: row.taxpayer_id, taxpayerName: row.name, invoiceType: row.invoice_type, quantity: row.quantity };
}

type ClaimReply = BackendReply<'collection.claim'>;

function claimed(row: Pick<ClaimRow, 'taxpayer_id' | 'name' | 'invoice_type' | 'quantity' | 'claimed_at'>): ClaimReply {
  return {
    outcome: 'claimed',
    taxpayerId: row.taxpayer_id,
    taxpayerName: row.name,
    invoiceType: row.invoice_type,
    quantity: row.quantity,
    claimedAt: row.claimed_at,
  };
}

/** `undefined`: an unknown taxpayer (the caller answers `rejected`). */
export function collectionClaim(db: Db, request: BackendRequest<'collection.claim'>, now: Date): ClaimReply | undefined {
  return db
    .transaction((): ClaimReply | undefined => {
      const existing = db
        .prepare(
          `SELECT c.transaction_id, c.taxpayer_id, tp.name, c.invoice_type, c.quantity, c.claimed_at, c.state
           FROM collection_claims c JOIN taxpayers tp ON tp.id = c.taxpayer_id WHERE c.transaction_id = ?`,
        )
        .get(request.transactionId) as ClaimRow | undefined;
      // The same transaction again (a redelivered request, a retry after a lost reply): the same answer.
      if (existing && existing.state !== 'released') return claimed(existing);
      if (existing) db.prepare('DELETE FROM collection_claims WHERE transaction_id = ?').run(request.transactionId);

      let what: { taxpayerId: string; invoiceType: string; quantity: number; code: string | null };
      if (request.what.kind === 'pickup') {
        const row = pickupRow(db, request.what.code);
        if (!row) return { outcome: 'refused', refusal: { reason: 'pickupNotFound' } };
        const taken = pickupTakenAt(db, row);
        if (taken !== null) return { outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected', collectedAt: taken } };
        what = { taxpayerId: row.taxpayer_id, invoiceType: row.invoice_type, quantity: row.quantity, code: row.code };
      } else {
        what = { taxpayerId: request.what.taxpayerId, invoiceType: request.what.invoiceType, quantity: request.what.quantity, code: null };
      }
      // The month the forms count in: the transaction's (as on intake), which is now for a fresh claim.
      const month = monthOf(ulidTime(request.transactionId));
      const decision = decideCollection(db, { taxpayerId: what.taxpayerId, invoiceType: what.invoiceType, quantity: what.quantity }, month);
      if (decision === undefined) return undefined;
      if (decision.outcome === 'refused') return decision;
      const at = now.toISOString();
      db.prepare(
        `INSERT INTO collection_claims (transaction_id, kiosk_id, taxpayer_id, invoice_type, month, quantity, pickup_code, claimed_at, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
      ).run(request.transactionId, request.kioskId, what.taxpayerId, what.invoiceType, month, what.quantity, what.code, at);
      const name = (db.prepare('SELECT name FROM taxpayers WHERE id = ?').get(what.taxpayerId) as { name: string }).name;
      return claimed({ taxpayer_id: what.taxpayerId, name, invoice_type: what.invoiceType, quantity: what.quantity, claimed_at: at });
    })
    .immediate();
}

export function collectionRelease(db: Db, request: BackendRequest<'collection.release'>, now: Date): BackendReply<'collection.release'> {
  const released = db
    .prepare("UPDATE collection_claims SET state = 'released', settled_at = ? WHERE transaction_id = ? AND state = 'open'")
    .run(now.toISOString(), request.transactionId);
  return { outcome: released.changes === 1 ? 'released' : 'notHeld' };
}

/**
 * On intake of a collection leg (same SQLite transaction): its claim, if any,
 * becomes use (the caller adds the quantity to quota_use, so the total used
 * does not move), and the 取票码 it carries is closed for that transaction.
 * A code collected by another transaction stays theirs: a conflict (a kiosk
 * only dispenses after its claim, so it is a defect to look into).
 */
export function takeClaimOnIntake(db: Db, transactionId: string, pickupCode: string | null, at: Date): string[] {
  const effects: string[] = [];
  const taken = db
    .prepare("UPDATE collection_claims SET state = 'taken', settled_at = ? WHERE transaction_id = ? AND state = 'open'")
    .run(at.toISOString(), transactionId);
  if (taken.changes === 1) effects.push('claimTaken');
  if (pickupCode === null) return effects;
  const code = db.prepare('SELECT collected_at, collected_by_transaction FROM pickup_codes WHERE code = ?').get(pickupCode) as
    { collected_at: string | null; collected_by_transaction: string | null } | undefined;
  const otherClaim = db
    .prepare("SELECT 1 FROM collection_claims WHERE pickup_code = ? AND state = 'open' AND transaction_id <> ?")
    .get(pickupCode, transactionId);
  if (!code || otherClaim || (code.collected_at !== null && code.collected_by_transaction !== transactionId)) {
    effects.push('pickupConflict');
    return effects;
  }
  const claimedAt = db.prepare('SELECT claimed_at FROM collection_claims WHERE transaction_id = ?').get(transactionId) as { claimed_at: string } | undefined;
  db.prepare('UPDATE pickup_codes SET collected_at = coalesce(collected_at, ?), collected_by_transaction = ? WHERE code = ?').run(
    claimedAt?.claimed_at ?? at.toISOString(),
    transactionId,
    pickupCode,
  );
  effects.push('pickupClosed');
  return effects;
}

/**
 * eligibility.collect: the decision, and which of the kiosk's unacknowledged
 * collections the numbers include (`counted`), read in the same SQLite
 * transaction as the numbers, so a kiosk subtracting the rest never counts one
 * twice nor misses one (docs/collection.md "The unacknowledged ledger").
 */
export function eligibility(db: Db, request: BackendRequest<'eligibility.collect'>, month: string): BackendReply<'eligibility.collect'> | undefined {
  return db.transaction(() => {
    const decision = decideCollection(db, request, month);
    return decision && { ...decision, counted: countedOf(db, request.unacknowledged ?? []) };
  })();
}

/** Which of these kiosk transactions the backend's numbers include: taken in, or held by an open claim. */
export function countedOf(db: Db, transactionIds: readonly string[]): string[] {
  if (transactionIds.length === 0) return [];
  return (
    db
      .prepare(
        `SELECT value AS transaction_id FROM json_each(?)
          WHERE value IN (SELECT transaction_id FROM collection_intake)
             OR value IN (SELECT transaction_id FROM collection_claims WHERE state = 'open')
          ORDER BY value`,
      )
      .all(JSON.stringify(transactionIds)) as { transaction_id: string }[]
  ).map((r) => r.transaction_id);
}
