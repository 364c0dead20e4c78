import { type Heartbeat, type PrinterHeartbeat } from './heartbeat';
import {
  assessKiosk,
  countByHealth,
  DEFAULT_THRESHOLDS,
  printerStop,
  REASON_CODES,
  type Health,
  type HealthThresholds,
  type Reason,
  type ReasonCode,
} from './health';

/**
 * What `kioskctl fleet status` reads from the last heartbeat of every kiosk:
 * which need a visit. The judgement is health.ts's (the console's too); this
 * file only keeps the newest heartbeat per kiosk, sorts, counts, and maps the
 * reasons onto the command's older `issues` codes. Pure, so it is tested
 * without a broker.
 *
 * It knows no rollout, so it never says a kiosk is behind on config: behind
 * means behind the rollout that targets the kiosk (the console knows that),
 * not behind the newest version some other kiosk got.
 */
export const STALE_AFTER_MS = DEFAULT_THRESHOLDS.heartbeatMissedSeconds * 1000;

/**
 * The command's first issue codes (JSON `issues`), kept for scripts. `configBehind`
 * stays in the type for them but is never set any more (see above).
 */
export type FleetIssue = 'deviceDown' | 'stale' | 'configBehind' | 'outboxDead';

/** Reasons that stop a device serving: the old `deviceDown`. */
const DEVICE_DOWN: ReadonlySet<ReasonCode> = new Set(['readerDown', 'printerDown', 'paperOut', 'paperJammed', 'coverOpen']);

/** Listed in this order: nobody served, then someone must go, then silent, then fine. */
const HEALTH_RANK: Record<Health, number> = { down: 0, visit: 1, stale: 2, ok: 3 };

export interface FleetRow {
  heartbeat: Heartbeat;
  ageSeconds: number;
  health: Health;
  reasons: Reason[];
  issues: FleetIssue[];
  /** Human words per device that cannot serve, paper first: `receipt: paper out`. */
  devicesDown: string[];
}

export interface HealthCounts {
  kiosks: number;
  byHealth: Record<Health, number>;
}

export interface FleetSummary extends HealthCounts {
  byBranch: Array<{ branchId: string } & HealthCounts>;
  /** How many kiosks each reason applies to. */
  byReason: Partial<Record<ReasonCode, number>>;
}

export interface FleetView {
  /** The highest applied config version any kiosk reported (information only: see the file comment). */
  highestConfigVersion: number | null;
  rows: FleetRow[];
  summary: FleetSummary;
}

export function devicesDown(h: Heartbeat): string[] {
  const down: string[] = [];
  if (h.devices.idcard.device !== 'online' && h.devices.idcard.device !== 'busy') down.push(`idcard: ${h.devices.idcard.device}`);
  for (const [kind, p] of Object.entries(h.devices.printers) as [string, PrinterHeartbeat | undefined][]) {
    if (p === undefined) continue;
    const stop = printerStop(p);
    if (stop === 'paperOut') down.push(`${kind}: paper out`);
    else if (stop === 'paperJammed') down.push(`${kind}: paper jammed`);
    else if (stop === 'coverOpen') down.push(`${kind}: cover open`);
    else if (stop === 'printerDown') down.push(`${kind}: ${p.device}`);
  }
  return down;
}

function issuesOf(reasons: readonly Reason[]): FleetIssue[] {
  const issues: FleetIssue[] = [];
  if (reasons.some((r) => DEVICE_DOWN.has(r.code))) issues.push('deviceDown');
  if (reasons.some((r) => r.code === 'heartbeatMissed')) issues.push('stale');
  if (reasons.some((r) => r.code === 'outboxDead')) issues.push('outboxDead');
  return issues;
}

/** One row per kiosk (the newest heartbeat wins), the ones needing someone first. */
export function fleetView(heartbeats: readonly Heartbeat[], now: Date, thresholds: HealthThresholds = DEFAULT_THRESHOLDS): FleetView {
  const latest = new Map<string, Heartbeat>();
  for (const h of heartbeats) {
    const seen = latest.get(h.kioskId);
    if (!seen || Date.parse(h.sentAt) > Date.parse(seen.sentAt)) latest.set(h.kioskId, h);
  }
  const versions = [...latest.values()].map((h) => h.config.version ?? 0);
  const highest = versions.length > 0 ? Math.max(...versions) : null;
  const rows = [...latest.values()].map((heartbeat): FleetRow => {
    // No rollout known here: no target version, so never configBehind.
    const { health, reasons, ageSeconds } = assessKiosk({ heartbeat }, thresholds, now);
    return { heartbeat, ageSeconds, health, reasons, issues: issuesOf(reasons), devicesDown: devicesDown(heartbeat) };
  });
  rows.sort(
    (a, b) =>
      HEALTH_RANK[a.health] - HEALTH_RANK[b.health] ||
      firstReason(a) - firstReason(b) ||
      b.reasons.length - a.reasons.length ||
      (a.heartbeat.kioskId < b.heartbeat.kioskId ? -1 : 1),
  );
  return { highestConfigVersion: highest, rows, summary: summarize(rows) };
}

function firstReason(row: FleetRow): number {
  const first = row.reasons[0];
  return first === undefined ? REASON_CODES.length : REASON_CODES.indexOf(first.code);
}

export function summarize(rows: readonly FleetRow[]): FleetSummary {
  const branches = new Map<string, FleetRow[]>();
  const byReason: Partial<Record<ReasonCode, number>> = {};
  for (const row of rows) {
    const list = branches.get(row.heartbeat.branchId) ?? [];
    list.push(row);
    branches.set(row.heartbeat.branchId, list);
    // A kiosk counts once per reason code, however many printers it concerns.
    for (const code of new Set(row.reasons.map((r) => r.code))) byReason[code] = (byReason[code] ?? 0) + 1;
  }
  const counts = (list: readonly FleetRow[]): HealthCounts => ({ kiosks: list.length, byHealth: countByHealth(list.map((r) => r.health)) });
  return {
    ...counts(rows),
    byBranch: [...branches.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([branchId, list]) => ({ branchId, ...counts(list) })),
    byReason,
  };
}

export interface FleetFilter {
  /** Only these branches; empty = every branch. */
  branches: readonly string[];
  /** Only these healths; empty = every health. */
  states: readonly Health[];
}

export function filterRows(rows: readonly FleetRow[], filter: FleetFilter): FleetRow[] {
  return rows.filter(
    (r) => (filter.branches.length === 0 || filter.branches.includes(r.heartbeat.branchId)) && (filter.states.length === 0 || filter.states.includes(r.health)),
  );
}
