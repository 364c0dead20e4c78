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
export const CompletionCode = z.enum([
  'success',
  'canceled',
  'deviceNotReady',
  'hardwareError',
  'timeOut',
  'invalidData',
  'userError',
  'unsupportedCommand',
]);
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
