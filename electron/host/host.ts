import { createEventHub, createRouter } from '../../shared/contract';
import type { PrinterDriver } from '../../devices/printers/printer-types';
import { openDatabase } from './db/database';
import { createDevices, type DeviceSet } from './devices/device-manager';
import { createHandlers } from './handlers';
import type { HostOptions, KioskHost } from './host-types';
import { loadLocalConfig } from './local-config';
import { createLogger } from './logger';
import { getCalibration } from './printers/calibration-store';
import { SessionService } from './session/session-service';
import { VisitLog } from './session/visit-log';
import { openPiiCipher } from './pii/pii-cipher';
import { StockAllocator } from './stock/allocator';
import { TransactionStore } from './transactions/transaction-store';
import { openTaxBackend } from './services/tax-backend-choice';
import { loadDemoStockIfEmpty } from './services/demo-stock';
import { recoverStockOnStartup } from './services/stock-recovery';
import { InvoiceCollectionService } from './services/invoice-collection';
import type { SandboxBackend } from '../sandbox-backend';
import type { Simulators } from './devices/simulators';

/** What tests and the demo may reach behind the contract (simulator mode). */
export interface HostInternals {
  simulators(): Simulators | null;
  sandbox: SandboxBackend | null;
}
const internals = new WeakMap<KioskHost, HostInternals>();

/** The simulators and sandbox behind a host made by `createHost` (tests, demo tooling). */
export function hostInternals(host: KioskHost): HostInternals {
  const found = internals.get(host);
  if (!found) throw new Error('not a host made by createHost');
  return found;
}

/** Demo: a pending payment counts as paid after this long (sandbox backend only). */
const DEMO_PAYMENT_AUTO_CONFIRM_MS = 8000;

/**
 * The kiosk host: everything the main process does, in plain Node, composed
 * here and nowhere else. Both shells (Electron, Chromium) bind its router and
 * events to a window.
 */
export async function createHost(options: HostOptions): Promise<KioskHost> {
  const config = loadLocalConfig(options.dataDir, options.configOverrides);
  const log = createLogger({ dataDir: options.dataDir, echo: process.env.KIOSK_LOG_ECHO === '1' });
  const db = openDatabase(options.dataDir);
  const visits = new VisitLog(db);
  const events = createEventHub((error) => log.error({ err: error }, 'event listener failed'));
  const tax = openTaxBackend(options.dataDir, { paymentAutoConfirmMs: DEMO_PAYMENT_AUTO_CONFIRM_MS });
  const store = new TransactionStore(db, openPiiCipher(options.dataDir));
  const allocator = new StockAllocator(db);
  // Before anything can allocate: the router does not exist yet.
  recoverStockOnStartup(allocator, store, log);
  if (config.devices.mode === 'sim') loadDemoStockIfEmpty(db, log);

  const session = new SessionService({
    config: () => config.session,
    log,
    onChange: (view) => events.emit('session.changed', view),
    onStarted: (id, card) => visits.started(id, card.cardType, new Date()),
    onEnded: (id, reason) => visits.ended(id, reason, new Date()),
  });

  let devices: DeviceSet | null = null;

  const collection = new InvoiceCollectionService({
    db,
    backend: tax.backend,
    session,
    store,
    allocator,
    printers: () => devices?.printers ?? null,
    log,
    kioskId: () => config.kioskId,
    // The contract has no visit language yet: the kiosk's default.
    lang: () => config.lang,
    progress: (event) => events.emit('service.progress', event),
  });

  const router = createRouter(
    createHandlers({ config: () => config, shell: options.shell, session, devices: () => devices, collection }),
    { onInternalError: (method, error) => log.error({ method, err: error }, 'contract handler failed') },
  );

  const host: KioskHost = {
    router,
    events,
    config,
    log,
    async start() {
      const set = await createDevices({ config, dataDir: options.dataDir, log, calibration: () => getCalibration(db) });
      devices = set;
      set.reader.onCard((event) => session.handleCardEvent(event));
      set.reader.onStatus((status) => {
        events.emit('device.idcard', status);
        if (status.device === 'noDevice' || status.device === 'hardwareError') {
          if (session.view().state !== 'idle') session.end('deviceLost');
        }
        log.info({ event: 'device.status', device: 'idcard', status: status.device, media: status.media }, 'reader status');
      });
      const printers: PrinterDriver[] = [set.printers.receipt, set.printers.invoice, set.printers.a4];
      for (const printer of printers) {
        printer.onStatus((status) => {
          events.emit('device.printer', status);
          log.info({ event: 'device.status', device: status.kind, status: status.device, paper: status.paper, coverOpen: status.coverOpen }, 'printer status');
        });
        printer.onPaperThreshold((paper) => log.warn({ event: 'printer.paper', device: printer.status().kind, paper }, 'paper threshold'));
      }
      set.start();
      log.info({ event: 'host.start', shell: options.shell, kioskId: config.kioskId, devices: config.devices.mode }, 'host started');
    },
    async stop() {
      session.dispose();
      await devices?.stop();
      tax.close();
      db.close();
      log.info({ event: 'host.stop' }, 'host stopped');
      log.flush();
    },
  };
  internals.set(host, { simulators: () => devices?.simulators ?? null, sandbox: tax.sandbox });
  return host;
}
