import type { Db } from '../../electron/host/db/database';
import { AlertKind, type Alert, type AlertRule, type ApiReason } from '../../shared/fleet/console-api';
import { ReasonCode, type HealthThresholds, type Reason } from '../../shared/fleet/health';
import { alertKindOf, applyRulePatch, DEFAULT_RULES, thresholdsOf, type RulePatch } from './alert-rules';
import type { Webhooks } from './webhooks';

/**
 * Alerts from the health judgement's reasons: one open alert per kiosk, kind
 * and subject; raised when a reason of an enabled rule appears, cleared (kept,
 * with clearedAt) when it goes. Open alerts are mirrored in memory so ingest
 * compares without reading the database.
 */
interface AlertRow {
  id: number;
  kiosk_id: string;
  branch_id: string;
  kind: AlertKind;
  subject: string | null;
  detail: string;
  raised_at: string;
  cleared_at: string | null;
  ack_by: string | null;
  ack_at: string | null;
  ack_note: string | null;
}

interface RuleRow {
  id: string;
  kind: AlertKind;
  enabled: number;
  threshold: number | null;
  webhook_url: string | null;
}

export type AlertEvent = { event: 'raised' | 'cleared'; alert: Alert };

export interface AlertQuery {
  open?: boolean;
  kioskId?: string;
  limit: number;
  offset: number;
}

export class Alerts {
  private rules = new Map<AlertKind, AlertRule>();
  /** kioskId → key (kind + subject) → open alert id. */
  private readonly open = new Map<string, Map<string, number>>();
  private cachedThresholds: HealthThresholds;

  constructor(
    private readonly db: Db,
    private readonly webhooks: Webhooks,
  ) {
    const insert = db.prepare('INSERT OR IGNORE INTO alert_rules (id, kind, enabled, threshold, webhook_url) VALUES (?, ?, ?, ?, ?)');
    for (const rule of DEFAULT_RULES) insert.run(rule.id, rule.kind, rule.enabled ? 1 : 0, rule.threshold, rule.webhookUrl);
    this.loadRules();
    for (const row of db.prepare('SELECT id, kiosk_id, kind, subject FROM alerts WHERE cleared_at IS NULL').all() as AlertRow[]) {
      this.openOf(row.kiosk_id).set(key(row.kind, row.subject), row.id);
    }
    this.cachedThresholds = thresholdsOf(this.rules.values());
  }

  private loadRules(): void {
    this.rules = new Map(
      (this.db.prepare('SELECT * FROM alert_rules').all() as RuleRow[]).map((row) => [
        row.kind,
        { id: row.id, kind: row.kind, enabled: row.enabled === 1, threshold: row.threshold, webhookUrl: row.webhook_url },
      ]),
    );
  }

  thresholds(): HealthThresholds {
    return this.cachedThresholds;
  }

  listRules(): AlertRule[] {
    return AlertKind.options.map((kind) => this.rules.get(kind)).filter((rule): rule is AlertRule => rule !== undefined);
  }

  /** The changed rule, or why not; null when there is no such rule. */
  updateRule(id: string, patch: RulePatch): AlertRule | string | null {
    const rule = this.listRules().find((r) => r.id === id);
    if (!rule) return null;
    const next = applyRulePatch(rule, patch);
    if (typeof next === 'string') return next;
    this.db
      .prepare('UPDATE alert_rules SET enabled = ?, threshold = ?, webhook_url = ? WHERE id = ?')
      .run(next.enabled ? 1 : 0, next.threshold, next.webhookUrl, id);
    this.loadRules();
    this.cachedThresholds = thresholdsOf(this.rules.values());
    return next;
  }

  openCount(): number {
    let count = 0;
    for (const perKiosk of this.open.values()) count += perKiosk.size;
    return count;
  }

