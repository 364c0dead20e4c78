import type { ByteTransport } from '../../transports/byte-transport';
import type { FrameTap } from '../printer-types';
import {
  STATUS_REQUESTS,
  combineAnswers,
  describeStatus,
  hex,
  parseStatusByte,
  statusRequest,
  type EscposStatus,
  type StatusAnswer,
  type StatusRequest,
} from './status';

/**
 * One exchange at a time with an ESC/POS printer: the four `DLE EOT n`
 * status requests, and whole jobs. ESC/POS answers carry no tag, so the
 * next byte after a request is its answer; bytes that come when nothing
 * was asked (a late answer after a timeout) are dropped, not misread.
 */
export type LinkError = { code: 'timeOut'; detail: string } | { code: 'disconnected'; detail: string } | { code: 'protocol'; detail: string };
export type StatusResult = { ok: true; status: EscposStatus } | { ok: false; error: LinkError };
export type WriteResult = { ok: true } | { ok: false; error: LinkError };

export interface EscposLinkOptions {
  /** Wait for each status byte. */
  timeoutMs: number;
  onFrame?: (tap: FrameTap) => void;
  now?: () => number;
}

const REQUEST_NAMES: Record<StatusRequest, string> = { 1: 'printer', 2: 'offline cause', 3: 'error cause', 4: 'paper sensor' };

export class EscposLink {
  private pending: ((r: { ok: true; byte: number } | { ok: false; error: LinkError }) => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private gone: string | null = null;
  private readonly offs: (() => void)[];
  private readonly now: () => number;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: EscposLinkOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.offs = [
      transport.onData((chunk) => this.receive(chunk)),
      transport.onClose((reason) => {
        this.gone = reason.disconnected ? `printer disconnected${reason.detail ? `: ${reason.detail}` : ''}` : 'port closed';
        this.settle({ ok: false, error: { code: 'disconnected', detail: this.gone } });
      }),
    ];
  }

  /** True once the transport has closed. */
  get closed(): boolean {
    return this.gone !== null;
  }

  /** Runs `fn` with the link to itself (a print must not interleave with a poll). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn, fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Asks all four `DLE EOT n` in turn. Call inside `exclusive`. */
  async queryStatus(): Promise<StatusResult> {
    const answers: StatusAnswer[] = [];
    for (const n of STATUS_REQUESTS) {
      const r = await this.ask(n);
      if (!r.ok) return r;
      const parsed = parseStatusByte(n, r.byte);
      if (!parsed.ok) return { ok: false, error: { code: 'protocol', detail: parsed.detail } };
      answers.push(parsed.answer);
    }
    const status = combineAnswers(answers);
    if (!status) return { ok: false, error: { code: 'protocol', detail: 'incomplete status' } };
    this.tap('rx', new Uint8Array(0), `status: ${describeStatus(status) ?? 'ready'}`);
    return { ok: true, status };
  }

  /** Sends a whole job in one write. The tap shows its length only, never its content. */
  async writeJob(bytes: Uint8Array): Promise<WriteResult> {
    if (this.gone) return { ok: false, error: { code: 'disconnected', detail: this.gone } };
    this.tap('tx', new Uint8Array(0), `receipt job, ${bytes.length} B (content withheld)`);
    try {
      await this.transport.write(bytes);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: { code: 'disconnected', detail: error instanceof Error ? error.message : String(error) } };
    }
  }

  dispose(): void {
    for (const off of this.offs) off();
    this.settle({ ok: false, error: { code: 'disconnected', detail: 'link disposed' } });
  }

  private async ask(n: StatusRequest): Promise<{ ok: true; byte: number } | { ok: false; error: LinkError }> {
    if (this.gone) return { ok: false, error: { code: 'disconnected', detail: this.gone } };
    const request = statusRequest(n);
    const answer = new Promise<{ ok: true; byte: number } | { ok: false; error: LinkError }>((resolve) => {
      this.pending = resolve;
    });
    const timer = setTimeout(
      () => this.settle({ ok: false, error: { code: 'timeOut', detail: `no answer to DLE EOT ${n} within ${this.options.timeoutMs} ms` } }),
      this.options.timeoutMs,
    );
    this.tap('tx', request, `DLE EOT ${n} (${REQUEST_NAMES[n]} status)`);
    try {
      await this.transport.write(request);
    } catch (error) {
      this.settle({ ok: false, error: { code: 'disconnected', detail: error instanceof Error ? error.message : String(error) } });
    }
    const result = await answer;
    clearTimeout(timer);
    return result;
  }

  private receive(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (!this.pending) {
        this.tap('rx', Uint8Array.of(byte), `unsolicited byte ${hex(byte)} dropped`);
        continue;
      }
      this.tap('rx', Uint8Array.of(byte), `status byte ${hex(byte)}`);
      this.settle({ ok: true, byte });
    }
  }

  private settle(result: { ok: true; byte: number } | { ok: false; error: LinkError }): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    pending(result);
  }

  private tap(direction: 'tx' | 'rx', bytes: Uint8Array, summary: string): void {
    this.options.onFrame?.({ direction, bytes: bytes.slice(), summary, at: this.now() });
  }
}
