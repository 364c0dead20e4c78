import { z } from 'zod';
import { DeviceState, MediaState, PaperState, PrinterKind } from '../domain/device-status';

/**
 * A kiosk's status heartbeat (fleet view): published on exchange
 * `kiosk.status` (topic), routing key `kiosk.<kioskId>`, every minute and on
 * every change. Fire-and-forget: the newest one is all that matters, so it is
 * never an outbox row. No personal data in it: device states and counts only.
 */
export const HEARTBEAT_FORMAT = 'tax-kiosk/heartbeat@1';

const PrinterHeartbeat = z.strictObject({
  device: DeviceState,
  paper: PaperState,
  coverOpen: z.boolean(),
  /** The driver's short technical detail (never personal data). */
  detail: z.string().max(200).nullable(),
});

export const Heartbeat = z.strictObject({
  format: z.literal(HEARTBEAT_FORMAT),
  kioskId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  branchId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  sentAt: z.iso.datetime({ offset: true }),
  appVersion: z.string().max(64),
  uptimeSeconds: z.number().int().min(0),
  /** The applied config bundle; null before the first. */
  config: z.strictObject({ version: z.number().int().min(0).nullable(), hash: z.string().max(128).nullable() }),
  devices: z.strictObject({
    idcard: z.strictObject({ device: DeviceState, media: MediaState }),
    /** Each printer the kiosk has opened (none while its devices are starting). */
    printers: z.partialRecord(PrinterKind, PrinterHeartbeat),
  }),
  /** Rows waiting for the backend, both authorities, and the age of the oldest. */
  outbox: z.strictObject({ pending: z.number().int().min(0), oldestAgeSeconds: z.number().int().min(0).nullable(), dead: z.number().int().min(0) }),
});
export type Heartbeat = z.infer<typeof Heartbeat>;
