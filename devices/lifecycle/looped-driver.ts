import { Listeners } from '../transports/byte-transport';
import type { FrameTap } from '../idcard/reader-types';
import type { StatusFeed } from './status-feed';

/**
 * The surface every device driver shares: status changes (de-duplicated by
 * its `StatusFeed`), raw frames for diagnostics, and start/stop of its
 * `DeviceLoop`. A driver adds its protocol and its own state.
 */
export abstract class LoopedDriver<S> {
  protected abstract readonly feed: StatusFeed<S>;
  protected abstract readonly loop: { start(): void; stop(): Promise<void> };
  protected readonly frames = new Listeners<FrameTap>();

  onStatus(listener: (status: S) => void): () => void {
    return this.feed.add(listener);
  }

  onFrame(listener: (frame: FrameTap) => void): () => void {
    return this.frames.add(listener);
  }

  /** Opens the device and keeps it open. Never throws: a missing device shows in the status until found. */
  start(): void {
    this.loop.start();
  }

  /** Stops polling and closes the device; resolves once it is closed. */
  stop(): Promise<void> {
    return this.loop.stop();
  }
}
