import { z } from 'zod';
import { CompletionCode, PrinterFault } from '../../domain/device-status';

/**
 * The technicians' diagnostics mode as the screen sees it. The host keeps
 * whether diagnostics is open: every `diag.*` call except `diag.enter` is
 * refused (`notAvailable`) unless a PIN opened it, whatever the screen shows.
 * Nothing here carries a taxpayer's name or ID number: frames show command
 * names, lengths and status words; a test card read shows the masked number.
 */

/**
 * The demo PIN of a simulator kiosk with no `diagnostics.pinHash` in its
 * config (demo, training room, tests). A real kiosk never accepts it: with
 * no hash configured it refuses diagnostics as not configured.
 */
export const DEMO_TECHNICIAN_PIN = '246810';

const Empty = z.object({}).strict();

export const DiagEnterResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('accepted'), demoPin: z.boolean() }).strict(),
  z.object({ outcome: z.literal('wrong'), triesLeft: z.number().int().min(0) }).strict(),
  /** ISO time the lock ends. */
  z.object({ outcome: z.literal('locked'), until: z.string() }).strict(),
  z.object({ outcome: z.literal('notConfigured') }).strict(),
]);
export type DiagEnterResult = z.infer<typeof DiagEnterResult>;

export const DiagFrame = z
  .object({
    direction: z.enum(['tx', 'rx']),
    /** ISO time. */
    at: z.string(),
    length: z.number().int().min(0),
    /** The first bytes in hex; empty for a frame whose bytes carry personal data (an ID-card read answer). */
    hex: z.string(),
    /** Decoded: command name, length, status word. Never personal data. */
    summary: z.string(),
  })
  .strict();
export type DiagFrame = z.infer<typeof DiagFrame>;

export const DiagDeviceId = z.enum(['idcard', 'receipt', 'invoice', 'a4']);
export type DiagDeviceId = z.infer<typeof DiagDeviceId>;

export const DiagDevice = z
  .object({
    id: DiagDeviceId,
    /** XFS4IoT-style device state (online, noDevice, hardwareError...). */
    device: z.string(),
    /** Media or paper state and faults, short (`paper ok`, `cover open`). */
    media: z.string(),
    port: z.string().nullable(),
    model: z.string().nullable(),
    detail: z.string().nullable(),
    /** Newest last. */
    frames: z.array(DiagFrame),
  })
  .strict();
export type DiagDevice = z.infer<typeof DiagDevice>;

export const DiagCalibration = z.object({ dxMm: z.number(), dyMm: z.number(), updatedAt: z.string().nullable() }).strict();
export type DiagCalibration = z.infer<typeof DiagCalibration>;

export const DiagStatus = z
  .object({
    kioskId: z.string(),
    appVersion: z.string(),
    simulators: z.boolean(),
    devices: z.array(DiagDevice),
    backend: z
      .object({
        transport: z.enum(['sandbox', 'amqp']),
        /** Null when there is no link to hold (the in-process sandbox). */
        connected: z.boolean().nullable(),
        detail: z.string().nullable(),
      })
      .strict(),
    outbox: z
      .object({
        authorities: z.array(
          z
            .object({
              authority: z.string(),
              pending: z.number().int().min(0),
              oldestAgeSeconds: z.number().int().nullable(),
              lastError: z.string().nullable(),
            })
            .strict(),
        ),
        parkedCount: z.number().int().min(0),
        parked: z.array(
          z
            .object({
              id: z.string(),
              authority: z.string(),
              kind: z.string(),
              attempts: z.number().int(),
              deadAt: z.string(),
              lastError: z.string().nullable(),
            })
            .strict(),
        ),
      })
      .strict(),
    config: z.object({ version: z.number().int().min(0), hash: z.string().nullable(), appliedAt: z.string().nullable() }).strict(),
    calibration: DiagCalibration,
    /** Invoice forms loaded, per type (the stock tab offers these types). */
    stock: z.array(z.object({ type: z.string(), total: z.number().int(), remaining: z.number().int() }).strict()),
    disk: z.object({ freeBytes: z.number(), totalBytes: z.number() }).strict().nullable(),
  })
  .strict();
