import { WakeableSleep } from '../../shared/wakeable-sleep';
import type { DeviceLog } from '../device-log';

/** The kiosk's devices as every driver's log lines name them (the `device` field). */
export type DeviceId = 'idcard' | 'receipt' | 'invoice' | 'a4';

export const DEVICE_NAMES: Readonly<Record<DeviceId, string>> = {
  idcard: 'ID card reader',
  receipt: 'receipt printer',
  invoice: 'invoice printer',
  a4: 'A4 printer',
};

/**
 * One connect attempt: the open device, or why there is none (the loop tries
 * again). `protocolError`: the device answered, but not in its protocol (every
 * answer failed its checksum): a different fault from one that is silent.
 */
export type Connected<C> = { ok: true; connection: C } | { ok: false; device: 'noDevice' | 'hardwareError'; detail: string; protocolError?: boolean };

export interface DeviceLoopOptions<C> {
  device: DeviceId;
  /** One attempt to open the device. A throw counts as `noDevice` with its message. */
  connect(): Promise<Connected<C>>;
  /**
   * Works the open device until its link is lost or the loop stops: pause
   * with `loop.sleep` (a stop cuts it short) and leave once `loop.stopping`.
   */
  session(connection: C): Promise<void>;
  /** Closes what `connect` opened. Errors are ignored: the device may be gone already. */
  close(connection: C): Promise<void>;
  /** Where the device was found, for the `driver.connected` line (none without it: nothing was opened). */
  where?(connection: C): { port: string | null; model?: string | null };
  /** Called by `stop()` with the open connection, so a pending exchange ends now rather than at its timeout. */
  interrupt?(connection: C): Promise<void> | void;
  /** A connect attempt failed: the driver shows why until the next attempt. */
  onUnavailable(failure: Extract<Connected<C>, { ok: false }>): void;
  /** The session ended without a stop: the device is gone. */
  onLost(): void;
  /** The loop itself threw (a driver bug): the driver shows a fault. */
  onCrash?(): void;
  /** `stop()` has waited for the loop. */
  onStopped?(): void;
  /** Pause before the next connect attempt. */
  reconnectIntervalMs: number;
  log?: DeviceLog;
}

/**
 * The one lifecycle of every device driver:
 *
 *   start → connect ─ok→ session … lost → back off → connect …
 *              └─failed→ back off ───────↑        stop: wakes any pause, interrupts the session, waits
 *
 * Drivers keep their protocol in `session` and their status in their own
 * state; the loop owns start/stop, the wakeable pauses and the
 * `driver.connected` / `driver.disconnected` / `driver.crashed` log lines.
 */
export class DeviceLoop<C> {
  private active = false;
  private running: Promise<void> | null = null;
  private current: C | null = null;
  private readonly sleeper = new WakeableSleep();

  constructor(private readonly o: DeviceLoopOptions<C>) {}

  /** True from `stop()` until the next `start()` (and before the first). */
  get stopping(): boolean {
    return !this.active;
  }

  /** Starts connecting in the background. Never throws; a second call while running does nothing. */
  start(): void {
    if (this.running) return;
    this.active = true;
    this.running = this.run().catch((error: unknown) => {
      this.o.log?.error({ event: 'driver.crashed', device: this.o.device, err: String(error) }, `${DEVICE_NAMES[this.o.device]} driver loop failed`);
      this.o.onCrash?.();
    });
  }

  /** Ends the loop: cuts any pause short, interrupts the session, and resolves once the device is closed. */
  async stop(): Promise<void> {
    this.active = false;
    this.sleeper.wake();
    const open = this.current;
    if (open !== null) await this.o.interrupt?.(open);
    await this.running;
    this.running = null;
    this.o.onStopped?.();
  }

  /** A pause that `wake()` and `stop()` end early; none at all once stopping. */
  sleep(ms: number): Promise<void> {
    return this.active ? this.sleeper.sleep(ms) : Promise.resolve();
  }

  /** Ends the pause under way (a transport closed, a job waits). */
  wake(): void {
    this.sleeper.wake();
  }

  private async run(): Promise<void> {
    while (this.active) {
      const attempt = await this.o.connect().catch((error: unknown): Connected<C> => ({ ok: false, device: 'noDevice', detail: errorText(error) }));
      if (!this.active) {
        if (attempt.ok) await this.closeQuietly(attempt.connection);
        return;
      }
      if (!attempt.ok) {
        this.o.onUnavailable(attempt);
        await this.sleep(this.o.reconnectIntervalMs);
        continue;
      }
      const connection = attempt.connection;
      this.current = connection;
      const name = DEVICE_NAMES[this.o.device];
      if (this.o.where) this.o.log?.info({ event: 'driver.connected', device: this.o.device, ...this.o.where(connection) }, `${name} connected`);
      try {
        await this.o.session(connection);
      } finally {
        this.current = null;
        await this.closeQuietly(connection);
      }
      if (this.active) {
        this.o.log?.warn({ event: 'driver.disconnected', device: this.o.device }, `${name} disconnected`);
        this.o.onLost();
        await this.sleep(this.o.reconnectIntervalMs);
      }
    }
  }

  private async closeQuietly(connection: C): Promise<void> {
    await this.o.close(connection).catch(() => undefined);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
