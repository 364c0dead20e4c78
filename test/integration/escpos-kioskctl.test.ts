import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { startEscposSimulator, type EscposSimulator } from '../../devices/simulators/escpos/escpos-simulator';
import { startEscpSimulator } from '../../devices/simulators/escp/escp-simulator';
import { waitFor } from './idcard-helpers';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough();
  const controller = new AbortController();
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin, stopSignal: controller.signal };
  return { io, out, err, stdin, controller };
}

let sim: EscposSimulator | null = null;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await sim?.close();
  sim = null;
});

describe('kioskctl printer status', () => {
  it('exits 0 and prints every field when the printer is ready', async () => {
    sim = await startEscposSimulator();
    const c = captureIo();
    expect(await main(['printer', 'status', '--port', sim.portPath, '--model', 'escpos'], c.io)).toBe(0);
    expect(c.out).toEqual([
      'kind: receipt',
      'device: online',
      'paper: full',
      'coverOpen: false',
      'cutterError: false',
      `port: ${sim.portPath}`,
      'model: escpos',
      'detail: null',
      'ready: yes',
    ]);
    expect(c.err).toEqual([]);
  });

  it('exits 1 with the reason in words when reachable but out of paper (--json)', async () => {
    sim = await startEscposSimulator({ state: 'paper-out' });
    const c = captureIo();
    expect(await main(['printer', 'status', '--port', sim.portPath, '--model', 'escpos', '--json'], c.io)).toBe(1);
    const json = JSON.parse(c.out.join('')) as Record<string, unknown>;
    expect(json).toMatchObject({ kind: 'receipt', device: 'offline', paper: 'out', coverOpen: false, cutterError: false, ready: false, fault: 'paperOut' });
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['kind', 'device', 'paper', 'coverOpen', 'cutterError', 'port', 'model', 'detail']));
    expect(c.err.join('\n')).toContain('not ready: out of paper');
  });

  it('exits 1 for an open cover and a jam, 0 with paper low', async () => {
    sim = await startEscposSimulator({ state: 'cover-open' });
    const c = captureIo();
    expect(await main(['printer', 'status', '--port', sim.portPath, '--model', 'escpos'], c.io)).toBe(1);
    expect(c.err.join('\n')).toContain('the cover is open');
    sim.setState('jam');
    const j = captureIo();
    expect(await main(['printer', 'status', '--port', sim.portPath, '--model', 'escpos'], j.io)).toBe(1);
    expect(j.err.join('\n')).toContain('paper jammed');
    expect(j.out).toContain('cutterError: true');
    sim.setState('paper-low');
    const l = captureIo();
    expect(await main(['printer', 'status', '--port', sim.portPath, '--model', 'escpos'], l.io)).toBe(0);
    expect(l.out).toContain('paper: low');
  });

  it('exits 3 when there is no printer on the port', async () => {
    const c = captureIo();
    expect(await main(['printer', 'status', '--port', '/tmp/no-such-printer', '--model', 'escpos'], c.io)).toBe(3);
    expect(c.out).toContain('device: noDevice');
    expect(c.err.join('\n')).toContain('device error: no printer on the port');
  });

  it('exits 64 on a bad --model', async () => {
    const c = captureIo();
    expect(await main(['printer', 'status', '--port', '/dev/null', '--model', 'zebra'], c.io)).toBe(64);
    expect(c.err.join('\n')).toContain('--model must be one of: escpos, escp');
  });
});

