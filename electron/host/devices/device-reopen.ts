/**
 * Reopens the devices when an applied config changed the device map, but
 * never in the middle of a visit: a print runs inside a visit, and tearing a
 * serial port down under it would lose a form. A request made during a visit
 * waits until the kiosk is idle (checked every `pollMs`); requests that pile
 * up meanwhile make one reopen.
 */
export interface DeviceReopenDeps {
  /** True when no visit is running (nothing can be printing). */
  isIdle: () => boolean;
  /** Stops the current device set and opens a new one from the device map in force. */
  reopen: () => Promise<void>;
  onError: (error: unknown) => void;
  pollMs?: number;
}

export class DeviceReopen {
  private pending = false;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: DeviceReopenDeps) {}

  request(): void {
    if (this.stopped) return;
    this.pending = true;
    this.tryNow();
  }

  /** Resolves once no reopen is running (the host's stop waits for it). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private tryNow(): void {
    if (this.stopped || !this.pending || this.running !== null) return;
    if (!this.deps.isIdle()) {
      if (this.timer === null) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.tryNow();
        }, this.deps.pollMs ?? 1000);
        this.timer.unref?.();
      }
      return;
    }
    this.pending = false;
    this.running = this.deps
      .reopen()
      .catch((error: unknown) => this.deps.onError(error))
      .finally(() => {
        this.running = null;
        // Changed again while reopening: once more.
        this.tryNow();
      });
  }
}
