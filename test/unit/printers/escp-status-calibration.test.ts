import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printerFault } from '../../../shared/domain/device-status';
import { STATUS_REQUESTS, combineAnswers, parseStatusByte, type StatusAnswer } from '../../../devices/printers/escpos/status';
import { toInvoicePrinterStatus } from '../../../devices/printers/escp/escp-status';
import { statusBytes } from '../../../devices/simulators/escpos/escpos-simulator';
import { openDatabase } from '../../../electron/host/db/database';
import { formatTenths, getCalibration, parseMmToTenths, setCalibration } from '../../../electron/host/printers/calibration-store';

function statusOf(bytes: readonly number[]) {
  const answers = STATUS_REQUESTS.map((n, i) => {
    const r = parseStatusByte(n, bytes[i] ?? 0);
    if (!r.ok) throw new Error(r.detail);
    return r.answer;
  }) as StatusAnswer[];
  return toInvoicePrinterStatus(combineAnswers(answers)!, '/dev/ttyS1', null);
}

describe('invoice printer status from DLE EOT 1–4', () => {
  it.each([
    ['ready', null, 'full', 'online'],
    ['paper-low', null, 'low', 'online'],
    ['paper-out', 'paperOut', 'out', 'offline'],
    ['cover-open', 'coverOpen', 'full', 'offline'],
    ['jam', 'jammed', 'jammed', 'hardwareError'],
    ['offline', 'offline', 'full', 'offline'],
  ] as const)('%s → fault %s, paper %s, device %s', (state, fault, paper, device) => {
    const s = statusOf(statusBytes(state));
    expect(s.kind).toBe('invoice');
    expect(printerFault(s)).toBe(fault);
    expect(s.paper).toBe(paper);
    expect(s.device).toBe(device);
    expect(s.cutterError).toBe(false);
  });
  it('words a jam as a mechanical paper jam, not a cutter error (no cutter on an impact printer)', () => {
    expect(statusOf(statusBytes('jam')).detail).toContain('paper jam');
    expect(statusOf(statusBytes('jam')).detail).not.toContain('cutter');
  });
});

describe('calibration store (migration 2)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const db = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-cal-'));
    dirs.push(dir);
    return openDatabase(dir);
  };

  it('reads 0/0 when never set, stores, returns the previous values, survives reopening', () => {
    const d = db();
    expect(getCalibration(d)).toEqual({ dxTenthMm: 0, dyTenthMm: 0, updatedAt: null });
    expect(setCalibration(d, { dxTenthMm: 15, dyTenthMm: -20 }, '2026-06-01T08:00:00.000Z').dxTenthMm).toBe(0);
    expect(setCalibration(d, { dxTenthMm: 100, dyTenthMm: -100 }, '2026-06-01T09:00:00.000Z')).toMatchObject({ dxTenthMm: 15, dyTenthMm: -20 });
    d.close();
    const again = openDatabase(dirs[0]!);
    expect(getCalibration(again)).toEqual({ dxTenthMm: 100, dyTenthMm: -100, updatedAt: '2026-06-01T09:00:00.000Z' });
    again.close();
  });

  it('refuses offsets beyond ±10.0 mm or finer than 0.1 mm, in code and in SQLite', () => {
    const d = db();
    expect(() => setCalibration(d, { dxTenthMm: 101, dyTenthMm: 0 }, new Date())).toThrow();
    expect(() => setCalibration(d, { dxTenthMm: 1.5, dyTenthMm: 0 }, new Date())).toThrow();
    expect(() => d.prepare("INSERT INTO printer_calibration VALUES ('invoice', 0, -101, 'x')").run()).toThrow(/CHECK/);
    expect(getCalibration(d).updatedAt).toBeNull();
    d.close();
  });

  it('parses and formats decimal mm', () => {
    expect(parseMmToTenths('1.5')).toBe(15);
    expect(parseMmToTenths('-2.0')).toBe(-20);
    expect(parseMmToTenths('+0.3')).toBe(3);
    expect(parseMmToTenths('-0.3')).toBe(-3);
    expect(parseMmToTenths('10')).toBe(100);
    for (const bad of ['1.25', 'abc', '', '1e1', '.5', '1,5']) expect(parseMmToTenths(bad)).toBeNull();
    expect(formatTenths(-3)).toBe('-0.3');
    expect(formatTenths(15)).toBe('+1.5');
  });
});

describe('invoice printer status: every error bit, and the words', () => {
  const base = {
    printer: { offline: false },
    offlineCause: { coverOpen: false, paperEndStop: false, error: false },
    errorCause: { cutterError: false, unrecoverable: false, autoRecoverable: false },
    paper: { nearEnd: false, end: false },
  };

  it('reads a hardware error on any error bit, keeps port and model, and says nothing when all is well', () => {
    expect(toInvoicePrinterStatus(base, '/dev/ttyS1', 'LQ-735K')).toEqual({
      kind: 'invoice',
      device: 'online',
      paper: 'full',
      coverOpen: false,
      cutterError: false,
      port: '/dev/ttyS1',
      model: 'LQ-735K',
      detail: null,
    });
    expect(toInvoicePrinterStatus({ ...base, offlineCause: { ...base.offlineCause, error: true } }, null, null).device).toBe('hardwareError');
    expect(toInvoicePrinterStatus({ ...base, errorCause: { ...base.errorCause, unrecoverable: true } }, null, null)).toMatchObject({
      device: 'hardwareError',
      detail: 'unrecoverable error',
    });
    expect(toInvoicePrinterStatus({ ...base, errorCause: { ...base.errorCause, autoRecoverable: true } }, null, null).device).toBe('hardwareError');
    expect(toInvoicePrinterStatus({ ...base, printer: { offline: true } }, null, null)).toMatchObject({ device: 'offline', detail: 'offline' });
  });

  it('a jam is a mechanical paper jam; paper out wins over it, and it wins over near end', () => {
    const jam = toInvoicePrinterStatus({ ...base, errorCause: { ...base.errorCause, cutterError: true }, paper: { nearEnd: true, end: false } }, null, null);
    expect(jam).toMatchObject({ paper: 'jammed', cutterError: false, detail: 'paper low, paper jam (mechanical error)' });
    const out = toInvoicePrinterStatus(
      { ...base, errorCause: { ...base.errorCause, cutterError: true }, offlineCause: { ...base.offlineCause, paperEndStop: true } },
      null,
      null,
    );
    expect(out.paper).toBe('out');
    expect(toInvoicePrinterStatus({ ...base, paper: { nearEnd: false, end: true } }, null, null).paper).toBe('out');
    expect(toInvoicePrinterStatus({ ...base, offlineCause: { ...base.offlineCause, coverOpen: true } }, null, null).coverOpen).toBe(true);
  });
});
