import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendError, QUERY_QUEUE, type TaxBackend } from '../../shared/backend';
import { LocalConfig } from '../../shared/config/local-config';
import { AuditLog } from '../../electron/host/audit/audit-log';
import { openDatabase } from '../../electron/host/db/database';
import { withTlsParams } from '../../electron/host/sync/amqp-tls';
import { AmqpRpcClient, amqpTaxBackend } from '../../electron/host/sync/rpc-client';
import type { CommandIo } from '../../electron/kioskctl/command';
import { main } from '../../electron/kioskctl/main';
import { createSandboxBackend, type SandboxBackend } from '../../backend/sandbox';
import { IntakeConsumer, type IntakeEvent } from '../../backend/sandbox/amqp-intake';
import { RpcConsumer, type RpcEvent } from '../../backend/sandbox/amqp-rpc';
import { startBroker, type Broker, type BrokerTls } from '../support/rabbitmq';
import { testLoop, waitFor, withChannel } from './sync-helpers';

/**
 * Issue 14 item 7: queries carry full ID numbers. They go over amqps:// with
 * the broker's certificate checked against a CA file and a client
 * certificate (a test broker with a TLS listener; certificates made by
 * openssl in its temp dir), and they never reach the broker's disk (a
 * transient classic queue: the old quorum queue wrote them to its WAL).
 * Item 6 over AMQP too: audit entries delivered over TLS anchor the chain,
 * and `audit.head` answers over the broker.
 */
const PERSON_ID = '11010519491231002X';
const KIOSK_ID = 'KIOSK-TLS-1';

let broker: Broker;
let tls: BrokerTls;
let dir: string;
let sandbox: SandboxBackend;
let rpcConsumer: RpcConsumer;
let intake: IntakeConsumer;
const rpcEvents: RpcEvent[] = [];
const intakeEvents: IntakeEvent[] = [];

const tlsUrl = (files: { ca?: string; cert?: string; key?: string } = { ca: tls.caFile, cert: tls.certFile, key: tls.keyFile }) =>
  withTlsParams(tls.url, {
    ...(files.ca ? { caFile: files.ca } : {}),
    ...(files.cert ? { certFile: files.cert } : {}),
    ...(files.key ? { keyFile: files.key } : {}),
  });

function client(url: string): { rpc: AmqpRpcClient; backend: TaxBackend } {
  const rpc = new AmqpRpcClient({ url, appId: KIOSK_ID, timeoutMs: 5000, connectTimeoutMs: 4000 });
  return { rpc, backend: amqpTaxBackend(rpc) };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof BackendError ? error.code : `not a BackendError: ${String(error)}`;
  }
}

