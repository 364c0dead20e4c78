import { assertNever } from '../../../shared/assert-never';
import type { Heartbeat } from '../../../shared/fleet/heartbeat';
import { HEALTHS, type Health, type Reason } from '../../../shared/fleet/health';
import type { FleetRow, FleetSummary, HealthCounts } from '../../../shared/fleet/fleet-view';

/** The text table of `kioskctl fleet status`: the summary first, then one line per kiosk. */
const HEALTH_WORDS: Record<Health, string> = { ok: 'ok', visit: 'needs a visit', down: 'down', stale: 'stale' };
const WIDTHS = [20, 14, 14, 12, 8, 14, 0];

export function summaryLines(summary: FleetSummary, highestConfigVersion: number | null): string[] {
  const branchWidth = Math.max(14, ...summary.byBranch.map((b) => b.branchId.length + 2));
  return [
    `${summary.kiosks} kiosk(s); highest config version ${highestConfigVersion ?? 'none'}`,
    `health: ${counts(summary)}`,
    ...summary.byBranch.map((b) => `  ${b.branchId.padEnd(branchWidth)}${counts(b)}`),
  ];
}

function counts(c: HealthCounts): string {
  return HEALTHS.map((h) => `${HEALTH_WORDS[h]} ${c.byHealth[h]}`).join(', ');
}

export function headerLine(): string {
  return ['KIOSK', 'BRANCH', 'HEALTH', 'LAST SEEN', 'CONFIG', 'OUTBOX', 'NEEDS'].map((h, i) => h.padEnd(WIDTHS[i] ?? 0)).join(' ');
}

export function textRow(row: FleetRow): string {
  const h = row.heartbeat;
  const outbox = h.outbox.pending === 0 ? '0' : `${h.outbox.pending} (${ago(h.outbox.oldestAgeSeconds ?? 0)})`;
  return [
    h.kioskId,
    h.branchId,
    HEALTH_WORDS[row.health],
    `${ago(row.ageSeconds)} ago`,
    h.config.version === null ? '-' : `v${h.config.version}`,
    outbox,
    row.reasons.length ? row.reasons.map((r) => reasonText(r, h)).join('; ') : 'ok',
  ]
    .map((cell, i) => cell.padEnd(WIDTHS[i] ?? 0))
    .join(' ')
    .trimEnd();
}

/** A reason in a technician's words: what to bring or fix, and where. */
export function reasonText(reason: Reason, h: Heartbeat): string {
  const subject = reason.subject ?? '?';
  switch (reason.code) {
    case 'heartbeatMissed':
      return `stale (silent ${ago(reason.value ?? 0)})`;
    case 'readerDown':
      return `idcard: ${h.devices.idcard.device}`;
    case 'printerDown': {
      const printer = reason.subject === 'receipt' || reason.subject === 'invoice' || reason.subject === 'a4' ? h.devices.printers[reason.subject] : undefined;
      return `${subject}: ${printer?.device ?? 'down'}`;
    }
    case 'paperOut':
      return `${subject}: paper out`;
    case 'paperJammed':
      return `${subject}: paper jammed`;
    case 'coverOpen':
      return `${subject}: cover open`;
    case 'paperLow':
      return `${subject}: paper low`;
    case 'stockOut':
      return `stock ${subject}: none left`;
    case 'stockLow':
      return `stock ${subject}: ${reason.value ?? '?'} left`;
    case 'auditRegressed':
      return 'audit chain regressed';
    case 'configRefused':
      return `config ${reason.value === null ? '(unreadable)' : `v${reason.value}`} refused: ${h.config.refused?.reason ?? ''}`.trimEnd();
    case 'outboxDead':
      return `${reason.value ?? '?'} outbox row(s) parked`;
    case 'outboxOld':
      return `outbox oldest row ${ago((reason.value ?? 0) * 60)} old`;
    case 'configBehind':
      return `config behind v${reason.value ?? '?'}`;
    default:
      return assertNever(reason.code, 'reason code');
  }
}

export function ago(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h`;
}
