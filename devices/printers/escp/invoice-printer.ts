import type { DeviceLog } from '../../device-log';
import { printerFault, type CompletionCode, type PrinterFault, type PrinterStatus } from '../../../shared/domain/device-status';
import { InvoiceFormData } from '../../../shared/domain/invoice-form';
import { Listeners, type ByteTransport } from '../../transports/byte-transport';
import { openSerialTransport } from '../../transports/serial-transport';
import type { FrameTap, PrintOutcome, PrinterDriver } from '../printer-types';
import { STATUS_REQUESTS, combineAnswers, hex, parseStatusByte, statusRequest, type StatusAnswer } from '../escpos/status';
import { FormLayoutError, encodeBlankFormFeed, encodeForm, encodeGrid, type Calibration } from './escp-encoder';
import { toInvoicePrinterStatus } from './escp-status';
import { defaultInvoiceTemplate, type FormTemplate } from './form-template';
import { WakeableSleep } from '../../../shared/wakeable-sleep';

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

/** Writes; resolves null when written, or why not (a close while a drain is pending never calls back). */
function writeOrClose(t: ByteTransport, bytes: Uint8Array): Promise<string | null> {
  return new Promise((resolve) => {
    const off = t.onClose((reason) => {
      off();
      resolve(reason.detail ?? 'port closed');
    });
    t.write(bytes).then(
      () => {
        off();
        resolve(null);
      },
      (error: unknown) => {
        off();
        resolve(error instanceof Error ? error.message : String(error));
      },
    );
  });
}

type Query = { ok: true; status: PrinterStatus } | { ok: false; code: 'timeOut' | 'disconnected' | 'protocol'; detail: string };

