import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { assertNever } from '../../../shared/assert-never';
import { Listeners } from '../../transports/byte-transport';
import type { PrinterSimulator, SimPrinterState } from '../../printers/printer-types';
import { makeLinkDir } from '../pty-pair';
import { openSimulatedLine } from '../simulated-line';
import { EscposInterpreter, type EscposEvent, type PrintedReceipt } from './escpos-interpreter';

/**
 * An 80 mm ESC/POS receipt printer on the far end of a real PTY. It answers
 * `DLE EOT n` from its state, interprets what it receives (escpos-interpreter)
 * and keeps what it printed as text, one entry per cut receipt. With paper
 * out, cover open, a jam or offline it prints nothing it receives.
 */
export const SIM_PRINTER_STATES: readonly SimPrinterState[] = ['ready', 'paper-low', 'paper-out', 'cover-open', 'jam', 'offline'];

export interface EscposSimulatorOptions {
  state?: SimPrinterState;
  /** Pace status answers like a serial line (bits/s, 10 bits a byte); null = at once. Defaults to null. */
  paceBaud?: number | null;
  /** The roll runs out after this many printed lines (then the state is `paper-out`). Default: never. */
  paperOutAfterLines?: number | null;
  /** Directory for the port links; default a fresh temp directory. */
  dir?: string;
  /** Characters per line. Defaults to 48. */
  columns?: number;
}

export interface EscposSimulator extends PrinterSimulator {
  /** Receipts printed and cut, oldest first: the last `SIM_PRINTED_KEPT` of them. */
  printed(): PrintedReceipt[];
  /** What is on the paper since the last cut (a receipt cut short by paper out stays here). */
  partial(): PrintedReceipt;
  onPrinted(listener: (receipt: PrintedReceipt) => void): () => void;
  /** Paper runs out after `n` more printed lines (null: never). */
  paperOutAfterLines(n: number | null): void;
  /** The printer vanishes after `n` more printed lines, mid-job (null: never). */
  unplugAfterLines(n: number | null): void;
  /** Bytes of jobs received (everything but status requests) and status requests answered. */
  stats(): { jobBytes: number; statusRequests: number };
}

/** The `DLE EOT 1..4` answer bytes for a state (fixed bits 0x12 always set; docs/devices.md for paper out). */
export function statusBytes(state: SimPrinterState): [number, number, number, number] {
  switch (state) {
    case 'ready':
      return [0x12, 0x12, 0x12, 0x12];
    case 'paper-low':
      return [0x12, 0x12, 0x12, 0x1e]; // n=4 bits 2–3 near end
    case 'paper-out':
      return [0x1a, 0x32, 0x12, 0x7e]; // offline, stopped by paper end, near end + end
    case 'cover-open':
      return [0x1a, 0x16, 0x12, 0x12]; // offline, cover open
    case 'jam':
      return [0x1a, 0x52, 0x1a, 0x12]; // offline, error, autocutter error (paper jammed at the cutter)
    case 'offline':
      return [0x1a, 0x12, 0x12, 0x12];
    default:
      return assertNever(state, 'simulator state');
  }
}

const canPrint = (s: SimPrinterState) => s === 'ready' || s === 'paper-low';
/** A simulator that runs for days (demo kiosks, `kioskctl load` soaks) must not keep every receipt it printed (bench row memory-visits). */
export const SIM_PRINTED_KEPT = 200;

