import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendError, DEADLINE_HEADER, DIRECT_REPLY_TO, QUERY_DEAD_QUEUE, QUERY_QUEUE, type TaxBackend } from '../../shared/backend';
import { AmqpRpcClient, amqpTaxBackend } from '../../electron/host/sync/rpc-client';
import { declareQueryTopology } from '../../electron/host/sync/rpc-topology';
import { createSandboxBackend, type SandboxBackend } from '../../backend/sandbox';
import { RpcConsumer, type RpcEvent } from '../../backend/sandbox/amqp-rpc';
import { createHost } from '../../electron/host/host';
import { startBroker, type Broker } from '../support/rabbitmq';
import { startFreezeProxy } from '../support/amqp-freeze-proxy';
import { seededShuffle } from '../../electron/host/sync/broker-rotation';
import { PassThrough } from 'node:stream';
import { main as kioskctl } from '../../electron/kioskctl/main';
import { formatVerificationCode, makeVerificationCode } from '../../shared/domain/verification-code';
import { drainQueue, waitFor, withChannel } from './sync-helpers';

/**
 * Backend queries as AMQP request/reply against a real RabbitMQ, answered by
 * the sandbox backend running as the consumer of `tax.queries` — the same
 * logic the demo runs in-process. Failure paths end in a typed BackendError
 * (the services' backendUnreachable), never a hang.
 */
const PERSON_ID = '11010519491231002X';
const SHOP = '92110101L000000116';

let broker: Broker;
let dir: string;
let sandbox: SandboxBackend;
let consumer: RpcConsumer | null = null;
const events: RpcEvent[] = [];

