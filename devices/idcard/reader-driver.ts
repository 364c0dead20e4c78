import type { CardReaderStatus, CompletionCode } from '../../shared/domain/device-status';
import { localToday, statusOf, type DriverState } from './reader-state';
import { checkCard } from '../../shared/domain/card-checks';
import { assertNever } from '../../shared/assert-never';
import { Listeners, type ByteTransport } from '../transports/byte-transport';
import type { DeviceLog } from '../device-log';
import { DeviceLoop, type Connected } from '../lifecycle/device-loop';
import { StatusFeed } from '../lifecycle/status-feed';
import { LoopedDriver } from '../lifecycle/looped-driver';
import type { CardEvent, IdCardReader } from './reader-types';
import { FIND_CARD, READ_TEXT_PHOTO, SELECT_CARD, SW3, describeSw3, sw3Status } from './sam-codec';
import { SamClient, type SamError } from './sam-client';
import { splitReadResponse } from './read-response';
import { parseTextBlock } from './text-block';

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
export type ConnectResult = Connected<Connection>;

/** What the driver logs through (pino's Logger fits). Never given personal data. */
export type ReaderLog = DeviceLog;

export interface ReaderDriverOptions {
  /** Finds and opens the reader (discovery.ts). */
  connect: () => Promise<ConnectResult>;
  /**
   * "find card" poll while idle. Defaults to 150 ms: a person waits on average
   * half of it between placing the card and the read starting (docs/devices.md,
   * "Poll interval").
   */
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

export class ReaderDriver extends LoopedDriver<CardReaderStatus> implements IdCardReader {
  private state: DriverState = { name: 'starting' };
  private conn: Connection | null = null;
  private timeouts = 0;
  private linkLost = false;
  protected readonly feed: StatusFeed<CardReaderStatus>;
  protected readonly loop: DeviceLoop<Connection>;
  private readonly cardListeners = new Listeners<CardEvent>();
  private readonly o: Required<Omit<ReaderDriverOptions, 'log'>> & { log: ReaderLog | undefined };

  constructor(options: ReaderDriverOptions) {
    super();
    this.o = {
      pollIntervalMs: 150,
      removalPollMs: 300,
      reconnectIntervalMs: 1000,
      commandTimeoutMs: 1000,
      readTimeoutMs: 3000,
      timeoutsBeforeHardwareError: 2,
      today: () => localToday(),
      now: Date.now,
      ...options,
      log: options.log,
    };
    this.feed = new StatusFeed({ device: 'idcard', log: options.log });
    this.loop = new DeviceLoop<Connection>({
      device: 'idcard',
      reconnectIntervalMs: this.o.reconnectIntervalMs,
      log: options.log,
      connect: () => this.o.connect(),
      where: (c) => ({ port: c.port, model: c.model }),
      session: (c) => this.session(c),
      close: (c) => c.transport.close(),
      // Closing the transport ends a pending exchange at once instead of after its timeout.
      interrupt: (c) => c.transport.close().catch(() => undefined),
      onUnavailable: (failure) =>
        this.setState(
          failure.device === 'noDevice'
            ? { name: 'noDevice', detail: failure.detail }
            : { name: 'hardwareError', detail: failure.detail, ...(failure.protocolError ? { protocolError: true } : {}) },
        ),
      onLost: () => {
        this.conn = null;
        this.setState({ name: 'noDevice', detail: 'reader disconnected' });
      },
      onCrash: () => this.setState({ name: 'hardwareError', detail: 'driver failure' }),
      onStopped: () => this.setState({ name: 'stopped' }),
    });
  }

  status(): CardReaderStatus {
    return statusOf(this.state, this.conn?.port ?? null, this.conn?.model ?? null);
  }
  /** The state machine's state, for tests and diagnostics. */
  stateName(): DriverState['name'] {
    return this.state.name;
  }
  /** The reader is unusable because it answers outside the protocol (not because it is silent). */
  protocolError(): boolean {
    return this.state.name === 'hardwareError' && this.state.protocolError === true;
  }
  onCard(listener: (event: CardEvent) => void): () => void {
    return this.cardListeners.add(listener);
  }

  /** Polls the open reader until it is gone (closed, or writes refused) or the driver stops. */
  private async session(conn: Connection): Promise<void> {
    this.conn = conn;
    let gone = false;
    const offClose = conn.transport.onClose(() => {
      gone = true;
      this.loop.wake();
    });
    const client = new SamClient(conn.transport, {
      timeoutMs: this.o.commandTimeoutMs,
      now: this.o.now,
      onFrame: (tap) => this.frames.emit(tap),
    });
    this.timeouts = 0;
    this.linkLost = false;
    this.setState({ name: 'idlePolling' });
    try {
      // `linkLost`: a write refused because the port is closed, before (or without) its close event.
      // Without it the loop would retry at once, forever, without yielding to timers.
      while (!this.loop.stopping && !gone && !this.linkLost) {
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
            return;
          default:
            assertNever(state, 'driver state');
        }
      }
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
    if (this.loop.stopping) return;
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
    this.feed.publish(this.status(), next.name);
  }

  private sleep(ms: number): Promise<void> {
    return this.loop.sleep(ms);
  }
}

/**
 * A read that got no answer is most often a card lifted mid-read (docs/devices.md):
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
