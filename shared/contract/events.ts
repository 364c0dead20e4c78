import { z } from 'zod';
import { CardReaderStatus, PrinterStatus } from '../domain/device-status';
import { SessionView } from './session';
import { ConfigView } from './services/config';

/** Every event the host pushes to the renderer, with one schema each. */
export const events = {
  'session.changed': SessionView,
  'device.idcard': CardReaderStatus,
  /** A printer's status changed; `kind` says which. */
  'device.printer': PrinterStatus,
  /** Progress of a long step (forms coming out) so the screen can show it. */
  'service.progress': z.object({
    step: z.enum(['checking', 'allocating', 'printingForms', 'printingReceipt']),
    done: z.number().int().min(0),
    total: z.number().int().min(0),
  }),
  /** Progress of an IIT certificate print: the records, the PDF, the A4 job, the receipt. */
  'certificate.progress': z.object({ step: z.enum(['fetching', 'rendering', 'printing', 'printingReceipt']) }).strict(),
  /**
   * An administrators' config bundle was applied while the kiosk runs: which
   * services are on (a switched-off one is refused by the host; its tile goes
   * away), the text overrides per language, laid over the catalogues, and
   * the elderly-mode default (services/config.ts).
   */
  'config.changed': ConfigView,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;