export function createInvoicePrinter(opts: InvoicePrinterOptions): InvoicePrinter {
  const o = {
    baud: 9600, pollIntervalMs: 1000, statusTimeoutMs: 800, reconnectIntervalMs: 1000, model: null, calibration: () => ({ dxTenthMm: 0, dyTenthMm: 0 }),
    open: (port: string, baud: number) => openSerialTransport({ path: port, baudRate: baud }), template: defaultInvoiceTemplate(), ...opts,
  };
  const statusListeners = new Listeners<PrinterStatus>();
  const thresholdListeners = new Listeners<'low' | 'out' | 'full'>();
  const frameListeners = new Listeners<FrameTap>();
  const base = { kind: 'invoice' as const, paper: 'unknown' as const, coverOpen: false, cutterError: false, port: o.port, model: o.model };
  let current: PrinterStatus = { ...base, device: 'noDevice', detail: 'not started' };
  let transport: ByteTransport | null = null;
  let stopped = true;
  let running: Promise<void> | null = null;
  const sleeper = new WakeableSleep();
  let queue: Promise<unknown> = Promise.resolve();
  let silentPolls = 0;

  const tap = (direction: 'tx' | 'rx', bytes: Uint8Array, summary: string) => frameListeners.emit({ direction, bytes, summary, at: Date.now() });

  function setStatus(next: PrinterStatus): void {
    const prev = current;
    current = next;
    if (JSON.stringify(prev) === JSON.stringify(next)) return;
    o.log?.info({ event: 'invoicePrinter.status', device: next.device, paper: next.paper, coverOpen: next.coverOpen, detail: next.detail }, 'invoice printer status');
    statusListeners.emit(next);
    const crossed = prev.paper !== next.paper && (next.paper === 'low' || next.paper === 'out' || (next.paper === 'full' && (prev.paper === 'low' || prev.paper === 'out')));
    if (crossed) thresholdListeners.emit(next.paper as 'low' | 'out' | 'full');
  }

  /** Runs `fn` alone on the line (polls and jobs never interleave). */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Asks DLE EOT 1–4 in one write and waits for the four answer bytes. */
  async function query(t: ByteTransport): Promise<Query> {
    const request = Uint8Array.from(STATUS_REQUESTS.flatMap((n) => [...statusRequest(n)]));
    const got: number[] = [];
    let finish: (q: Query) => void = () => undefined;
    const answer = new Promise<Query>((resolve) => {
      const done = (q: Query) => {
        clearTimeout(timer);
        offData();
        offClose();
        resolve(q);
      };
      const timer = setTimeout(() => done({ ok: false, code: 'timeOut', detail: `printer does not answer status (${got.length}/4 bytes)` }), o.statusTimeoutMs);
      const offData = t.onData((chunk) => {
        got.push(...chunk);
        if (got.length >= 4) done(parseAnswers(got.slice(0, 4)));
      });
      const offClose = t.onClose(() => done({ ok: false, code: 'disconnected', detail: 'printer disconnected' }));
      finish = done;
    });
    tap('tx', request, 'DLE EOT 1–4 (real-time status)');
    // Not awaited: a drain can stay pending forever on a port closed under it; the answer, a close or the timer ends the wait.
    t.write(request).catch((error: unknown) => finish({ ok: false, code: 'disconnected', detail: `status request not sent: ${String(error)}` }));
    const q = await answer;
    if (got.length > 0) tap('rx', Uint8Array.from(got), q.ok ? `status → ${q.status.device}, paper ${q.status.paper}${q.status.coverOpen ? ', cover open' : ''}` : q.detail);
    return q;
  }

  function parseAnswers(bytes: number[]): Query {
    const answers: StatusAnswer[] = [];
    for (const [i, n] of STATUS_REQUESTS.entries()) {
      const parsed = parseStatusByte(n, bytes[i] ?? 0);
      if (!parsed.ok) return { ok: false, code: 'protocol', detail: parsed.detail };
      answers.push(parsed.answer);
    }
    const combined = combineAnswers(answers);
    if (!combined) return { ok: false, code: 'protocol', detail: `incomplete status ${bytes.map(hex).join(' ')}` };
    return { ok: true, status: toInvoicePrinterStatus(combined, o.port, o.model) };
  }

  /** Queries and records the answer; a silent printer becomes hardwareError after two polls (one during a job). */
  async function queryAndRecord(t: ByteTransport, silentLimit: number): Promise<Query> {
    const q = await query(t);
    if (q.ok) {
      silentPolls = 0;
      setStatus(q.status);
    } else if (q.code !== 'disconnected' && ++silentPolls >= silentLimit) {
      setStatus({ ...base, device: 'hardwareError', detail: q.detail });
    }
    return q;
  }

  function failed(code: CompletionCode, fault: PrinterFault | null, detail: string): PrintOutcome {
    return { ok: false, code, fault, detail };
  }

  /** Status before, one write, status after. */
  function job(kind: string, bytes: Uint8Array, summary: string): Promise<PrintOutcome> {
    return exclusive(async () => {
      const t = transport;
      if (!t) return failed('deviceNotReady', 'noDevice', `no invoice printer on ${o.port}`);
      const before = await queryAndRecord(t, 1);
      if (!before.ok) return failed(before.code === 'timeOut' ? 'timeOut' : 'hardwareError', before.code === 'disconnected' ? 'noDevice' : 'hardwareError', `before ${kind}: ${before.detail}`);
      const notReady = printerFault(before.status);
      if (notReady) return failed('deviceNotReady', notReady, `not printed: ${before.status.detail ?? notReady}`);
      tap('tx', bytes.subarray(0, 6), `${summary} (content withheld)`);
      const written = await writeOrClose(t, bytes);
      if (written !== null) return failed('hardwareError', 'noDevice', `printer disconnected during ${kind}: ${written}`);
      const after = await queryAndRecord(t, 1);
      if (!after.ok) return failed(after.code === 'timeOut' ? 'timeOut' : 'hardwareError', after.code === 'disconnected' ? 'noDevice' : 'hardwareError', `after ${kind}, not confirmed: ${after.detail}`);
      const fault = printerFault(after.status);
      if (fault) return failed('hardwareError', fault, `${kind} may be incomplete: ${after.status.detail ?? fault}`);
      return { ok: true, detail: summary };
    });
  }

  async function run(): Promise<void> {
    while (!stopped) {
      let t: ByteTransport;
      try {
        t = await o.open(o.port, o.baud);
      } catch (error) {
        setStatus({ ...base, device: 'noDevice', detail: error instanceof Error ? error.message : String(error) });
        await sleep(o.reconnectIntervalMs);
        continue;
      }
      if (stopped) {
        await t.close();
        return;
      }
      let gone = false;
      t.onClose(() => {
        gone = true;
        if (transport === t) transport = null;
        wakeUp();
      });
      transport = t;
      silentPolls = 0;
      o.log?.info({ event: 'invoicePrinter.connected', port: o.port }, 'invoice printer connected');
      while (!stopped && !gone) {
        const q = await exclusive(() => (gone ? Promise.resolve(null) : queryAndRecord(t, 2)));
        // A line that fails writes without a close event is as gone as an unplugged one: reopen it.
        if (q && !q.ok && q.code === 'disconnected') gone = true;
        await sleep(o.pollIntervalMs);
      }
      transport = null;
      await t.close().catch(() => undefined);
      if (!stopped) {
        o.log?.warn({ event: 'invoicePrinter.disconnected', port: o.port }, 'invoice printer disconnected');
        setStatus({ ...base, device: 'noDevice', detail: 'printer disconnected' });
        await sleep(o.reconnectIntervalMs);
      }
    }
  }

  function sleep(ms: number): Promise<void> {
    return stopped ? Promise.resolve() : sleeper.sleep(ms);
  }
  function wakeUp(): void {
    sleeper.wake();
  }

  const calibration = () => o.calibration();

  return {
    status: () => current,
    onStatus: (l) => statusListeners.add(l),
    onPaperThreshold: (l) => thresholdListeners.add(l),
    onFrame: (l) => frameListeners.add(l),
    start() {
      if (running) return;
      stopped = false;
      running = run().catch((error: unknown) => {
        o.log?.error({ event: 'invoicePrinter.driverCrash', err: String(error) }, 'invoice printer loop failed');
        setStatus({ ...base, device: 'hardwareError', detail: 'driver failure' });
      });
    },
    async stop() {
      stopped = true;
      wakeUp();
      await transport?.close().catch(() => undefined);
      await running;
      running = null;
      setStatus({ ...base, device: 'noDevice', detail: 'stopped' });
    },
    refreshStatus: () => exclusive(async () => (transport ? ((await queryAndRecord(transport, 1)), current) : current)),
    printTestPage: () => job('test grid', encodeGrid(o.template, calibration()), 'test grid'),
    printGrid: () => job('test grid', encodeGrid(o.template, calibration()), 'test grid'),
    async printForm(data, template) {
      const parsed = InvoiceFormData.safeParse(data);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
        return failed('invalidData', null, `invoice data invalid at: ${fields}`);
      }
      let bytes: Uint8Array;
      try {
        bytes = encodeForm(parsed.data, template ?? o.template, calibration());
      } catch (error) {
        if (error instanceof FormLayoutError) return failed('invalidData', null, error.message);
        throw error;
      }
      const outcome = await job('invoice form', bytes, `invoice form: ${bytes.length} bytes, ${parsed.data.items.length} item lines`);
      o.log?.info({ event: 'invoicePrinter.form', ok: outcome.ok, code: outcome.ok ? 'success' : outcome.code, bytes: bytes.length }, 'invoice form job');
      return outcome;
    },
    async ejectBlankForms(count) {
      if (!Number.isInteger(count) || count < 1 || count > 100) return { ...failed('invalidData', null, 'count must be 1..100'), formsFed: 0 };
      let fed = 0;
      for (let i = 0; i < count; i++) {
        const outcome = await job('blank form feed', encodeBlankFormFeed(1, o.template.heightMm), `blank form ${i + 1}/${count}`);
        if (!outcome.ok) {
          o.log?.warn({ event: 'invoicePrinter.blankForms', requested: count, fed, code: outcome.code }, 'blank form feed stopped');
          return { ...outcome, formsFed: fed };
        }
        fed++;
      }
      o.log?.info({ event: 'invoicePrinter.blankForms', requested: count, fed }, 'blank forms fed');
      return { ok: true, detail: `${fed} blank forms fed`, formsFed: fed };
    },
  };
}
