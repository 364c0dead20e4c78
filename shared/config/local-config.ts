import { z } from 'zod';
import { BrokerUrlList, splitBrokerList } from './broker-list';
import { Lang } from '../i18n/lang';
import { DEFAULT_VOICE_VOLUME } from '../i18n/voice-prompts';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../i18n/clock';

/**
 * Where the ID-card reader is. `auto` scans serial ports and HID devices for
 * known VID/PIDs and falls back to probing each serial port with "read SAM id".
 */
export const IdCardDeviceConfig = z
  .object({
    transport: z.enum(['auto', 'serial', 'hid']).default('auto'),
    /** Serial port path (`/dev/ttyUSB0`, `/dev/serial/by-id/...`) or HID path. */
    port: z.string().min(1).optional(),
    /** First baud rate tried; 9600 is the fallback. */
    baud: z.union([z.literal(115200), z.literal(9600)]).default(115200),
    /** HID model key from the framing table (`devices/idcard/hid-models.ts`). */
    model: z.string().optional(),
  })
  .strict();
export type IdCardDeviceConfig = z.infer<typeof IdCardDeviceConfig>;

/** A printer on a serial line (receipt ESC/POS, invoice ESC/P). */
export const SerialPrinterConfig = z
  .object({
    /** Serial port path; required with `devices.mode = "real"`. */
    port: z.string().min(1).optional(),
    baud: z.number().int().positive().default(115200),
  })
  .strict();
export type SerialPrinterConfig = z.infer<typeof SerialPrinterConfig>;

/** The A4 document printer: a CUPS queue. */
export const A4PrinterConfig = z
  .object({
    queue: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,127}$/)
      .default('KioskA4'),
    /** `host:port` of the CUPS server; the system default when absent. */
    server: z.string().min(1).optional(),
  })
  .strict();
export type A4PrinterConfig = z.infer<typeof A4PrinterConfig>;

/**
 * Where transactions go (docs/sync.md). `sandbox` (the default) keeps `npm start`,
 * the demo and a training room working with no broker; `amqp` delivers the
 * outbox to RabbitMQ while the kiosk runs.
 */
