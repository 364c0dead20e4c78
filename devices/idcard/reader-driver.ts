import type { CardReaderStatus, CompletionCode } from '../../shared/domain/device-status';
import { localToday, statusOf, type DriverState } from './reader-state';
import { checkCard } from '../../shared/domain/card-checks';
import { assertNever } from '../../shared/assert-never';
import { Listeners, type ByteTransport } from '../transports/byte-transport';
import type { CardEvent, FrameTap, IdCardReader } from './reader-types';
import { FIND_CARD, READ_TEXT_PHOTO, SELECT_CARD, SW3, describeSw3, sw3Status } from './sam-codec';
import { SamClient, type SamError } from './sam-client';
import { splitReadResponse } from './read-response';
import { parseTextBlock } from './text-block';
import { WakeableSleep } from '../../shared/wakeable-sleep';

/**
 * The ID-card reader driver: joins a transport, the SAM client and the
 * text-block codec in one explicit state machine.
 *
 *   starting → noDevice ⇄ idlePolling → cardFound → reading → cardPresent → idlePolling
 *                              ↕ hardwareError (reader stopped answering)
 *
 * Lift detection: after a read a card sits halted and may not answer
 * "find card" (20 01 → 80) although it is still there. So in `cardPresent`
 * an 80 is confirmed with "select card" (20 02): 90 = still there (and awake
 * again), 81 = gone. One poll every `removalPollMs` detects a lift in well
 * under a second.
 */
export interface Connection {
  transport: ByteTransport;
  port: string;
  model: string | null;
}
export type ConnectResult = { ok: true; connection: Connection } | { ok: false; device: 'noDevice' | 'hardwareError'; detail: string };

/** What the driver logs through (pino's Logger fits). Never given personal data. */
export interface ReaderLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ReaderDriverOptions {
  /** Finds and opens the reader (discovery.ts). */
  connect: () => Promise<ConnectResult>;
  /** "find card" poll while idle. Defaults to 400 ms (devices.md: 300–500 ms). */
  pollIntervalMs?: number;
  /** Presence poll while a card is on the reader. Defaults to 300 ms. */
  removalPollMs?: number;
  /** Retry after the reader is gone. Defaults to 1000 ms. */
  reconnectIntervalMs?: number;
  /** Answer timeout of short commands. Defaults to 1000 ms. */
  commandTimeoutMs?: number;
  /** Answer timeout of the text+photo read (~1.3 KB). Defaults to 3000 ms. */
  readTimeoutMs?: number;
  /** Consecutive unanswered polls before `hardwareError`. Defaults to 2. */
  timeoutsBeforeHardwareError?: number;
  /** Today's local date `YYYY-MM-DD` (injectable clock for the expiry check). */
  today?: () => string;
  now?: () => number;
  log?: ReaderLog;
}

type Stop = 'disconnected' | 'stopped';

export class ReaderDriver implements IdCardReader {
  private state: DriverState = { name: 'starting' };
  private conn: Connection | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private readonly sleeper = new WakeableSleep();
  private timeouts = 0;
  private linkLost = false;
  private lastStatus = '';
  private readonly statusListeners = new Listeners<CardReaderStatus>();
  private readonly cardListeners = new Listeners<CardEvent>();
  private readonly frameListeners = new Listeners<FrameTap>();
  private readonly o: Required<Omit<ReaderDriverOptions, 'log'>> & { log: ReaderLog | undefined };

  constructor(options: ReaderDriverOptions) {
    this.o = {
      pollIntervalMs: 400, removalPollMs: 300, reconnectIntervalMs: 1000, commandTimeoutMs: 1000, readTimeoutMs: 3000,
      timeoutsBeforeHardwareError: 2, today: () => localToday(), now: Date.now, ...options, log: options.log,
    };
  }

