import type { Db } from '../../electron/host/db/database';
import type { Heartbeat } from '../../shared/fleet/heartbeat';
import { parseAnyHeartbeat } from '../../shared/fleet/heartbeat';
import { assessKiosk, type Assessment, type Health, type Reason } from '../../shared/fleet/health';
import type { TimelineEntry } from '../../shared/fleet/console-api';
import { describeReason, type AlertEvent, type Alerts } from './alerts';

/**
 * What the console knows of each kiosk: its newest heartbeat and the health
 * judged from it (shared/fleet/health.ts, the one judgement). Kept in memory
 * for the API (2,000 kiosks are a few MB) and mirrored in the `kiosks` table
 * so a restart starts where it stopped. Every change — first seen, health,
 * a reason on or off, a config applied or refused — is one timeline row;
 * a heartbeat that changes nothing writes only the kiosk's row.
 */
/** How far ahead of the console's clock a kiosk's clock may be before its newest heartbeat stops shadowing later ones. */
export const FUTURE_SKEW_MS = 5 * 60_000;

export interface KioskState {
  heartbeat: Heartbeat;
  sentMs: number;
  lastSeenAt: string;
  firstSeenAt: string;
  health: Health;
  reasons: Reason[];
  ageSeconds: number;
  auditHead: { seq: number; hash: string } | null;
  auditContinuous: boolean;
}

/** The config version the rollout targeting a kiosk wants (set by the rollout module); null when none. */
export type TargetLookup = (kioskId: string) => number | null;

export type HeartbeatListener = (heartbeats: readonly Heartbeat[]) => void;

interface KioskRow {
  kiosk_id: string;
  heartbeat: string;
  sent_at: string;
  last_seen_at: string;
  first_seen_at: string;
  health: Health;
  reasons: string;
  audit_seq: number | null;
  audit_hash: string | null;
  audit_continuous: number;
}

export class Fleet {
  readonly kiosks = new Map<string, KioskState>();
  private targetLookup: TargetLookup = () => null;
  private readonly listeners: HeartbeatListener[] = [];
  private readonly upsert;
  private readonly timelineInsert;

  constructor(
    private readonly db: Db,
    private readonly alerts: Alerts,
    private readonly now: () => Date,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.upsert =
      db.prepare(`INSERT INTO kiosks (kiosk_id, branch_id, heartbeat, sent_at, last_seen_at, first_seen_at, health, reasons, audit_seq, audit_hash, audit_continuous)
      VALUES (@kioskId, @branchId, @heartbeat, @sentAt, @lastSeenAt, @firstSeenAt, @health, @reasons, @auditSeq, @auditHash, @auditContinuous)
      ON CONFLICT (kiosk_id) DO UPDATE SET branch_id = excluded.branch_id, heartbeat = excluded.heartbeat, sent_at = excluded.sent_at,
        last_seen_at = excluded.last_seen_at, health = excluded.health, reasons = excluded.reasons, audit_seq = excluded.audit_seq,
        audit_hash = excluded.audit_hash, audit_continuous = excluded.audit_continuous`);
    this.timelineInsert = db.prepare('INSERT INTO timeline (kiosk_id, at, kind, detail) VALUES (?, ?, ?, ?)');
    this.load();
  }

  private load(): void {
    for (const row of this.db.prepare('SELECT * FROM kiosks').iterate() as IterableIterator<KioskRow>) {
      const heartbeat = parseAnyHeartbeat(JSON.parse(row.heartbeat));
      if (!heartbeat) {
        this.log(`kiosk ${row.kiosk_id}: stored heartbeat no longer reads; skipped`);
        continue;
      }
      this.kiosks.set(row.kiosk_id, {
        heartbeat,
        sentMs: Date.parse(heartbeat.sentAt),
        lastSeenAt: row.last_seen_at,
        firstSeenAt: row.first_seen_at,
        health: row.health,
        reasons: JSON.parse(row.reasons) as Reason[],
        ageSeconds: 0,
        auditHead: row.audit_seq !== null && row.audit_hash !== null ? { seq: row.audit_seq, hash: row.audit_hash } : null,
        auditContinuous: row.audit_continuous === 1,
      });
    }
  }

