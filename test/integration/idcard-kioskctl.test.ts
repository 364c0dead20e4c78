import { PassThrough } from 'node:stream';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { startIdCardSimulator, type IdCardSimulator } from '../../devices/simulators/idcard/idcard-simulator';
import { waitFor } from './idcard-helpers';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough();
  const controller = new AbortController();
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin, stopSignal: controller.signal };
  return { io, out, err, stdin, controller };
}

let sim: IdCardSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('kioskctl idcard read', () => {
  it('exits 0 and prints every field of the card, including validTo null for 长期', async () => {
    sim = await startIdCardSimulator({ profile: 'resident-long-term' });
    const c = captureIo();
    expect(await main(['idcard', 'read', '--port', sim.portPath, '--timeout', '5000'], c.io)).toBe(0);
    expect(c.out).toContain('cardType: resident');
    expect(c.out).toContain('name: 测试乙');
    expect(c.out).toContain('nation: 03 回');
    expect(c.out).toContain('idNumber: 370102196005150024');
    expect(c.out).toContain('validTo: null');
    expect(c.out.some((l) => l.startsWith('checks: checkCharacter=pass'))).toBe(true);
  });

  it('prints one JSON object with --json, with type-specific fields and checks', async () => {
    sim = await startIdCardSimulator({ profile: 'resident-bad-check' });
    const c = captureIo();
    expect(await main(['idcard', 'read', '--port', sim.portPath, '--json'], c.io)).toBe(0);
    const result = JSON.parse(c.out.join('\n')) as { card: { idNumber: string; address: string }; checks: { checkCharacter: string }; rejection: string };
    expect(result.card.idNumber).toBe('440304197808080039');
    expect(result.checks.checkCharacter).toBe('fail');
    expect(result.rejection).toBe('badCheckCharacter');
  });

  it('exits 2 when no card comes before the timeout', async () => {
    sim = await startIdCardSimulator();
    const c = captureIo();
    const started = Date.now();
    expect(await main(['idcard', 'read', '--port', sim.portPath, '--timeout', '600'], c.io)).toBe(2);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(c.err.join('\n')).toContain('no card');
  });

  it('exits 3 when the port does not exist', async () => {
    const c = captureIo();
    expect(await main(['idcard', 'read', '--port', '/tmp/no-such-reader', '--timeout', '3000'], c.io)).toBe(3);
    expect(c.err.join('\n')).toContain('noDevice');
  });

  it('exits 3 when the reader is unplugged while waiting', async () => {
    sim = await startIdCardSimulator();
    const c = captureIo();
    const run = main(['idcard', 'read', '--port', sim.portPath, '--timeout', '5000'], c.io);
    await new Promise((r) => setTimeout(r, 700));
    await sim.unplug();
    expect(await run).toBe(3);
  });

  it('exits 4 on a protocol error (SW3 41: card lifted mid-read)', async () => {
    sim = await startIdCardSimulator({ profile: 'resident' });
    sim.fault('liftMidRead');
    const c = captureIo();
    expect(await main(['idcard', 'read', '--port', sim.portPath, '--timeout', '5000'], c.io)).toBe(4);
    expect(c.err.join('\n')).toContain('41');
  });

  it('exits 4 on a bad checksum', async () => {
    sim = await startIdCardSimulator({ profile: 'foreign-2017' });
    sim.fault('badChecksumOnRead');
    const c = captureIo();
    expect(await main(['idcard', 'read', '--port', sim.portPath, '--timeout', '5000'], c.io)).toBe(4);
  });

  it('exits 4, not 3 ("no SAM answer"), when the reader answers but every answer fails its checksum', async () => {
    sim = await startIdCardSimulator({ profile: 'resident' });
    sim.fault('badChecksumAlways');
    const c = captureIo();
    expect(await main(['idcard', 'read', '--port', sim.portPath, '--timeout', '5000'], c.io)).toBe(4);
    expect(c.err.join('\n')).toMatch(/checksum/);
    expect(c.err.join('\n')).not.toContain('no SAM answer');
  });

  it('exits 3 with "no SAM answer" when the reader does not answer at all', async () => {
    sim = await startIdCardSimulator({ profile: 'resident' });
    sim.fault('silence');
    const c = captureIo();
    expect(await main(['idcard', 'read', '--port', sim.portPath, '--timeout', '5000'], c.io)).toBe(3);
    expect(c.err.join('\n')).toContain('no SAM answer');
  });

  it('exits 64 without --port and documents the exit codes in --help', async () => {
    const c = captureIo();
    expect(await main(['idcard', 'read'], c.io)).toBe(64);
    const h = captureIo();
    expect(await main(['idcard', 'read', '--help'], h.io)).toBe(0);
    expect(h.out.join('\n')).toMatch(/3\s+device or transport error/);
  });
});

describe('kioskctl sim idcard', () => {
  it('prints its port first, answers control lines, and serves reads to kioskctl idcard read', async () => {
    const c = captureIo();
    const run = main(['sim', 'idcard'], c.io);
    const first = await waitFor('port line', () => c.out[0]);
    expect(first).toMatch(/^port: \//);
    const port = first.slice('port: '.length);
    expect(fs.existsSync(port)).toBe(true);
    const reply = async (line: string) => {
      const n = c.out.length;
      c.stdin.write(line + '\n');
      return waitFor(`reply to ${line}`, () => c.out[n]);
    };
    expect(await reply('profiles')).toContain('foreign-2023');
    expect(await reply('place nobody')).toMatch(/^error unknown profile/);
    expect(await reply('fault bogus')).toMatch(/^error /);
    expect(await reply('frobnicate')).toMatch(/^error unknown command/);
    expect(await reply('place foreign-2023')).toBe('ok placed foreign-2023');

    const reader = captureIo();
    expect(await main(['idcard', 'read', '--port', port, '--json'], reader.io)).toBe(0);
    expect(JSON.parse(reader.out[0] ?? '{}').card.cardType).toBe('foreignPermanent2023');

    expect(await reply('lift')).toBe('ok lifted');
    expect(await reply('unplug')).toBe('ok unplugged');
    expect(fs.existsSync(port)).toBe(false);
    expect(await reply('replug')).toBe(`ok replugged ${port}`);
    expect(fs.existsSync(port)).toBe(true);
    expect(await reply('quit')).toBe('ok bye');
    expect(await run).toBe(0);
    expect(fs.existsSync(port)).toBe(false);
  });

  it('stops on the stop signal', async () => {
    const c = captureIo();
    const run = main(['sim', 'idcard', '--profile', 'resident'], c.io);
    await waitFor('port line', () => c.out[0]);
    c.controller.abort();
    expect(await run).toBe(0);
  });

  it('refuses an unknown --profile as a usage error', async () => {
    const c = captureIo();
    expect(await main(['sim', 'idcard', '--profile', 'nobody'], c.io)).toBe(64);
  });
});
