import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { createInvoicePrinter, type InvoicePrinter } from '../../devices/printers/escp/invoice-printer';
import { CHAR_HEIGHT_MM, defaultInvoiceTemplate } from '../../devices/printers/escp/form-template';
import { hToMm, vToMm } from '../../devices/printers/escp/escp-encoder';
import { startEscpSimulator, type EscpSimulator } from '../../devices/simulators/escp/escp-simulator';
import { checkPlacement } from '../../devices/simulators/escp/page-image';
import type { FrameTap } from '../../devices/printers/printer-types';
import type { PrinterStatus } from '../../shared/domain/device-status';
import { sampleInvoice } from '../unit/printers/escp-sample';
import { waitFor } from './idcard-helpers';

const template = defaultInvoiceTemplate();
let sim: EscpSimulator | null = null;
let printer: InvoicePrinter | null = null;
const dirs: string[] = [];

afterEach(async () => {
  await printer?.stop();
  printer = null;
  await sim?.close();
  sim = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function connected(calibration = { dxTenthMm: 0, dyTenthMm: 0 }) {
  sim = await startEscpSimulator();
  const statuses: PrinterStatus[] = [];
  const frames: FrameTap[] = [];
  printer = createInvoicePrinter({ port: sim.portPath, calibration: () => calibration, pollIntervalMs: 100, statusTimeoutMs: 1000, reconnectIntervalMs: 200 });
  printer.onStatus((s) => statuses.push(s));
  printer.onFrame((f) => frames.push(f));
  printer.start();
  const p = printer;
  await waitFor('printer online', () => p.status().device === 'online');
  return { sim, printer: p, statuses, frames };
}

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  return { io, out, err };
}

describe('invoice printer over a PTY', () => {
  it('prints a form that lands on the simulator page with every field in its box; taps carry no invoice content', async () => {
    const { sim, printer, frames } = await connected();
    const data = sampleInvoice();
    const outcome = await printer.printForm(data);
    expect(outcome).toMatchObject({ ok: true });
    await waitFor('page', () => sim.pages().length === 1);
    const page = sim.pages()[0]!;
    expect(page.runs).toHaveLength(Object.keys(template.fields).length);
    expect(checkPlacement(page, template)).toEqual([]);
    expect(page.runs.map((r) => r.text)).toContain(data.seller.name);
    const tapped = frames.map((f) => f.summary).join('\n') + frames.map((f) => Buffer.from(f.bytes).toString('latin1')).join('');
    expect(tapped).not.toContain(data.number);
    expect(tapped).toContain('content withheld');
  });

  it('refuses to print with paper out, and nothing reaches the paper', async () => {
    const { sim, printer } = await connected();
    sim.setState('paper-out');
    const outcome = await printer.printForm(sampleInvoice(1));
    expect(outcome).toMatchObject({ ok: false, code: 'deviceNotReady', fault: 'paperOut' });
    expect(sim.stats().jobBytes).toBe(0);
    expect(sim.pages()).toEqual([]);
    expect(printer.status().paper).toBe('out');
  });

  it('reports failed when the printer vanishes mid-job, then finds it again after replug', async () => {
    const { sim, printer, statuses } = await connected();
    sim.unplugAfterJobBytes(300);
    const outcome = await printer.printForm(sampleInvoice());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.fault).toBe('noDevice');
    expect(sim.pages()).toEqual([]);
    await waitFor('noDevice', () => printer.status().device === 'noDevice');
    await sim.replug();
    await waitFor('online again', () => printer.status().device === 'online', 10_000).catch((e: unknown) => {
      throw new Error(`${String(e)}: ${JSON.stringify(statuses)}`);
    });
    expect(statuses.map((s) => s.device)).toEqual(expect.arrayContaining(['online', 'noDevice']));
    expect(await printer.printGrid()).toMatchObject({ ok: true });
  });

  it('feeds blank forms and counts them; stops at paper out with the exact count', async () => {
    const { sim, printer } = await connected();
    expect(await printer.ejectBlankForms(3)).toMatchObject({ ok: true, formsFed: 3 });
    await waitFor('3 pages', () => sim.pages().length === 3);
    expect(sim.pages().every((p) => p.runs.length === 0)).toBe(true);
    sim.paperOutAfterPages(2);
    const short = await printer.ejectBlankForms(5);
    expect(short).toMatchObject({ ok: false, fault: 'paperOut', formsFed: 2 });
    expect(sim.pages()).toHaveLength(5);
  });
});

describe('kioskctl printer calibrate / grid', () => {
  it('stores the calibration and prints the grid with it applied', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-escp-data-'));
    dirs.push(dataDir);
    const show = captureIo();
    expect(await main(['printer', 'calibrate', '--data-dir', dataDir], show.io)).toBe(0);
    expect(show.out.join('\n')).toContain('dx +0.0 mm, dy +0.0 mm');
    const set = captureIo();
    expect(await main(['printer', 'calibrate', '--dx', '1.5', '--dy=-2.0', '--data-dir', dataDir], set.io)).toBe(0);
    expect(set.out).toEqual(['old: dx +0.0 mm, dy +0.0 mm', 'new: dx +1.5 mm, dy -2.0 mm']);
    const json = captureIo();
    expect(await main(['printer', 'calibrate', '--dy=-1.0', '--data-dir', dataDir, '--json'], json.io)).toBe(0);
    expect(JSON.parse(json.out[0] ?? '{}')).toEqual({ old: { dxMm: 1.5, dyMm: -2 }, new: { dxMm: 1.5, dyMm: -1 } });
    const bad = captureIo();
    expect(await main(['printer', 'calibrate', '--dx', '10.1', '--data-dir', dataDir], bad.io)).toBe(64);

    sim = await startEscpSimulator();
    const grid = captureIo();
    expect(await main(['printer', 'grid', '--port', sim.portPath, '--data-dir', dataDir], grid.io)).toBe(0);
    expect(grid.out.join('\n')).toContain('dx +1.5 mm, dy -1.0 mm');
    await waitFor('grid page', () => sim?.pages().length === 1);
    const code = template.fields.code!;
    const mark = sim.pages()[0]!.runs.find((r) => r.text === '┌' && Math.abs(r.xMm + r.widthMm / 2 - (code.xMm + 1.5)) <= hToMm(0.5) + 1e-9);
    expect(mark).toBeDefined();
    expect(Math.abs(mark!.yMm + CHAR_HEIGHT_MM / 2 - (code.yMm - 1.0))).toBeLessThanOrEqual(vToMm(0.5) + 1e-9);

    sim.setState('cover-open');
    const notReady = captureIo();
    expect(await main(['printer', 'grid', '--port', sim.portPath, '--data-dir', dataDir], notReady.io)).toBe(1);
    expect(notReady.err.join('\n')).toContain('coverOpen');
  });

  it('exits 3 when the port does not exist', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-escp-data-'));
    dirs.push(dataDir);
    const c = captureIo();
    expect(await main(['printer', 'grid', '--port', '/tmp/no-such-invoice-printer', '--data-dir', dataDir], c.io)).toBe(3);
  });
});
