import { Listeners } from '../transports/byte-transport';
import type { DeviceLog } from '../device-log';
import { DEVICE_NAMES, type DeviceId } from './device-loop';

export interface StatusFeedOptions<S> {
  device: DeviceId;
  log?: DeviceLog;
  /** A status the driver shows before any is published; publishing it again is not a change. */
  initial?: S;
  /** After each change is emitted (a printer's paper thresholds). */
  onChange?: (status: S) => void;
}

/**
 * A driver's status changes, each emitted and logged once: a status equal
 * to the last one (polled every second while nothing happens) is dropped.
 * Every driver logs the same `driver.status` line.
 */
export class StatusFeed<S> {
  private last: string;
  private readonly listeners = new Listeners<S>();

  constructor(private readonly o: StatusFeedOptions<S>) {
    this.last = o.initial === undefined ? '' : JSON.stringify(o.initial);
  }

  add(listener: (status: S) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Emits `status` when it differs from the last one; `state` names the driver's state for the log. Says whether it did. */
  publish(status: S, state?: string): boolean {
    const key = JSON.stringify(status);
    if (key === this.last) return false;
    this.last = key;
    this.o.log?.info(
      { event: 'driver.status', device: this.o.device, ...(state === undefined ? {} : { state }), status },
      `${DEVICE_NAMES[this.o.device]} status`,
    );
    this.listeners.emit(status);
    this.o.onChange?.(status);
    return true;
  }
}
