import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_QUEUE } from '../../shared/backend';
import { AmqpRpcClient } from '../../electron/host/sync/rpc-client';
import { QUEUES } from '../../electron/host/sync/topology';
import { createSandboxBackend, type SandboxBackend } from '../../backend/sandbox';
import { IntakeConsumer, type IntakeEvent } from '../../backend/sandbox/amqp-intake';
import { RpcConsumer, type RpcEvent } from '../../backend/sandbox/amqp-rpc';
import { startBroker, type Broker } from '../support/rabbitmq';
import { waitFor, withChannel } from './sync-helpers';

/**
 * A broker whose queues were declared by someone else with other arguments
 * answers our declare with 406 PRECONDITION_FAILED, closing the channel with
 * an 'error' event. Every link must hear it: it fails that connect (and is
 * retried with backoff, or the call answers `unreachable`) instead of
 * surfacing as an uncaught exception that would end the process.
 */
let broker: Broker;
let backend: SandboxBackend;

beforeAll(async () => {
  broker = await startBroker('channel-errors');
  // Classic queues without the quorum arguments our topology declares.
  await withChannel(broker.url, async (channel) => {
    await channel.assertQueue(QUEUES.national.queue, { durable: true });
    await channel.assertQueue(QUERY_QUEUE, { durable: true });
  });
  backend = createSandboxBackend({ dbPath: ':memory:' });
}, 120_000);
afterAll(async () => {
  backend?.close();
  await broker?.dispose();
}, 60_000);

describe('a declare the broker refuses (406)', () => {
  it('fails the intake consumer connect and is retried, without an uncaught exception', async () => {
    const events: IntakeEvent[] = [];
    const consumer = new IntakeConsumer({ url: broker.url, backend, reconnect: { baseMs: 50, capMs: 200 }, onEvent: (e) => events.push(e) });
    consumer.start();
    try {
      await waitFor(() => events.filter((e) => e.type === 'connectFailed').length >= 2, 20_000, 'two failed connects');
    } finally {
      await consumer.stop();
    }
    const failed = events.find((e) => e.type === 'connectFailed');
    expect(failed && 'error' in failed ? failed.error : '').toMatch(/PRECONDITION_FAILED/);
    expect(events.some((e) => e.type === 'connected')).toBe(false);
  }, 60_000);

  it('fails the query consumer connect the same way', async () => {
    const events: RpcEvent[] = [];
    const consumer = new RpcConsumer({ url: broker.url, backend, reconnect: { baseMs: 50, capMs: 200 }, onEvent: (e) => events.push(e) });
    consumer.start();
    try {
      await waitFor(() => events.some((e) => e.type === 'connectFailed'), 20_000, 'a failed connect');
    } finally {
      await consumer.stop();
    }
    expect(events.some((e) => e.type === 'connected')).toBe(false);
  }, 60_000);

  it('answers a kiosk query unreachable', async () => {
    const client = new AmqpRpcClient({ url: broker.url, appId: 'KIOSK-TEST-0001', timeoutMs: 5000 });
    try {
      await expect(client.call('pickup.lookup', { code: '80000001' })).rejects.toMatchObject({ code: 'unreachable' });
    } finally {
      await client.close();
    }
  }, 30_000);
});
