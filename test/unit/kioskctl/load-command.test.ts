import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/kioskctl/main';
import type { CommandIo } from '../../../electron/kioskctl/command';
import { pickService, prng } from '../../../electron/kioskctl/commands/load-visits';

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
