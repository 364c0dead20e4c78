import { z } from 'zod';
import { DeviceState, MediaState, PaperState, PrinterKind } from '../domain/device-status';

/**
 * A kiosk's status heartbeat (fleet view, docs/console.md): published on
 * exchange `kiosk.status` (topic), routing key `kiosk.<kioskId>`, every minute
 * and on every change. Fire-and-forget: the newest one is all that matters, so
 * it is never an outbox row. No personal data in it: device states and counts
 * only.
 *
 * Version 2 adds what a fleet operator needs to send someone before the kiosk
 * stops: invoice stock left per type, the last config refusal with its reason
 * (until a later bundle applies), and the head of the audit chain. Builds of
 * version 1 are still read (`parseAnyHeartbeat`): their missing facts read as
 * unknown, never as fine.
 */
export const HEARTBEAT_FORMAT = 'tax-kiosk/heartbeat@2';
export const HEARTBEAT_FORMAT_V1 = 'tax-kiosk/heartbeat@1';

const KioskRef = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const PrinterHeartbeat = z.strictObject({
  device: DeviceState,
  /** XFS paper state as the driver sees it: full, low, out, jammed, unknown. */
  paper: PaperState,
  coverOpen: z.boolean(),
  /** The driver's short technical detail (never personal data). */
  detail: z.string().max(200).nullable(),
});
export type PrinterHeartbeat = z.infer<typeof PrinterHeartbeat>;

const Devices = z.strictObject({
  idcard: z.strictObject({ device: DeviceState, media: MediaState }),
  /** Each printer the kiosk has opened (none while its devices are starting). */
  printers: z.partialRecord(PrinterKind, PrinterHeartbeat),
});

/** Rows waiting for the backend, both authorities, and the age of the oldest. */
const Outbox = z.strictObject({ pending: z.number().int().min(0), oldestAgeSeconds: z.number().int().min(0).nullable(), dead: z.number().int().min(0) });

const base = {
  kioskId: KioskRef,
  branchId: KioskRef,
  sentAt: z.iso.datetime({ offset: true }),
  appVersion: z.string().max(64),
  uptimeSeconds: z.number().int().min(0),
  devices: Devices,
  outbox: Outbox,
};

export const ConfigRefusal = z.strictObject({
  /** The refused bundle's version; null when it was unreadable. */
  version: z.number().int().min(0).nullable(),
  /** The kiosk's reason, as in its audit trail (no personal data in bundles). */
  reason: z.string().max(300),
  at: z.iso.datetime({ offset: true }),
});
export type ConfigRefusal = z.infer<typeof ConfigRefusal>;

export const HeartbeatV1 = z.strictObject({
  format: z.literal(HEARTBEAT_FORMAT_V1),
  ...base,
  config: z.strictObject({ version: z.number().int().min(0).nullable(), hash: z.string().max(128).nullable() }),
});
export type HeartbeatV1 = z.infer<typeof HeartbeatV1>;

export const Heartbeat = z.strictObject({
  format: z.literal(HEARTBEAT_FORMAT),
  ...base,
  config: z.strictObject({
    /** The applied config bundle; null before the first. */
    version: z.number().int().min(0).nullable(),
    hash: z.string().max(128).nullable(),
    /** The last bundle refused since the last one applied; null when none. */
    refused: ConfigRefusal.nullable(),
  }),
  /** Blank forms left per invoice type (the stock the kiosk can still hand out). */
  stock: z.array(z.strictObject({ type: z.string().max(32), remaining: z.number().int().min(0) })).max(64),
  /** The head of the kiosk's hash-chained audit trail; null while it is empty. */
  audit: z.strictObject({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/**
 * Reads a heartbeat of either version as version 2. A version-1 kiosk's stock
 * and audit head are unknown (empty, null): the fleet view shows them as
 * unknown rather than guessing.
 */
export function parseAnyHeartbeat(input: unknown): Heartbeat | null {
  const v2 = Heartbeat.safeParse(input);
  if (v2.success) return v2.data;
  const v1 = HeartbeatV1.safeParse(input);
  if (!v1.success) return null;
  const { format: _format, config, ...rest } = v1.data;
  return { format: HEARTBEAT_FORMAT, ...rest, config: { ...config, refused: null }, stock: [], audit: null };
}