  /**
   * Raises and clears this kiosk's alerts to match its reasons now. Runs in the
   * caller's transaction; returns the events for the webhooks (sent after commit).
   */
  sync(kioskId: string, branchId: string, reasons: readonly Reason[], at: string): AlertEvent[] {
    const wanted = new Map<string, { kind: AlertKind; subject: string | null; detail: string }>();
    for (const reason of reasons) {
      const kind = alertKindOf(reason);
      if (kind === null || this.rules.get(kind)?.enabled !== true) continue;
      const k = key(kind, reason.subject);
      if (!wanted.has(k)) wanted.set(k, { kind, subject: reason.subject, detail: describeReason(reason) });
    }
    const open = this.openOf(kioskId);
    const events: AlertEvent[] = [];
    for (const [k, id] of open) {
      if (wanted.has(k)) continue;
      this.db.prepare('UPDATE alerts SET cleared_at = ? WHERE id = ?').run(at, id);
      open.delete(k);
      const alert = this.get(id);
      if (alert) events.push({ event: 'cleared', alert });
    }
    for (const [k, want] of wanted) {
      if (open.has(k)) continue;
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO alerts (kiosk_id, branch_id, kind, subject, detail, raised_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(kioskId, branchId, want.kind, want.subject, want.detail, at);
      const id = Number(lastInsertRowid);
      open.set(k, id);
      const alert = this.get(id);
      if (alert) events.push({ event: 'raised', alert });
    }
    if (open.size === 0) this.open.delete(kioskId);
    return events;
  }

  /** Hands events to each rule's webhook (never waits for it). */
  notify(events: readonly AlertEvent[]): void {
    for (const event of events) {
      const url = this.rules.get(event.alert.kind)?.webhookUrl;
      if (url) this.webhooks.post(url, event);
    }
  }

  get(id: number): Alert | null {
    const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
    return row ? toAlert(row) : null;
  }

  list(query: AlertQuery): { total: number; alerts: Alert[] } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.open === true) where.push('cleared_at IS NULL');
    if (query.open === false) where.push('cleared_at IS NOT NULL');
    if (query.kioskId !== undefined) {
      where.push('kiosk_id = ?');
      args.push(query.kioskId);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM alerts ${clause}`).get(...args) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM alerts ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...args, query.limit, query.offset) as AlertRow[];
    return { total, alerts: rows.map(toAlert) };
  }

  /** Records who acknowledged and why; null when there is no such alert. An acknowledged alert keeps its first ack. */
  ack(id: number, by: string, note: string, at: string): Alert | 'already' | null {
    const alert = this.get(id);
    if (!alert) return null;
    if (alert.ack !== null) return 'already';
    this.db.prepare('UPDATE alerts SET ack_by = ?, ack_at = ?, ack_note = ? WHERE id = ?').run(by, at, note, id);
    return this.get(id);
  }

  private openOf(kioskId: string): Map<string, number> {
    let perKiosk = this.open.get(kioskId);
    if (!perKiosk) {
      perKiosk = new Map();
      this.open.set(kioskId, perKiosk);
    }
    return perKiosk;
  }
}

function key(kind: AlertKind, subject: string | null): string {
  return `${kind}\u0000${subject ?? ''}`;
}

/** Short machine text: `paperOut receipt`, `stockLow VAT-normal 12`. */
export function describeReason(reason: Reason): string {
  return [reason.code, reason.subject, reason.value].filter((part) => part !== null).join(' ');
}

/**
 * describeReason read back, with the subject from its own column (a subject
 * may itself be a number): the reason as codes for the page. Null for a
 * detail this build did not write.
 */
export function reasonOfDetail(detail: string, subject: string | null): ApiReason | null {
  const [head = '', ...rest] = detail.split(' ');
  const code = ReasonCode.safeParse(head);
  if (!code.success) return null;
  let tail = rest.join(' ');
  if (subject !== null) {
    if (tail !== subject && !tail.startsWith(`${subject} `)) return null;
    tail = tail.slice(subject.length).trim();
  }
  if (tail === '') return { code: code.data, subject, value: null };
  const value = Number(tail);
  return /^-?\d+(\.\d+)?$/.test(tail) && Number.isFinite(value) ? { code: code.data, subject, value } : null;
}

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    kioskId: row.kiosk_id,
    branchId: row.branch_id,
    kind: row.kind,
    subject: row.subject,
    detail: row.detail,
    reason: reasonOfDetail(row.detail, row.subject),
    raisedAt: row.raised_at,
    clearedAt: row.cleared_at,
    ack: row.ack_by !== null && row.ack_at !== null ? { by: row.ack_by, at: row.ack_at, note: row.ack_note ?? '' } : null,
  };
}
