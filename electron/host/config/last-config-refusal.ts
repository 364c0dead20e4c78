import { z } from 'zod';
import type { ConfigRefusal } from '../../../shared/fleet/heartbeat';
import type { Db } from '../db/database';

/**
 * The last config bundle this kiosk refused since it last applied one, for
 * the heartbeat's `config.refused` (the fleet console shows the reason and
 * halts a rollout on it). Derived from the audit trail, never stored apart:
 * the trail already holds every `config.refused` and `config.applied` entry in
 * order, survives a restart, and also sees refusals made by kioskctl in
 * another process. An apply after the refusal clears it.
 *
 * Read incrementally: the first call reads the config entries of the whole
 * trail (one scan per process; a kiosk gets a bundle a week or so); later
 * calls look only at entries appended since, one range read on the primary key.
 *
 * A redelivery of the bundle in force (same version and hash, refused as a
 * rollback: a broker delivering twice, a USB file applied again) is not a
 * refusal an administrator must act on; it leaves the state as it was.
 */
const CONFIG_KINDS = ['config.applied', 'config.refused'] as const;
const REASON_MAX = 300;

const Entry = z.object({ seq: z.number().int(), at: z.string(), kind: z.enum(CONFIG_KINDS), data: z.string() });
const RefusedData = z.object({ version: z.number().int().nullable(), hash: z.string(), reason: z.string(), detail: z.string() });

export class LastConfigRefusal {
  private scannedTo = 0;
  private refusal: ConfigRefusal | null = null;

  constructor(private readonly db: Db) {}

  current(): ConfigRefusal | null {
    const rows = this.db
      .transaction(() => {
        const newer = this.db
          .prepare(`SELECT seq, at, kind, data FROM audit_log WHERE seq > ? AND kind IN (${CONFIG_KINDS.map(() => '?').join(', ')}) ORDER BY seq`)
          .all(this.scannedTo, ...CONFIG_KINDS);
        const head = z.object({ s: z.number().int() }).parse(this.db.prepare('SELECT coalesce(max(seq), 0) AS s FROM audit_log').get()).s;
        return { newer: newer.map((raw) => Entry.parse(raw)), head };
      })
      .deferred();
    for (const entry of rows.newer) this.take(entry);
    this.scannedTo = Math.max(this.scannedTo, rows.head);
    return this.refusal;
  }

  private take(entry: z.infer<typeof Entry>): void {
    if (entry.kind === 'config.applied') {
      this.refusal = null;
      return;
    }
    const data = RefusedData.safeParse(JSON.parse(entry.data));
    if (!data.success) return;
    const { version, hash, reason, detail } = data.data;
    if (reason === 'rollback' && version !== null && this.isInForce(version, hash)) return;
    this.refusal = { version: version !== null && version >= 0 ? version : null, reason: `${reason}: ${detail}`.slice(0, REASON_MAX), at: entry.at };
  }

  private isInForce(version: number, hash: string): boolean {
    return this.db.prepare('SELECT 1 FROM config_applied WHERE version = ? AND bundle_hash = ?').get(version, hash) !== undefined;
  }
}
