import type { Db } from '../db/database';
import { AuditLog } from '../audit/audit-log';
import { maskAuditData } from '../audit/audit-mask';
import { appliedHistory } from '../config/config-store';
import { OutboxQueue } from '../sync/outbox-queue';
import type { DiagSection } from './diag-bundle';

/**
 * The sections other parts of the kiosk add to the diagnostics bundle
 * (outbox summary, audit entries, applied config version). One list, so the
 * command and the diagnostics screen export the same bundle.
 */
export const AUDIT_ENTRIES_IN_BUNDLE = 500;

export function diagSections(db: Db, now: Date = new Date()): DiagSection[] {
  return [
    // Counts, heads and parked rows without payloads: a payload is a taxpayer's transaction.
    { name: 'outbox.json', content: () => new OutboxQueue(db).status(now, 200) },
    {
      name: 'config/applied.json',
      content: () => {
        const history = appliedHistory(db, 20);
        return { version: history[0]?.version ?? 0, hash: history[0]?.hash ?? null, history };
      },
    },
    {
      name: 'audit.json',
      // Entries hold masked data only; masked again here for rows an older build or a hand wrote.
      content: () => new AuditLog(db).tail(AUDIT_ENTRIES_IN_BUNDLE).map((e) => ({ ...e, data: maskAuditData(e.data) })),
    },
  ];
}
