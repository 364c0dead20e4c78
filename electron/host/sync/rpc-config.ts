import type { LocalConfig } from '../../../shared/config/local-config';

/**
 * `KIOSK_AMQP_URL` (or a `--amqp URL` flag passed in as `url`) switches the
 * kiosk to the AMQP transport: queries as request/reply and the outbox
 * delivered to that broker. Absent: kiosk.json decides (default `sandbox`).
 */
export function amqpFromEnv(env: NodeJS.ProcessEnv, url?: string): Partial<LocalConfig> {
  const chosen = url ?? env.KIOSK_AMQP_URL;
  if (chosen === undefined || chosen === '') return {};
  // Partial<LocalConfig> wants a whole BackendConfig; the loader merges this over kiosk.json and fills the defaults.
  return { backend: { transport: 'amqp', url: chosen } as LocalConfig['backend'] };
}
