import crypto from 'node:crypto';
import { HEARTBEAT_FORMAT, type ConfigRefusal, type Heartbeat } from '../../../shared/fleet/heartbeat';
import type { DeviceState, PaperState, PrinterKind } from '../../../shared/domain/device-status';

/**
 * One simulated kiosk of `kioskctl fleet simulate`: the state its heartbeat
 * reports, and how it changes from one heartbeat to the next. Pure and driven
 * by the caller's seeded random (shared/prng.ts), so a seed replays the same
 * fleet: paper runs low and out (the printer then reads offline, as drivers
 * report it), printers jam, covers open, readers fail, the backend goes out of
 * reach (the outbox backlog grows), invoice stock drains and is restocked; each
 * fault clears again after a few heartbeats.
 *
 * Each heartbeat stands for one simulated minute (the real interval is a
 * kiosk's minute): the outbox's oldest age and the uptime count simulated time,
 * so a backlog alert fires after as many heartbeats as it would for real.
 * `sentAt` is real time: consumers judge staleness by it.
 */
export const SIM_SECONDS_PER_HEARTBEAT = 60;
export const STOCK_TYPES = ['ordinary-paper-1', 'ordinary-paper-10', 'special-paper-10'] as const;
export const RESTOCK_FORMS = 500;
const PRINTERS: readonly PrinterKind[] = ['receipt', 'invoice', 'a4'];
/** Chance per heartbeat that a standing fault is cleared (someone came, the network came back). */
const CLEAR_CHANCE = 0.25;
/** The backend out of reach lasts longer (half an hour on average): long enough for a backlog alert. */
const BACKLOG_CLEAR_CHANCE = 1 / 30;

export type Random = () => number;

interface SimPrinter {
  device: DeviceState;
  paper: PaperState;
  coverOpen: boolean;
}

export interface SimKiosk {
  kioskId: string;
  branchId: string;
  heartbeats: number;
  reader: DeviceState;
  printers: Record<PrinterKind, SimPrinter>;
  stock: Array<{ type: string; remaining: number }>;
  /** Undelivered rows; `backlogSince` is the simulated second the backend went out of reach (null: reachable). */
  outbox: { pending: number; backlogSince: number | null; dead: number };
  audit: { seq: number; hash: string } | null;
  config: { version: number | null; hash: string | null; refused: ConfigRefusal | null };
}

export function kioskId(index: number, kiosks: number): string {
  return `KIOSK-${String(index + 1).padStart(Math.max(4, String(kiosks).length), '0')}`;
}

export function branchId(index: number, branches: number): string {
  return `BRANCH-${String(index + 1).padStart(Math.max(2, String(branches).length), '0')}`;
}

/** Kiosk i is in branch i mod B: every branch gets kiosks, whatever N. */
export function createFleet(kiosks: number, branches: number, random: Random): SimKiosk[] {
  return Array.from({ length: kiosks }, (_, i) => ({
    kioskId: kioskId(i, kiosks),
    branchId: branchId(i % branches, branches),
    heartbeats: 0,
    reader: 'online',
    printers: { receipt: printerOk(), invoice: printerOk(), a4: printerOk() },
    stock: STOCK_TYPES.map((type) => ({ type, remaining: 100 + Math.floor(random() * (RESTOCK_FORMS - 100)) })),
    outbox: { pending: 0, backlogSince: null, dead: 0 },
    audit: null,
    config: { version: null, hash: null, refused: null },
  }));
}

function printerOk(): SimPrinter {
  return { device: 'online', paper: 'full', coverOpen: false };
}

type Fault = 'paperLow' | 'paperOut' | 'jam' | 'coverOpen' | 'printerDown' | 'readerDown' | 'backendUnreachable' | 'parkedRow';
const FAULTS: ReadonlyArray<[Fault, number]> = [
  ['paperLow', 30],
  ['paperOut', 15],
  ['jam', 10],
  ['coverOpen', 10],
  ['printerDown', 10],
  ['readerDown', 5],
  ['backendUnreachable', 15],
  ['parkedRow', 5],
];
const FAULT_WEIGHT = FAULTS.reduce((n, [, w]) => n + w, 0);

function pickFault(random: Random): Fault {
  let roll = random() * FAULT_WEIGHT;
  for (const [fault, weight] of FAULTS) {
    roll -= weight;
    if (roll < 0) return fault;
  }
  return 'paperLow';
}

/**
 * One heartbeat's worth of life: standing faults may clear, a new one may
 * start (`faultRate`: its chance per kiosk per heartbeat), forms are used,
 * audit entries written.
 */