export const BackendConfig = z
  .object({
    transport: z.enum(['sandbox', 'amqp']).default('sandbox'),
    /**
     * `amqp://user:pass@host:5672/vhost` or `amqps://…`; required with `amqp`. Never logged (it holds the password).
     * A cluster: a list of its nodes' URLs (an array, or one string with commas); each link uses one node
     * and moves to the next on loss (broker-list.ts, docs/broker-cluster.md). Parsed to the comma-joined string.
     */
    url: BrokerUrlList.optional(),
    /** AMQP heartbeat in seconds (docs/sync.md: 30–60): a dead link is noticed within two of them. */
    heartbeatSeconds: z.number().int().min(30).max(60).default(30),
    /** No publisher confirm within this long means "not sent": the row stays pending. */
    confirmTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
    /** Declare the exchange and queues on connect (idempotent) so a fresh broker works; off where the kiosk's broker user may not configure. */
    declareTopology: z.boolean().default(true),
    /** A backend query (RPC over `tax.queries.transient`) with no reply within this long is refused as backendUnreachable. */
    queryTimeoutMs: z.number().int().min(500).max(60_000).default(8000),
    /**
     * TLS files for an amqps:// broker (PEM): the CA that signed the broker's certificate, and the
     * kiosk's client certificate and key when the broker asks for one. Same as the URL's
     * cacertfile/certfile/keyfile parameters (electron/host/sync/amqp-tls.ts).
     */
    tls: z
      .object({
        caFile: z.string().min(1).optional(),
        certFile: z.string().min(1).optional(),
        keyFile: z.string().min(1).optional(),
        servername: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /**
     * Queries carry full ID numbers: a plain amqp:// broker anywhere but on this machine (loopback)
     * is refused unless this is set, knowingly (a closed test network). Default false.
     */
    allowPlaintext: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.transport !== 'amqp' || b.url !== undefined, { message: 'backend.url is required with transport "amqp"', path: ['url'] })
  .refine((b) => b.url === undefined || b.allowPlaintext === true || splitBrokerList(b.url).every((u) => u.startsWith('amqps:') || isLoopbackHost(u)), {
    message: 'a broker off this machine needs amqps:// (queries carry ID numbers); set allowPlaintext only on a closed test network',
    path: ['url'],
  })
  .refine((b) => b.tls === undefined || b.url === undefined || splitBrokerList(b.url).every((u) => u.startsWith('amqps:')), {
    message: 'backend.tls needs amqps:// URLs',
    path: ['tls'],
  });

/** 127.0.0.0/8, ::1 or localhost in an amqp(s):// URL (pure: shared/ has no URL parsing of Node's). */
export function isLoopbackHost(url: string): boolean {
  const authority = /^amqps?:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(url)?.[1] ?? '';
  const host = authority.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
export type BackendConfig = z.infer<typeof BackendConfig>;

/** Spoken prompts (built from the catalogues with espeak-ng); the renderer gets them via `app.info`. */
export const VoiceConfig = z
  .object({
    /** Off: the kiosk never speaks and shows no mute button (a quiet hall). */
    enabled: z.boolean().default(true),
    /** 0 (silent) to 1 (the audio element's full volume); the speaker's own level is set in the OS. */
    volume: z.number().min(0).max(1).default(DEFAULT_VOICE_VOLUME),
  })
  .strict();
export type VoiceConfig = z.infer<typeof VoiceConfig>;

/**
 * The technicians' diagnostics mode. `pinHash` is made with `kioskctl diag
 * pin-hash` (scrypt); with none, a real kiosk refuses diagnostics ("not
 * configured") and a simulator kiosk accepts the documented demo PIN.
 */
export const DiagnosticsConfig = z
  .object({
    pinHash: z
      .string()
      .regex(/^scrypt\$/, 'a hash made by kioskctl diag pin-hash')
      .optional(),
    /** Folders the diagnostics screen offers for a bundle export (besides the data dir's `diag-exports` and mounted USB media). */
    exportDirs: z.array(z.string().min(1)).max(20).default([]),
  })
  .strict();
export type DiagnosticsConfig = z.infer<typeof DiagnosticsConfig>;

/** The kiosk's local config: `kiosk.json` in the data directory. */
export const LocalConfig = z
  .object({
    kioskId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .default('KIOSK-DEV-0001'),
    branchId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .default('BRANCH-DEV'),
    lang: Lang.default('zh-CN'),
    /** The one time zone of every time shown on the screen (the status bar clock, a QR code's deadline), whatever the OS's zone. */
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone name such as Asia/Shanghai').default(DEFAULT_TIME_ZONE),
    session: z
      .object({
        /** No touch for this long ends the visit (the product asks for 60–120 s). */
        idleTimeoutMs: z.number().int().min(1000).max(600_000).default(90_000),
        /** The countdown is shown for this long before the end. */
        idleWarnMs: z.number().int().min(1000).max(60_000).default(15_000),
        /** How long a refused card's message stays when the card is left on the reader. */
        rejectedDisplayMs: z.number().int().min(1000).max(120_000).default(10_000),
        /** Elderly mode (长辈模式): the idle timeout of a visit in it (more time to read and answer). */
        elderlyIdleTimeoutMs: z.number().int().min(1000).max(600_000).default(180_000),
        /** Every visit starts in elderly mode (a kiosk in a place where most visitors want it). */
        elderlyByDefault: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** The in-process sandbox tax backend (demo and tests; replaced by the AMQP transport in production). */
    sandbox: z
      .object({
        /** Demo: a pending payment counts as paid this long after its QR code was shown; null = only when confirmed (SimPanel, tests). */
        paymentAutoConfirmMs: z.number().int().min(0).max(600_000).nullable().default(8000),
      })
      .strict()
      .prefault({}),
    devices: z
      .object({
        /** `sim` starts the simulators in-process; `real` uses hardware. */
        mode: z.enum(['sim', 'real']).default('sim'),
        idcard: IdCardDeviceConfig.prefault({}),
        receiptPrinter: SerialPrinterConfig.prefault({}),
        invoicePrinter: SerialPrinterConfig.prefault({}),
        a4Printer: A4PrinterConfig.prefault({}),
      })
      .strict()
      .prefault({}),
    /** Invoice stock loads (kioskctl stock load, diagnostics, config bundles). */
    stock: z
      .object({
        /** Forms one loaded range may hold; a larger range is refused as a typing slip. */
        maxFormsPerLoad: z.number().int().min(1).max(99_999_999).default(10_000),
      })
      .strict()
      .prefault({}),
    backend: BackendConfig.prefault({}),
    /** 银税互动 (docs/credit-sharing.md): the bank this kiosk stands in, which taxpayers may let see their tax credit. */
    credit: z
      .object({
        /** The bank's id on the broker: its queue is `bank.credit.<bankId>`. */
        bankId: z
          .string()
          .regex(/^[a-z][a-z0-9-]{1,31}$/)
          .default('demo-bank'),
        /** The bank's name as the consent screen and the receipt show it (data, like a taxpayer's name). */
        bankName: z.string().min(1).max(60).default('示范银行'),
        /** How long a consent lasts, in months. */
        consentMonths: z.number().int().min(1).max(36).default(12),
      })
      .strict()
      .prefault({}),
    voice: VoiceConfig.prefault({}),
    diagnostics: DiagnosticsConfig.prefault({}),
  })
  .strict();
export type LocalConfig = z.infer<typeof LocalConfig>;
