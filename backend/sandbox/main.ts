import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../../electron/host/data-dir';
import { redactUrl } from '../../electron/host/sync/publisher';
import { SANDBOX_BACKEND_FILE } from '../../electron/host/services/tax-backend-choice';
import { IntakeConsumer, type IntakeEvent } from './amqp-intake';
import { RpcConsumer, type RpcEvent } from './amqp-rpc';
import { BankConsumer } from './amqp-bank';
import { createSandboxBackend } from './index';
import { parseBrokerList } from '../../shared/config/broker-list';

/**
 * `npm run sandbox -- --amqp URL [--data-dir DIR]`: the sandbox backend as a
 * RabbitMQ consumer of the kiosk's transaction queues, so the AMQP path runs
 * against the same logic the demo uses in-process. Its database is the same
 * `sandbox-backend.sqlite` the in-process sandbox of that data dir uses.
 * It also answers the kiosk's queries on `tax.queries` (request/reply, amqp-rpc.ts).
 */
const USAGE =
  'Usage: npm run sandbox -- --amqp amqp://user:pass@host:5672/vhost [--data-dir DIR] [--prefetch N] [--payment-auto-confirm-ms N|off]\n' +
  '  --amqp URL                 repeat it for each node of a cluster (docs/broker-cluster.md)\n' +
  '  --payment-auto-confirm-ms  the payment simulator: a pending order counts as paid N ms after it was made (default 2000; off = never)';

/** The payment simulator's default: a kiosk's QR code is "paid" two seconds after it was shown (docs/collection.md). */
const DEFAULT_PAYMENT_AUTO_CONFIRM_MS = 2000;

/** `--payment-auto-confirm-ms`: a delay in ms, or `off`; null when the value is not one. */
function paymentAutoConfirm(raw: string | undefined): number | 'off' | null {
  if (raw === undefined) return DEFAULT_PAYMENT_AUTO_CONFIRM_MS;
  if (raw === 'off') return 'off';
  return /^\d{1,7}$/.test(raw) ? Number(raw) : null;
}

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        // Repeatable: a cluster's nodes (docs/broker-cluster.md).
        amqp: { type: 'string', multiple: true },
        'data-dir': { type: 'string' },
        prefetch: { type: 'string' },
        'payment-auto-confirm-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 64;
    return;
  }
  let url: string | undefined;
  try {
    const raw = values.amqp !== undefined && values.amqp.length > 0 ? values.amqp.join(',') : process.env.KIOSK_AMQP_URL;
    url = raw === undefined || raw === '' ? undefined : parseBrokerList(raw).join(',');
  } catch (error) {
    process.stderr.write(`--amqp / KIOSK_AMQP_URL: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 64;
    return;
  }
  const prefetch = values.prefetch === undefined ? 32 : Number(values.prefetch);
  const autoConfirm = paymentAutoConfirm(values['payment-auto-confirm-ms']);
  if (values.help || !url || !/^amqps?:\/\/\S+$/.test(url) || !Number.isInteger(prefetch) || prefetch < 1 || prefetch > 1000 || autoConfirm === null) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 64;
    return;
  }
  const dataDir = resolveDataDir(values['data-dir']);
  // The payment simulator: the kiosk cannot confirm a payment across the broker, so the backend does (docs/collection.md).
  const backend = createSandboxBackend({
    dbPath: path.join(dataDir, SANDBOX_BACKEND_FILE),
    paymentAutoConfirmMs: autoConfirm === 'off' ? undefined : autoConfirm,
  });
  const consumer = new IntakeConsumer({ url, backend, prefetch, onEvent: (event) => process.stdout.write(`${describe(event)}\n`) });
  const queries = new RpcConsumer({ url, backend, prefetch, onEvent: (event) => process.stdout.write(`${describeRpc(event)}\n`) });
  // 银税互动: the sandbox also plays the demo bank's receiver (kiosk.json credit.bankId defaults to demo-bank).
  const bank = new BankConsumer({
    url,
    bankId: 'demo-bank',
    backend,
    prefetch,
    onEvent: (event) => process.stdout.write(`bank: ${event.type}${'messageId' in event ? ` ${event.messageId ?? '(no id)'}` : ''}\n`),
  });
  const payments = autoConfirm === 'off' ? 'payments never confirmed' : `payments confirmed ${autoConfirm} ms after the order`;
  process.stdout.write(`sandbox backend consuming from ${redactUrl(url)} (data: ${dataDir}; ${payments}); Ctrl-C stops\n`);
  consumer.start();
  queries.start();
  bank.start();
  const stop = (): void => {
    void Promise.all([consumer.stop(), queries.stop(), bank.stop()]).finally(() => backend.close());
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function describeRpc(event: RpcEvent): string {
  switch (event.type) {
    case 'connected':
      return 'queries: connected';
    case 'connectFailed':
      return `queries: broker unreachable (${event.error}); next try in ${Math.round(event.retryInMs / 100) / 10} s`;
    case 'disconnected':
      return `queries: link lost: ${event.error}`;
    case 'answered':
      return `query ${event.method}: ${event.ok ? 'answered' : 'answered with an error'}`;
    case 'stale':
      return `query ${event.method}: past its deadline, dropped`;
    case 'poison':
      return `query ${event.method || '(no type)'}: dead-lettered: ${event.error}`;
  }
}

function describe(event: IntakeEvent): string {
  switch (event.type) {
    case 'connected':
      return 'connected';
    case 'connectFailed':
      return `broker unreachable (${event.error}); next try in ${Math.round(event.retryInMs / 100) / 10} s`;
    case 'disconnected':
      return `link lost: ${event.error}`;
    case 'accepted':
    case 'duplicate':
      return `${event.authority} ${event.kind} ${event.messageId}: ${event.type}`;
    case 'poison':
      return `${event.authority} ${event.messageId ?? '(no id)'}: dead-lettered: ${event.error}`;
    case 'requeued':
      return `${event.authority} ${event.messageId}: back to the queue: ${event.error}`;
  }
}

main();
