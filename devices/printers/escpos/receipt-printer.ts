import type { DeviceLog } from '../../device-log';
import { printerFault, type PrinterStatus } from '../../../shared/domain/device-status';
import type { Receipt } from '../../../shared/domain/receipt';
import type { ByteTransport } from '../../transports/byte-transport';
import { openSerialTransport } from '../../transports/serial-transport';
import type { PrintOutcome, PrinterDriver } from '../printer-types';
import { encodeReceipt } from './encoder';
import { EscposLink } from './escpos-link';
import { completionFor, faultWords, linkFailure, statusOfState, type PrinterState } from './printer-state';
import { renderReceiptText } from './text-render';
import { localDateTime, testPageReceipt } from './test-page';
import type { EscposStatus } from './status';
import { DeviceLoop, errorText, type Connected } from '../../lifecycle/device-loop';
import { StatusFeed } from '../../lifecycle/status-feed';
import { PaperThresholds } from '../paper-thresholds';
import { LoopedPrinter } from '../looped-printer';

/**
 * The 80 mm receipt printer driver (ESC/POS over serial). It joins the
 * serial transport, the status link and the encoder:
 * - while idle it asks all four `DLE EOT n` every `pollIntervalMs` and emits
 *   status changes and paper threshold events (low / out / full again);
 * - a print asks status first and refuses on any fault without sending a
 *   byte of the job, sends the whole receipt in one write, then asks again:
 *   only a clean status after the job counts as printed (docs/devices.md);
 * - an unplugged printer shows `noDevice` and is reopened every second.
 */
export type PrinterLog = DeviceLog;

export interface ReceiptPrinterOptions {
  port: string;
  /** Defaults to 9600 (the usual factory setting of serial receipt printers). */
  baud?: number;
  /** Status poll while idle. Defaults to 1000 ms. */
  pollIntervalMs?: number;
  /** Wait for each DLE EOT answer. Defaults to 1000 ms (a real printer answers in milliseconds; a busy kiosk may not read it that fast). */
  statusTimeoutMs?: number;
  /** Retry after the printer is gone. Defaults to 1000 ms. */
  reconnectIntervalMs?: number;
  /** Printing time before the status after a job; default ≈30 ms a line (≈150 mm/s), at most 5 s. */
  printTimeMs?: (lines: number) => number;
  /** Characters per line. Defaults to 48 (80 mm, Font A). */
  columns?: number;
  model?: string;
  /** Opens the port (tests may inject); defaults to the real serialport transport. */
  open?: (path: string, baud: number) => Promise<ByteTransport>;
  now?: () => number;
  log?: PrinterLog;
}

export interface ReceiptPrinter extends PrinterDriver {
  printReceipt(receipt: Receipt): Promise<PrintOutcome>;
  /** The state machine's state, for tests and diagnostics. */
  stateName(): PrinterState['name'];
}

export function createReceiptPrinter(options: ReceiptPrinterOptions): ReceiptPrinter {
  return new EscposReceiptPrinter(options);
}

interface Connection {
  transport: ByteTransport;
  link: EscposLink;
}

class EscposReceiptPrinter extends LoopedPrinter implements ReceiptPrinter {
  private state: PrinterState = { name: 'starting' };
  private link: EscposLink | null = null;
  private firstAttempt!: Promise<void>;
  private firstAttemptDone: () => void = () => undefined;
  protected readonly thresholds: PaperThresholds;
  protected readonly feed: StatusFeed<PrinterStatus>;
  protected readonly loop: DeviceLoop<Connection>;
  private readonly model: string;
  private readonly columns: number;

  constructor(private readonly o: ReceiptPrinterOptions) {
    super();
    this.model = o.model ?? 'escpos';
    this.columns = o.columns ?? 48;
    this.thresholds = new PaperThresholds('receipt', o.log);
    this.feed = new StatusFeed({ device: 'receipt', log: o.log, onChange: (s) => this.thresholds.update(s.paper) });
    this.loop = new DeviceLoop<Connection>({
      device: 'receipt',
      reconnectIntervalMs: o.reconnectIntervalMs ?? 1000,
      log: o.log,
      connect: () => this.connect(),
      where: () => ({ port: o.port }),
      session: (c) => this.session(c),
      async close(c) {
        c.link.dispose();
        await c.transport.close();
      },
      // Settles a pending status request at once; the session then ends.
      interrupt: (c) => c.link.dispose(),
      onUnavailable: (failure) => {
        this.setState({ name: 'noDevice', detail: failure.detail });
        this.firstAttemptDone();
      },
      onLost: () => this.setState({ name: 'noDevice', detail: 'printer disconnected' }),
      onCrash: () => this.setState({ name: 'noAnswer', detail: 'driver failure' }),
      onStopped: () => {
        this.setState({ name: 'stopped' });
        this.firstAttemptDone();
        this.resetFirstAttempt();
      },
    });
    this.resetFirstAttempt();
  }

  status(): PrinterStatus {
    return statusOfState(this.state, this.o.port, this.model);
  }
  stateName(): PrinterState['name'] {
    return this.state.name;
  }

