import { IDLE_SESSION, KioskError, simulatorMethods, type Handlers, type RouterChannels } from '../../shared/contract';
import type { PrinterKind, PrinterStatus } from '../../shared/domain/device-status';

function printer(kind: PrinterKind): PrinterStatus {
  return { kind, device: 'online', paper: 'full', coverOpen: false, cutterError: false, port: '/dev/p', model: null, detail: null };
}

/** Diagnostics as a kiosk with no technician PIN shows it: every call but enter refused. */
const closed = (): never => {
  throw new KioskError('notAvailable', 'diagnostics is not open');
};
const diagnosticsClosed: Pick<Handlers, `diag.${string}` & keyof Handlers> = {
  'diag.enter': () => ({ outcome: 'notConfigured' }),
  'diag.exit': closed,
  'diag.status': closed,
  'diag.testRead': closed,
  'diag.testPrint': closed,
  'diag.grid': closed,
  'diag.calibrate': closed,
  'diag.stockLoad': closed,
  'diag.exportTargets': closed,
  'diag.exportBundle': closed,
  'diag.configFiles': closed,
  'diag.applyConfig': closed,
};

/** Minimal handlers for router and bridge tests: both channels, as a kiosk in simulator mode has them. */
export function testHandlers(overrides: Partial<Handlers> = {}): RouterChannels {
  const all: Handlers = {
    'app.info': () => ({ version: '1.0.0', shell: 'chromium', defaultLang: 'zh-CN', simulators: true, kioskId: 'K1' }),
    'session.get': () => IDLE_SESSION,
    'session.touch': () => IDLE_SESSION,
    'session.end': () => IDLE_SESSION,
    'session.setElderly': () => IDLE_SESSION,
    'devices.status': () => ({
      idcard: { device: 'online', media: 'notPresent', port: '/dev/x', model: null, detail: null },
      receipt: printer('receipt'),
      invoice: printer('invoice'),
      a4: printer('a4'),
    }),
    'sim.idcard.profiles': () => ({ profiles: ['resident'], placed: null }),
    'sim.idcard.place': () => ({}),
    'sim.idcard.lift': () => ({}),
    'sim.printer.setState': () => ({}),
    'taxpayers.list': () => ({ outcome: 'ok', taxpayers: [] }),
    'collection.options': () => ({ outcome: 'ok', types: [] }),
    'collection.pickup': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'collection.collect': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'credit.view': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'credit.authorize': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'credit.revoke': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'credit.certificatePreview': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'credit.certificatePrint': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'certificate.periods': () => ({ earliest: '2023-01', latest: '2025-12', historyMonths: 36, maxSpanMonths: 12, presets: [] }),
    'certificate.records': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'certificate.print': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'issuance.begin': () => ({ outcome: 'backendUnreachable' }),
    'issuance.seller': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'issuance.quote': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'issuance.pay': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'issuance.paymentStatus': () => ({ status: 'unknown', paid: null }),
    'issuance.cancel': () => ({ status: 'unknown', paid: null }),
    'issuance.resume': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    'issuance.print': ({ transactionId }) => ({ outcome: 'needsAttention', transactionId }),
    'sim.payment.confirm': () => ({ confirmed: false }),
    'sim.printers.output': () => ({ invoicePages: [], receipts: [] }),
    'config.get': () => ({
      version: null,
      services: { invoiceCollection: true, invoiceIssue: true, iitCertificate: true },
      texts: {},
      elderlyDefault: false,
      timeZone: 'Asia/Shanghai',
    }),
    'public.overview': () => ({ available: false }),
    'public.list': ({ section, page, pageSize }) => ({ section, page, pageSize, total: 0, pages: 1, items: [] }) as never,
    'public.search': ({ section, page, pageSize }) => ({ section, page, pageSize, total: 0, pages: 1, items: [] }) as never,
    ...diagnosticsClosed,
    ...overrides,
  };
  const simulator = Object.fromEntries(Object.keys(simulatorMethods).map((name) => [name, all[name as keyof Handlers]]));
  const kiosk = Object.fromEntries(Object.entries(all).filter(([name]) => !(name in simulatorMethods)));
  return { kiosk, simulator } as unknown as RouterChannels;
}
