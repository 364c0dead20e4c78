import { KioskError, type Handlers, type KioskMethodName, type RouterChannels, type SimulatorMethodName } from '../../shared/contract';
import type { LocalConfig } from '../../shared/config/local-config';
import type { CardReaderStatus, PrinterKind, PrinterStatus } from '../../shared/domain/device-status';
import type { ShellKind } from './host-types';
import type { SessionService } from './session/session-service';
import type { DeviceSet } from './devices/device-manager';
import type { Simulators } from './devices/simulators';
import { APP_VERSION } from './app-version';
import type { InvoiceCollectionService } from './services/invoice-collection';
import type { IitCertificateService } from './services/iit-certificate';
import type { InvoiceIssueService } from './services/invoice-issue';
import type { SandboxBackend } from './services/tax-backend-choice';
import { simPrinterOutput } from './devices/sim-output';
import type { DiagnosticsService } from './diagnostics/diagnostics-service';
import type { ConfigView } from '../../shared/contract/services/config';
import type { ContentService } from './content/content-service';
import type { CreditService } from './credit/credit-service';
import type { CreditCertificateService } from './credit/credit-certificate-service';

export interface HandlerDeps {
  config: () => LocalConfig;
  shell: ShellKind;
  session: SessionService;
  /** The devices; null before the host has started them. */
  devices: () => DeviceSet | null;
  collection: InvoiceCollectionService;
  certificate: IitCertificateService;
  issuance: InvoiceIssueService;
  /** The sandbox backend's demo controls; null with a real backend. */
  sandbox: SandboxBackend | null;
  /** Technicians' diagnostics mode: refuses every diag.* call but diag.enter while closed. */
  diagnostics: DiagnosticsService;
  /** The administrators' config in force as the screen sees it (kiosk.json with the applied bundles). */
  configView: () => ConfigView;
  /** 公开信息: answered with or without a visit. */
  content: ContentService;
  credit: CreditService;
  creditCertificate: CreditCertificateService;
}

const NOT_STARTED = 'not started';

function readerStatus(devices: DeviceSet | null): CardReaderStatus {
  return devices?.reader.status() ?? { device: 'noDevice', media: 'unknown', port: null, model: null, detail: NOT_STARTED };
}

function printerStatus(devices: DeviceSet | null, kind: PrinterKind): PrinterStatus {
  return (
    devices?.printers[kind].status() ?? {
      kind,
      device: 'noDevice',
      paper: 'unknown',
      coverOpen: false,
      cutterError: false,
      port: null,
      model: null,
      detail: NOT_STARTED,
    }
  );
}

/**
 * One handler per contract method, by channel; the router validates in and
 * out. The simulator channel exists only on a kiosk whose kiosk.json says
 * `devices.mode = "sim"` (the same fact `app.info.simulators` tells the screen).
 */
export function createHandlers(deps: HandlerDeps): RouterChannels {
  return { kiosk: kioskHandlers(deps), simulator: deps.config().devices.mode === 'sim' ? simulatorHandlers(deps) : undefined };
}