  async refreshStatus(): Promise<PrinterStatus> {
    await this.firstAttempt;
    const link = this.link;
    if (link && !link.closed) await link.exclusive(() => this.poll(link));
    return this.status();
  }

  printTestPage(): Promise<PrintOutcome> {
    return this.printReceipt(testPageReceipt({ model: this.model, port: this.o.port, date: localDateTime(), columns: this.columns }));
  }

  async printReceipt(receipt: Receipt): Promise<PrintOutcome> {
    let bytes: Uint8Array;
    let lines: number;
    try {
      bytes = encodeReceipt(receipt, { columns: this.columns });
      lines = renderReceiptText(receipt, this.columns).length;
    } catch (error) {
      return { ok: false, code: 'invalidData', fault: null, detail: `receipt rejected: ${error instanceof Error ? error.message : String(error)}` };
    }
    await this.firstAttempt;
    const link = this.link;
    if (!link || link.closed) return this.refused({ ok: false, code: 'deviceNotReady', fault: 'noDevice', detail: this.status().detail ?? 'no printer' });
    return link.exclusive(async () => {
      const before = await link.queryStatus();
      if (!before.ok) return this.refused(this.noteLinkError(before.error, 'before'));
      this.applyStatus(before.status);
      const fault = printerFault(this.status());
      if (fault) return this.refused({ ok: false, code: completionFor(fault), fault, detail: `not printed: ${faultWords(fault)}` });

      this.setState({ name: 'printing', last: before.status });
      const written = await link.writeJob(bytes);
      if (!written.ok) return this.failed(this.noteLinkError(written.error, 'after'));
      await this.pause(Math.min(5000, this.o.printTimeMs?.(lines) ?? 200 + 30 * lines));
      const after = await link.queryStatus();
      if (!after.ok) return this.failed(this.noteLinkError(after.error, 'after'));
      this.applyStatus(after.status);
      const afterFault = printerFault(this.status());
      if (afterFault)
        return this.failed({ ok: false, code: completionFor(afterFault), fault: afterFault, detail: `print failed: ${faultWords(afterFault)} during the job` });
      this.o.log?.info({ event: 'printer.printed', device: 'receipt', bytes: bytes.length, lines }, 'receipt printed');
      const low = this.status().paper === 'low';
      return low ? { ok: true, detail: 'paper low' } : { ok: true };
    });
  }

  private refused(outcome: PrintOutcome & { ok: false }): PrintOutcome {
    this.o.log?.warn({ event: 'printer.refused', device: 'receipt', code: outcome.code, fault: outcome.fault, detail: outcome.detail }, 'receipt not sent');
    return outcome;
  }

  private failed(outcome: PrintOutcome & { ok: false }): PrintOutcome {
    this.o.log?.error({ event: 'printer.failed', device: 'receipt', code: outcome.code, fault: outcome.fault, detail: outcome.detail }, 'receipt print failed');
    return outcome;
  }

  private noteLinkError(error: Parameters<typeof linkFailure>[0], when: 'before' | 'after'): PrintOutcome & { ok: false } {
    if (error.code !== 'disconnected') this.setState({ name: 'noAnswer', detail: error.detail });
    return linkFailure(error, when);
  }

  private async connect(): Promise<Connected<Connection>> {
    const open = this.o.open ?? ((path, baudRate) => openSerialTransport({ path, baudRate }));
    try {
      if (this.o.port === '') throw new Error('no port configured');
      const transport = await open(this.o.port, this.o.baud ?? 9600);
      const link = new EscposLink(transport, { timeoutMs: this.o.statusTimeoutMs ?? 1000, now: this.o.now, onFrame: (tap) => this.frames.emit(tap) });
      return { ok: true, connection: { transport, link } };
    } catch (error) {
      return { ok: false, device: 'noDevice', detail: `cannot open ${this.o.port || 'the receipt printer'}: ${errorText(error)}` };
    }
  }

  /** Polls status while the port is open; jobs take their turn on the link between polls. */
  private async session({ link }: Connection): Promise<void> {
    this.link = link;
    while (!this.loop.stopping && !link.closed) {
      await link.exclusive(() => this.poll(link));
      this.firstAttemptDone();
      if (!link.closed) await this.loop.sleep(this.o.pollIntervalMs ?? 1000);
    }
  }

  private async poll(link: EscposLink): Promise<void> {
    if (link.closed) return;
    const r = await link.queryStatus();
    if (r.ok) this.applyStatus(r.status);
    else if (r.error.code !== 'disconnected') this.setState({ name: 'noAnswer', detail: r.error.detail });
  }

  /** Takes a fresh status: back to idle (a crossed paper threshold is told by the status feed). */
  private applyStatus(last: EscposStatus): void {
    this.setState({ name: 'idle', last });
  }

  private setState(next: PrinterState): void {
    this.state = next;
    this.feed.publish(this.status(), next.name);
  }

  private resetFirstAttempt(): void {
    this.firstAttempt = new Promise<void>((resolve) => {
      this.firstAttemptDone = resolve;
    });
  }

  /** A pause that `stop()` does not cut short (a job in progress finishes its status check). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
