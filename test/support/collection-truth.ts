import type { CollectionRig } from './collection-rig';

/**
 * The collection rules checked from the records of every kiosk and of the
 * backend (docs/collection.md "Invariants"), independently of the code that
 * enforces them. A collection counts as dispensed from the moment its forms
 * may have reached the printer (any state but failed): a crash never makes
 * forms disappear from the count.
 */
export interface Truth {
  month: string;
  /** Per `taxpayer|type`: the monthly quota and the demo baseline the backend counts in every month. */
  approvals: Map<string, { quota: number; base: number }>;
  /** Per `taxpayer|type`: forms dispensed this month, all kiosks together. */
  dispensed: Map<string, number>;
  /** Per 取票码: the kiosk transactions that dispensed it. */
  codeUses: Map<string, string[]>;
  /** Per `taxpayer|type`: what the backend counts as used this month (baseline + intake + open claims). */
  backendUsed: Map<string, number>;
  /** Per 取票码: the transactions whose legs carried it into the backend's intake. */
  backendCodeUses: Map<string, string[]>;
  openClaims: number;
  intents: number;
  pending: number;
}

export function beijingMonthNow(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

export function readTruth(rig: CollectionRig): Truth {
  const month = beijingMonthNow();
  const approvals = new Map<string, { quota: number; base: number }>();
  const backendUsed = new Map<string, number>();
  const backendCodeUses = new Map<string, string[]>();
  let openClaims = 0;
  rig.backendDb((db) => {
    const rows = db
      .prepare(
        `SELECT a.taxpayer_id, a.invoice_type, a.monthly_quota, a.base_used,
                COALESCE((SELECT used FROM quota_use q WHERE q.taxpayer_id = a.taxpayer_id AND q.invoice_type = a.invoice_type AND q.month = ?), 0) AS intake,
                (SELECT COALESCE(SUM(quantity), 0) FROM collection_claims c WHERE c.taxpayer_id = a.taxpayer_id AND c.invoice_type = a.invoice_type AND c.month = ? AND c.state = 'open') AS claimed
           FROM approvals a`,
      )
      .all(month, month) as { taxpayer_id: string; invoice_type: string; monthly_quota: number; base_used: number; intake: number; claimed: number }[];
    for (const r of rows) {
      const key = `${r.taxpayer_id}|${r.invoice_type}`;
      approvals.set(key, { quota: r.monthly_quota, base: r.base_used });
      backendUsed.set(key, r.base_used + r.intake + r.claimed);
    }
    for (const r of db.prepare('SELECT pickup_code, transaction_id FROM collection_intake WHERE pickup_code IS NOT NULL').all() as {
      pickup_code: string;
      transaction_id: string;
    }[]) {
      backendCodeUses.set(r.pickup_code, [...(backendCodeUses.get(r.pickup_code) ?? []), r.transaction_id]);
    }
    openClaims = (db.prepare("SELECT count(*) AS n FROM collection_claims WHERE state = 'open'").get() as { n: number }).n;
  });

  const dispensed = new Map<string, number>();
  const codeUses = new Map<string, string[]>();
  let intents = 0;
  let pending = 0;
  for (const kiosk of rig.kiosks) {
    const rows = kiosk.db
      .prepare(
        `SELECT id, taxpayer_id, json_extract(payload, '$.invoiceType') AS type, json_extract(payload, '$.quantity') AS quantity,
                json_extract(payload, '$.pickupCode') AS code
           FROM transactions WHERE kind = 'invoiceCollection' AND state <> 'failed'`,
      )
      .all() as { id: string; taxpayer_id: string; type: string; quantity: number; code: string | null }[];
    for (const r of rows) {
      const key = `${r.taxpayer_id}|${r.type}`;
      dispensed.set(key, (dispensed.get(key) ?? 0) + r.quantity);
      if (r.code !== null) codeUses.set(r.code, [...(codeUses.get(r.code) ?? []), `${kiosk.id}:${r.id}`]);
    }
    intents += (kiosk.db.prepare('SELECT count(*) AS n FROM collection_claim_intents').get() as { n: number }).n;
    pending += kiosk.pendingRows();
  }
  return { month, approvals, dispensed, codeUses, backendUsed, backendCodeUses, openClaims, intents, pending };
}

/** Every breach of: dispensed ≤ quota (kiosks' records, and the backend's count), each 取票码 used at most once (kiosks, backend). */
export function breaches(t: Truth): string[] {
  const out: string[] = [];
  for (const [key, { quota, base }] of t.approvals) {
    const dispensed = t.dispensed.get(key) ?? 0;
    if (base + dispensed > quota) out.push(`kiosks dispensed ${dispensed} of ${key} (${base} used before) > quota ${quota}`);
    const used = t.backendUsed.get(key) ?? 0;
    if (used > quota) out.push(`the backend counts ${used} of ${key} > quota ${quota}`);
  }
  for (const [key, n] of t.dispensed) if (!t.approvals.has(key)) out.push(`${n} forms of ${key} dispensed without an approval`);
  for (const [code, uses] of t.codeUses) if (uses.length > 1) out.push(`取票码 ${code} dispensed ${uses.length} times: ${uses.join(', ')}`);
  for (const [code, uses] of t.backendCodeUses) if (uses.length > 1) out.push(`取票码 ${code} taken in ${uses.length} times: ${uses.join(', ')}`);
  return out;
}
