import { describe, expect, it } from 'vitest';
import { printerFault } from '../../../shared/domain/device-status';
import {
  combineAnswers,
  parseStatusByte,
  statusRequest,
  toPrinterStatus,
  type StatusAnswer,
  type StatusRequest,
} from '../../../devices/printers/escpos/status';
import { statusBytes } from '../../../devices/simulators/escpos/escpos-simulator';

const FIXED = 0x12;
const parse = (n: StatusRequest, byte: number) => {
  const r = parseStatusByte(n, byte);
  if (!r.ok) throw new Error(r.detail);
  return r.answer;
};
const statusOf = (b1: number, b2: number, b3: number, b4: number) => {
  const answers = ([1, 2, 3, 4] as const).map((n, i) => parse(n, [b1, b2, b3, b4][i] ?? 0));
  const s = combineAnswers(answers);
  if (!s) throw new Error('incomplete');
  return toPrinterStatus(s, '/dev/ttyS0', 'escpos');
};

describe('DLE EOT requests', () => {
  it('are 10 04 n for n = 1..4', () => {
    expect([1, 2, 3, 4].map((n) => Array.from(statusRequest(n as StatusRequest)))).toEqual([
      [0x10, 0x04, 1],
      [0x10, 0x04, 2],
      [0x10, 0x04, 3],
      [0x10, 0x04, 4],
    ]);
  });
});

describe('parseStatusByte: every bit', () => {
  it('n=1: bit3 is offline; the other free bits mean nothing to us', () => {
    expect(parse(1, FIXED)).toEqual({ n: 1, bits: { offline: false } });
    expect(parse(1, FIXED | 0x08)).toEqual({ n: 1, bits: { offline: true } });
    for (const other of [0x04, 0x20, 0x40]) expect(parse(1, FIXED | other)).toEqual({ n: 1, bits: { offline: false } });
  });

  it('n=2: bit2 cover open, bit5 stopped by paper end, bit6 error', () => {
    const none = { coverOpen: false, paperEndStop: false, error: false };
    expect(parse(2, FIXED).bits).toEqual(none);
    expect(parse(2, FIXED | 0x04).bits).toEqual({ ...none, coverOpen: true });
    expect(parse(2, FIXED | 0x20).bits).toEqual({ ...none, paperEndStop: true });
    expect(parse(2, FIXED | 0x40).bits).toEqual({ ...none, error: true });
    expect(parse(2, FIXED | 0x08).bits).toEqual(none); // bit3: paper being fed by the button
  });

  it('n=3: bit3 cutter error, bit5 unrecoverable, bit6 auto-recoverable', () => {
    const none = { cutterError: false, unrecoverable: false, autoRecoverable: false };
    expect(parse(3, FIXED).bits).toEqual(none);
    expect(parse(3, FIXED | 0x08).bits).toEqual({ ...none, cutterError: true });
    expect(parse(3, FIXED | 0x20).bits).toEqual({ ...none, unrecoverable: true });
    expect(parse(3, FIXED | 0x40).bits).toEqual({ ...none, autoRecoverable: true });
    expect(parse(3, FIXED | 0x04).bits).toEqual(none);
  });

  it('n=4: bits 2–3 near end (either), bits 5–6 end (either)', () => {
    for (const near of [0x04, 0x08, 0x0c]) expect(parse(4, FIXED | near).bits).toEqual({ nearEnd: true, end: false });
    for (const end of [0x20, 0x40, 0x60]) expect(parse(4, FIXED | end).bits).toEqual({ nearEnd: false, end: true });
    expect(parse(4, FIXED).bits).toEqual({ nearEnd: false, end: false });
    expect(parse(4, 0x7e).bits).toEqual({ nearEnd: true, end: true });
  });

  it('a byte without the fixed bits 1 and 4 (or with bit 0/7) is a protocol error, not a status', () => {
    for (const byte of [0x00, 0x02, 0x10, 0x0a, 0xff, 0x13, 0x92, 0x1b]) {
      for (const n of [1, 2, 3, 4] as const) {
        const r = parseStatusByte(n, byte);
        expect(r.ok, `n=${n} byte=${byte.toString(16)}`).toBe(false);
      }
    }
    const r = parseStatusByte(2, 0x00);
    expect(r.ok ? '' : r.detail).toContain('DLE EOT 2 answer 00');
  });
});

describe('into PrinterStatus', () => {
  it('ready: online, paper full, no fault', () => {
    const s = statusOf(0x12, 0x12, 0x12, 0x12);
    expect(s).toMatchObject({ kind: 'receipt', device: 'online', paper: 'full', coverOpen: false, cutterError: false, detail: null });
    expect(printerFault(s)).toBeNull();
  });

  it('out of paper per docs/devices.md (n=1 1A, n=2 32, n=4 7E): paper out, fault paperOut', () => {
    const s = statusOf(0x1a, 0x32, 0x12, 0x7e);
    expect(s.paper).toBe('out');
    expect(s.device).toBe('offline');
    expect(printerFault(s)).toBe('paperOut');
    expect(s.detail).toBe('paper out');
  });

  it('paper near end still prints', () => {
    const s = statusOf(0x12, 0x12, 0x12, 0x1e);
    expect(s.paper).toBe('low');
    expect(printerFault(s)).toBeNull();
  });

  it('cover open, cutter error (jam), unrecoverable and auto-recoverable errors', () => {
    expect(printerFault(statusOf(0x1a, 0x16, 0x12, 0x12))).toBe('coverOpen');
    const jam = statusOf(0x1a, 0x52, 0x1a, 0x12);
    expect(jam).toMatchObject({ paper: 'jammed', cutterError: true, device: 'hardwareError' });
    expect(printerFault(jam)).toBe('jammed');
    const fatal = statusOf(0x1a, 0x52, 0x32, 0x12);
    expect(fatal.device).toBe('hardwareError');
    expect(printerFault(fatal)).toBe('hardwareError');
    expect(fatal.detail).toContain('unrecoverable');
    expect(statusOf(0x12, 0x12, 0x52, 0x12).detail).toContain('auto-recoverable');
    expect(printerFault(statusOf(0x1a, 0x12, 0x12, 0x12))).toBe('offline');
  });

  it('the simulator answers every state with bytes that parse back to that state', () => {
    const faults = {
      ready: null,
      'paper-low': null,
      'paper-out': 'paperOut',
      'cover-open': 'coverOpen',
      jam: 'jammed',
      offline: 'offline',
    } as const;
    for (const [state, fault] of Object.entries(faults)) {
      const [b1, b2, b3, b4] = statusBytes(state as keyof typeof faults);
      expect(printerFault(statusOf(b1, b2, b3, b4)), state).toBe(fault);
    }
    expect(statusBytes('paper-out')).toEqual([0x1a, 0x32, 0x12, 0x7e]);
  });

  it('needs all four answers', () => {
    const three: StatusAnswer[] = [parse(1, 0x12), parse(2, 0x12), parse(3, 0x12)];
    expect(combineAnswers(three)).toBeNull();
  });
});
