import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createReceiptPrinter, type ReceiptPrinter } from '../../devices/printers/escpos/receipt-printer';
import { renderReceiptText } from '../../devices/printers/escpos/text-render';
import { startEscposSimulator, type EscposSimulator } from '../../devices/simulators/escpos/escpos-simulator';
import type { FrameTap } from '../../devices/printers/printer-types';
import type { PrinterStatus } from '../../shared/domain/device-status';
import type { Receipt } from '../../shared/domain/receipt';
import { SerialPort } from 'serialport';
import { createPtyPair } from '../../devices/simulators/pty-pair';
import { waitFor } from './idcard-helpers';

const RECEIPT: Receipt = {
  lines: [
    { type: 'text', text: '国家税务总局', align: 'center', bold: true, size: 2 },
    { type: 'text', text: '个人所得税完税证明', align: 'center' },
    { type: 'separator' },
    { type: 'pair', label: '纳税人', value: '测试甲' },
    { type: 'pair', label: '合计', value: '¥1,234.00', bold: true },
    { type: 'pair', label: 'Total', value: '¥1,234.00' },
    { type: 'separator' },
    { type: 'qr', data: 'https://etax.example.cn/v?c=0001' },
    { type: 'feed', lines: 1 },
  ],
};

let sim: EscposSimulator | null = null;
let printer: ReceiptPrinter | null = null;

afterEach(async () => {
  await printer?.stop();
  await sim?.close();
  printer = null;
  sim = null;
});

afterAll(() => {
  // Every socat this worker started is gone.
  let children: string;
  try {
    children = execFileSync('pgrep', ['-P', String(process.pid), 'socat'], { encoding: 'utf8' });
  } catch {
    children = ''; // pgrep exits 1 when nothing matches
  }
  expect(children.trim()).toBe('');
});

function recordingPrinter(port: string) {
  const p = createReceiptPrinter({ port, pollIntervalMs: 80, statusTimeoutMs: 1000, reconnectIntervalMs: 200, printTimeMs: () => 30 });
  const statuses: PrinterStatus[] = [];
  const thresholds: string[] = [];
  const frames: FrameTap[] = [];
  p.onStatus((s) => statuses.push(s));
  p.onPaperThreshold((t) => thresholds.push(t));
  p.onFrame((f) => frames.push(f));
  p.start();
  return { p, statuses, thresholds, frames };
}

async function setup(options: Parameters<typeof startEscposSimulator>[0] = {}) {
  sim = await startEscposSimulator(options);
  const rec = recordingPrinter(sim.portPath);
  printer = rec.p;
  await waitFor('printer answering', () => rec.p.stateName() === 'idle');
  return { sim, ...rec };
}

