import fs from 'node:fs';
import type { CardEvent } from '../../../devices/idcard/reader-types';
import { Listeners } from '../../../devices/transports/byte-transport';
import type { PrintOutcome } from '../../../devices/printers/printer-types';
import { KioskError } from '../../../shared/contract';
import type { LocalConfig } from '../../../shared/config/local-config';
import {
  DEMO_TECHNICIAN_PIN,
  type DiagApplyResult,
  type DiagCalibration,
  type DiagDevice,
  type DiagEnterResult,
  type DiagExportTarget,
  type DiagPrintResult,
  type DiagReadResult,
  type DiagStatus,
} from '../../../shared/contract/services/diagnostics';
import type { CardReaderStatus, PrinterStatus } from '../../../shared/domain/device-status';
import { maskIdNumber } from '../../../shared/domain/pii';
import { APP_VERSION } from '../app-version';
import type { AuditLog } from '../audit/audit-log';
import type { ConfigService } from '../config/config-service';
import { appliedBundle } from '../config/config-store';
import type { Db } from '../db/database';
import type { DeviceSet } from '../devices/device-manager';
import type { Logger } from '../logger';
import { formatTenths, getCalibration, setCalibration, type StoredCalibration } from '../printers/calibration-store';
import type { SessionService } from '../session/session-service';
import { StockError, loadStock, stockSummary } from '../stock/stock-store';
import { OutboxQueue } from '../sync/outbox-queue';
import { scanInventory } from '../../../devices/inventory/scan-inventory';
import { writeDiagBundle } from './diag-bundle';
import { diagSections } from './diag-sections';
import { configFilesIn, dataExportDir, exportTargets } from './export-targets';
import { FrameTrace } from './frame-trace';
import { loadLockout, saveLockout } from './lockout-store';
import { checkPin, hashPin } from './technician-pin';

/** What the host knows about its link to the backend (the delivery loop's events). */
export interface BackendLink {
  connected: boolean | null;
  detail: string | null;
}

export interface DiagnosticsDeps {
  db: Db;
  dataDir: string;
  config: () => LocalConfig;
  audit: AuditLog;
  session: SessionService;
  devices: () => DeviceSet | null;
  configs: ConfigService;
  log: Logger;
  backendLink: () => BackendLink;
  now?: () => Date;
}

const NOT_OPEN = 'diagnostics is not open';
/** What a test read waits for: a card read, or a read that failed. */
type CardOutcome = Extract<CardEvent, { type: 'cardRead' | 'readFailed' }>;
/**
 * Open diagnostics with no call for this long is closed: the screen polls
 * every second, so silence means it is gone (reloaded, crashed) and cards
 * must start visits again.
 */
export const STALE_AFTER_MS = 120_000;

/**
 * Diagnostics mode on the host. Whether it is open lives here, never on the
 * screen: every call but `enter` is refused while closed. Entering ends any
 * visit first, and while open the reader's cards come here (a test read) and
 * never start a visit.
 */
export class DiagnosticsService {
  readonly frames = new FrameTrace();
  private open = false;
  private lastCall = 0;
  private demoHash: string | null = null;
  /** Aborted when diagnostics closes (or the host stops): every wait of the open session ends with it. */
  private openScope: AbortController | null = null;
  private readonly cards = new Listeners<CardOutcome>();

