import path from 'node:path';
import type { BackendReply, TaxBackend } from '../../../shared/backend';
import type { LocalConfig } from '../../../shared/config/local-config';
import type { Db } from '../../host/db/database';
import { SANDBOX_BACKEND_FILE } from '../../host/services/tax-backend-choice';
import { brokerUrl, withTlsParams, type BrokerTlsFiles } from '../../host/sync/amqp-tls';
import { AmqpRpcClient, amqpTaxBackend } from '../../host/sync/rpc-client';
import { createSandboxBackend } from '../../host/services/tax-backend-choice';

/**
 * `kioskctl audit verify --backend`: the kiosk's chain against the copy the
 * backend holds (backend/sandbox/audit-anchor.ts). The local check
 * cannot see the newest entries cut off, nor a trail edited and re-chained;
 * the backend's head can. Names the first entry where the two part.
 */
export type BackendProblem =
  | { reason: 'truncated'; firstSeq: number; lastSeq: number; detail: string }
  | { reason: 'rewritten'; firstSeq: number; detail: string }
  | { reason: 'undelivered'; firstSeq: number; detail: string }
  | { reason: 'refusedByBackend'; firstSeq: number; detail: string };

export interface BackendComparison {
  ok: boolean;
  localHead: number;
  backendHead: number;
  /** Entries past the backend's head still waiting in the outbox (not a fault). */
  notYetDelivered: number;
  problem: BackendProblem | null;
  anomalies: BackendReply<'audit.head'>['anomalies'];
}

type AuditHead = Pick<TaxBackend, 'auditHead'>;

function localHash(db: Db, seq: number): string | null {
  const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(seq) as { hash: string } | undefined;
  return row?.hash ?? null;
}

export async function compareWithBackend(db: Db, backend: AuditHead, kioskId: string): Promise<BackendComparison> {
  const localHead = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n;
  const first = await backend.auditHead({ kioskId });
  const backendHead = first.head?.seq ?? 0;
  const base = { localHead, backendHead, notYetDelivered: 0, anomalies: first.anomalies };
  const fail = (problem: BackendProblem): BackendComparison => ({ ...base, ok: false, problem });

  // Where both have entries, the backend's hash of the last shared one must be ours; if not, find the first that parts.
  const shared = Math.min(localHead, backendHead);
  if (shared >= 1 && (await backendHash(backend, kioskId, shared)) !== localHash(db, shared)) {
    let lo = 1;
    let hi = shared;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await backendHash(backend, kioskId, mid)) === localHash(db, mid)) lo = mid + 1;
      else hi = mid;
    }
    return fail({
      reason: 'rewritten',
      firstSeq: lo,
      detail: `entry ${lo} differs from the backend's copy: the trail was edited at entry ${lo} and re-chained after it`,
    });
  }
  if (localHead < backendHead) {
    return fail({
      reason: 'truncated',
      firstSeq: localHead + 1,
      lastSeq: backendHead,
      detail: `entries ${localHead + 1}–${backendHead} are held by the backend but missing here: the trail was cut back`,
    });
  }
  if (localHead > backendHead) {
    // Past the backend's head: fine while their outbox rows wait; a row sent (or none at all) that the backend lacks is not.
    const rows = db
      .prepare(
        `SELECT count(*) AS total, sum(sent_at IS NULL) AS waiting, min(CASE WHEN sent_at IS NOT NULL THEN json_extract(payload, '$.seq') END) AS firstSent
         FROM outbox WHERE transaction_id IS NULL AND kind = 'audit.entry' AND json_extract(payload, '$.seq') > ? AND json_extract(payload, '$.seq') <= ?`,
      )
      .get(backendHead, localHead) as { total: number; waiting: number | null; firstSent: number | null };
    const waiting = rows.waiting ?? 0;
    if (rows.firstSent !== null) {
      return fail({
        reason: 'refusedByBackend',
        firstSeq: rows.firstSent,
        detail: `entry ${rows.firstSent} was delivered but the backend did not keep it (its refusals are listed)`,
      });
    }
    if (rows.total < localHead - backendHead) {
      return fail({
        reason: 'undelivered',
        firstSeq: backendHead + 1,
        detail: `${localHead - backendHead - rows.total} of entries ${backendHead + 1}–${localHead} have no outbox row: their delivery was removed`,
      });
    }
    base.notYetDelivered = waiting;
  }
  if (first.anomalies.length > 0) {
    const a = first.anomalies[first.anomalies.length - 1];
    return fail({
      reason: 'refusedByBackend',
      firstSeq: a?.seq ?? 0,
      detail: `the backend refused entries of this kiosk (latest: ${a?.kind} at ${a?.seq}: ${a?.detail})`,
    });
  }
  return { ...base, ok: true, problem: null };
}

async function backendHash(backend: AuditHead, kioskId: string, seq: number): Promise<string | null> {
  return (await backend.auditHead({ kioskId, seq })).at?.hash ?? null;
}

/**
 * The backend the kiosk reports to: the broker of `--amqp URL` / KIOSK_AMQP_URL / kiosk.json
 * (amqp transport), or the in-process sandbox in the data dir.
 */
export function openAuditBackend(
  dataDir: string,
  config: LocalConfig,
  given: { url?: string; tls: BrokerTlsFiles },
): { backend: AuditHead; close(): Promise<void> } {
  const url =
    given.url !== undefined
      ? withTlsParams(given.url, { ...config.backend.tls, ...given.tls })
      : config.backend.transport === 'amqp'
        ? brokerUrl({ ...config.backend, tls: { ...config.backend.tls, ...given.tls } })
        : undefined;
  if (url !== undefined) {
    const client = new AmqpRpcClient({ url, appId: config.kioskId, timeoutMs: config.backend.queryTimeoutMs, declareTopology: config.backend.declareTopology });
    return { backend: amqpTaxBackend(client), close: () => client.close() };
  }
  const sandbox = createSandboxBackend({ dbPath: path.join(dataDir, SANDBOX_BACKEND_FILE) });
  return { backend: sandbox, close: async () => sandbox.close() };
}
