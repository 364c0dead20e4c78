import { z } from 'zod';
import type { PrinterKind } from '../domain/device-status';
import type { Heartbeat, PrinterHeartbeat } from './heartbeat';

/**
 * How healthy a kiosk is, from its last heartbeat: the one judgement the fleet
 * console, its alerts and `kioskctl fleet status` share (docs/console.md).
 * Pure, so every rule is tested without a broker.
 *
 *   down   nobody can be served: the card reader is down, or no printer can print
 *   visit  it serves, but someone must go there (paper, stock, a printer, the outbox…)
 *   stale  no heartbeat for longer than the rule allows (off, or off the network)
 *   ok     nothing to do
 */
export const HEALTHS = ['ok', 'visit', 'down', 'stale'] as const;
export const Health = z.enum(HEALTHS);
export type Health = z.infer<typeof Health>;

/** Why a kiosk is not ok, in the order a technician would act on them. */
export const REASON_CODES = [
  'heartbeatMissed',
  'readerDown',
  'printerDown',
  'paperOut',
  'paperJammed',
  'coverOpen',
  'stockOut',
  'auditRegressed',
  'configRefused',
  'outboxDead',
  'outboxOld',
  'paperLow',
  'stockLow',
  'configBehind',
] as const;
export const ReasonCode = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCode>;

export interface Reason {
  code: ReasonCode;
  /** The printer kind or invoice type it is about, when it is about one. */
  subject: string | null;
  /** A number that makes it actionable: forms left, minutes old, rows parked, the refused version. */
  value: number | null;
}

/** The thresholds an administrator sets (console alert rules; defaults for kioskctl). */
export const HealthThresholds = z.strictObject({
  /** No heartbeat for this long: stale. Kiosks send one a minute, so three missed. */
  heartbeatMissedSeconds: z
    .number()
    .int()
    .min(30)
    .max(7 * 86_400),
  /** Fewer blank forms of a type than this: someone must bring stock. */
  stockLowForms: z.number().int().min(0).max(1_000_000),
  /** The oldest undelivered row older than this: the kiosk cannot reach the backend. */
  outboxOldMinutes: z
    .number()
    .int()
    .min(1)
    .max(30 * 1440),
});
export type HealthThresholds = z.infer<typeof HealthThresholds>;

export const DEFAULT_THRESHOLDS: HealthThresholds = { heartbeatMissedSeconds: 180, stockLowForms: 50, outboxOldMinutes: 30 };

export interface KioskFacts {
  heartbeat: Heartbeat;
  /**
   * The config version of the rollout that targets this kiosk, when the
   * caller knows one (the console). Behind means behind that, never behind the
   * newest version some other kiosk got.
   */
  targetConfigVersion?: number | null;
  /** The audit head went backwards or forked between two heartbeats (the console tracks it). */
  auditRegressed?: boolean;
}

export interface Assessment {
  health: Health;
  reasons: Reason[];
  ageSeconds: number;
}

const DOWN_REASONS: ReadonlySet<ReasonCode> = new Set(['readerDown']);
const PRINTER_STOPS: ReadonlySet<ReasonCode> = new Set(['printerDown', 'paperOut', 'paperJammed', 'coverOpen']);

export function assessKiosk(facts: KioskFacts, thresholds: HealthThresholds, now: Date): Assessment {
  const h = facts.heartbeat;
  const ageSeconds = Math.max(0, Math.floor((now.getTime() - Date.parse(h.sentAt)) / 1000));
  const reasons: Reason[] = [];
  const add = (code: ReasonCode, subject: string | null = null, value: number | null = null): void => void reasons.push({ code, subject, value });

  if (ageSeconds > thresholds.heartbeatMissedSeconds) add('heartbeatMissed', null, ageSeconds);
  if (!working(h.devices.idcard.device)) add('readerDown', 'idcard');

  const printers = Object.entries(h.devices.printers) as [PrinterKind, PrinterHeartbeat | undefined][];
  let printing = 0;
  for (const [kind, printer] of printers) {
    if (printer === undefined) continue;
    const stop = printerStop(printer);
    if (stop === null) printing += 1;
    else add(stop, kind);
    if (stop === null && printer.paper === 'low') add('paperLow', kind);
  }

  for (const { type, remaining } of h.stock) {
    if (remaining === 0) add('stockOut', type, 0);
    else if (remaining < thresholds.stockLowForms) add('stockLow', type, remaining);
  }
  if (facts.auditRegressed === true) add('auditRegressed', null, h.audit?.seq ?? null);
  if (h.config.refused !== null) add('configRefused', null, h.config.refused.version);
  if (h.outbox.dead > 0) add('outboxDead', null, h.outbox.dead);
  const oldestMinutes = h.outbox.oldestAgeSeconds === null ? null : Math.floor(h.outbox.oldestAgeSeconds / 60);
  if (oldestMinutes !== null && oldestMinutes >= thresholds.outboxOldMinutes) add('outboxOld', null, oldestMinutes);
  const target = facts.targetConfigVersion ?? null;
  const refusedTarget = h.config.refused !== null && h.config.refused.version === target;
  if (target !== null && (h.config.version ?? 0) < target && !refusedTarget) add('configBehind', null, target);

  reasons.sort((a, b) => REASON_CODES.indexOf(a.code) - REASON_CODES.indexOf(b.code));
  return { health: healthOf(reasons, printers.length > 0 && printing === 0), reasons, ageSeconds };
}

function healthOf(reasons: readonly Reason[], noPrinterPrints: boolean): Health {
  if (reasons.some((r) => r.code === 'heartbeatMissed')) return 'stale';
  if (reasons.some((r) => DOWN_REASONS.has(r.code)) || (noPrinterPrints && reasons.some((r) => PRINTER_STOPS.has(r.code)))) return 'down';
  return reasons.length > 0 ? 'visit' : 'ok';
}

function working(device: string): boolean {
  return device === 'online' || device === 'busy';
}

/**
 * Why a printer cannot print, paper first: drivers report the device offline
 * when paper runs out (the printer stops answering print jobs), and "offline"
 * would send the wrong technician.
 */
export function printerStop(printer: PrinterHeartbeat): ReasonCode | null {
  if (printer.paper === 'out') return 'paperOut';
  if (printer.paper === 'jammed') return 'paperJammed';
  if (printer.coverOpen) return 'coverOpen';
  if (!working(printer.device)) return 'printerDown';
  return null;
}

/** Counts per health, every health present (zero when none). */
export function countByHealth(healths: Iterable<Health>): Record<Health, number> {
  const counts: Record<Health, number> = { ok: 0, visit: 0, down: 0, stale: 0 };
  for (const health of healths) counts[health] += 1;
  return counts;
}