  status(): CardReaderStatus {
    return statusOf(this.state, this.conn?.port ?? null, this.conn?.model ?? null);
  }
  /** The state machine's state, for tests and diagnostics. */
  stateName(): DriverState['name'] {
    return this.state.name;
  }
  onStatus(listener: (status: CardReaderStatus) => void): () => void {
    return this.statusListeners.add(listener);
  }
  onCard(listener: (event: CardEvent) => void): () => void {
    return this.cardListeners.add(listener);
  }
  onFrame(listener: (frame: FrameTap) => void): () => void {
    return this.frameListeners.add(listener);
  }

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.run().catch((error: unknown) => {
      this.o.log?.warn({ event: 'idcard.driverCrash', err: String(error) }, 'reader driver loop failed');
      this.setState({ name: 'hardwareError', detail: 'driver failure' });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    // Closing the transport ends a pending exchange at once instead of after its timeout.
    await this.conn?.transport.close().catch(() => undefined);
    await this.running;
    this.running = null;
    this.setState({ name: 'stopped' });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const result = await this.o.connect();
      if (this.stopped) {
        if (result.ok) await result.connection.transport.close();
        return;
      }
      if (!result.ok) {
        this.setState(result.device === 'noDevice' ? { name: 'noDevice', detail: result.detail } : { name: 'hardwareError', detail: result.detail });
        await this.sleep(this.o.reconnectIntervalMs);
        continue;
      }
      this.conn = result.connection;
      this.o.log?.info({ event: 'idcard.connected', port: result.connection.port, model: result.connection.model }, 'reader connected');
      const why = await this.session(result.connection);
      await result.connection.transport.close().catch(() => undefined);
      if (why === 'disconnected' && !this.stopped) {
        this.conn = null;
        this.setState({ name: 'noDevice', detail: 'reader disconnected' });
        await this.sleep(this.o.reconnectIntervalMs);
      }
    }
  }

  private async session(conn: Connection): Promise<Stop> {
    let gone = false;
    const offClose = conn.transport.onClose(() => {
      gone = true;
      this.wake();
    });
    const client = new SamClient(conn.transport, {
      timeoutMs: this.o.commandTimeoutMs,
      now: this.o.now,
      onFrame: (tap) => this.frameListeners.emit(tap),
    });
    this.timeouts = 0;
    this.linkLost = false;
    this.setState({ name: 'idlePolling' });
    try {
      // `linkLost`: a write refused because the port is closed, before (or without) its close event.
      // Without it the loop would retry at once, forever, without yielding to timers.
      while (!this.stopped && !gone && !this.linkLost) {
        const state = this.state;
        switch (state.name) {
          case 'idlePolling':
          case 'hardwareError':
            await this.pollForCard(client);
            break;
          case 'cardFound':
          case 'reading':
            await this.readCard(client);
            break;
          case 'cardPresent':
            await this.pollPresence(client);
            break;
          case 'starting':
          case 'noDevice':
          case 'stopped':
            return 'stopped';
          default:
            assertNever(state, 'driver state');
        }
      }
      return gone || this.linkLost ? 'disconnected' : 'stopped';
    } finally {
      offClose();
      client.dispose();
    }
  }

  private async pollForCard(client: SamClient): Promise<void> {
    const r = await client.send(FIND_CARD);
    if (!r.ok) {
      this.noteFailure(r.error);
      if (r.error.code !== 'disconnected' && r.error.code !== 'closed') await this.sleep(this.o.pollIntervalMs);
      return;
    }
    this.timeouts = 0;
    if (this.state.name === 'hardwareError') this.setState({ name: 'idlePolling' });
    if (r.frame.sw3 === SW3.cardFound) {
      this.setState({ name: 'cardFound' });
      this.cardListeners.emit({ type: 'cardFound' });
      return;
    }
    const st = sw3Status(r.frame.sw3);
    if (r.frame.sw3 !== SW3.noCard && st.completion === 'hardwareError') this.setState({ name: 'hardwareError', detail: describeSw3(r.frame.sw3) });
    await this.sleep(this.o.pollIntervalMs);
  }

