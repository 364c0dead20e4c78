import type { Heartbeat } from './heartbeat';

/**
 * What an administrator reads from the last heartbeat of every kiosk: which
 * need a visit. Pure, so the sorting is tested without a broker.
 */
export const STALE_AFTER_MS = 3 * 60_000;

/** Why a kiosk shows up; in the order a visit is most needed. */
export type FleetIssue = 'deviceDown' | 'stale' | 'configBehind' | 'outboxDead';
const ISSUE_RANK: Record<FleetIssue, number> = { deviceDown: 0, stale: 1, outboxDead: 2, configBehind: 3 };

export interface FleetRow {
  heartbeat: Heartbeat;
  ageSeconds: number;
  issues: FleetIssue[];
  /** Human words per device that is down: `receipt: paper out`. */
  devicesDown: string[];
}

export interface FleetView {
  /** The highest applied config version any kiosk reported. */
  highestConfigVersion: number | null;
  rows: FleetRow[];
}

export function devicesDown(h: Heartbeat): string[] {
  const down: string[] = [];
  if (h.devices.idcard.device !== 'online' && h.devices.idcard.device !== 'busy') down.push(`idcard: ${h.devices.idcard.device}`);
  for (const [kind, p] of Object.entries(h.devices.printers)) {
    if (p === undefined) continue;
    if (p.device !== 'online' && p.device !== 'busy') down.push(`${kind}: ${p.device}`);
    else if (p.paper === 'out' || p.paper === 'jammed') down.push(`${kind}: paper ${p.paper}`);
    else if (p.coverOpen) down.push(`${kind}: cover open`);
  }
  return down;
}

/** One row per kiosk (the newest heartbeat wins), the ones needing a visit first. */
export function fleetView(heartbeats: readonly Heartbeat[], now: Date): FleetView {
  const latest = new Map<string, Heartbeat>();
  for (const h of heartbeats) {
    const seen = latest.get(h.kioskId);
    if (!seen || Date.parse(h.sentAt) > Date.parse(seen.sentAt)) latest.set(h.kioskId, h);
  }
  const versions = [...latest.values()].map((h) => h.config.version ?? 0);
  const highest = versions.length > 0 ? Math.max(...versions) : null;
  const rows = [...latest.values()].map((heartbeat): FleetRow => {
    const ageMs = Math.max(0, now.getTime() - Date.parse(heartbeat.sentAt));
    const down = devicesDown(heartbeat);
    const issues: FleetIssue[] = [];
    if (down.length > 0) issues.push('deviceDown');
    if (ageMs > STALE_AFTER_MS) issues.push('stale');
    if (heartbeat.outbox.dead > 0) issues.push('outboxDead');
    if (highest !== null && (heartbeat.config.version ?? 0) < highest) issues.push('configBehind');
    return { heartbeat, ageSeconds: Math.floor(ageMs / 1000), issues, devicesDown: down };
  });
  rows.sort((a, b) => rank(a) - rank(b) || b.issues.length - a.issues.length || (a.heartbeat.kioskId < b.heartbeat.kioskId ? -1 : 1));
  return { highestConfigVersion: highest, rows };
}

function rank(row: FleetRow): number {
  return row.issues.length === 0 ? Number.MAX_SAFE_INTEGER : Math.min(...row.issues.map((i) => ISSUE_RANK[i]));
}
