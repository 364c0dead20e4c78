import { EXIT, UsageError, type Command, type CommandIo } from '../command';
import { resolveDataDir } from '../../host/data-dir';
import { openDatabase } from '../../host/db/database';
import { loadLocalConfig } from '../../host/local-config';
import { DeliveryLoop, type DeliveryEvent } from '../../host/sync/delivery-loop';
import { OutboxQueue } from '../../host/sync/outbox-queue';
import { BrokerUnavailableError, redactUrl } from '../../host/sync/publisher';
import { AMQP_TLS_OPTIONS, brokerUrl, tlsFromFlags, withTlsParams } from '../../host/sync/amqp-tls';
import { AMQP_OPTION, amqpGiven } from '../amqp-flag';

const HELP = `Usage: kioskctl sync [--once] [--amqp URL] [--data-dir DIR] [--json]

Runs the delivery loop: outbox rows go to the backend's RabbitMQ broker in
creation order per authority, each marked sent only after the broker's
publisher confirm. Without --once it runs until Ctrl-C (do not run it next to
a kiosk that delivers by itself: harmless — consumers drop duplicates — but
pointless).

The broker: --amqp URL, else KIOSK_AMQP_URL, else backend.url in kiosk.json.
Heartbeat, confirm timeout and whether to declare the topology come from
kiosk.json (backend.*).

Options:
  --once          deliver every row due now, then exit
  --amqp URL      amqp://user:pass@host:5672/vhost (or amqps://)
                  (repeat --amqp for each node of a cluster)
  --amqp-ca FILE  amqps: the CA (PEM) that signed the broker's certificate (else backend.tls in kiosk.json)
  --amqp-cert FILE, --amqp-key FILE
                  amqps: the kiosk's client certificate and key (PEM), when the broker asks for one
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          --once: one JSON object {"sent","failed","parked","pending":{"national","local"},
                  "dead","linkError"}; otherwise one JSON object per event ({"type",...})

Exit codes:
  0   --once: nothing left pending and nothing parked dead; otherwise stopped by Ctrl-C
  1   --once: rows remain pending (backing off after a failure) or parked dead
      (see kioskctl outbox status)
  3   --once: the broker could not be reached
  64  no broker URL anywhere, a bad URL, or an unknown flag`;

export const syncCommand: Command = {
  path: ['sync'],
  summary: 'deliver the outbox to the backend queue (RabbitMQ)',
  help: HELP,
  options: {
    once: { type: 'boolean' },
    ...AMQP_OPTION,
    ...AMQP_TLS_OPTIONS,
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
    const config = loadLocalConfig(dataDir);
    const given = amqpGiven(values, process.env);
    const url =
      given !== undefined
        ? withTlsParams(given, { ...config.backend.tls, ...tlsFromFlags(values) })
        : brokerUrl({ ...config.backend, tls: { ...config.backend.tls, ...tlsFromFlags(values) } });
    if (url === undefined || url === '') throw new UsageError('no broker: pass --amqp URL, set KIOSK_AMQP_URL, or set backend.url in kiosk.json');
    if (!/^amqps?:\/\/\S+$/.test(url)) throw new UsageError('the broker URL must start with amqp:// or amqps://');
    const json = values.json === true;
    const db = openDatabase(dataDir);
    const loop = new DeliveryLoop({
      db,
      appId: config.kioskId,
      publisher: {
        url,
        heartbeatSeconds: config.backend.heartbeatSeconds,
        confirmTimeoutMs: config.backend.confirmTimeoutMs,
        declareTopology: config.backend.declareTopology,
      },
      onEvent: values.once ? undefined : (event) => io.out(json ? JSON.stringify(event) : describe(event)),
    });
    try {
      return values.once ? await once(loop, db, url, json, io) : await untilStopped(loop, url, json, io);
    } finally {
      db.close();
    }
  },
};

async function once(loop: DeliveryLoop, db: ReturnType<typeof openDatabase>, url: string, json: boolean, io: CommandIo): Promise<number> {
  let totals;
  try {
    totals = await loop.deliverDueOnce();
  } catch (error) {
    if (!(error instanceof BrokerUnavailableError)) throw error;
    io.err(`kioskctl sync: broker ${redactUrl(url)} unreachable: ${error.message}`);
    return EXIT.deviceError;
  }
  const status = new OutboxQueue(db).status(new Date());
  const pending = { national: 0, local: 0 };
  for (const a of status.authorities) pending[a.authority] = a.pending;
  if (json) {
    io.out(JSON.stringify({ ...totals, pending, dead: status.deadCount }));
  } else {
    io.out(
      `sent ${totals.sent}, not confirmed ${totals.failed}, parked ${totals.parked}; pending: national ${pending.national}, local ${pending.local}; dead ${status.deadCount}`,
    );
    if (totals.linkError) io.out(`link: ${totals.linkError}`);
    for (const a of status.authorities) if (a.lastError && a.pending > 0) io.out(`${a.authority} waits on: ${a.lastError}`);
  }
  return pending.national + pending.local + status.deadCount === 0 ? EXIT.ok : EXIT.failure;
}

async function untilStopped(loop: DeliveryLoop, url: string, json: boolean, io: CommandIo): Promise<number> {
  if (!json) io.out(`delivering to ${redactUrl(url)}; Ctrl-C stops`);
  loop.start();
  await new Promise<void>((resolve) => {
    if (io.stopSignal.aborted) resolve();
    else io.stopSignal.addEventListener('abort', () => resolve(), { once: true });
  });
  await loop.stop();
  return EXIT.ok;
}

function describe(event: DeliveryEvent): string {
  switch (event.type) {
    case 'connected':
      return event.node === undefined ? 'connected' : `connected to ${event.node}`;
    case 'connectFailed':
      return `broker unreachable (${event.error}); next try in ${Math.round(event.retryInMs / 100) / 10} s`;
    case 'disconnected':
      return `link lost: ${event.error}`;
    case 'sent':
      return `${event.authority}: ${event.count} sent`;
    case 'retry':
      return `${event.authority}: ${event.id} not confirmed (attempt ${event.attempts}): ${event.error}; retry at ${event.retryAt}`;
    case 'parked':
      return `${event.authority}: ${event.id} parked dead: ${event.error}`;
    case 'loopError':
      return `delivery pass failed: ${event.error}`;
  }
}
