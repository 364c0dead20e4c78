import type { DeviceLog } from '../../device-log';
import { printerFault, type CompletionCode, type PrinterFault, type PrinterStatus } from '../../../shared/domain/device-status';
import { InvoiceFormData } from '../../../shared/domain/invoice-form';
import type { ByteTransport } from '../../transports/byte-transport';
import { openSerialTransport } from '../../transports/serial-transport';
import type { PrintOutcome, PrinterDriver } from '../printer-types';
import { FormLayoutError, encodeBlankFormFeed, encodeForm, encodeGrid, type Calibration } from './escp-encoder';
import { toInvoicePrinterStatus } from './escp-status';
import type { LinkError } from '../escpos/escpos-link';
import { defaultInvoiceTemplate, type FormTemplate } from './form-template';
import { DeviceLoop } from '../../lifecycle/device-loop';
import { StatusFeed } from '../../lifecycle/status-feed';
import { PaperThresholds } from '../paper-thresholds';
import { LoopedPrinter } from '../looped-printer';
import { EscpLink } from './escp-link';

/**
 * The invoice printer (24-pin ESC/P, pre-printed forms) on a serial line.
 *
 *   noDevice ⇄ connected (status polled every pollIntervalMs) → job → connected
 *
 * A job is: status now (refused unless ready) → the whole job in one write →
 * status now; only a clean status after counts as printed. One queue carries
 * polls and jobs, so a poll never splits a job's bytes. Blank forms are fed
 * one per job so the count that left the printer is exact (invoice stock is
 * tracked by number range). Form contents are never logged nor tapped: taps
 * and logs carry sizes and field counts only.
 */
export interface InvoicePrinter extends PrinterDriver {
  printForm(data: InvoiceFormData, template?: FormTemplate): Promise<PrintOutcome>;
  printGrid(): Promise<PrintOutcome>;
  ejectBlankForms(count: number): Promise<PrintOutcome & { formsFed?: number }>;
}

export type InvoicePrinterLog = DeviceLog;

type Query = { ok: true; status: PrinterStatus } | ({ ok: false } & LinkError);

export interface InvoicePrinterOptions {
  port: string;
  /** Defaults to 9600 (the serial default of impact printers). */
  baud?: number;
  /** Read at every print, so a technician's new offsets apply at once. Defaults to none. */
  calibration?: () => Calibration;
  /** Status poll while idle. Defaults to 1000 ms. */
  pollIntervalMs?: number;
  /** Wait for the four status bytes. Defaults to 800 ms. */
  statusTimeoutMs?: number;
  /** Retry after the port is gone. Defaults to 1000 ms. */
  reconnectIntervalMs?: number;
  model?: string | null;
  /** The form used when printForm gets none. Defaults to the VAT ordinary invoice. */
  template?: FormTemplate;
  log?: InvoicePrinterLog;
  /** Opens the line; defaults to the real serial transport. */
  open?: (port: string, baud: number) => Promise<ByteTransport>;
}

export function createInvoicePrinter(options: InvoicePrinterOptions): InvoicePrinter {
  return new EscpInvoicePrinter(options);
}

interface Connection {
  transport: ByteTransport;
  link: EscpLink;
}

function failed(code: CompletionCode, fault: PrinterFault | null, detail: string): PrintOutcome & { ok: false } {
  return { ok: false, code, fault, detail };
}

class EscpInvoicePrinter extends LoopedPrinter implements InvoicePrinter {
  private readonly o: Required<Omit<InvoicePrinterOptions, 'log'>> & Pick<InvoicePrinterOptions, 'log'>;
  private readonly base: Omit<PrinterStatus, 'device' | 'detail'>;
  private current: PrinterStatus;
  private link: EscpLink | null = null;
  private silentPolls = 0;
  protected readonly thresholds: PaperThresholds;
  protected readonly feed: StatusFeed<PrinterStatus>;
  protected readonly loop: DeviceLoop<Connection>;

  constructor(options: InvoicePrinterOptions) {
    super();
    const o = {
      baud: 9600,
      pollIntervalMs: 1000,
      statusTimeoutMs: 800,
      reconnectIntervalMs: 1000,
      model: null,
      calibration: () => ({ dxTenthMm: 0, dyTenthMm: 0 }),
      open: (port: string, baud: number) => openSerialTransport({ path: port, baudRate: baud }),
      template: defaultInvoiceTemplate(),
      ...options,
    };
    this.o = o;
    this.base = { kind: 'invoice', paper: 'unknown', coverOpen: false, cutterError: false, port: o.port, model: o.model };
    this.current = { ...this.base, device: 'noDevice', detail: 'not started' };
    this.thresholds = new PaperThresholds('invoice', o.log);
    this.feed = new StatusFeed({ device: 'invoice', log: o.log, initial: this.current, onChange: (s) => this.thresholds.update(s.paper) });
    this.loop = new DeviceLoop<Connection>({
      device: 'invoice',
      reconnectIntervalMs: o.reconnectIntervalMs,
      log: o.log,
      connect: async () => {
        const transport = await o.open(o.port, o.baud);
        return {
          ok: true,
          connection: { transport, link: new EscpLink(transport, { timeoutMs: o.statusTimeoutMs, onFrame: (tap) => this.frames.emit(tap) }) },
        };
      },
      where: () => ({ port: o.port }),
      session: (c) => this.session(c),
      async close(c) {
        c.link.dispose();
        await c.transport.close();
      },
      // Closing the port ends a pending status wait at once instead of after its timeout.
      interrupt: (c) => c.transport.close().catch(() => undefined),
      onUnavailable: (failure) => this.setStatus({ ...this.base, device: 'noDevice', detail: failure.detail }),
      onLost: () => this.setStatus({ ...this.base, device: 'noDevice', detail: 'printer disconnected' }),
      onCrash: () => this.setStatus({ ...this.base, device: 'hardwareError', detail: 'driver failure' }),
      onStopped: () => this.setStatus({ ...this.base, device: 'noDevice', detail: 'stopped' }),
    });
  }