export type DiagStatus = z.infer<typeof DiagStatus>;

export const DiagPrintResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), detail: z.string().nullable() }).strict(),
  z.object({ ok: z.literal(false), code: CompletionCode, fault: PrinterFault.nullable(), detail: z.string() }).strict(),
]);
export type DiagPrintResult = z.infer<typeof DiagPrintResult>;

export const DiagReadResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('read'), cardType: z.string(), maskedId: z.string(), accepted: z.boolean() }).strict(),
  z.object({ outcome: z.literal('failed'), code: z.string(), detail: z.string() }).strict(),
  /** No card came within the wait. */
  z.object({ outcome: z.literal('noCard') }).strict(),
]);
export type DiagReadResult = z.infer<typeof DiagReadResult>;

/** Millimetres in 0.1 mm steps, ±10.0 (calibration-store.ts). */
const Mm = z
  .number()
  .min(-10)
  .max(10)
  .refine((v) => Math.abs(Math.round(v * 10) - v * 10) < 1e-6, 'at most one decimal');

export const DiagExportTarget = z.object({ path: z.string(), kind: z.enum(['data', 'configured', 'removable']) }).strict();
export type DiagExportTarget = z.infer<typeof DiagExportTarget>;

export const DiagApplyResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('applied'), version: z.number().int() }).strict(),
  z.object({ outcome: z.literal('refused'), reason: z.string(), detail: z.string() }).strict(),
]);
export type DiagApplyResult = z.infer<typeof DiagApplyResult>;

export const diagnosticsMethods = {
  /** The technician PIN: five wrong tries lock entry for 15 minutes (kept across a power cycle). Ends any visit. */
  'diag.enter': { request: z.object({ pin: z.string().regex(/^\d{1,12}$/) }).strict(), result: DiagEnterResult },
  'diag.exit': { request: Empty, result: Empty },
  /** Everything the screen shows, polled about once a second while open. */
  'diag.status': { request: Empty, result: DiagStatus },
  /** Waits up to `waitMs` for a card on the reader; never starts a visit while diagnostics is open. */
  'diag.testRead': { request: z.object({ waitMs: z.number().int().min(0).max(30_000).default(10_000) }).strict(), result: DiagReadResult },
  'diag.testPrint': { request: z.object({ printer: z.enum(['receipt', 'invoice', 'a4']).default('receipt') }).strict(), result: DiagPrintResult },
  /** The invoice printer's test grid with the stored calibration. */
  'diag.grid': { request: Empty, result: z.object({ print: DiagPrintResult, calibration: DiagCalibration }).strict() },
  'diag.calibrate': {
    request: z.object({ dxMm: Mm, dyMm: Mm }).strict(),
    result: z.object({ previous: DiagCalibration, current: DiagCalibration }).strict(),
  },
  'diag.stockLoad': {
    request: z
      .object({ type: z.string().min(1).max(32), code: z.string().min(1).max(12), from: z.string().min(1).max(8), to: z.string().min(1).max(8) })
      .strict(),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('loaded'), type: z.string(), code: z.string(), first: z.string(), last: z.string() }).strict(),
      z.object({ outcome: z.literal('refused'), reason: z.string(), detail: z.string() }).strict(),
    ]),
  },
  /** Where a bundle may go: the data dir's export folder, configured folders, mounted USB media. */
  'diag.exportTargets': { request: Empty, result: z.object({ targets: z.array(DiagExportTarget) }).strict() },
  /** `dir` must be one of `diag.exportTargets`. */
  'diag.exportBundle': {
    request: z.object({ dir: z.string().min(1).max(4096) }).strict(),
    result: z.object({ file: z.string(), bytes: z.number().int(), files: z.array(z.string()) }).strict(),
  },
  /** Config bundle files (`*.json`) found in the export targets (a USB stick). */
  'diag.configFiles': { request: Empty, result: z.object({ files: z.array(z.string()) }).strict() },
  /** `file` must be one of `diag.configFiles`. */
  'diag.applyConfig': { request: z.object({ file: z.string().min(1).max(4096) }).strict(), result: DiagApplyResult },
} as const;
