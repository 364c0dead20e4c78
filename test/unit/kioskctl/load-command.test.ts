import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/kioskctl/main';
import type { CommandIo } from '../../../electron/kioskctl/command';
import { paymentSettled, pickService, prng, type Call } from '../../../electron/kioskctl/commands/load-visits';

async function run(...args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const io: CommandIo = { out: () => undefined, err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  return { code: await main(args, io), err: err.join('\n') };
}

describe('kioskctl load', () => {
  it('refuses a run without a sane --visits, or with a bad broker URL (exit 64), before starting anything', async () => {
    expect(await run('load')).toMatchObject({ code: 64, err: expect.stringContaining('--visits N is required') });
    expect((await run('load', '--visits', '0')).code).toBe(64);
    expect((await run('load', '--visits', 'many')).code).toBe(64);
    expect((await run('load', '--visits', '3', '--amqp', 'http://broker')).code).toBe(64);
  });

  it('the same seed drives the same mix of services; every service is in it', () => {
    const mix = (seed: number) => {
      const rand = prng(seed);
      return Array.from({ length: 200 }, () => pickService(rand));
    };
    expect(mix(7)).toEqual(mix(7));
    expect(mix(7)).not.toEqual(mix(8));
    expect(new Set(mix(7))).toEqual(new Set(['collection', 'issuance', 'certificate', 'credit', 'public']));
  });
});

describe('kioskctl load with no backend', () => {
  it('ends with exit 1 and says the collection invariants were not checked, instead of crashing', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kioskctl-load-nobackend-'));
    try {
      // A run on the in-process sandbox leaves collections this month, whose quota the check asks the backend about.
      const first = await run('load', '--visits', '8', '--seed', '7', '--data-dir', dataDir);
      expect(first.code, first.err).toBe(0);
      // Then a broker nobody listens on (port 1): every query is refused at once.
      const r = await run('load', '--visits', '1', '--seed', '7', '--amqp', 'amqp://guest:guest@127.0.0.1:1', '--data-dir', dataDir);
      expect(r.err).toContain('collection invariants not checked');
      expect(r.code).toBe(1);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('kioskctl load: a visit waiting for its payment', () => {
  it('keeps asking through "unknown" (the backend could not be asked), as the payment screen does, until paid', async () => {
    const answers = ['pending', 'unknown', 'unknown', 'paid'];
    const asked: string[] = [];
    const call: Call = (method) => {
      asked.push(method);
      return Promise.resolve({ ok: true, value: { status: answers[Math.min(asked.length - 1, answers.length - 1)] ?? 'paid' } });
    };
    expect(await paymentSettled(call, 'T1', 5000, 1)).toEqual({ status: 'paid' });
    expect(asked).toHaveLength(4);
  });

  it('gives up after its wait, answering the last status', async () => {
    const call: Call = () => Promise.resolve({ ok: true, value: { status: 'unknown' } });
    expect(await paymentSettled(call, 'T1', 30, 5)).toEqual({ status: 'unknown' });
  });
});
