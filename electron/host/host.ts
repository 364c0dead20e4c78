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
import { openTaxBackend, type SandboxBackend } from './services/tax-backend-choice';
import { loadDemoStockIfEmpty } from './services/demo-stock';
import { recoverStockOnStartup } from './services/stock-recovery';
import { InvoiceCollectionService } from './services/invoice-collection';
import { IitCertificateService } from './services/iit-certificate';
import { CreditService } from './credit/credit-service';
import { CreditCertificateService } from './credit/credit-certificate-service';
import { ConsentStore } from './credit/consent-store';
import { InvoiceIssueService } from './services/invoice-issue';
import { recoverIssuesOnStartup } from './services/invoice-issue-recovery';
import { recoverCertificatesOnStartup } from './services/iit-certificate-recovery';
import { AuditLog } from './audit/audit-log';
import { auditRefusals } from './audit/audit-refusals';
import { auditCardRejected, auditPrinterFault, auditRefusal, auditSessionEnded, auditSessionStarted, auditTransactionStep } from './audit/audit-hooks';
import { CONFIG_WATCH_MS, ConfigService } from './config/config-service';
import { ensureDemoSigningKey } from './config/bundle-keys';
import { createHostDelivery, createSandboxDelivery } from './sync/host-delivery';
import { amqpFromEnv } from './sync/rpc-config';
import { createHostConfigConsumer } from './config/host-config-consumer';
import { ContentService } from './content/content-service';
import { loadDemoContentIfEmpty } from './content/demo-content';
import { createHostHeartbeat } from './fleet/host-heartbeat';
import { LastConfigRefusal } from './config/last-config-refusal';
import { guardSwitchedOffServices } from './config/service-switch';
import { DeviceReopen } from './devices/device-reopen';
import type { Simulators } from './devices/simulators';
import { DiagnosticsService } from './diagnostics/diagnostics-service';
import { BackendLinkTracker } from './diagnostics/backend-link';
import { DisposableStore } from './disposable-store';
import { checkCollectionInvariants, type InvariantReport } from './services/collection-invariants';

/** What tests and the demo may reach behind the contract (simulator mode). */
export interface HostInternals {
  simulators(): Simulators | null;
  sandbox: SandboxBackend | null;
  /** The parts stop() will dispose, oldest first (empty once stopped). */
  parts(): string[];
  /** The collection rules checked from the records (kioskctl load, tests). */
  collectionInvariants(): Promise<InvariantReport>;
}
const internals = new WeakMap<KioskHost, HostInternals>();

/** The simulators and sandbox behind a host made by `createHost` (tests, demo tooling). */
export function hostInternals(host: KioskHost): HostInternals {
  const found = internals.get(host);
  if (!found) throw new Error('not a host made by createHost');
  return found;
}

/**
 * The kiosk host: everything the main process does, in plain Node, composed
 * here and nowhere else. Both shells (Electron, Chromium) bind its router and
 * events to a window.
 */