function kioskHandlers(deps: HandlerDeps): Handlers<KioskMethodName> {
  return {
    'app.info': () => ({
      version: APP_VERSION,
      shell: deps.shell,
      defaultLang: deps.config().lang,
      simulators: deps.config().devices.mode === 'sim',
      kioskId: deps.config().kioskId,
      // From the config in force: a bundle may change it.
      elderlyDefault: deps.configView().elderlyDefault,
      voice: deps.config().voice,
    }),
    'session.get': () => deps.session.view(),
    'session.touch': () => deps.session.touch(),
    'session.end': () => deps.session.end('userExit'),
    'session.setElderly': ({ elderly }) => deps.session.setElderly(elderly),
    'devices.status': () => {
      const devices = deps.devices();
      return {
        idcard: readerStatus(devices),
        receipt: printerStatus(devices, 'receipt'),
        invoice: printerStatus(devices, 'invoice'),
        a4: printerStatus(devices, 'a4'),
      };
    },
    'taxpayers.list': () => deps.collection.listTaxpayers(),
    'collection.options': ({ taxpayerId }) => deps.collection.options(taxpayerId),
    'collection.pickup': ({ pickupCode }) => deps.collection.pickup(pickupCode),
    'collection.collect': (request) => deps.collection.collect(request),
    'certificate.periods': () => deps.certificate.periods(),
    'certificate.records': (period) => deps.certificate.records(period),
    'certificate.print': (period) => deps.certificate.print(period),
    'issuance.begin': () => deps.issuance.begin(),
    'issuance.seller': ({ taxpayerId }) => deps.issuance.seller(taxpayerId),
    'issuance.quote': (draft) => deps.issuance.quote(draft),
    'issuance.pay': (draft) => deps.issuance.pay(draft),
    'issuance.paymentStatus': ({ transactionId }) => deps.issuance.paymentStatus(transactionId),
    'issuance.cancel': ({ transactionId }) => deps.issuance.cancel(transactionId),
    'issuance.resume': ({ transactionId }) => deps.issuance.resume(transactionId),
    'issuance.print': ({ transactionId }) => deps.issuance.print(transactionId),
    'diag.enter': ({ pin }) => deps.diagnostics.enter(pin),
    'diag.exit': () => {
      deps.diagnostics.exit();
      return {};
    },
    'diag.status': () => deps.diagnostics.status(),
    'diag.testRead': ({ waitMs }, ctx) => deps.diagnostics.testRead(waitMs, ctx.signal),
    'diag.testPrint': ({ printer }) => deps.diagnostics.testPrint(printer),
    'diag.grid': () => deps.diagnostics.grid(),
    'diag.calibrate': ({ dxMm, dyMm }) => deps.diagnostics.calibrate(dxMm, dyMm),
    'diag.stockLoad': (input) => deps.diagnostics.stockLoad(input),
    'diag.exportTargets': () => ({ targets: deps.diagnostics.exportTargets() }),
    'diag.exportBundle': ({ dir }) => deps.diagnostics.exportBundle(dir),
    'diag.configFiles': () => ({ files: deps.diagnostics.configFiles() }),
    'diag.applyConfig': ({ file }) => deps.diagnostics.applyConfig(file),
    'config.get': () => deps.configView(),
    'public.overview': () => deps.content.overview(),
    'public.list': (request) => deps.content.list(request),
    'public.search': (request) => deps.content.search(request),
    'credit.view': () => deps.credit.view(),
    'credit.authorize': (request) => deps.credit.authorize(request),
    'credit.revoke': (request) => deps.credit.revoke(request),
    'credit.certificatePreview': (request) => deps.creditCertificate.preview(request),
    'credit.certificatePrint': (request) => deps.creditCertificate.print(request),
  };
}

/** Demo and test controls; the simulators may still be starting (or a bundle switched the devices to real ones): then `notAvailable`. */
function simulatorHandlers(deps: HandlerDeps): Handlers<SimulatorMethodName> {
  const sims = (): Simulators => {
    const simulators = deps.devices()?.simulators;
    if (!simulators) throw new KioskError('notAvailable', 'simulators are not running on this kiosk');
    return simulators;
  };
  return {
    'sim.idcard.profiles': () => ({ profiles: sims().idcard.profiles(), placed: sims().idcard.placed() }),
    'sim.idcard.place': async ({ profile }) => {
      const control = sims().idcard;
      if (!control.profiles().includes(profile)) throw new KioskError('invalidRequest', `unknown card profile ${profile}`);
      await control.place(profile);
      return {};
    },
    'sim.idcard.lift': async () => {
      await sims().idcard.lift();
      return {};
    },
    'sim.printer.setState': ({ printer, state }) => {
      sims()[printer].setState(state);
      return {};
    },
    'sim.payment.confirm': () => {
      sims();
      const orderId = deps.issuance.newestPendingOrder();
      if (!deps.sandbox || orderId === null) return { confirmed: false };
      return { confirmed: deps.sandbox.confirmPayment(orderId) === 'paid' };
    },
    'sim.printers.output': () => simPrinterOutput(sims()),
  };
}
