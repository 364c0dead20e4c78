import { parseBrokerList } from '../../shared/config/broker-list';
import { UsageError } from './command';

/**
 * `--amqp URL`, the same on every command that takes a broker: given once it is
 * the broker as before; given again (or as one comma-separated value) it lists
 * the nodes of a cluster (docs/broker-cluster.md).
 */
export const AMQP_OPTION = { amqp: { type: 'string', multiple: true } } as const;

/**
 * The broker given by `--amqp` (every occurrence), else by `env.KIOSK_AMQP_URL`
 * when `env` is passed; undefined when neither. A bad entry is a usage error
 * (64) naming the entry's position, never its text (it holds the password).
 */
export function amqpGiven(values: Record<string, unknown>, env?: NodeJS.ProcessEnv): string | undefined {
  const flags = Array.isArray(values.amqp)
    ? values.amqp.filter((v): v is string => typeof v === 'string')
    : typeof values.amqp === 'string'
      ? [values.amqp]
      : [];
  const raw = flags.length > 0 ? flags.join(',') : env?.KIOSK_AMQP_URL;
  if (raw === undefined || raw === '') return undefined;
  try {
    return parseBrokerList(raw).join(',');
  } catch (error) {
    const source = flags.length > 0 ? '--amqp' : 'KIOSK_AMQP_URL';
    throw new UsageError(`${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
