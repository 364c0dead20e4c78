import { IDLE_SESSION, type Handlers } from '../../shared/contract';
import type { PrinterKind, PrinterStatus } from '../../shared/domain/device-status';

function printer(kind: PrinterKind): PrinterStatus {
  return { kind, device: 'online', paper: 'full', coverOpen: false, cutterError: false, port: '/dev/p', model: null, detail: null };
}

/** Minimal handlers for router and bridge tests. */
export function testHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => ({ version: '1.0.0', shell: 'chromium', defaultLang: 'zh-CN', simulators: true, kioskId: 'K1' }),
    'session.get': () => IDLE_SESSION,
    'session.touch': () => IDLE_SESSION,
    'session.end': () => IDLE_SESSION,
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
    'collection.collect': () => ({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } }),
    ...overrides,
  };
}