function startConsumer(): RpcConsumer {
  const c = new RpcConsumer({ url: broker.url, backend: sandbox, prefetch: 8, reconnect: { baseMs: 100, capMs: 500 }, onEvent: (e) => events.push(e) });
  c.start();
  return c;
}
function client(timeoutMs = 8000): { rpc: AmqpRpcClient; backend: TaxBackend } {
  const rpc = new AmqpRpcClient({ url: broker.url, appId: 'KIOSK-TEST-0001', timeoutMs });
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
  broker = await startBroker('rpc');
  console.info(`rabbitmq-server up in ${broker.startMs} ms`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-rpc-'));
  sandbox = createSandboxBackend({ dbPath: path.join(dir, 'sandbox.sqlite') });
  await withChannel(broker.url, (ch) => declareQueryTopology(ch));
  consumer = startConsumer();
  await waitFor(() => events.some((e) => e.type === 'connected'), 20_000, 'the consumer');
}, 120_000);
afterAll(async () => {
  await consumer?.stop();
  sandbox?.close();
  await broker?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('backend queries over AMQP', () => {
  it('answers every kind of query through the broker with the same data as the in-process sandbox', async () => {
    const { rpc, backend } = client();
    try {
      const started = Date.now();
      const people = await backend.taxpayersForPerson({ idNumber: PERSON_ID });
      const firstMs = Date.now() - started;
      expect(people).toEqual(await sandbox.taxpayersForPerson({ idNumber: PERSON_ID }));
      expect(people.taxpayers.map((t) => t.id)).toContain(SHOP);

      const rounds: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = Date.now();
        await backend.eligibilityCollect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1 });
        rounds.push(Date.now() - t0);
      }
      rounds.sort((a, b) => a - b);
      console.log(`RPC round trip: first ${firstMs} ms (connect included), median ${rounds[10]} ms, max ${rounds[19]} ms over 20`);

      const order = await backend.paymentCreateOrder({ transactionId: '01JTESTRPC0000000000000001', amountFen: 1500, description: 'test' });
      // Idempotent on transactionId: a retried request (or a redelivery) gets the same order.
      expect(await backend.paymentCreateOrder({ transactionId: '01JTESTRPC0000000000000001', amountFen: 1500, description: 'test' })).toEqual(order);
      expect(await backend.paymentStatus({ orderId: order.orderId })).toMatchObject({ status: 'pending' });
      // A backend refusal travels back as its code, not as a timeout.
      expect(await codeOf(backend.paymentStatus({ orderId: 'no-such-order' }))).toBe('rejected');
      const iit = await backend.iitRecords({ idNumber: PERSON_ID, from: '2020-01', to: '2030-12' });
      expect(iit).toEqual(await sandbox.iitRecords({ idNumber: PERSON_ID, from: '2020-01', to: '2030-12' }));
      // Twenty queries at once, each gets its own answer (correlation ids).
      const many = await Promise.all(
        Array.from({ length: 20 }, (_, i) => backend.sellerMonthToDate({ taxpayerId: SHOP, month: `2025-${String((i % 12) + 1).padStart(2, '0')}` })),
      );
      expect(many.every((r) => typeof r.grossFen === 'number')).toBe(true);
    } finally {
      await rpc.close();
    }
  }, 60_000);

  it('certificate.verify over the broker answers as the sandbox does; kioskctl certificate verify --amqp shows it', async () => {
    const code = makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 41 + 5) % 248));
    await sandbox.transactionsSubmit({
      messageId: 'M-RPC-CERT',
      kind: 'iit.certificate',
      authority: 'local',
      payload: {
        schemaVersion: 2,
        transactionId: '01JTESTRPC0000000000000009',
        from: '2025-01',
        to: '2025-12',
        recordCount: 12,
        totalFen: 547_800,
        issuedAt: '2026-03-05T06:07:09.000Z',
        holderMaskedName: '测*乙',
        verificationCode: code,
      },
    });
    const { rpc, backend } = client();
    try {
      const answer = await backend.certificateVerify({ code });
      expect(answer).toEqual(await sandbox.certificateVerify({ code }));
      expect(answer).toMatchObject({ outcome: 'found', totalFen: 547_800, holderMaskedName: '测*乙' });
      const other = makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 43 + 9) % 248));
      expect(await backend.certificateVerify({ code: other })).toEqual({ outcome: 'notFound' });
    } finally {
      await rpc.close();
    }
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
    const exit = await kioskctl(['certificate', 'verify', formatVerificationCode(code), '--amqp', broker.url, '--data-dir', dir, '--json'], io);
    expect(exit, out.join('\n')).toBe(0);
    expect(JSON.parse(out[0] ?? '{}')).toMatchObject({ found: true, code, totalFen: 547_800, holderMaskedName: '测*乙' });
  }, 60_000);

  it('creditCertificate.verify over the broker answers as the sandbox does; kioskctl certificate verify-credit --amqp shows it', async () => {
    const code = makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 47 + 3) % 248));
    const taxpayerId = '91370102MA01TK019U';
    await sandbox.transactionsSubmit({
      messageId: '01JTESTRPC000000000000000C',
      kind: 'credit.certificate',
      authority: 'national',
      payload: { schemaVersion: 1, verificationCode: code, taxpayerId, grade: 'A', year: 2025, issuedAt: '2026-03-05T06:07:09.000Z' },
    });
    const { rpc, backend } = client();
    try {
      const answer = await backend.creditCertificateVerify({ code });
      expect(answer).toEqual(await sandbox.creditCertificateVerify({ code }));
      expect(answer).toMatchObject({ outcome: 'found', taxpayerId, grade: 'A', year: 2025 });
    } finally {
      await rpc.close();
    }
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
    const exit = await kioskctl(['certificate', 'verify-credit', formatVerificationCode(code), '--amqp', broker.url, '--data-dir', dir, '--json'], io);
    expect(exit, out.join('\n')).toBe(0);
    expect(JSON.parse(out[0] ?? '{}')).toMatchObject({ found: true, code, taxpayerId, grade: 'A' });
  }, 60_000);

  it('dead-letters a request nobody can parse, answering it "rejected" so the caller does not wait', async () => {
    const replies = await withChannel(broker.url, async (ch) => {
      const got: unknown[] = [];
      await ch.consume(DIRECT_REPLY_TO, (m) => m && got.push(JSON.parse(m.content.toString('utf8'))), { noAck: true });
      const send = (type: string, body: string): boolean =>
        ch.publish('', QUERY_QUEUE, Buffer.from(body), { type, correlationId: `c-${type}`, replyTo: DIRECT_REPLY_TO, contentType: 'application/json' });
      send('taxpayers.forPerson', '{"idNumber":"not an id"}');
      send('no.such.method', '{}');
      send('iit.records', 'not json');
      await waitFor(() => got.length >= 3, 10_000, 'three replies');
      return got;
    });
    expect(replies).toHaveLength(3);
    for (const r of replies) expect(r).toMatchObject({ ok: false, code: 'rejected' });
    await waitFor(
      async () => (await withChannel(broker.url, (ch) => ch.checkQueue(QUERY_DEAD_QUEUE))).messageCount >= 3 || undefined,
      10_000,
      'the dead queue',
    );
    const dead = await drainQueue(broker.url, QUERY_DEAD_QUEUE);
    expect(dead.map((m) => m.properties.type).sort()).toEqual(['iit.records', 'no.such.method', 'taxpayers.forPerson']);
  }, 30_000);

  it('drops a request whose caller has given up (past its deadline) without answering', async () => {
    const before = events.filter((e) => e.type === 'stale').length;
    await withChannel(broker.url, async (ch) => {
      ch.publish('', QUERY_QUEUE, Buffer.from(JSON.stringify({ idNumber: PERSON_ID })), {
        // Not direct reply-to: the broker refuses that from a channel that does not consume its replies.
        type: 'taxpayers.forPerson',
        correlationId: 'late',
        replyTo: 'nobody-listens',
        headers: { [DEADLINE_HEADER]: Date.now() - 1 },
      });
      await ch.checkQueue(QUERY_QUEUE); // a round trip: the publish has been taken
    });
    await waitFor(() => events.filter((e) => e.type === 'stale').length > before, 10_000, `the stale event (saw ${JSON.stringify(events.slice(-3))})`);
  }, 20_000);

  it('refuses a reply outside the contract (a rogue or outdated backend)', async () => {
    await consumer?.stop();
    consumer = null;
    const { rpc, backend } = client(5000);
    try {
      const outcome = await withChannel(broker.url, async (ch) => {
        // The rogue answers whatever it gets with a reply of the wrong shape.
        await ch.consume(QUERY_QUEUE, (m) => {
          if (!m) return;
          ch.sendToQueue(String(m.properties.replyTo), Buffer.from(JSON.stringify({ ok: true, reply: { taxpayers: 'everyone' } })), {
            correlationId: m.properties.correlationId as string,
          });
          ch.ack(m);
        });
        return codeOf(backend.taxpayersForPerson({ idNumber: PERSON_ID }));
      });
      expect(outcome).toBe('rejected');
    } finally {
      await rpc.close();
    }
  }, 30_000);

  it('times out with no consumer, and fails at once (not at the timeout) when the link breaks mid-call', async () => {
    const { rpc, backend } = client(1500);
    try {
      const t0 = Date.now();
      expect(await codeOf(backend.taxpayersForPerson({ idNumber: PERSON_ID }))).toBe('timeout');
      console.log(`no consumer: timeout after ${Date.now() - t0} ms (limit 1500)`);
      await withChannel(broker.url, (ch) => ch.purgeQueue(QUERY_QUEUE));

      const slow = client(30_000);
      const pending = codeOf(slow.backend.taxpayersForPerson({ idNumber: PERSON_ID }));
      await new Promise((r) => setTimeout(r, 500));
      await broker.ctl('close_all_connections', 'test: link lost');
      expect(await pending).toBe('unreachable');
      await slow.rpc.close();
      await withChannel(broker.url, (ch) => ch.purgeQueue(QUERY_QUEUE));

      // The next call opens a new link; with the consumer back it is answered.
      consumer = startConsumer();
      await waitFor(async () => (await withChannel(broker.url, (ch) => ch.checkQueue(QUERY_QUEUE))).consumerCount > 0 || undefined, 20_000, 'the consumer');
      expect((await backend.taxpayersForPerson({ idNumber: PERSON_ID })).taxpayers.length).toBeGreaterThan(0);
    } finally {
      await rpc.close();
    }
  }, 60_000);

  it('says unreachable when no broker listens', async () => {
    const rpc = new AmqpRpcClient({ url: 'amqp://guest:guest@127.0.0.1:1', appId: 'K', timeoutMs: 2000 });
    expect(await codeOf(amqpTaxBackend(rpc).pickupLookup({ code: 'ABC123' }))).toBe('unreachable');
    await rpc.close();
  });

  it('gives up on a node whose channel never opens, and answers from the next node of the cluster', async () => {
    // The first node in this kiosk's order completes the AMQP handshake and then swallows channel.open.
    const proxy = await startFreezeProxy(broker.port);
    const urls = [proxy.url, broker.url];
    const appId = ['A', 'B', 'C', 'D', 'E', 'F'].map((x) => `KIOSK-FREEZE-${x}`).find((id) => seededShuffle(urls, id)[0] === proxy.url) ?? '';
    const rpc = new AmqpRpcClient({ url: urls.join(','), appId, timeoutMs: 4000, connectTimeoutMs: 1000 });
    const backend = amqpTaxBackend(rpc);
    try {
      const t0 = Date.now();
      // The first call may fail while the client waits on the frozen node; it must not stay stuck there.
      const answered = await waitFor(
        async () => (await codeOf(backend.taxpayersForPerson({ idNumber: PERSON_ID }))) === 'ok',
        15_000,
        'a query answered by the healthy node',
      );
      expect(answered).toBe(true);
      expect(proxy.frozen).toBeGreaterThan(0);
      console.log(`a node that never opens a channel: answered from the next node after ${Date.now() - t0} ms`);
    } finally {
      await rpc.close();
      await proxy.close();
    }
  }, 60_000);

  it('a kiosk host with transport amqp serves a visit from the broker; without an answer the service refuses backendUnreachable', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-rpc-host-'));
    const backend = { transport: 'amqp' as const, url: broker.url, heartbeatSeconds: 30, confirmTimeoutMs: 2000, declareTopology: true, queryTimeoutMs: 1500 };
    const host = await createHost({ dataDir, shell: 'chromium', configOverrides: { backend } });
    const call = async (method: string, payload: unknown = {}): Promise<unknown> => {
      const r = await host.router.call(method, payload, { shell: 'test' });
      if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
      return r.value;
    };
    try {
      await host.start();
      await call('sim.idcard.place', { profile: 'resident' });
      await waitFor(async () => ((await call('session.get')) as { state: string }).state === 'active', 15_000, 'an active session');
      const listed = (await call('taxpayers.list')) as { outcome: string; taxpayers: { id: string }[] };
      expect(listed.outcome).toBe('ok');
      expect(listed.taxpayers.map((t) => t.id)).toContain(SHOP);
      await consumer?.stop();
      consumer = null;
      expect(await call('taxpayers.list')).toEqual({ outcome: 'backendUnreachable' });
    } finally {
      await host.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('npm run sandbox -- --amqp URL answers queries as well as intake', async () => {
    expect(consumer).toBeNull(); // nobody else serves tax.queries now
    const bundle = path.join(dir, 'sandbox.cjs');
    await build({
      entryPoints: [path.resolve(__dirname, '../../backend/sandbox/main.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      outfile: bundle,
      logLevel: 'error',
    });
    const proc = spawn(process.execPath, [bundle, '--amqp', broker.url, '--data-dir', path.join(dir, 'sandbox-data')], {
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => proc.once('close', (code) => resolve(code)));
    const { rpc, backend } = client();
    try {
      await waitFor(() => /^queries: connected$/m.test(out) && /^connected$/m.test(out), 30_000, `the sandbox to connect (said: ${out})`);
      expect((await backend.taxpayersForPerson({ idNumber: PERSON_ID })).taxpayers.map((t) => t.id)).toContain(SHOP);
      await waitFor(() => /query taxpayers\.forPerson: answered/.test(out), 5000, 'its log line');
    } finally {
      await rpc.close();
      proc.kill('SIGTERM');
      await exited;
    }
  }, 90_000);
});
