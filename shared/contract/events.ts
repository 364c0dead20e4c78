import { z } from 'zod';
import { CardReaderStatus, PrinterStatus } from '../domain/device-status';
import { SessionView } from './session';

/** Every event the host pushes to the renderer, with one schema each. */
export const events = {
  'session.changed': SessionView,
  'device.idcard': CardReaderStatus,
  /** A printer's status changed; `kind` says which. */
  'device.printer': PrinterStatus,
  /** Progress of a long step (forms coming out) so the screen can show it. */
  'service.progress': z.object({ step: z.enum(['checking', 'allocating', 'printingForms', 'printingReceipt']), done: z.number().int().min(0), total: z.number().int().min(0) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;