  constructor(private readonly deps: DiagnosticsDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  isOpen(): boolean {
    if (this.open && this.now().getTime() - this.lastCall > STALE_AFTER_MS) this.exit('stale');
    return this.open;
  }

  /** Feeds the frame trace from a freshly opened device set. */
  attachDevices(set: DeviceSet): void {
    this.frames.tap('idcard', set.reader);
    this.frames.tap('receipt', set.printers.receipt);
    this.frames.tap('invoice', set.printers.invoice);
    this.frames.tap('a4', set.printers.a4);
  }

  /** The configured hash; on a simulator kiosk without one, the documented demo PIN's. */
  private storedHash(): { hash: string | null; demo: boolean } {
    const config = this.deps.config();
    if (config.diagnostics.pinHash) return { hash: config.diagnostics.pinHash, demo: false };
    if (config.devices.mode !== 'sim') return { hash: null, demo: false };
    // Cheap cost: it guards a demo, and hashing it at full cost would slow every simulator start.
    this.demoHash ??= hashPin(DEMO_TECHNICIAN_PIN, { N: 1 << 10, r: 8, p: 1 });
    return { hash: this.demoHash, demo: true };
  }

  enter(pin: string): DiagEnterResult {
    const { db, audit, log } = this.deps;
    const stored = this.storedHash();
    const nowMs = this.now().getTime();
    const { result, next } = checkPin(pin, stored.hash, loadLockout(db), nowMs);
    saveLockout(db, next);
    switch (result.outcome) {
      case 'notConfigured':
        log.warn({ event: 'diagnostics.notConfigured' }, 'diagnostics refused: no technician PIN configured');
        return { outcome: 'notConfigured' };
      case 'wrong':
        audit.record({ kind: 'diagnostics.pinRefused', data: { triesLeft: result.triesLeft } });
        log.warn({ event: 'diagnostics.pinRefused', triesLeft: result.triesLeft }, 'wrong technician PIN');
        return { outcome: 'wrong', triesLeft: result.triesLeft };
      case 'locked': {
        const until = new Date(result.lockedUntil).toISOString();
        if (result.justLocked) {
          audit.record({ kind: 'diagnostics.pinRefused', data: { triesLeft: 0 } });
          audit.record({ kind: 'diagnostics.locked', data: { until } });
          log.warn({ event: 'diagnostics.locked', until }, 'technician PIN locked after too many wrong tries');
        }
        return { outcome: 'locked', until };
      }
      case 'accepted':
        // Nothing of a taxpayer stays on screen or in the session behind the technician.
        this.deps.session.end('diagnostics');
        this.open = true;
        this.openScope = new AbortController();
        this.lastCall = nowMs;
        audit.record({ kind: 'diagnostics.enter', data: { via: stored.demo ? 'demoPin' : 'pin' } });
        log.info({ event: 'diagnostics.enter', demoPin: stored.demo }, 'diagnostics opened');
        return { outcome: 'accepted', demoPin: stored.demo };
    }
  }

  exit(reason = 'technician'): void {
    if (!this.open) return;
    this.open = false;
    this.endWaits();
    this.deps.audit.record({ kind: 'diagnostics.exit', data: { reason } });
    this.deps.log.info({ event: 'diagnostics.exit', reason }, 'diagnostics closed');
  }

  /** Refuses a call while diagnostics is closed. */
  guard(): void {
    if (!this.isOpen()) throw new KioskError('notAvailable', NOT_OPEN);
    this.lastCall = this.now().getTime();
  }

  /** Ends every wait without closing diagnostics' record (the host is stopping). */
  dispose(): void {
    this.endWaits();
  }

  private endWaits(): void {
    this.openScope?.abort();
    this.openScope = null;
  }

  /** The reader's events while diagnostics is open (host.ts routes them here instead of the session). */
  cardEvent(event: CardEvent): void {
    if (event.type === 'cardRead' || event.type === 'readFailed') this.cards.emit(event);
  }

  /**
   * Waits up to `waitMs` for a card on the reader. The wait also ends when
   * diagnostics closes, the host stops, or `signal` (the caller gone) aborts.
   */
  async testRead(waitMs: number, signal?: AbortSignal): Promise<DiagReadResult> {
    this.guard();
    const scope = this.openScope;
    if (!scope) throw new KioskError('notAvailable', NOT_OPEN);
    const event = await nextCard(this.cards, AbortSignal.any([scope.signal, AbortSignal.timeout(waitMs), ...(signal ? [signal] : [])]));
    if (event === null) return { outcome: 'noCard' };
    if (event.type === 'readFailed') return { outcome: 'failed', code: event.code, detail: event.detail.slice(0, 200) };
    const { checks } = event;
    const accepted = checks.checkCharacter !== 'fail' && checks.birthDateMatchesNumber !== 'fail' && checks.notExpired !== 'fail';
    return { outcome: 'read', cardType: event.card.cardType, maskedId: maskIdNumber(event.card.idNumber), accepted };
  }

  private devicesOrThrow(): DeviceSet {
    const set = this.deps.devices();
    if (!set) throw new KioskError('deviceNotReady', 'devices are not started');
    return set;
  }

  private action(action: string, ok: boolean, detail?: string): void {
    this.deps.audit.record({ kind: 'diagnostics.action', data: { action, ok, ...(detail ? { detail: detail.slice(0, 500) } : {}) } });
  }

  async testPrint(printer: 'receipt' | 'invoice' | 'a4'): Promise<DiagPrintResult> {
    this.guard();
    const outcome = toPrintResult(await this.devicesOrThrow().printers[printer].printTestPage());
    this.action(`testPrint.${printer}`, outcome.ok, outcome.ok ? undefined : outcome.detail);
    return outcome;
  }

  async grid(): Promise<{ print: DiagPrintResult; calibration: DiagCalibration }> {
    this.guard();
    const calibration = toDiagCalibration(getCalibration(this.deps.db));
    const print = toPrintResult(await this.devicesOrThrow().printers.invoice.printGrid());
    this.action('grid', print.ok, `dx ${calibration.dxMm} mm, dy ${calibration.dyMm} mm`);
    return { print, calibration };
  }

  calibrate(dxMm: number, dyMm: number): { previous: DiagCalibration; current: DiagCalibration } {
    this.guard();
    const next = { dxTenthMm: Math.round(dxMm * 10), dyTenthMm: Math.round(dyMm * 10) };
    const previous = setCalibration(this.deps.db, next, this.now());
    this.action('calibrate', true, `dx ${formatTenths(next.dxTenthMm)} mm, dy ${formatTenths(next.dyTenthMm)} mm`);
    return { previous: toDiagCalibration(previous), current: toDiagCalibration(getCalibration(this.deps.db)) };
  }

  stockLoad(input: { type: string; code: string; from: string; to: string }) {
    this.guard();
    try {
      const range = loadStock(this.deps.db, input, { loadedBy: 'technician', now: this.now(), maxForms: this.deps.config().stock.maxFormsPerLoad });
      const { first, last } = range;
      this.deps.audit.record({ kind: 'stock.loaded', data: { type: input.type, code: input.code, first, last } });
      return { outcome: 'loaded' as const, type: input.type, code: input.code, first, last };
    } catch (error) {
      if (!(error instanceof StockError)) throw error;
      return { outcome: 'refused' as const, reason: error.code, detail: error.message };
    }
  }

  exportTargets(): DiagExportTarget[] {
    this.guard();
    return exportTargets(this.deps.dataDir, this.deps.config().diagnostics.exportDirs);
  }

  async exportBundle(dir: string): Promise<{ file: string; bytes: number; files: string[] }> {
    const target = this.exportTargets().find((t) => t.path === dir);
    if (!target) throw new KioskError('invalidRequest', 'not an offered export folder');
    if (target.path === dataExportDir(this.deps.dataDir)) fs.mkdirSync(target.path, { recursive: true });
    const devices = await this.scannedDevices();
    const now = this.now();
    const written = writeDiagBundle(
      { dataDir: this.deps.dataDir, config: this.deps.config(), db: this.deps.db, devices, extra: diagSections(this.deps.db, now), now },
      target.path,
    );
    this.action('exportBundle', true, `${target.kind} ${written.files.length} files`);
    return written;
  }

  configFiles(): string[] {
    return configFilesIn(this.exportTargets());
  }

  applyConfig(file: string): DiagApplyResult {
    if (!this.configFiles().includes(file)) throw new KioskError('invalidRequest', 'not an offered config file');
    const outcome = this.deps.configs.applyFile(file, 'technician');
    return outcome.outcome === 'applied'
      ? { outcome: 'applied', version: outcome.version }
      : { outcome: 'refused', reason: outcome.reason, detail: outcome.detail };
  }

  /**
   * The bundle's `devices.json`: the same scan as `kioskctl devices list`
   * (every serial port and HID device, the model each matched, the roles of
   * the device map in force), plus `live`, the open devices' status here.
   * A failed scan is said in the file; it never costs the technician the bundle.
   */
  private async scannedDevices(): Promise<unknown> {
    const live = this.deviceRows();
    try {
      return { ...(await scanInventory(this.deps.configs.active.current().deviceMap)), live };
    } catch (error) {
      return { devices: [], missing: [], scanError: error instanceof Error ? error.message : String(error), live };
    }
  }

  private deviceRows(): DiagDevice[] {
    const set = this.deps.devices();
    const reader: CardReaderStatus | null = set?.reader.status() ?? null;
    const rows: DiagDevice[] = [
      {
        id: 'idcard',
        device: reader?.device ?? 'noDevice',
        media: reader?.media ?? 'unknown',
        port: reader?.port ?? null,
        model: reader?.model ?? null,
        detail: reader?.detail ?? 'not started',
        frames: this.frames.frames('idcard'),
      },
    ];
    for (const kind of ['receipt', 'invoice', 'a4'] as const) {
      const s: PrinterStatus | null = set?.printers[kind].status() ?? null;
      rows.push({
        id: kind,
        device: s?.device ?? 'noDevice',
        media: s ? printerMedia(s) : 'unknown',
        port: s?.port ?? null,
        model: s?.model ?? null,
        detail: s?.detail ?? 'not started',
        frames: this.frames.frames(kind),
      });
    }
    return rows;
  }

  status(): DiagStatus {
    this.guard();
    const { db, config } = this.deps;
    const now = this.now();
    const outbox = new OutboxQueue(db).status(now, 20);
    const applied = appliedBundle(db);
    const c = config();
    return {
      kioskId: c.kioskId,
      appVersion: APP_VERSION,
      simulators: c.devices.mode === 'sim',
      devices: this.deviceRows(),
      backend: { transport: c.backend.transport, ...this.deps.backendLink() },
      outbox: {
        authorities: outbox.authorities.map((a) => ({
          authority: a.authority,
          pending: a.pending,
          oldestAgeSeconds: a.oldestAgeSeconds,
          lastError: a.lastError,
        })),
        parkedCount: outbox.deadCount,
        parked: outbox.dead.map((d) => ({ id: d.id, authority: d.authority, kind: d.kind, attempts: d.attempts, deadAt: d.deadAt, lastError: d.lastError })),
      },
      config: { version: applied?.version ?? 0, hash: applied?.hash ?? null, appliedAt: applied?.appliedAt ?? null },
      calibration: toDiagCalibration(getCalibration(db)),
      stock: stockSummary(db).map((s) => ({ type: s.type, total: s.total, remaining: s.remaining })),
      disk: diskFacts(this.deps.dataDir),
    };
  }
}

/** The next card event, or null once `signal` aborts first. */
function nextCard(cards: Listeners<CardOutcome>, signal: AbortSignal): Promise<CardOutcome | null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const finish = (event: CardOutcome | null): void => {
      off();
      signal.removeEventListener('abort', onAbort);
      resolve(event);
    };
    const onAbort = (): void => finish(null);
    const off = cards.add(finish);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function printerMedia(s: PrinterStatus): string {
  const faults = [s.coverOpen ? 'cover open' : null, s.cutterError ? 'cutter error' : null].filter((f): f is string => f !== null);
  return [`paper ${s.paper}`, ...faults].join(', ');
}

function toPrintResult(outcome: PrintOutcome): DiagPrintResult {
  return outcome.ok ? { ok: true, detail: outcome.detail ?? null } : { ok: false, code: outcome.code, fault: outcome.fault, detail: outcome.detail };
}

function toDiagCalibration(c: StoredCalibration): DiagCalibration {
  return { dxMm: c.dxTenthMm / 10, dyMm: c.dyTenthMm / 10, updatedAt: c.updatedAt };
}

function diskFacts(dir: string): { freeBytes: number; totalBytes: number } | null {
  try {
    const s = fs.statfsSync(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}
