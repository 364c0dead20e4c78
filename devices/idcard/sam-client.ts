import type { ByteTransport } from '../transports/byte-transport';
import type { FrameTap } from './reader-types';
import {
  READ_ADDED_ADDRESS,
  READ_TEXT_PHOTO,
  READ_TEXT_PHOTO_FP,
  SamFrameDecoder,
  commandName,
  describeSw3,
  encodeCommand,
  type ResponseFrame,
  type SamCommand,
} from './sam-codec';

/**
 * One command at a time over a transport. The SAM protocol has no sequence
 * numbers: the next complete frame after a request is its answer. Stale bytes
 * are dropped before each request (a frame cut off by a lifted card or a
 * timeout must not be glued to the next answer).
 */
export type SamError =
  | { code: 'timeOut'; detail: string }
  | { code: 'disconnected'; detail: string }
  | { code: 'badChecksum' | 'badLength'; detail: string }
  | { code: 'closed'; detail: string };

export type SamResult = { ok: true; frame: ResponseFrame } | { ok: false; error: SamError };

export interface SamClientOptions {
  /** Default answer timeout per command. Defaults to 1500 ms (a read takes about a second). */
  timeoutMs?: number;
  /** Raw-frame tap for the technicians' view. */
  onFrame?: (tap: FrameTap) => void;
  now?: () => number;
}

/** Commands whose answers carry personal data: taps show their shape, never their content. */
const PERSONAL = [READ_TEXT_PHOTO, READ_TEXT_PHOTO_FP, READ_ADDED_ADDRESS];

export function summariseResponse(command: SamCommand, frame: ResponseFrame): string {
  const head = `${command.name} → ${describeSw3(frame.sw3)}`;
  const d = frame.data;
  if (PERSONAL.includes(command) && d.length >= 4 && command !== READ_ADDED_ADDRESS) {
    const text = ((d[0] ?? 0) << 8) | (d[1] ?? 0);
    const photo = ((d[2] ?? 0) << 8) | (d[3] ?? 0);
    const fp = command === READ_TEXT_PHOTO_FP && d.length >= 6 ? `, fingerprint ${((d[4] ?? 0) << 8) | (d[5] ?? 0)} B` : '';
    return `${head}, text ${text} B, photo ${photo} B${fp} (content withheld)`;
  }
  if (PERSONAL.includes(command) && d.length > 0) return `${head}, ${d.length} B (content withheld)`;
  return d.length > 0 ? `${head}, ${d.length} B` : head;
}

/** The frame with personal bytes zeroed: length, SW and checksum stay for diagnosis. */
function redact(command: SamCommand, frame: ResponseFrame): Uint8Array {
  if (!PERSONAL.includes(command) || frame.data.length === 0) return frame.raw;
  const out = frame.raw.slice();
  // Keep the 4–6 length bytes of a text+photo answer; zero the rest of DATA (header 7 + SW 3).
  const keep = command === READ_ADDED_ADDRESS ? 0 : command === READ_TEXT_PHOTO_FP ? 6 : 4;
  out.fill(0, 10 + keep, out.length - 1);
  return out;
}

export class SamClient {
  private readonly decoder = new SamFrameDecoder();
  private pending: { resolve: (r: SamResult) => void; command: SamCommand } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closedReason: string | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: SamClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1500;
    this.now = options.now ?? Date.now;
    this.unsubscribe.push(
      transport.onData((chunk) => this.receive(chunk)),
      transport.onClose((reason) => {
        this.closedReason = reason.disconnected ? `device disconnected${reason.detail ? `: ${reason.detail}` : ''}` : 'port closed';
        this.settle({ ok: false, error: { code: reason.disconnected ? 'disconnected' : 'closed', detail: this.closedReason } });
      }),
    );
  }

  /** Sends one command and waits for its answer. Never throws; SW3 is the caller's to judge. */
  send(command: SamCommand, data?: Uint8Array, timeoutMs = this.timeoutMs): Promise<SamResult> {
    const run = () => this.exchange(command, data, timeoutMs);
    const result = this.queue.then(run, run);
    this.queue = result;
    return result;
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
    this.settle({ ok: false, error: { code: 'closed', detail: 'client disposed' } });
  }

  private async exchange(command: SamCommand, data: Uint8Array | undefined, timeoutMs: number): Promise<SamResult> {
    if (this.closedReason) return { ok: false, error: { code: 'disconnected', detail: this.closedReason } };
    this.decoder.reset();
    const bytes = encodeCommand(command.cmd, command.para, data);
    const answer = new Promise<SamResult>((resolve) => {
      this.pending = { resolve, command };
    });
    const timer = setTimeout(
      () => this.settle({ ok: false, error: { code: 'timeOut', detail: `no answer to ${command.name} within ${timeoutMs} ms` } }),
      timeoutMs,
    );
    this.tap('tx', bytes, commandName(command.cmd, command.para));
    try {
      await this.transport.write(bytes);
    } catch (error) {
      this.settle({ ok: false, error: { code: 'disconnected', detail: error instanceof Error ? error.message : String(error) } });
    }
    const result = await answer;
    clearTimeout(timer);
    return result;
  }

  private receive(chunk: Uint8Array): void {
    for (const item of this.decoder.push(chunk)) {
      const pending = this.pending;
      if (item.kind === 'frame') {
        if (!pending) {
          this.tap('rx', item.raw, `unsolicited frame → ${describeSw3(item.sw3)}`);
          continue;
        }
        this.tap('rx', redact(pending.command, item), summariseResponse(pending.command, item));
        this.settle({ ok: true, frame: item });
      } else if (item.error === 'garbage') {
        // Line noise between frames: shown to technicians, not fatal to the exchange.
        this.tap('rx', item.raw.length > 32 ? item.raw.subarray(0, 32) : item.raw, `garbage ${item.raw.length} B dropped`);
      } else {
        const shown = pending && PERSONAL.includes(pending.command) ? item.raw.subarray(0, 10) : item.raw;
        this.tap('rx', shown, `${item.error === 'badChecksum' ? 'bad checksum' : 'bad length'} in a ${item.raw.length}-byte frame`);
        if (pending) this.settle({ ok: false, error: { code: item.error, detail: `${pending.command.name}: ${item.error}` } });
      }
    }
  }

  private settle(result: SamResult): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    pending.resolve(result);
  }

  private tap(direction: 'tx' | 'rx', bytes: Uint8Array, summary: string): void {
    this.options.onFrame?.({ direction, bytes: bytes.slice(), summary, at: this.now() });
  }
}
