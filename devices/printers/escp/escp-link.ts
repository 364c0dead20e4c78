import type { ByteTransport } from '../../transports/byte-transport';
import { TaskQueue } from '../../lifecycle/task-queue';
import type { FrameTap } from '../printer-types';
import type { LinkError, StatusResult, WriteResult } from '../escpos/escpos-link';
import { STATUS_REQUESTS, combineAnswers, hex, parseStatusByte, statusRequest, type StatusAnswer } from '../escpos/status';
import { toInvoicePrinterStatus } from './escp-status';

export interface EscpLinkOptions {
  /** Wait for the four status bytes. */
  timeoutMs: number;
  onFrame?: (tap: FrameTap) => void;
  now?: () => number;
}

/** `DLE EOT 1–4` in one write: the four real-time status requests (escp-status.ts says why an ESC/P printer). */
const STATUS_REQUEST = Uint8Array.from(STATUS_REQUESTS.flatMap((n) => [...statusRequest(n)]));

/**
 * One exchange at a time with the invoice printer (ESC/P on a serial line),
 * beside `EscposLink` for the receipt printer: the four status requests go
 * out in one write and their four answer bytes are awaited together, and a
 * job is one write. Polls and jobs share one queue, so a poll never splits a
 * job's bytes. Bytes that arrive while no status is asked are not read.
 */
export class EscpLink {
  private readonly queue = new TaskQueue();
  private gone: string | null = null;
  private readonly offClose: () => void;
  private readonly now: () => number;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: EscpLinkOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.offClose = transport.onClose((reason) => {
      this.gone = reason.detail ?? 'port closed';
    });
  }

  /** True once the transport has closed. */
  get closed(): boolean {
    return this.gone !== null;
  }

  /** Runs `fn` with the link to itself (polls and jobs never interleave). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.queue.run(fn);
  }

  /** Asks `DLE EOT 1–4` and waits for the four answer bytes. Call inside `exclusive`. */
  async queryStatus(): Promise<StatusResult> {
    const t = this.transport;
    const got: number[] = [];
    let finish: (r: StatusResult) => void = () => undefined;
    const answer = new Promise<StatusResult>((resolve) => {
      const done = (r: StatusResult) => {
        clearTimeout(timer);
        offData();
        offClose();
        resolve(r);
      };
      const timer = setTimeout(() => done(failure('timeOut', `printer does not answer status (${got.length}/4 bytes)`)), this.options.timeoutMs);
      const offData = t.onData((chunk) => {
        got.push(...chunk);
        if (got.length >= 4) done(parseAnswers(got.slice(0, 4)));
      });
      const offClose = t.onClose(() => done(failure('disconnected', 'printer disconnected')));
      finish = done;
    });
    this.tap('tx', STATUS_REQUEST, 'DLE EOT 1–4 (real-time status)');
    // Not awaited: a drain can stay pending forever on a port closed under it; the answer, a close or the timer ends the wait.
    t.write(STATUS_REQUEST).catch((error: unknown) => finish(failure('disconnected', `status request not sent: ${String(error)}`)));
    const result = await answer;
    if (got.length > 0) this.tap('rx', Uint8Array.from(got), result.ok ? describe(result) : result.error.detail);
    return result;
  }

  /**
   * Sends a whole job in one write. The tap shows its first bytes (the
   * printer's reset and setup) and `summary`, never the form's content.
   */
  writeJob(bytes: Uint8Array, summary: string): Promise<WriteResult> {
    this.tap('tx', bytes.subarray(0, 6), `${summary} (content withheld)`);
    const t = this.transport;
    // A close while a drain is pending never calls back: the close ends the wait.
    return new Promise((resolve) => {
      const off = t.onClose((reason) => {
        off();
        resolve({ ok: false, error: { code: 'disconnected', detail: reason.detail ?? 'port closed' } });
      });
      t.write(bytes).then(
        () => {
          off();
          resolve({ ok: true });
        },
        (error: unknown) => {
          off();
          resolve({ ok: false, error: { code: 'disconnected', detail: error instanceof Error ? error.message : String(error) } });
        },
      );
    });
  }

  dispose(): void {
    this.offClose();
  }

  private tap(direction: 'tx' | 'rx', bytes: Uint8Array, summary: string): void {
    this.options.onFrame?.({ direction, bytes, summary, at: this.now() });
  }
}

function failure(code: LinkError['code'], detail: string): StatusResult {
  return { ok: false, error: { code, detail } };
}

function parseAnswers(bytes: number[]): StatusResult {
  const answers: StatusAnswer[] = [];
  for (const [i, n] of STATUS_REQUESTS.entries()) {
    const parsed = parseStatusByte(n, bytes[i] ?? 0);
    if (!parsed.ok) return failure('protocol', parsed.detail);
    answers.push(parsed.answer);
  }
  const status = combineAnswers(answers);
  if (!status) return failure('protocol', `incomplete status ${bytes.map(hex).join(' ')}`);
  return { ok: true, status };
}

function describe(result: Extract<StatusResult, { ok: true }>): string {
  const s = toInvoicePrinterStatus(result.status, null, null);
  return `status → ${s.device}, paper ${s.paper}${s.coverOpen ? ', cover open' : ''}`;
}
