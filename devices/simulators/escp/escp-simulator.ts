import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { Listeners } from '../../transports/byte-transport';
import type { PrinterSimulator, SimPrinterState } from '../../printers/printer-types';
import { makeLinkDir } from '../pty-pair';
import { openSimulatedLine } from '../simulated-line';
import { SIM_PRINTED_KEPT, statusBytes } from '../escpos/escpos-simulator';
import { EscpInterpreter, type EscpPage, type InterpreterEvent } from './escp-interpreter';

/**
 * A 24-pin ESC/P invoice printer on the far end of a real PTY. It interprets
 * what it receives (escp-interpreter) into pages of placed text, one per FF,
 * and answers `DLE EOT n` from its state with the same bytes as the receipt
 * printer simulator (escp-status.ts explains why DLE EOT). With paper out,
 * cover open, a jam or offline it prints nothing it receives.
 */
export interface EscpSimulatorOptions {
  state?: SimPrinterState;
  /** Directory for the port links; default a fresh temp directory. */
  dir?: string;
}

export interface EscpSimulator extends PrinterSimulator {
  /** Pages printed (each ended by FF), oldest first, the last `SIM_PRINTED_KEPT`; blank forms fed are pages without runs. */
  pages(): EscpPage[];
  onPage(listener: (page: EscpPage) => void): () => void;
  /** The printer vanishes once `n` more job bytes (anything but status requests) arrived (null: never). */
  unplugAfterJobBytes(n: number | null): void;
  /** Only `n` more forms are left: the next page after them finds paper out (null: endless). */
  paperOutAfterPages(n: number | null): void;
  stats(): { jobBytes: number; statusRequests: number };
}

const canPrint = (s: SimPrinterState) => s === 'ready' || s === 'paper-low';

export async function startEscpSimulator(options: EscpSimulatorOptions = {}): Promise<EscpSimulator> {
  const ownDir = options.dir ? null : makeLinkDir('kiosk-escp-');
  const dir = options.dir ?? ownDir ?? '';
  const portPath = path.join(dir, 'invoice-printer');
  const devicePath = path.join(dir, 'invoice-printer-device');
  let state: SimPrinterState = options.state ?? 'ready';
  let interpreter = new EscpInterpreter();
  let writing: Promise<void> = Promise.resolve();
  let vanishAfter: number | null = null;
  let pagesLeft: number | null = null;
  const printed: EscpPage[] = [];
  const pageListeners = new Listeners<EscpPage>();
  const stats = { jobBytes: 0, statusRequests: 0 };

  function answer(n: number): void {
    const p = line.port();
    if (!p || n < 1 || n > 4) return;
    stats.statusRequests++;
    const byte = statusBytes(state)[n - 1] ?? 0x12;
    writing = writing
      .then(() => new Promise<void>((resolve, reject) => p.write(Buffer.of(byte), (e) => (e ? reject(e) : p.drain(() => resolve())))))
      .catch(() => undefined);
  }

  function handle(e: InterpreterEvent): void {
    if (e.type === 'status') return answer(e.n);
    // The form after the last one never comes out: the paper end sensor stops the printer.
    if (pagesLeft !== null && pagesLeft <= 0) {
      pagesLeft = null;
      state = 'paper-out';
    }
    if (!canPrint(state)) return;
    if (pagesLeft !== null) pagesLeft--;
    printed.push(e.page);
    if (printed.length > SIM_PRINTED_KEPT) printed.shift();
    pageListeners.emit(e.page);
  }

  function attach(p: SerialPort, isCurrent: () => boolean): void {
    // A replugged printer starts from power-on: nothing half-parsed survives.
    interpreter = new EscpInterpreter();
    p.on('data', (chunk: Buffer) => {
      if (!isCurrent()) return;
      let bytes = new Uint8Array(chunk);
      let vanish = false;
      if (vanishAfter !== null) {
        // Cut the chunk where the device goes away: the rest never reaches the paper.
        const events = new EscpInterpreter().push(bytes).filter((e) => e.type === 'status').length;
        const jobBytes = bytes.length - 3 * events;
        if (jobBytes >= vanishAfter) {
          bytes = bytes.subarray(0, vanishAfter);
          vanish = true;
        } else vanishAfter -= jobBytes;
      }
      const events = interpreter.push(bytes);
      stats.jobBytes += bytes.length - 3 * events.filter((e) => e.type === 'status').length;
      for (const e of events) handle(e);
      if (vanish) {
        vanishAfter = null;
        void line.unplug();
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
    pages: () => printed.map((page) => ({ runs: page.runs.map((r) => ({ ...r })), unknown: [...page.unknown] })),
    onPage: (listener) => pageListeners.add(listener),
    unplugAfterJobBytes: (n) => {
      vanishAfter = n;
    },
    paperOutAfterPages: (n) => {
      pagesLeft = n;
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