describe('kioskctl printer test', () => {
  it('prints the test page (exit 0): Chinese sample, aligned pairs, ruler, QR', async () => {
    sim = await startEscposSimulator();
    const c = captureIo();
    expect(await main(['printer', 'test', '--port', sim.portPath, '--model', 'escpos'], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('test page printed');
    const [page] = sim.printed();
    expect(page?.lines).toContain('              国家税务总局 测试页');
    expect(page?.lines).toContain('123456789012345678901234567890123456789012345678');
    expect(page?.lines).toContain('合计' + ' '.repeat(48 - 4 - 10) + '¥1,234.56');
    expect(page?.lines).toContain('Total' + ' '.repeat(48 - 5 - 10) + '¥1,234.56');
    expect(page?.lines.some((l) => l.startsWith('Port') && l.endsWith(sim?.portPath ?? '?'))).toBe(true);
    expect(page?.qr[0]).toMatch(/^TEST PAGE escpos \d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it('exits 1 and says why when the printer is not ready; nothing is sent', async () => {
    sim = await startEscposSimulator({ state: 'cover-open' });
    const c = captureIo();
    expect(await main(['printer', 'test', '--port', sim.portPath, '--model', 'escpos'], c.io)).toBe(1);
    expect(c.err.join('\n')).toContain('not printed, the cover is open');
    expect(sim.stats().jobBytes).toBe(0);
  });

  it('exits 3 when the printer is missing, and 1 when the paper runs out mid-page', async () => {
    const c = captureIo();
    expect(await main(['printer', 'test', '--port', '/tmp/no-such-printer', '--model', 'escpos'], c.io)).toBe(3);
    expect(c.err.join('\n')).toContain('no printer on the port');
    sim = await startEscposSimulator({ paperOutAfterLines: 5 });
    const m = captureIo();
    expect(await main(['printer', 'test', '--port', sim.portPath, '--model', 'escpos', '--json'], m.io)).toBe(1);
    expect(JSON.parse(m.out.join(''))).toMatchObject({ ok: false, fault: 'paperOut' });
    expect(sim.printed()).toEqual([]);
  });
});

describe('kioskctl sim printer', () => {
  it('prints the port first, obeys state/quit on stdin and writes what it printed to --out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-printer-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const outFile = path.join(dir, 'printed.txt');
    const s = captureIo();
    const run = main(['sim', 'printer', '--model', 'escpos', '--state', 'paper-out', '--out', outFile], s.io);
    cleanups.push(async () => {
      s.controller.abort();
      await run;
    });
    const portLine = await waitFor('port line', () => s.out[0]);
    expect(portLine).toMatch(/^port: \//);
    const port = portLine.slice('port: '.length);

    const refused = captureIo();
    expect(await main(['printer', 'test', '--port', port, '--model', 'escpos'], refused.io)).toBe(1);
    s.stdin.write('state ready\n');
    await waitFor('state reply', () => s.out.includes('ok state ready'));
    const printed = captureIo();
    expect(await main(['printer', 'test', '--port', port, '--model', 'escpos'], printed.io)).toBe(0);
    await waitFor('printed text in the file', () => fs.existsSync(outFile) && fs.readFileSync(outFile, 'utf8').includes('--- cut ---'));
    const text = fs.readFileSync(outFile, 'utf8');
    expect(text).toContain('国家税务总局 测试页');
    expect(text.split('--- cut ---')).toHaveLength(2); // exactly one receipt: the refused one never printed

    s.stdin.write('bogus\n');
    await waitFor('error reply', () => s.out.some((l) => l.startsWith('error unknown command')));
    s.stdin.write('quit\n');
    expect(await run).toBe(0);
    expect(s.out).toContain('ok bye');
    expect(fs.existsSync(port)).toBe(false);
  });
});

describe('kioskctl printer status/test --model escp (dispatch to the invoice printer)', () => {
  it('reads the invoice printer status through the same command', async () => {
    const escp = await startEscpSimulator({ state: 'paper-out' });
    cleanups.push(() => escp.close());
    const c = captureIo();
    expect(await main(['printer', 'status', '--port', escp.portPath, '--model', 'escp'], c.io)).toBe(1);
    expect(c.out).toContain('kind: invoice');
    expect(c.out).toContain('paper: out');
    escp.setState('ready');
    const t = captureIo();
    expect(await main(['printer', 'test', '--port', escp.portPath, '--model', 'escp'], t.io)).toBe(0);
    await waitFor('a page', () => escp.pages().length > 0);
  });
});