describe('receipt printer over a real PTY', () => {
  it('prints a receipt that arrives at the printer as the right Chinese text, in one cut', async () => {
    const { sim, p, frames } = await setup();
    const printed = new Promise((resolve) => sim.onPrinted(resolve));
    expect(await p.printReceipt(RECEIPT)).toEqual({ ok: true });
    await printed;
    const [receipt] = sim.printed();
    expect(receipt?.lines).toEqual(renderReceiptText(RECEIPT, 48));
    expect(receipt?.lines[0]).toBe('            国家税务总局');
    expect(receipt?.lines).toContain('合计' + ' '.repeat(34) + '¥1,234.00');
    expect(receipt?.qr).toEqual(['https://etax.example.cn/v?c=0001']);
    expect(sim.printed()).toHaveLength(1);
    // The diagnostics tap shows the job's length, never its content.
    const job = frames.find((f) => f.summary.startsWith('receipt job'));
    expect(job?.summary).toMatch(/^receipt job, \d+ B \(content withheld\)$/);
    expect(job?.bytes.length).toBe(0);
    expect(frames.some((f) => f.summary === 'DLE EOT 4 (paper sensor status)' && f.direction === 'tx')).toBe(true);
  });

  it('refuses to print when the printer says paper out: nothing sent, ok:false, fault paperOut', async () => {
    const { sim, p } = await setup({ state: 'paper-out' });
    await waitFor('paper out seen', () => p.status().paper === 'out');
    const outcome = await p.printReceipt(RECEIPT);
    expect(outcome).toMatchObject({ ok: false, code: 'deviceNotReady', fault: 'paperOut' });
    await new Promise((r) => setTimeout(r, 150));
    expect(sim.printed()).toEqual([]);
    expect(sim.partial().lines).toEqual([]);
    expect(sim.stats().jobBytes).toBe(0);
  });

  it('refuses to print with the cover open, and with a jam', async () => {
    const { sim, p } = await setup({ state: 'cover-open' });
    expect(await p.printReceipt(RECEIPT)).toMatchObject({ ok: false, fault: 'coverOpen' });
    sim.setState('jam');
    expect(await p.printReceipt(RECEIPT)).toMatchObject({ ok: false, code: 'hardwareError', fault: 'jammed' });
    expect(sim.stats().jobBytes).toBe(0);
    sim.setState('ready');
    expect(await p.printReceipt(RECEIPT)).toEqual({ ok: true });
    expect(sim.printed()).toHaveLength(1);
  });

  it('reports a print as failed when the paper runs out mid-job', async () => {
    const { sim, p, thresholds } = await setup();
    sim.paperOutAfterLines(3);
    const outcome = await p.printReceipt(RECEIPT);
    expect(outcome).toMatchObject({ ok: false, fault: 'paperOut' });
    expect(outcome.ok ? '' : outcome.detail).toContain('during the job');
    expect(sim.printed()).toEqual([]);
    expect(sim.partial().lines).toHaveLength(3);
    expect(p.status().paper).toBe('out');
    expect(thresholds).toEqual(['out']);
  });

  it('reports a print as failed when the printer vanishes mid-job, then noDevice, then online after replug', async () => {
    const { sim, p } = await setup();
    sim.unplugAfterLines(2);
    const outcome = await p.printReceipt(RECEIPT);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? null : outcome.fault).toMatch(/^(noDevice|hardwareError)$/);
    await waitFor('noDevice', () => p.status().device === 'noDevice', 3000);
    expect(await p.printReceipt(RECEIPT)).toMatchObject({ ok: false, fault: 'noDevice' });
    await sim.replug();
    await waitFor('online again', () => p.status().device === 'online', 4000);
    expect(await p.printReceipt(RECEIPT)).toEqual({ ok: true });
    // The two lines printed before the printer vanished are still on the paper: the next cut takes them along.
    const [after] = sim.printed();
    expect(after?.lines.slice(0, 2)).toEqual(renderReceiptText(RECEIPT, 48).slice(0, 2));
    expect(after?.lines.slice(2)).toEqual(renderReceiptText(RECEIPT, 48));
  });

  it('emits threshold events once per crossing: low, out, full', async () => {
    const { sim, p, thresholds, statuses } = await setup();
    sim.setState('paper-low');
    await waitFor('low', () => thresholds.includes('low'));
    expect(p.status()).toMatchObject({ device: 'online', paper: 'low' });
    await new Promise((r) => setTimeout(r, 250)); // several polls: still one event
    sim.setState('paper-out');
    await waitFor('out', () => thresholds.includes('out'));
    // Paper out also takes the printer offline (n=1 bit3); the fault names the paper.
    await waitFor('offline by paper end', () => p.status().device === 'offline' && p.status().paper === 'out');
    sim.setState('ready');
    await waitFor('full', () => thresholds.includes('full'));
    expect(thresholds).toEqual(['low', 'out', 'full']);
    expect(statuses.at(-1)).toMatchObject({ device: 'online', paper: 'full' });
  });

  it('prints with paper low and says so', async () => {
    const { p } = await setup({ state: 'paper-low' });
    expect(await p.printReceipt(RECEIPT)).toEqual({ ok: true, detail: 'paper low' });
  });

  it('shows noDevice for a port that does not exist, and finds the printer when it appears', async () => {
    sim = await startEscposSimulator();
    const path = sim.portPath;
    await sim.unplug();
    const rec = recordingPrinter(path);
    printer = rec.p;
    expect((await rec.p.refreshStatus()).device).toBe('noDevice');
    expect(await rec.p.printReceipt(RECEIPT)).toMatchObject({ ok: false, code: 'deviceNotReady', fault: 'noDevice' });
    await sim.replug();
    await waitFor('online', () => rec.p.status().device === 'online', 4000);
  });

  it('rejects an invalid receipt without touching the printer', async () => {
    const { sim, p } = await setup();
    const outcome = await p.printReceipt({ lines: [{ type: 'qr', data: '' }] });
    expect(outcome).toMatchObject({ ok: false, code: 'invalidData', fault: null });
    expect(sim.stats().jobBytes).toBe(0);
  });

  it('a printer that does not answer, or answers bytes without the fixed bits, is a hardware error, never printed', async () => {
    const pair = await createPtyPair();
    const far = new SerialPort({ path: pair.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => far.open((e) => (e ? reject(e) : resolve())));
    let garbage = false;
    far.on('data', (chunk: Buffer) => {
      if (garbage) far.write(Buffer.alloc(chunk.length, 0x00)); // 00: bits 1 and 4 not set
    });
    try {
      const rec = recordingPrinter(pair.a);
      printer = rec.p;
      await waitFor('no answer', () => rec.p.stateName() === 'noAnswer', 3000);
      expect(rec.p.status()).toMatchObject({ device: 'hardwareError', paper: 'unknown' });
      expect(rec.p.status().detail).toContain('no answer to DLE EOT 1');
      expect(await rec.p.printReceipt(RECEIPT)).toMatchObject({ ok: false, code: 'timeOut', fault: 'hardwareError' });
      garbage = true;
      await waitFor('protocol error', () => rec.p.status().detail?.includes('not a DLE EOT answer'), 3000);
      expect(await rec.p.printReceipt(RECEIPT)).toMatchObject({ ok: false, fault: 'hardwareError' });
      await rec.p.stop();
      printer = null;
    } finally {
      await new Promise<void>((resolve) => far.close(() => resolve()));
      await pair.close();
    }
  });
});