  /** The rollout module tells the console which version each kiosk should have ("behind" = behind that). */
  setTargetLookup(lookup: TargetLookup): void {
    this.targetLookup = lookup;
  }

  targetOf(kioskId: string): number | null {
    return this.targetLookup(kioskId);
  }

  /** Called after each committed batch with the heartbeats it accepted (the newest per kiosk). */
  onHeartbeats(listener: HeartbeatListener): void {
    this.listeners.push(listener);
  }

  /** Judges a kiosk now (age, thresholds and rollout target as of now). */
  assess(state: KioskState): Assessment {
    return assessKiosk(
      { heartbeat: state.heartbeat, targetConfigVersion: this.targetLookup(state.heartbeat.kioskId), auditRegressed: !state.auditContinuous },
      this.alerts.thresholds(),
      this.now(),
    );
  }

  /**
   * Takes a batch of heartbeats in one transaction: older than the one kept
   * (by sentAt) are ignored. Returns how many were newer.
   */
  ingest(batch: readonly Heartbeat[]): number {
    const events: AlertEvent[] = [];
    const accepted = new Map<string, Heartbeat>();
    const at = this.now().toISOString();
    this.db.transaction(() => {
      const dirty = new Set<string>();
      for (const heartbeat of batch) {
        if (this.take(heartbeat, at, events)) {
          dirty.add(heartbeat.kioskId);
          accepted.set(heartbeat.kioskId, heartbeat);
        }
      }
      for (const kioskId of dirty) this.save(kioskId);
    })();
    this.alerts.notify(events);
    if (accepted.size > 0) this.tell([...accepted.values()]);
    return accepted.size;
  }

