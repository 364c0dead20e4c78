import { z } from 'zod';
import { ServicesSection, TextsSection } from '../../config/config-bundle';

/**
 * What the screen needs of the administrators' config in force (kiosk.json
 * with the applied bundles): which services are on, the text overrides laid
 * over the catalogues, and whether visits start in elderly mode. Fetched with
 * `config.get` when the screen connects, then pushed as `config.changed` on
 * every apply, so none of it needs a restart.
 */
export const ConfigView = z
  .object({
    /** The applied bundle's version; null before the first bundle. */
    version: z.number().int().nullable(),
    /** A service switched off is not offered (and the host refuses its calls). */
    services: ServicesSection,
    texts: TextsSection,
    /** Every visit starts in elderly mode (kiosk.json `session.elderlyByDefault`, or a bundle's `timeouts`). */
    elderlyDefault: z.boolean(),
    /** The kiosk's time zone (kiosk.json `timeZone`): every time the screen shows is read in it. Absent (an older host) = Asia/Shanghai. */
    timeZone: z.string().min(1).optional(),
  })
  .strict();
export type ConfigView = z.infer<typeof ConfigView>;

export const configMethods = {
  'config.get': { request: z.object({}).strict(), result: ConfigView },
} as const;
