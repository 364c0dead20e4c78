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

describe('the answer byte at the trust boundary', () => {
  it('refuses values that only look like an answer in their low 8 bits: out of range or not whole', () => {
    // Each has bits 1 and 4 set and 0 and 7 clear once masked, yet no serial line delivers it.
    for (const bad of [0x112, -0xee, 0x12 + 0.5]) {
      const r = parseStatusByte(1, bad);
      expect(r.ok, String(bad)).toBe(false);
    }
    expect(parseStatusByte(1, 0xff).ok).toBe(false);
  });

  it('refuses a request number outside 1–4 smuggled past the types, naming it', () => {
    expect(() => parseStatusByte(5 as StatusRequest, 0x12)).toThrow('unexpected status request: 5');
  });

  it('tells the technician which request got which byte and why it was refused', () => {
    const r = parseStatusByte(3, 0xff);
    expect(r.ok ? '' : r.detail).toBe('DLE EOT 3 answer FF: fixed bits 1 and 4 not set (or 0 and 7 set): not a DLE EOT answer');
  });
});

describe('status words for technicians', () => {
  const status = (over: {
    offline?: boolean;
    coverOpen?: boolean;
    paperEndStop?: boolean;
    error?: boolean;
    cutterError?: boolean;
    unrecoverable?: boolean;
    autoRecoverable?: boolean;
    nearEnd?: boolean;
    end?: boolean;
  }) => ({
    printer: { offline: over.offline ?? false },
    offlineCause: { coverOpen: over.coverOpen ?? false, paperEndStop: over.paperEndStop ?? false, error: over.error ?? false },
    errorCause: { cutterError: over.cutterError ?? false, unrecoverable: over.unrecoverable ?? false, autoRecoverable: over.autoRecoverable ?? false },
    paper: { nearEnd: over.nearEnd ?? false, end: over.end ?? false },
  });

  it('names each cause in order, and "error"/"offline" only when nothing more precise is known', () => {
    expect(toPrinterStatus(status({}), null, null).detail).toBeNull();
    expect(toPrinterStatus(status({ error: true }), null, null).detail).toBe('error');
    expect(toPrinterStatus(status({ offline: true }), null, null).detail).toBe('offline');
    expect(toPrinterStatus(status({ offline: true, error: true }), null, null).detail).toBe('error');
    expect(toPrinterStatus(status({ offline: true, coverOpen: true, error: true }), null, null).detail).toBe('cover open');
    expect(toPrinterStatus(status({ nearEnd: true, coverOpen: true }), null, null).detail).toBe('paper low, cover open');
    expect(toPrinterStatus(status({ end: true, nearEnd: true }), null, null).detail).toBe('paper out');
    expect(toPrinterStatus(status({ paperEndStop: true }), null, null).detail).toBe('paper out');
    expect(toPrinterStatus(status({ cutterError: true, unrecoverable: true, autoRecoverable: true }), null, null).detail).toBe(
      'cutter error (paper jammed at the cutter), unrecoverable error, auto-recoverable error (e.g. head overheated)',
    );
  });

  it('maps every error bit to a hardware error and keeps port and model', () => {
    for (const cause of ['error', 'cutterError', 'unrecoverable', 'autoRecoverable'] as const) {
      expect(toPrinterStatus(status({ [cause]: true }), null, null).device, cause).toBe('hardwareError');
    }
    const s = toPrinterStatus(status({ offline: true }), '/dev/ttyS3', 'TM-T88');
    expect(s).toMatchObject({ device: 'offline', port: '/dev/ttyS3', model: 'TM-T88', paper: 'full', coverOpen: false, cutterError: false });
    // Paper out wins over a jam; a jam wins over near end.
    expect(toPrinterStatus(status({ paperEndStop: true, cutterError: true }), null, null).paper).toBe('out');
    expect(toPrinterStatus(status({ cutterError: true, nearEnd: true }), null, null).paper).toBe('jammed');
  });

  it('combines the four answers in any order, each into its own place', () => {
    const answers = [parse(4, 0x1e), parse(3, 0x1a), parse(2, 0x16), parse(1, 0x1a)];
    expect(combineAnswers(answers)).toEqual({
      printer: { offline: true },
      offlineCause: { coverOpen: true, paperEndStop: false, error: false },
      errorCause: { cutterError: true, unrecoverable: false, autoRecoverable: false },
      paper: { nearEnd: true, end: false },
    });
  });
});
