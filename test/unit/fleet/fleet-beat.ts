import { HEARTBEAT_FORMAT, type Heartbeat, type PrinterHeartbeat } from '../../../shared/fleet/heartbeat';

/** A healthy heartbeat v2 of `kioskId`, `ageMs` old at NOW, with whatever a test changes. */
export const NOW = new Date('2026-03-01T08:00:00Z');
export const PRINTER_OK: PrinterHeartbeat = { device: 'online', paper: 'full', coverOpen: false, detail: null };

export function beat(kioskId: string, over: Partial<Heartbeat> & { ageMs?: number } = {}): Heartbeat {
  const { ageMs = 10_000, ...rest } = over;
  return {
    format: HEARTBEAT_FORMAT,
    kioskId,
    branchId: 'B1',
    sentAt: new Date(NOW.getTime() - ageMs).toISOString(),
    appVersion: '0.1.0',
    uptimeSeconds: 60,
    config: { version: 5, hash: 'h', refused: null },
    stock: [{ type: 'ordinary-paper-1', remaining: 400 }],
    audit: { seq: 12, hash: 'a'.repeat(64) },
    devices: { idcard: { device: 'online', media: 'notPresent' }, printers: { receipt: PRINTER_OK, invoice: PRINTER_OK, a4: PRINTER_OK } },
    outbox: { pending: 0, oldestAgeSeconds: null, dead: 0 },
    ...rest,
  };
}

/** The printers of a healthy kiosk with one changed. */
export function printers(kind: 'receipt' | 'invoice' | 'a4', printer: Partial<PrinterHeartbeat>): Heartbeat['devices'] {
  return {
    idcard: { device: 'online', media: 'notPresent' },
    printers: { receipt: PRINTER_OK, invoice: PRINTER_OK, a4: PRINTER_OK, [kind]: { ...PRINTER_OK, ...printer } },
  };
}