  private async readCard(client: SamClient): Promise<void> {
    this.setState({ name: 'reading' });
    const sel = await client.send(SELECT_CARD);
    if (!sel.ok && (sel.error.code === 'disconnected' || sel.error.code === 'closed')) this.linkLost = true;
    if (!sel.ok) return this.fail(completionOf(sel.error), `select card: ${sel.error.detail}`);
    if (sel.frame.sw3 !== SW3.ok) return this.fail(sw3Status(sel.frame.sw3).completion, `select card → ${describeSw3(sel.frame.sw3)}`);
    const rd = await client.send(READ_TEXT_PHOTO, undefined, this.o.readTimeoutMs);
    if (!rd.ok && (rd.error.code === 'disconnected' || rd.error.code === 'closed')) this.linkLost = true;
    if (!rd.ok) return this.fail(completionOf(rd.error), `read: ${rd.error.detail}`);
    if (rd.frame.sw3 !== SW3.ok) return this.fail(sw3Status(rd.frame.sw3).completion, `read → ${describeSw3(rd.frame.sw3)}`);
    const parts = splitReadResponse(rd.frame.data);
    if (!parts.ok) return this.fail('invalidData', parts.detail);
    const parsed = parseTextBlock(parts.text);
    if (!parsed.ok) return this.fail('invalidData', `text block: ${parsed.error.detail}`);
    const checks = checkCard(parsed.card, this.o.today());
    this.setState({ name: 'cardPresent', outcome: 'read' });
    this.o.log?.info({ event: 'idcard.read', cardType: parsed.card.cardType, checks }, 'card read');
    this.cardListeners.emit({ type: 'cardRead', card: parsed.card, checks });
  }

  private fail(code: CompletionCode, detail: string): void {
    this.setState({ name: 'cardPresent', outcome: 'failed' });
    this.o.log?.warn({ event: 'idcard.readFailed', code, detail }, 'card read failed');
    this.cardListeners.emit({ type: 'readFailed', code, detail });
  }

  private async pollPresence(client: SamClient): Promise<void> {
    await this.sleep(this.o.removalPollMs);
    if (this.stopped) return;
    const find = await client.send(FIND_CARD);
    if (!find.ok) return this.noteFailure(find.error);
    this.timeouts = 0;
    if (find.frame.sw3 === SW3.cardFound) return;
    const sel = await client.send(SELECT_CARD);
    if (!sel.ok) return this.noteFailure(sel.error);
    if (sel.frame.sw3 === SW3.ok) return;
    this.setState({ name: 'idlePolling' });
    this.cardListeners.emit({ type: 'cardRemoved' });
  }

  /** Counts unanswered polls; a few in a row mean the reader stopped answering. */
  private noteFailure(error: SamError): void {
    if (error.code === 'disconnected' || error.code === 'closed') {
      this.linkLost = true;
      return;
    }
    if (error.code !== 'timeOut') return;
    this.timeouts++;
    if (this.timeouts >= this.o.timeoutsBeforeHardwareError && this.state.name !== 'hardwareError') {
      this.setState({ name: 'hardwareError', detail: 'reader does not answer' });
    }
  }

  private setState(next: DriverState): void {
    this.state = next;
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.o.log?.info({ event: 'idcard.status', state: next.name, device: status.device, media: status.media }, 'reader status');
    this.statusListeners.emit(status);
  }

  private sleep(ms: number): Promise<void> {
    return this.stopped ? Promise.resolve() : this.sleeper.sleep(ms);
  }

  private wake(): void {
    this.sleeper.wake();
  }
}

/**
 * A read that got no answer is most often a card lifted mid-read (devices.md):
 * the taxpayer's to fix, so `userError`. A broken frame is `invalidData`.
 */
function completionOf(error: SamError): CompletionCode {
  switch (error.code) {
    case 'timeOut':
      return 'userError';
    case 'badChecksum':
    case 'badLength':
      return 'invalidData';
    case 'disconnected':
    case 'closed':
      return 'hardwareError';
    default:
      return assertNever(error, 'SAM error');
  }
}

export { localToday, statusOf, type DriverState };
