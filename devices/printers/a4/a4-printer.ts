import type { DeviceLog } from '../../device-log';
import { printerFault, type PaperState, type PrinterStatus } from '../../../shared/domain/device-status';
import type { PrintOutcome, PrinterDriver } from '../printer-types';
import { jobVerdict, refusalFor, statusFromQueue, type JobVerdict, type Refusal } from './a4-status';
import { createCupsClient, CupsError, isValidQueueName, type CupsClient } from './cups-client';
import { DeviceLoop, errorText } from '../../lifecycle/device-loop';
import { StatusFeed } from '../../lifecycle/status-feed';
import { TaskQueue } from '../../lifecycle/task-queue';
import { PaperThresholds, type PaperLevel } from '../paper-thresholds';
import { LoopedPrinter } from '../looped-printer';

/**
 * The A4 document printer, reached through the operating system's print
 * system, CUPS (docs/devices.md "A4 printer: CUPS and IPP"). CUPS owns the wire, so this driver
 * only talks to the scheduler:
 * - while idle it asks for the queue's state every `pollIntervalMs`;
 * - a print asks first and refuses on any fault without submitting
 *   (queue missing → noDevice, disabled or rejecting → offline, media-empty
 *   → paper out), submits with `lp`, then follows the job id until CUPS says
 *   `completed` (ok) or canceled / aborted / held / stopped / timeout (not ok).
 *   A job that failed in any way is canceled in CUPS, so a document the
 *   taxpayer was told did not print cannot come out later.
 */
export type PrinterLog = DeviceLog;

export interface A4PrinterOptions {
  /** The CUPS queue (`lpstat -p`); letters, digits, `_ . -`. */
  queue: string;
  /** `host:port` or socket path of the CUPS server; defaults to `CUPS_SERVER`, else the local scheduler. */
  server?: string;
  /** Queue status poll while idle. Defaults to 5000 ms. */
  pollIntervalMs?: number;
  /** Job state poll while a job runs. Defaults to 500 ms. */
  jobPollIntervalMs?: number;
  /** Longest wait for CUPS to say "completed"; then the job is canceled and reported `timeOut`. Defaults to 120 000 ms. */
  jobTimeoutMs?: number;
  /** Limit of every CUPS command. Defaults to 10 000 ms. */
  commandTimeoutMs?: number;
  /** Renders the technician's test page (the host passes electron/host/documents/a4-test-page.ts). */
  testPage?: () => Promise<Uint8Array>;
  log?: PrinterLog;
}

export interface A4Printer extends PrinterDriver {
  /**
   * Resolves `ok: true` only after CUPS says completed; `jobId` (`QUEUE-123`) is set once CUPS accepted the job.
   * `title` goes to CUPS's logs and the printer's panel: never put personal data in it.
   */
  printPdf(pdf: Uint8Array, title: string): Promise<PrintOutcome & { jobId?: string }>;
}

export function createA4Printer(options: A4PrinterOptions): A4Printer {
  return new CupsA4Printer(options);
}

/** CUPS names a lack of paper (`media-empty`, `media-low`); paper it says nothing about counts as full. */
function queueLevel(paper: PaperState): PaperLevel {
  return paper === 'out' || paper === 'low' ? paper : 'full';
}

class CupsA4Printer extends LoopedPrinter implements A4Printer {
  private readonly client: CupsClient | null;
  private readonly setupError: string | null;
  private current: PrinterStatus;
  private readonly printing = new TaskQueue();
  protected readonly thresholds: PaperThresholds;
  protected readonly feed: StatusFeed<PrinterStatus>;
  /** CUPS owns the wire (no device frames to show): the "connection" is the scheduler client, and the session polls the queue. */
  protected readonly loop: DeviceLoop<CupsClient | null>;

  constructor(private readonly o: A4PrinterOptions) {
    super();
    let client: CupsClient | null = null;
    let setupError: string | null = null;
    try {
      if (!isValidQueueName(o.queue)) throw new Error(`invalid queue name ${JSON.stringify(o.queue)}`);
      client = createCupsClient({ server: o.server, timeoutMs: o.commandTimeoutMs ?? 10_000 });
    } catch (error) {
      setupError = error instanceof Error ? error.message : String(error);
    }
    this.client = client;
    this.setupError = setupError;
    this.current = statusFromQueue(o.queue, null, setupError ?? 'not asked yet');
    this.thresholds = new PaperThresholds('a4', o.log, queueLevel);
    this.feed = new StatusFeed({ device: 'a4', log: o.log, onChange: (status) => this.thresholds.update(status.paper) });
    this.loop = new DeviceLoop<CupsClient | null>({
      device: 'a4',
      // Never used: a connect attempt cannot fail, a CUPS that does not answer shows in the queue's status.
      reconnectIntervalMs: o.pollIntervalMs ?? 5000,
      log: o.log,
      connect: async () => ({ ok: true, connection: this.client }),
      session: () => this.pollQueue(),
      close: async () => undefined,
      onUnavailable: () => undefined,
      onLost: () => undefined,
    });
  }

