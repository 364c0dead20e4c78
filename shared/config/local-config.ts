import { z } from 'zod';
import { Lang } from '../i18n/lang';

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
    queue: z.string().regex(/^[A-Za-z0-9_.-]{1,127}$/).default('KioskA4'),
    /** `host:port` of the CUPS server; the system default when absent. */
    server: z.string().min(1).optional(),
  })
  .strict();
export type A4PrinterConfig = z.infer<typeof A4PrinterConfig>;

/** The kiosk's local config: `kiosk.json` in the data directory. */
export const LocalConfig = z
  .object({
    kioskId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('KIOSK-DEV-0001'),
    branchId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('BRANCH-DEV'),
    lang: Lang.default('zh-CN'),
    session: z
      .object({
        /** No touch for this long ends the visit (brief: 60–120 s). */
        idleTimeoutMs: z.number().int().min(1000).max(600_000).default(90_000),
        /** The countdown is shown for this long before the end. */
        idleWarnMs: z.number().int().min(1000).max(60_000).default(15_000),
        /** How long a refused card's message stays when the card is left on the reader. */
        rejectedDisplayMs: z.number().int().min(1000).max(120_000).default(10_000),
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
  })
  .strict();
export type LocalConfig = z.infer<typeof LocalConfig>;
