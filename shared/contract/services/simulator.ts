import { z } from 'zod';
import { PrinterKind } from '../../domain/device-status';

const Empty = z.object({}).strict();

/**
 * The simulator channel: demo and test controls of the simulated devices
 * and the sandbox backend. Only a kiosk whose kiosk.json says
 * `devices.mode = "sim"` registers it; a real kiosk does not have these
 * methods at all.
 */
export const simulatorMethods = {
  'sim.idcard.profiles': {
    request: Empty,
    result: z.object({ profiles: z.array(z.string()), placed: z.string().nullable() }),
  },
  'sim.idcard.place': { request: z.object({ profile: z.string().min(1).max(64) }).strict(), result: Empty },
  'sim.idcard.lift': { request: Empty, result: Empty },
  /** Simulated printer trouble for demos and tests (paper out, cover open...). */
  'sim.printer.setState': {
    request: z
      .object({
        printer: PrinterKind,
        state: z.enum(['ready', 'paper-low', 'paper-out', 'cover-open', 'jam', 'offline']),
      })
      .strict(),
    result: Empty,
  },
  /** The taxpayer "scans and pays" the newest pending order (demo SimPanel, e2e tests). */
  'sim.payment.confirm': {
    request: Empty,
    result: z.object({ confirmed: z.boolean() }).strict(),
  },
  /** What the simulated printers printed, as text (invoice pages by field position, receipts by line), oldest first. */
  'sim.printers.output': {
    request: Empty,
    result: z.object({ invoicePages: z.array(z.string()), receipts: z.array(z.string()) }).strict(),
  },
} as const;
