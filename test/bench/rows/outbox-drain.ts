import fs from 'node:fs';
import path from 'node:path';
import { DeliveryLoop } from '../../../electron/host/sync/delivery-loop';
import { QUEUES } from '../../../electron/host/sync/topology';
import { openKiosk, resetBroker, withChannel } from '../../integration/sync-helpers';
import { startBroker, type Broker } from '../../support/rabbitmq';
import type { BenchRow } from '../bench-types';
import { msSince } from '../stats';
import { seedPending } from '../../support/outbox-seed';

const ROWS = 20_000;
const DRAIN_TIMEOUT_MS = 300_000;

let broker: Broker | null = null;

/**
 * The host's delivery loop (same options as host-delivery.ts: default window,
 * 10 s confirm timeout) draining a seeded outbox to a private RabbitMQ on
 * loopback (test/support/rabbitmq.ts), publisher confirms on. The clock runs
 * from `loop.start()` (connect and topology included) to the record
 * transaction that marks the last row sent. Each run starts from a fresh
 * database and empty queues.
 */
export const outboxDrainRow: BenchRow = {
  id: 'outbox-drain',
  title: 'outbox drain to RabbitMQ with confirms',
  measures: `DeliveryLoop.start() with ${ROWS.toLocaleString('en')} pending rows → last row marked sent after its confirm (also: seeding those rows in one SQLite transaction; CPU of this process and of the broker per 1,000 messages)`,
  runs: 3,
  async setup() {
    broker = await startBroker('bench-drain');
    process.stderr.write(`  rabbitmq-server up in ${broker.startMs} ms\n`);
  },
  async run() {
    if (!broker) throw new Error('not set up');
    const url = broker.url;
    await resetBroker(url);
    const kiosk = openKiosk();
    let loop: DeliveryLoop | null = null;
    try {
      const seeded = seedPending(kiosk.db, kiosk.store, ROWS);
      let sent = 0;
      let retries = 0;
      let finished: () => void = () => undefined;
      const allSent = new Promise<void>((resolve) => (finished = resolve));
      loop = new DeliveryLoop({
        db: kiosk.db,
        appId: 'KIOSK-BENCH-0001',
        publisher: { url, heartbeatSeconds: 30, confirmTimeoutMs: 10_000, declareTopology: true },
        onEvent: (event) => {
          if (event.type === 'sent') sent += event.count;
          if (event.type === 'retry') retries++;
          if (sent >= ROWS) finished();
        },
      });
      const brokerCpu0 = brokerCpuMs(broker);
      const nodeCpu0 = process.cpuUsage();
      const started = process.hrtime.bigint();
      loop.start();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        allSent,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`only ${sent} of ${ROWS} rows sent in ${DRAIN_TIMEOUT_MS} ms`)), DRAIN_TIMEOUT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
      const seconds = msSince(started) / 1000;
      const nodeCpu = process.cpuUsage(nodeCpu0);
      const brokerCpu = brokerCpuMs(broker) - brokerCpu0;
      await loop.stop();
      const queued = await withChannel(
        url,
        async (ch) => (await ch.checkQueue(QUEUES.national.queue)).messageCount + (await ch.checkQueue(QUEUES.local.queue)).messageCount,
      );
      if (queued !== ROWS) throw new Error(`${queued} messages in the queues, wanted ${ROWS}`);
      return [
        { name: 'messages/s', value: ROWS / seconds, unit: '/s', target: { op: '>', value: 2000 } },
        { name: 'drain', value: seconds, unit: 's' },
        { name: 'retries', value: retries, unit: '' },
        // CPU per 1,000 messages: what the rate would be on an idle machine, whatever else runs on this one.
        { name: 'kiosk CPU', value: (nodeCpu.user + nodeCpu.system) / 1000 / (ROWS / 1000), unit: 'ms/1k msgs' },
        { name: 'broker CPU', value: brokerCpu / (ROWS / 1000), unit: 'ms/1k msgs' },
        { name: 'seed rows/s', value: ROWS / (seeded.ms / 1000), unit: '/s' },
      ];
    } finally {
      await loop?.stop();
      kiosk.close();
    }
  },
  async teardown() {
    const running = broker;
    broker = null;
    await running?.dispose();
  },
};

/** CPU time (user + system) of the broker's Erlang VM so far, from /proc (Linux); NaN elsewhere. */
function brokerCpuMs(broker: Broker): number {
  try {
    const pid = fs.readFileSync(path.join(broker.dir, 'broker.pid'), 'utf8').trim();
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them, in clock ticks (100/s).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