  status(): PrinterStatus {
    return this.current;
  }

  async refreshStatus(): Promise<PrinterStatus> {
    const link = this.link;
    if (link && !link.closed) await link.exclusive(() => this.queryAndRecord(link, 1));
    return this.current;
  }

  printTestPage(): Promise<PrintOutcome> {
    return this.printGrid();
  }

  printGrid(): Promise<PrintOutcome> {
    return this.job('test grid', encodeGrid(this.o.template, this.o.calibration()), 'test grid');
  }

  async printForm(data: InvoiceFormData, template?: FormTemplate): Promise<PrintOutcome> {
    const parsed = InvoiceFormData.safeParse(data);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      return failed('invalidData', null, `invoice data invalid at: ${fields}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = encodeForm(parsed.data, template ?? this.o.template, this.o.calibration());
    } catch (error) {
      if (error instanceof FormLayoutError) return failed('invalidData', null, error.message);
      throw error;
    }
    const outcome = await this.job('invoice form', bytes, `invoice form: ${bytes.length} bytes, ${parsed.data.items.length} item lines`);
    this.o.log?.info(
      { event: 'printer.form', device: 'invoice', ok: outcome.ok, code: outcome.ok ? 'success' : outcome.code, bytes: bytes.length },
      'invoice form job',
    );
    return outcome;
  }

  async ejectBlankForms(count: number): Promise<PrintOutcome & { formsFed?: number }> {
    if (!Number.isInteger(count) || count < 1 || count > 100) return { ...failed('invalidData', null, 'count must be 1..100'), formsFed: 0 };
    let fed = 0;
    for (let i = 0; i < count; i++) {
      const outcome = await this.job('blank form feed', encodeBlankFormFeed(1, this.o.template.heightMm), `blank form ${i + 1}/${count}`);
      if (!outcome.ok) {
        this.o.log?.warn({ event: 'printer.blankForms', device: 'invoice', requested: count, fed, code: outcome.code }, 'blank form feed stopped');
        return { ...outcome, formsFed: fed };
      }
      fed++;
    }
    this.o.log?.info({ event: 'printer.blankForms', device: 'invoice', requested: count, fed }, 'blank forms fed');
    return { ok: true, detail: `${fed} blank forms fed`, formsFed: fed };
  }

  /** Polls status while the line is open; jobs take their turn on the link between polls. */
  private async session(c: Connection): Promise<void> {
    const offClose = c.transport.onClose(() => this.loop.wake());
    this.link = c.link;
    this.silentPolls = 0;
    try {
      while (!this.loop.stopping && !c.link.closed) {
        const q = await c.link.exclusive(() => (c.link.closed ? Promise.resolve(null) : this.queryAndRecord(c.link, 2)));
        // A line that fails writes without a close event is as gone as an unplugged one: reopen it.
        if (q && !q.ok && q.code === 'disconnected') break;
        await this.loop.sleep(this.o.pollIntervalMs);
      }
    } finally {
      offClose();
      this.link = null;
    }
  }

  /** Status before, one write, status after. */
  private job(kind: string, bytes: Uint8Array, summary: string): Promise<PrintOutcome> {
    const link = this.link;
    const absent = () => failed('deviceNotReady', 'noDevice', `no invoice printer on ${this.o.port}`);
    if (!link || link.closed) return Promise.resolve(absent());
    return link.exclusive(async () => {
      if (link.closed) return absent();
      const before = await this.queryAndRecord(link, 1);
      if (!before.ok) return queryFailure(before, `before ${kind}`);
      const notReady = printerFault(before.status);
      if (notReady) return failed('deviceNotReady', notReady, `not printed: ${before.status.detail ?? notReady}`);
      const written = await link.writeJob(bytes, summary);
      if (!written.ok) return failed('hardwareError', 'noDevice', `printer disconnected during ${kind}: ${written.error.detail}`);
      const after = await this.queryAndRecord(link, 1);
      if (!after.ok) return queryFailure(after, `after ${kind}, not confirmed`);
      const fault = printerFault(after.status);
      if (fault) return failed('hardwareError', fault, `${kind} may be incomplete: ${after.status.detail ?? fault}`);
      return { ok: true, detail: summary };
    });
  }

  /** Queries and records the answer; a silent printer becomes hardwareError after `silentLimit` polls (two idle, one during a job). */
  private async queryAndRecord(link: EscpLink, silentLimit: number): Promise<Query> {
    const r = await link.queryStatus();
    if (r.ok) {
      this.silentPolls = 0;
      const status = toInvoicePrinterStatus(r.status, this.o.port, this.o.model);
      this.setStatus(status);
      return { ok: true, status };
    }
    if (r.error.code !== 'disconnected' && ++this.silentPolls >= silentLimit) this.setStatus({ ...this.base, device: 'hardwareError', detail: r.error.detail });
    return { ok: false, ...r.error };
  }

  private setStatus(next: PrinterStatus): void {
    this.current = next;
    this.feed.publish(next);
  }
}

function queryFailure(q: Extract<Query, { ok: false }>, stage: string): PrintOutcome {
  return failed(q.code === 'timeOut' ? 'timeOut' : 'hardwareError', q.code === 'disconnected' ? 'noDevice' : 'hardwareError', `${stage}: ${q.detail}`);
}