export function advance(k: SimKiosk, random: Random, faultRate: number): void {
  k.heartbeats += 1;
  const now = k.heartbeats * SIM_SECONDS_PER_HEARTBEAT;
  clearFaults(k, random);
  if (random() < faultRate) startFault(k, pickFault(random), random, now);

  for (const s of k.stock) {
    if (s.remaining === 0) {
      if (random() < CLEAR_CHANCE) s.remaining = RESTOCK_FORMS;
    } else if (random() < 0.3) {
      s.remaining = Math.max(0, s.remaining - 1 - Math.floor(random() * 3));
    }
  }

  if (k.outbox.backlogSince !== null) k.outbox.pending += 1 + Math.floor(random() * 3);
  else k.outbox.pending = random() < 0.1 ? 1 : 0;

  const entries = Math.floor(random() * 4);
  for (let i = 0; i < entries; i++) appendAudit(k);
}

function clearFaults(k: SimKiosk, random: Random): void {
  for (const kind of PRINTERS) {
    const p = k.printers[kind];
    // Low paper runs out if nobody comes; out, jammed, open or offline is fixed by a visit.
    if (p.paper === 'low' && p.device === 'online' && !p.coverOpen) {
      if (random() < 0.1) Object.assign(p, { paper: 'out', device: 'offline' });
      else if (random() < CLEAR_CHANCE) p.paper = 'full';
    } else if ((p.paper !== 'full' || p.coverOpen || p.device !== 'online') && random() < CLEAR_CHANCE) {
      k.printers[kind] = printerOk();
    }
  }
  if (k.reader !== 'online' && random() < CLEAR_CHANCE) k.reader = 'online';
  if (k.outbox.backlogSince !== null && random() < BACKLOG_CLEAR_CHANCE) k.outbox = { ...k.outbox, pending: 0, backlogSince: null };
  if (k.outbox.dead > 0 && random() < CLEAR_CHANCE / 5) k.outbox.dead = 0;
}

function startFault(k: SimKiosk, fault: Fault, random: Random, now: number): void {
  const printer = k.printers[PRINTERS[Math.floor(random() * PRINTERS.length)] ?? 'receipt'];
  switch (fault) {
    case 'paperLow':
      if (printer.paper === 'full') printer.paper = 'low';
      return;
    case 'paperOut':
      // What the drivers report on paper end: the device offline too.
      Object.assign(printer, { paper: 'out', device: 'offline' });
      return;
    case 'jam':
      printer.paper = 'jammed';
      return;
    case 'coverOpen':
      printer.coverOpen = true;
      return;
    case 'printerDown':
      printer.device = 'hardwareError';
      return;
    case 'readerDown':
      k.reader = 'noDevice';
      return;
    case 'backendUnreachable':
      k.outbox.backlogSince ??= now;
      return;
    case 'parkedRow':
      k.outbox.dead += 1;
      return;
  }
}

function appendAudit(k: SimKiosk): void {
  const seq = (k.audit?.seq ?? 0) + 1;
  const hash = crypto
    .createHash('sha256')
    .update(`${k.kioskId}:${seq}:${k.audit?.hash ?? ''}`)
    .digest('hex');
  k.audit = { seq, hash };
}

/** The kiosk's heartbeat v2 as a real kiosk would send it now. */
export function heartbeatOf(k: SimKiosk, sentAt: Date, appVersion: string): Heartbeat {
  const simNow = k.heartbeats * SIM_SECONDS_PER_HEARTBEAT;
  const printers: Heartbeat['devices']['printers'] = {};
  for (const kind of PRINTERS) printers[kind] = { ...k.printers[kind], detail: null };
  return {
    format: HEARTBEAT_FORMAT,
    kioskId: k.kioskId,
    branchId: k.branchId,
    sentAt: sentAt.toISOString(),
    appVersion,
    uptimeSeconds: simNow,
    config: { ...k.config },
    devices: { idcard: { device: k.reader, media: k.reader === 'online' ? 'notPresent' : 'unknown' }, printers },
    outbox: {
      pending: k.outbox.pending,
      oldestAgeSeconds: k.outbox.pending === 0 ? null : k.outbox.backlogSince === null ? 20 : simNow - k.outbox.backlogSince + SIM_SECONDS_PER_HEARTBEAT,
      dead: k.outbox.dead,
    },
    stock: k.stock.map((s) => ({ ...s })),
    audit: k.audit === null ? null : { ...k.audit },
  };
}