export async function createHost(options: HostOptions): Promise<KioskHost> {
  // KIOSK_AMQP_URL: the broker for queries and delivery (docs/sync.md), over kiosk.json; explicit overrides win.
  const config = loadLocalConfig(options.dataDir, { ...amqpFromEnv(process.env), ...options.configOverrides });
  const log = createLogger({ dataDir: options.dataDir, echo: process.env.KIOSK_LOG_ECHO === '1' });
  // Every part that must stop is registered on the line after it is made; stop() disposes them newest first.
  const parts = new DisposableStore((failure) =>
    log.error({ event: 'host.stopFailed', part: failure.part, err: failure.error }, 'a part of the host did not stop cleanly'),
  );
  parts.add('log', () => {
    log.info({ event: 'host.stop' }, 'host stopped');
    log.flush();
  });
  const db = openDatabase(options.dataDir);
  parts.add('database', () => db.close());
  const visits = new VisitLog(db);
  // The audit trail and the administrators' signed config bundles (electron/host/audit, electron/host/config).
  const audit = new AuditLog(db, { onError: (error, kind) => log.error({ err: error, kind }, 'audit entry not written') });
  const configs = new ConfigService({ db, dataDir: options.dataDir, local: config, audit, log });
  // Picks up `kioskctl config apply` made by another process; in-process applies notify at once.
  parts.add('configWatch', configs.active.watch(CONFIG_WATCH_MS));
  // Demo only: its own signing key, made on first start; no key ships with the product.
  if (config.devices.mode === 'sim') ensureDemoSigningKey(options.dataDir);
  const events = createEventHub((error) => log.error({ err: error }, 'event listener failed'));
  // Demo: a pending payment counts as paid after `sandbox.paymentAutoConfirmMs` (kiosk.json; null = only when confirmed).
  const tax = openTaxBackend(options.dataDir, {
    paymentAutoConfirmMs: config.sandbox.paymentAutoConfirmMs ?? undefined,
    backend: config.backend,
    kioskId: config.kioskId,
  });
  parts.add('taxBackend', () => tax.close());
  const cipher = openPiiCipher(options.dataDir);
  const store = new TransactionStore(db, cipher, { onStep: (step) => auditTransactionStep(audit, step) });
  // Outbox → RabbitMQ while the kiosk runs, when kiosk.json says `backend.transport: "amqp"` (docs/sync.md).
  const backendLink = new BackendLinkTracker(config.backend.transport);
  // The sandbox mode delivers too, to the in-process sandbox's intake through the same loop (docs/collection.md).
  const delivery =
    createHostDelivery(config.backend, config.kioskId, db, log, (event) => backendLink.onEvent(event), [config.credit.bankId]) ??
    (tax.sandbox ? createSandboxDelivery(tax.backend, config.backend, config.kioskId, db, log) : null);
  parts.add('delivery', () => delivery?.stop());
  // Config bundles pushed on the broker (exchange kiosk.config), applied like a USB file (same transport condition).
  // 公开信息 content bundles come the same way (their own format, same keys and queue): electron/host/content.
  const content = new ContentService({ db, dataDir: options.dataDir, kiosk: { kioskId: config.kioskId, branchId: config.branchId }, audit, log });
  if (config.devices.mode === 'sim') loadDemoContentIfEmpty(db, options.dataDir, content, log);
  const configConsumer = createHostConfigConsumer(config.backend, { kioskId: config.kioskId, branchId: config.branchId }, configs, log, content);
  parts.add('configConsumer', () => configConsumer?.stop());
  const allocator = new StockAllocator(db);
  // Before anything can allocate: the router does not exist yet.
  recoverStockOnStartup(allocator, store, log);
  // After the stock recovery (it flags issues caught while printing); before any visit can resume one.
  recoverIssuesOnStartup(store, log);
  // Certificates caught between the commit and the end of the print (no stock involved).
  recoverCertificatesOnStartup(store, log);
  if (config.devices.mode === 'sim') loadDemoStockIfEmpty(db, log);

  const session = new SessionService({
    config: () => configs.active.timeouts(),
    log,
    onChange: (view) => events.emit('session.changed', view),
    onStarted: (id, card) => {
      visits.started(id, card.cardType, new Date());
      auditSessionStarted(audit, id, card);
    },
    onEnded: (id, reason) => {
      visits.ended(id, reason, new Date());
      auditSessionEnded(audit, id, reason);
    },
    onRejected: (rejection, cardType) => auditCardRejected(audit, cardType, rejection),
  });
  parts.add('session', () => session.dispose());

  let devices: DeviceSet | null = null;
  const lastRefusal = new LastConfigRefusal(db);
  // Fleet view: a status heartbeat on exchange kiosk.status (amqp transport only), on every change and each minute.
  const heartbeat = createHostHeartbeat({
    backend: config.backend,
    kiosk: { kioskId: config.kioskId, branchId: config.branchId },
    db,
    devices: () => devices,
    config: () => configs.active.current(),
    // From the audit trail, so a refusal before a restart is still reported until a bundle applies.
    configRefused: () => lastRefusal.current(),
    log,
    startedAt: new Date(),
  });
  parts.add('heartbeat', () => heartbeat?.stop());
  parts.add(
    'heartbeatOnConfig',
    configs.active.onChange(() => heartbeat?.changed()),
  );
  // A refused push halts the console's rollout: it must hear within seconds, not at the next minute.
  parts.add(
    'heartbeatOnRefusal',
    configs.onRefused(() => heartbeat?.changed()),
  );

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
    // The administrators' text overrides, read per receipt: an apply needs no restart.
    texts: () => configs.active.current().texts,
    progress: (event) => events.emit('service.progress', event),
    audit,
  });

  const certificate = new IitCertificateService({
    db,
    backend: tax.backend,
    session,
    store,
    printers: () => devices?.printers ?? null,
    log,
    kioskId: () => config.kioskId,
    lang: () => config.lang,
    texts: () => configs.active.current().texts,
    progress: (event) => events.emit('certificate.progress', event),
  });

  const issuance = new InvoiceIssueService({
    db,
    backend: tax.backend,
    session,
    store,
    allocator,
    printers: () => devices?.printers ?? null,
    // Read per call: a bundle applied while the kiosk runs is used by the next quote.
    taxConfig: () => configs.active.taxConfig(),
    log,
    kioskId: () => config.kioskId,
    lang: () => config.lang,
    texts: () => configs.active.current().texts,
    progress: (event) => events.emit('service.progress', event),
  });

  // 纳税信用 / 银税互动 (docs/credit-sharing.md): consents go out through the delivery loop's consent gate.
  const credit = new CreditService({
    backend: tax.backend,
    session,
    sessionId: () => {
      const view = session.view();
      return view.state === 'active' ? view.sessionId : null;
    },
    consents: new ConsentStore(db),
    cipher,
    audit,
    log,
    bank: () => config.credit,
    printers: () => devices?.printers ?? null,
    wakeDelivery: () => delivery?.wake(),
    kioskId: () => config.kioskId,
    lang: () => config.lang,
    texts: () => configs.active.current().texts,
  });

  // 纳税信用等级证明 from the credit screen: its verification code goes out as a credit.certificate message.
  const creditCertificate = new CreditCertificateService({
    db,
    backend: tax.backend,
    session,
    sessionId: () => {
      const view = session.view();
      return view.state === 'active' ? view.sessionId : null;
    },
    audit,
    log,
    bank: () => config.credit,
    printers: () => devices?.printers ?? null,
    wakeDelivery: () => delivery?.wake(),
    kioskId: () => config.kioskId,
    lang: () => config.lang,
    texts: () => configs.active.current().texts,
  });

  // The technicians' diagnostics mode (PIN, tests, calibration, bundle export); open state lives here, not on the screen.
  const diagnostics = new DiagnosticsService({
    db,
    dataDir: options.dataDir,
    config: () => config,
    audit,
    session,
    devices: () => devices,
    configs,
    log,
    backendLink: () => backendLink.current(),
  });
  parts.add('diagnostics', () => diagnostics.dispose());

  const contractRouter = createRouter(
    createHandlers({
      config: () => config,
      shell: options.shell,
      session,
      devices: () => devices,
      collection,
      certificate,
      issuance,
      sandbox: tax.sandbox,
      diagnostics,
      configView: () => configs.active.view(),
      content,
      credit,
      creditCertificate,
    }),
    { onInternalError: (method, error) => log.error({ method, err: error }, 'contract handler failed') },
  );
  // A service switched off by a config bundle is refused here, whatever the screen still shows.
  const router = auditRefusals(
    guardSwitchedOffServices(
      contractRouter,
      () => configs.active.current().services,
      (method, service) => log.info({ event: 'service.switchedOff', method, service }, 'call to a switched-off service refused'),
    ),
    (refusal) => auditRefusal(audit, refusal),
  );

  // Devices from the device map in force (kiosk.json with applied bundles); reopened when a bundle changes it.
  async function openDevices(): Promise<void> {
    const set = await createDevices({
      config: { ...config, devices: configs.active.current().deviceMap },
      dataDir: options.dataDir,
      log,
      calibration: () => getCalibration(db),
    });
    devices = set;
    // While diagnostics is open a card is a test read, never a visit.
    set.reader.onCard((event) => (diagnostics.isOpen() ? diagnostics.cardEvent(event) : session.handleCardEvent(event)));
    diagnostics.attachDevices(set);
    set.reader.onStatus((status) => {
      events.emit('device.idcard', status);
      heartbeat?.changed();
      if (status.device === 'noDevice' || status.device === 'hardwareError') {
        if (session.view().state !== 'idle') session.end('deviceLost');
      }
      log.info({ event: 'device.status', device: 'idcard', status: status.device, media: status.media }, 'reader status');
    });
    const printers: PrinterDriver[] = [set.printers.receipt, set.printers.invoice, set.printers.a4];
    for (const printer of printers) {
      printer.onStatus((status) => {
        events.emit('device.printer', status);
        heartbeat?.changed();
        auditPrinterFault(audit, status);
        log.info({ event: 'device.status', device: status.kind, status: status.device, paper: status.paper, coverOpen: status.coverOpen }, 'printer status');
      });
      printer.onPaperThreshold((paper) => log.warn({ event: 'printer.paper', device: printer.status().kind, paper }, 'paper threshold'));
    }
    set.start();
  }
  // The devices are opened by start() and reopened by a bundle; whichever set is open then is stopped.
  parts.add('devices', () => devices?.stop());
  const deviceReopen = new DeviceReopen({
    isIdle: () => session.view().state === 'idle',
    reopen: async () => {
      const old = devices;
      devices = null;
      await old?.stop();
      await openDevices();
      log.info({ event: 'devices.reopened' }, 'devices reopened with the new device map');
    },
    onError: (error) => log.error({ err: error }, 'reopening the devices failed'),
  });
  parts.add('deviceReopen', () => deviceReopen.stop());
  parts.add(
    'configEvents',
    configs.active.onChange((current, previous) => {
      // The screen learns which services are on and the texts' overrides without a restart.
      events.emit('config.changed', configs.active.view());
      if (JSON.stringify(current.deviceMap) !== JSON.stringify(previous.deviceMap)) deviceReopen.request();
    }),
  );

  const host: KioskHost = {
    router,
    events,
    config,
    log,
    async start() {
      // Claims a previous process asked for and never settled go back to the backend (docs/collection.md "Claims").
      void collection.recoverClaims().then(
        (released) => released > 0 && log.info({ event: 'collection.claimsRecovered', released }, 'unsettled claims given back'),
        (error: unknown) => log.error({ err: error }, 'giving back unsettled claims failed'),
      );
      await openDevices();
      delivery?.start();
      configConsumer?.start();
      heartbeat?.start();
      log.info({ event: 'host.start', shell: options.shell, kioskId: config.kioskId, devices: config.devices.mode }, 'host started');
    },
    async stop() {
      await parts.dispose();
    },
  };
  internals.set(host, {
    simulators: () => devices?.simulators ?? null,
    sandbox: tax.sandbox,
    parts: () => parts.names(),
    collectionInvariants: () => checkCollectionInvariants(db, tax.backend, collection.ledger, new Date()),
  });
  return host;
}