  /**
   * Re-judges every kiosk as of now (missed heartbeats, changed thresholds or
   * targets). `rulesChanged`: also brings every kiosk's alerts in line with the
   * rules (a rule disabled clears its open alerts, one enabled raises them).
   */
  sweep(rulesChanged = false): void {
    const events: AlertEvent[] = [];
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const [kioskId, state] of this.kiosks) {
        if (this.judge(state, at, events, false, rulesChanged)) this.save(kioskId);
      }
    })();
    this.alerts.notify(events);
  }

  private take(heartbeat: Heartbeat, at: string, events: AlertEvent[]): boolean {
    const sentMs = Date.parse(heartbeat.sentAt);
    const prev = this.kiosks.get(heartbeat.kioskId);
    // Older than the one kept: late, ignored. Unless the kept one claims a time in the future (a kiosk
    // clock that ran ahead and was then corrected would otherwise be ignored until it catches up).
    if (prev && sentMs <= prev.sentMs && prev.sentMs <= this.now().getTime() + FUTURE_SKEW_MS) return false;
    const kioskId = heartbeat.kioskId;
    let auditContinuous = prev?.auditContinuous ?? true;
    const head = heartbeat.audit;
    const before = prev?.auditHead ?? null;
    // A head that went backwards or forked: the kiosk's trail was replaced or rewritten. Stays flagged.
    if (head && before && (head.seq < before.seq || (head.seq === before.seq && head.hash !== before.hash))) {
      auditContinuous = false;
    }
    if (!prev) this.timeline(kioskId, at, 'seen', `${heartbeat.branchId} ${heartbeat.appVersion}`);
    else {
      const was = prev.heartbeat.config;
      if (heartbeat.config.version !== was.version && heartbeat.config.version !== null)
        this.timeline(kioskId, at, 'config', `applied v${heartbeat.config.version}`);
    }
    const refused = heartbeat.config.refused;
    const wasRefused = prev?.heartbeat.config.refused ?? null;
    if (refused && (wasRefused === null || wasRefused.at !== refused.at || wasRefused.version !== refused.version))
      this.timeline(kioskId, at, 'config', `refused v${refused.version ?? '?'}: ${refused.reason}`);

    const state: KioskState = {
      heartbeat,
      sentMs,
      lastSeenAt: at,
      firstSeenAt: prev?.firstSeenAt ?? at,
      health: prev?.health ?? 'ok',
      reasons: prev?.reasons ?? [],
      ageSeconds: 0,
      auditHead: head ?? before,
      auditContinuous,
    };
    this.kiosks.set(kioskId, state);
    this.judge(state, at, events, !prev);
    return true;
  }

  /** Updates the state's judgement; writes the changes to the timeline and alerts. True when anything changed. */
  private judge(state: KioskState, at: string, events: AlertEvent[], first = false, resyncAlerts = false): boolean {
    const { health, reasons, ageSeconds } = this.assess(state);
    state.ageSeconds = ageSeconds;
    const kioskId = state.heartbeat.kioskId;
    const before = new Set(state.reasons.map(reasonKey));
    const after = new Set(reasons.map(reasonKey));
    let changed = false;
    if (first || health !== state.health) {
      this.timeline(kioskId, at, 'health', health);
      changed = true;
    }
    for (const reason of reasons) if (!before.has(reasonKey(reason))) this.timeline(kioskId, at, 'reasonOn', describeReason(reason));
    for (const reason of state.reasons) if (!after.has(reasonKey(reason))) this.timeline(kioskId, at, 'reasonOff', describeReason(reason));
    // Values (forms left, minutes old) change without a timeline row, but the row keeps the newest.
    // (except a missed heartbeat's age, which grows every sweep and is recomputed on every read).
    changed ||= stable(reasons) !== stable(state.reasons);
    const setChanged = first || before.size !== after.size || [...after].some((k) => !before.has(k));
    state.health = health;
    state.reasons = reasons;
    if (setChanged || resyncAlerts) {
      const raisedOrCleared = this.alerts.sync(kioskId, state.heartbeat.branchId, reasons, at);
      for (const event of raisedOrCleared)
        this.timeline(kioskId, at, 'alert', `${event.event} ${event.alert.kind}${event.alert.subject ? ` ${event.alert.subject}` : ''}`);
      events.push(...raisedOrCleared);
    }
    return changed;
  }

  private save(kioskId: string): void {
    const state = this.kiosks.get(kioskId);
    if (!state) return;
    this.upsert.run({
      kioskId,
      branchId: state.heartbeat.branchId,
      heartbeat: JSON.stringify(state.heartbeat),
      sentAt: state.heartbeat.sentAt,
      lastSeenAt: state.lastSeenAt,
      firstSeenAt: state.firstSeenAt,
      health: state.health,
      reasons: JSON.stringify(state.reasons),
      auditSeq: state.auditHead?.seq ?? null,
      auditHash: state.auditHead?.hash ?? null,
      auditContinuous: state.auditContinuous ? 1 : 0,
    });
  }

  private timeline(kioskId: string, at: string, kind: TimelineEntry['kind'], detail: string): void {
    this.timelineInsert.run(kioskId, at, kind, detail.slice(0, 400));
  }

  /** The rollout module's entries (`rollout` kind) go through here too. */
  addTimeline(kioskId: string, kind: TimelineEntry['kind'], detail: string): void {
    this.timeline(kioskId, this.now().toISOString(), kind, detail);
  }

  timelineOf(kioskId: string, limit: number): TimelineEntry[] {
    return (this.db.prepare('SELECT at, kind, detail FROM timeline WHERE kiosk_id = ? ORDER BY id DESC LIMIT ?').all(kioskId, limit) as TimelineEntry[]).map(
      (row) => ({ at: row.at, kind: row.kind, detail: row.detail }),
    );
  }

  /** Drops timeline rows older than the retention (days): history of the last days, bounded on disk. */
  pruneTimeline(days: number): number {
    const cutoff = new Date(this.now().getTime() - days * 86_400_000).toISOString();
    return this.db.prepare('DELETE FROM timeline WHERE at < ?').run(cutoff).changes;
  }

  private tell(heartbeats: Heartbeat[]): void {
    for (const listener of this.listeners) {
      try {
        listener(heartbeats);
      } catch (error) {
        this.log(`heartbeat listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

function stable(reasons: readonly Reason[]): string {
  return JSON.stringify(reasons.map((r) => (r.code === 'heartbeatMissed' ? { ...r, value: null } : r)));
}

function reasonKey(reason: Reason): string {
  return `${reason.code}\u0000${reason.subject ?? ''}`;
}