  status(): PrinterStatus {
    return this.current;
  }

  async refreshStatus(): Promise<PrinterStatus> {
    if (!this.client) return this.setStatus(statusFromQueue(this.o.queue, null, this.setupError ?? 'no client'));
    try {
      return this.setStatus(statusFromQueue(this.o.queue, await this.client.queue(this.o.queue)));
    } catch (error) {
      return this.setStatus(statusFromQueue(this.o.queue, null, errorText(error)));
    }
  }

  async printTestPage(): Promise<PrintOutcome> {
    if (!this.o.testPage) return { ok: false, code: 'unsupportedCommand', fault: null, detail: 'no test page renderer configured' };
    return this.printPdf(await this.o.testPage(), 'A4 test page');
  }

  /** One job at a time: a second print waits for the first to end. */
  printPdf(pdf: Uint8Array, title: string): Promise<PrintOutcome & { jobId?: string }> {
    return this.printing.run(() => this.printOne(pdf, title));
  }

  private async printOne(pdf: Uint8Array, title: string): Promise<PrintOutcome & { jobId?: string }> {
    const before = await this.refreshStatus();
    const fault = printerFault(before);
    if (fault || !this.client) {
      const outcome = refusalFor(fault ?? 'noDevice', before);
      this.o.log?.warn({ event: 'printer.refused', device: 'a4', code: outcome.code, fault: outcome.fault, detail: outcome.detail }, 'A4 job not submitted');
      return outcome;
    }
    let id: number;
    try {
      id = await this.client.submit(this.o.queue, pdf, title);
    } catch (error) {
      const timedOut = error instanceof CupsError && error.reason === 'timeout';
      const outcome: Refusal = { ok: false, code: timedOut ? 'timeOut' : 'deviceNotReady', fault: 'offline', detail: `lp: ${errorText(error)}` };
      this.o.log?.error({ event: 'printer.failed', device: 'a4', code: outcome.code, detail: outcome.detail }, 'A4 job not accepted by CUPS');
      void this.refreshStatus();
      return outcome;
    }
    const jobId = `${this.o.queue}-${id}`;
    this.o.log?.info({ event: 'printer.submitted', device: 'a4', jobId, bytes: pdf.length }, 'A4 job submitted');
    const outcome = await this.follow(this.client, id, jobId);
    if (outcome.ok) this.o.log?.info({ event: 'printer.printed', device: 'a4', jobId }, 'A4 job completed');
    else this.o.log?.error({ event: 'printer.failed', device: 'a4', jobId, code: outcome.code, fault: outcome.fault, detail: outcome.detail }, 'A4 job failed');
    await this.refreshStatus();
    return { ...outcome, jobId };
  }

  /** Polls the job until CUPS gives a verdict or the deadline passes. */
  private async follow(client: CupsClient, id: number, jobId: string): Promise<PrintOutcome> {
    const deadline = Date.now() + (this.o.jobTimeoutMs ?? 120_000);
    const interval = this.o.jobPollIntervalMs ?? 500;
    let lastError = '';
    for (;;) {
      await delay(Math.max(0, Math.min(interval, deadline - Date.now())));
      let verdict: JobVerdict;
      try {
        const job = await client.job(this.o.queue, id);
        const queueStatus =
          job && (job.state === 'pending' || job.state === 'processing' || job.state === 'processing-stopped') ? await this.refreshStatus() : null;
        verdict = jobVerdict(this.o.queue, id, job, queueStatus);
      } catch (error) {
        // The scheduler may be restarting: keep asking until the deadline.
        lastError = errorText(error);
        verdict = { kind: 'wait' };
      }
      if (verdict.kind === 'printed') return { ok: true, detail: `CUPS job ${jobId} completed` };
      if (verdict.kind === 'failed') {
        if (verdict.cancel) await this.cancelQuietly(client, id, jobId);
        return verdict.outcome;
      }
      if (Date.now() >= deadline) {
        await this.cancelQuietly(client, id, jobId);
        const fault = printerFault(this.current);
        return { ok: false, code: 'timeOut', fault, detail: `CUPS did not complete job ${jobId} in time${lastError ? ` (${lastError})` : ''}` };
      }
    }
  }

  private async cancelQuietly(client: CupsClient, id: number, jobId: string): Promise<void> {
    try {
      await client.cancel(this.o.queue, id);
      this.o.log?.info({ event: 'printer.canceled', device: 'a4', jobId }, 'A4 job canceled in CUPS');
    } catch (error) {
      this.o.log?.warn({ event: 'printer.cancelFailed', device: 'a4', jobId, err: errorText(error) }, 'could not cancel A4 job');
    }
  }

  private async pollQueue(): Promise<void> {
    while (!this.loop.stopping) {
      await this.refreshStatus();
      await this.loop.sleep(this.o.pollIntervalMs ?? 5000);
    }
  }

  private setStatus(next: PrinterStatus): PrinterStatus {
    this.current = next;
    this.feed.publish(next);
    return next;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