beforeAll(async () => {
  broker = await startBroker('tls', { tls: true });
  if (!broker.tls) throw new Error('no TLS listener');
  tls = broker.tls;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-tls-'));
  sandbox = createSandboxBackend({ dbPath: path.join(dir, 'sandbox.sqlite') });
  // The backend's side over TLS too.
  rpcConsumer = new RpcConsumer({ url: tlsUrl(), backend: sandbox, reconnect: { baseMs: 100, capMs: 500 }, onEvent: (e) => rpcEvents.push(e) });
  rpcConsumer.start();
  intake = new IntakeConsumer({ url: tlsUrl(), backend: sandbox, reconnect: { baseMs: 100, capMs: 500 }, onEvent: (e) => intakeEvents.push(e) });
  intake.start();
  await waitFor(() => rpcEvents.some((e) => e.type === 'connected') && intakeEvents.some((e) => e.type === 'connected'), 30_000, 'the consumers over TLS');
}, 180_000);
afterAll(async () => {
  await rpcConsumer?.stop();
  await intake?.stop();
  sandbox?.close();
  await broker?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('amqps to the broker (issue 14)', () => {
  it('answers a query over TLS with the CA file and the client certificate', async () => {
    const { rpc, backend } = client(tlsUrl());
    try {
      const reply = await backend.taxpayersForPerson({ idNumber: PERSON_ID });
      expect(reply.taxpayers.length).toBeGreaterThan(0);
    } finally {
      await rpc.close();
    }
  });

  it('refuses a broker whose certificate the CA file does not vouch for, and a client without a certificate', async () => {
    for (const url of [tlsUrl({ ca: tls.otherCaFile, cert: tls.certFile, key: tls.keyFile }), tlsUrl({ ca: tls.caFile })]) {
      const { rpc, backend } = client(url);
      try {
        expect(await codeOf(backend.taxpayersForPerson({ idNumber: PERSON_ID }))).toBe('unreachable');
      } finally {
        await rpc.close();
      }
    }
  });

  it('kiosk.json refuses a plain amqp:// broker off this machine, and TLS files without amqps', () => {
    const parse = (backend: Record<string, unknown>) => LocalConfig.safeParse({ backend: { transport: 'amqp', ...backend } });
    expect(parse({ url: 'amqp://kiosk:pw@broker.example:5672' }).success).toBe(false);
    expect(parse({ url: 'amqp://kiosk:pw@broker.example:5672', allowPlaintext: true }).success).toBe(true);
    expect(parse({ url: 'amqp://guest:guest@127.0.0.1:5672' }).success).toBe(true);
    expect(parse({ url: 'amqps://kiosk:pw@broker.example:5671', tls: { caFile: '/etc/ca.pem' } }).success).toBe(true);
    expect(parse({ url: 'amqp://guest:guest@127.0.0.1:5672', tls: { caFile: '/etc/ca.pem' } }).success).toBe(false);
  });
});

/** Files under the broker's data dir that contain `text` (grep exits 1 when none does). */
function filesHolding(text: string): string[] {
  const r = spawnSync('grep', ['-rlaF', text, path.join(broker.dir, 'mnesia')], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`grep failed: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

describe('ID numbers stay off the broker disk (issue 14)', () => {
  it('the query queue is classic and transient, and 50 queries leave no ID number in the broker data dir', async () => {
    const info = await withChannel(broker.url, (ch) => ch.checkQueue(QUERY_QUEUE));
    expect(info.queue).toBe(QUERY_QUEUE);
    const types = await broker.ctl('list_queues', 'name', 'type', 'durable', '--no-table-headers', '--quiet');
    expect(types).toMatch(new RegExp(`${QUERY_QUEUE.replace(/\./g, '\\.')}\\s+classic\\s+false`));
    const { rpc, backend } = client(tlsUrl());
    try {
      for (let i = 0; i < 50; i++) await backend.taxpayersForPerson({ idNumber: PERSON_ID });
    } finally {
      await rpc.close();
    }
    // Whatever the broker keeps on disk (queue indexes, message stores, Raft WAL) holds none of them.
    expect(filesHolding(PERSON_ID)).toEqual([]);
    // The control: the same transient message in a quorum queue (the old tax.queries) is on disk at once.
    const marker = '37010219600515002X';
    await withChannel(broker.url, async (ch) => {
      await ch.assertQueue('control.quorum', { durable: true, arguments: { 'x-queue-type': 'quorum' } });
      ch.sendToQueue('control.quorum', Buffer.from(JSON.stringify({ idNumber: marker })), { persistent: false });
      await ch.checkQueue('control.quorum');
    });
    await waitFor(() => filesHolding(marker).length > 0 || undefined, 10_000, 'the quorum queue writing the ID to disk');
  }, 60_000);
});

describe('the audit chain anchored over AMQP (issue 14)', () => {
  it('entries delivered over TLS extend the head the backend keeps; audit verify --backend asks it over the broker', async () => {
    const dataDir = path.join(dir, 'kiosk');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify({ kioskId: KIOSK_ID }));
    const db = openDatabase(dataDir);
    const audit = new AuditLog(db);
    for (let i = 0; i < 4; i++) audit.append({ kind: 'diagnostics.action', data: { action: 'test', ok: true, detail: `step ${i}` } });
    const loop = testLoop(db, tlsUrl(), { appId: KIOSK_ID });
    loop.start();
    try {
      await waitFor(
        () => (db.prepare('SELECT count(*) AS n FROM outbox WHERE transaction_id IS NULL AND sent_at IS NULL').get() as { n: number }).n === 0 || undefined,
        20_000,
        'delivery',
      );
      const { rpc, backend } = client(tlsUrl());
      try {
        await waitFor(async () => (await backend.auditHead({ kioskId: KIOSK_ID })).head?.seq === 4 || undefined, 20_000, 'the backend head');
      } finally {
        await rpc.close();
      }
    } finally {
      await loop.stop();
    }
    const out: string[] = [];
    const io: CommandIo = { out: (l) => out.push(l), err: (l) => out.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
    const code = await main(
      [
        'audit',
        'verify',
        '--backend',
        '--amqp',
        tls.url,
        '--amqp-ca',
        tls.caFile,
        '--amqp-cert',
        tls.certFile,
        '--amqp-key',
        tls.keyFile,
        '--data-dir',
        dataDir,
        '--json',
      ],
      io,
    );
    expect(code, out.join('\n')).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ ok: true, backend: { ok: true, backendHead: 4, localHead: 4 } });
    db.close();
  }, 60_000);
});
