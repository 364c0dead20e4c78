import type { CompletionCode, PrinterFault, PrinterStatus } from '../../shared/domain/device-status';
import type { FrameTap } from '../idcard/reader-types';

export type { FrameTap };

/** How a print job ended. Only `ok: true` may be reported to the taxpayer as printed. */
export type PrintOutcome = { ok: true; detail?: string } | { ok: false; code: CompletionCode; fault: PrinterFault | null; detail: string };

/** What every printer driver offers the host and diagnostics. */
export interface PrinterDriver {
  status(): PrinterStatus;
  onStatus(listener: (status: PrinterStatus) => void): () => void;
  /** Paper went low or out (XFS4IoT threshold events), once per crossing. */
  onPaperThreshold(listener: (paper: 'low' | 'out' | 'full') => void): () => void;
  onFrame(listener: (frame: FrameTap) => void): () => void;
  /** Opens the port and polls status while idle. Never throws: reports noDevice until found. */
  start(): void;
  stop(): Promise<void>;
  /** Asks the printer now (not the cached value). */
  refreshStatus(): Promise<PrinterStatus>;
  /** A technician's test page. */
  printTestPage(): Promise<PrintOutcome>;
}

/** Control of a printer simulator: the same for ESC/POS and ESC/P. */
export type SimPrinterState = 'ready' | 'paper-low' | 'paper-out' | 'cover-open' | 'jam' | 'offline';

export interface PrinterSimulator {
  readonly portPath: string;
  setState(state: SimPrinterState): void;
  state(): SimPrinterState;
  /** The device vanishes (PTY closed) / comes back on the same path. */
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}