export async function startEscposSimulator(options: EscposSimulatorOptions = {}): Promise<EscposSimulator> {
  const ownDir = options.dir ? null : makeLinkDir('kiosk-escpos-');
  const dir = options.dir ?? ownDir ?? '';
  const portPath = path.join(dir, 'receipt-printer');
  const devicePath = path.join(dir, 'receipt-printer-device');
  let state: SimPrinterState = options.state ?? 'ready';
  let paperLeft: number | null = options.paperOutAfterLines ?? null;
  let vanishIn: number | null = null;
  let interpreter = new EscposInterpreter({ columns: options.columns ?? 48 });
  let writing: Promise<void> = Promise.resolve();
  const receipts: PrintedReceipt[] = [];
  let current: PrintedReceipt = { lines: [], qr: [], cuts: 0 };
  const printedListeners = new Listeners<PrintedReceipt>();
  const stats = { jobBytes: 0, statusRequests: 0 };

  function answer(n: number): void {
    const p = line.port();
    if (!p || n < 1 || n > 4) return;
    stats.statusRequests++;
    const byte = statusBytes(state)[n - 1] ?? 0x12;
    writing = writing.then(() => pacedWrite(p, Uint8Array.of(byte), options.paceBaud ?? null)).catch(() => undefined);
  }

  /** One printed line (text or QR) uses paper; the roll or the device may give out after it. */
  function usePaper(): void {
    if (paperLeft !== null && --paperLeft <= 0) {
      paperLeft = null;
      state = 'paper-out';
    }
    if (vanishIn !== null && --vanishIn <= 0) {
      vanishIn = null;
      void line.unplug();
    }
  }

  function handle(e: EscposEvent): void {
    switch (e.type) {
      case 'statusRequest':
        return answer(e.n);
      case 'line':
        if (!canPrint(state)) return;
        current.lines.push(e.text);
        return usePaper();
      case 'qr':
        if (!canPrint(state)) return;
        current.lines.push(`[QR: ${e.data}]`);
        current.qr.push(e.data);
        return usePaper();
      case 'cut': {
        if (!canPrint(state)) return;
        const done: PrintedReceipt = { ...current, cuts: 1 };
        receipts.push(done);
        if (receipts.length > SIM_PRINTED_KEPT) receipts.shift();
        current = { lines: [], qr: [], cuts: 0 };
        return printedListeners.emit(done);
      }
      case 'init':
      case 'unknown':
        return;
      default:
        assertNever(e, 'ESC/POS event');
    }
  }

  function attach(p: SerialPort, isCurrent: () => boolean): void {
    // A replugged printer starts from power-on: nothing half-parsed survives.
    interpreter = new EscposInterpreter({ columns: options.columns ?? 48 });
    p.on('data', (chunk: Buffer) => {
      if (!isCurrent()) return;
      const events = interpreter.push(new Uint8Array(chunk));
      // Over a session this is exact even when a DLE EOT straddles two chunks.
      stats.jobBytes += chunk.length - 3 * events.filter((e) => e.type === 'statusRequest').length;
      for (const e of events) {
        if (!isCurrent()) return; // vanished mid-chunk: the rest never arrived
        handle(e);
      }
    });
  }

  const line = await openSimulatedLine({ portPath, devicePath, baudRate: 9600, attach });

  return {
    portPath,
    setState: (next) => {
      state = next;
    },
    state: () => state,
    printed: () => receipts.map((r) => ({ ...r, lines: [...r.lines], qr: [...r.qr] })),
    partial: () => ({ ...current, lines: [...current.lines], qr: [...current.qr] }),
    onPrinted: (listener) => printedListeners.add(listener),
    paperOutAfterLines: (n) => {
      paperLeft = n;
    },
    unplugAfterLines: (n) => {
      vanishIn = n;
    },
    stats: () => ({ ...stats }),
    unplug: () => line.unplug(),
    replug: () => line.replug(),
    async close() {
      await line.close();
      if (ownDir) fs.rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

/** Writes in slices timed like a real line (10 bits a byte) when `baud` is set. */
async function pacedWrite(port: SerialPort, bytes: Uint8Array, baud: number | null): Promise<void> {
  await new Promise<void>((resolve, reject) => port.write(Buffer.from(bytes), (e) => (e ? reject(e) : port.drain(() => resolve()))));
  if (baud) await new Promise((r) => setTimeout(r, Math.ceil((bytes.length * 10 * 1000) / baud)));
}
