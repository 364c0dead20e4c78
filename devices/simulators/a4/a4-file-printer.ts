import fs from 'node:fs';
import path from 'node:path';
import type { PrinterStatus } from '../../../shared/domain/device-status';
import { printerFault } from '../../../shared/domain/device-status';
import { Listeners } from '../../transports/byte-transport';
import type { FrameTap, PrintOutcome, PrinterDriver, SimPrinterState } from '../../printers/printer-types';

/**
 * The A4 printer in simulator mode (`npm start` on a laptop with no CUPS
 * queue): each PDF is written to a folder as a "printed" page, and the
 * printer's state can be set like the serial simulators'. The real A4 path
 * (devices/printers/a4) goes through CUPS and is tested against a real cupsd.
 */
export interface A4FilePrinter extends PrinterDriver {
  printPdf(pdf: Uint8Array, title: string): Promise<PrintOutcome & { jobId?: string }>;
  setState(state: SimPrinterState): void;
  /** Files printed so far, oldest first. */
  printed(): string[];
}

export function createA4FilePrinter(outDir: string, testPage?: () => Promise<Uint8Array>): A4FilePrinter {
  let state: SimPrinterState = 'ready';
  let jobs = 0;
  const files: string[] = [];
  const statusListeners = new Listeners<PrinterStatus>();
  const thresholds = new Listeners<'low' | 'out' | 'full'>();
  const frames = new Listeners<FrameTap>();

  const status = (): PrinterStatus => ({
    kind: 'a4',
    device: state === 'offline' ? 'offline' : 'online',
    paper: state === 'paper-out' ? 'out' : state === 'paper-low' ? 'low' : state === 'jam' ? 'jammed' : 'full',
    coverOpen: state === 'cover-open',
    cutterError: false,
    port: outDir,
    model: 'simulated A4 (PDF files)',
    detail: null,
  });

  const printPdf = async (pdf: Uint8Array, title: string) => {
    const fault = printerFault(status());
    if (fault) return { ok: false as const, code: 'deviceNotReady' as const, fault, detail: `simulated A4 printer: ${state}` };
    fs.mkdirSync(outDir, { recursive: true });
    const jobId = `sim-${++jobs}`;
    const safeTitle = title.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40);
    const file = path.join(outDir, `${String(jobs).padStart(4, '0')}-${safeTitle}.pdf`);
    fs.writeFileSync(file, pdf);
    files.push(file);
    return { ok: true as const, jobId };
  };

  return {
    status,
    onStatus: (listener) => statusListeners.add(listener),
    onPaperThreshold: (listener) => thresholds.add(listener),
    onFrame: (listener) => frames.add(listener),
    start: () => statusListeners.emit(status()),
    stop: async () => undefined,
    refreshStatus: async () => status(),
    printTestPage: async () =>
      testPage ? printPdf(await testPage(), 'test-page') : { ok: false, code: 'unsupportedCommand', fault: null, detail: 'no test page renderer given' },
    printPdf,
    setState(next) {
      const before = status().paper;
      state = next;
      const now = status();
      statusListeners.emit(now);
      if (now.paper !== before && (now.paper === 'low' || now.paper === 'out' || now.paper === 'full')) thresholds.emit(now.paper);
    },
    printed: () => [...files],
  };
}
