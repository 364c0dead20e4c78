import { z } from 'zod';

/**
 * Device status after XFS4IoT CommonSchemas (`DeviceEnum`, `MediaEnum`,
 * `PaperEnum`): the shapes bank-branch technicians already know.
 */
export const DeviceState = z.enum(['online', 'offline', 'noDevice', 'hardwareError', 'userError', 'busy']);
export type DeviceState = z.infer<typeof DeviceState>;

export const MediaState = z.enum(['present', 'notPresent', 'jammed', 'unknown']);
export type MediaState = z.infer<typeof MediaState>;

/** XFS4IoT completion codes for device commands. */
export const CompletionCode = z.enum(['success', 'canceled', 'deviceNotReady', 'hardwareError', 'timeOut', 'invalidData', 'userError', 'unsupportedCommand']);
export type CompletionCode = z.infer<typeof CompletionCode>;

export const CardReaderStatus = z.object({
  device: DeviceState,
  media: MediaState,
  /** Port path or HID path the reader was found on; null when none. */
  port: z.string().nullable(),
  /** Model name from the device map or discovery; null when unknown. */
  model: z.string().nullable(),
  /** Short technical detail for technicians (never personal data). */
  detail: z.string().nullable(),
});
export type CardReaderStatus = z.infer<typeof CardReaderStatus>;

/** XFS4IoT `PaperEnum` for one paper unit. */
export const PaperState = z.enum(['full', 'low', 'out', 'jammed', 'unknown']);
export type PaperState = z.infer<typeof PaperState>;

export const PrinterKind = z.enum(['receipt', 'invoice', 'a4']);
export type PrinterKind = z.infer<typeof PrinterKind>;

/** One status model for every printer (receipt ESC/POS, invoice ESC/P, A4 through CUPS). */
export const PrinterStatus = z.object({
  kind: PrinterKind,
  device: DeviceState,
  paper: PaperState,
  coverOpen: z.boolean(),
  cutterError: z.boolean(),
  /** Port path, or the CUPS queue name; null when none. */
  port: z.string().nullable(),
  model: z.string().nullable(),
  /** Short technical detail for technicians (never personal data). */
  detail: z.string().nullable(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

/** Why a printer cannot print now, in the words the taxpayer's message is chosen by. */
export const PrinterFault = z.enum(['paperOut', 'coverOpen', 'jammed', 'cutterError', 'offline', 'noDevice', 'hardwareError']);
export type PrinterFault = z.infer<typeof PrinterFault>;

/** The first fault that stops printing, or null when the printer is ready. Paper low still prints. */
export function printerFault(status: PrinterStatus): PrinterFault | null {
  if (status.device === 'noDevice') return 'noDevice';
  if (status.paper === 'out') return 'paperOut';
  if (status.coverOpen) return 'coverOpen';
  if (status.paper === 'jammed') return 'jammed';
  if (status.cutterError) return 'cutterError';
  if (status.device === 'offline') return 'offline';
  if (status.device === 'hardwareError' || status.device === 'userError') return 'hardwareError';
  return null;
}
