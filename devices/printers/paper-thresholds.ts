import type { PaperState } from '../../shared/domain/device-status';
import type { DeviceLog } from '../device-log';
import { Listeners } from '../transports/byte-transport';
import type { DeviceId } from '../lifecycle/device-loop';

export type PaperLevel = 'full' | 'low' | 'out';

/** A serial printer's paper level; `unknown` (no answer) and `jammed` say nothing about it. */
export function sensedLevel(paper: PaperState): PaperLevel | null {
  return paper === 'full' || paper === 'low' || paper === 'out' ? paper : null;
}

/**
 * Paper threshold events (XFS4IoT): low, out, and full again, once per
 * crossing, however often the same level is polled. Starts at `full`.
 */
export class PaperThresholds {
  private level: PaperLevel = 'full';
  private readonly listeners = new Listeners<PaperLevel>();

  constructor(
    private readonly device: DeviceId,
    private readonly log: DeviceLog | undefined,
    /** What a paper state says about the level; null keeps the last one. */
    private readonly levelOf: (paper: PaperState) => PaperLevel | null = sensedLevel,
  ) {}

  add(listener: (level: PaperLevel) => void): () => void {
    return this.listeners.add(listener);
  }

  update(paper: PaperState): void {
    const level = this.levelOf(paper);
    if (level === null || level === this.level) return;
    this.level = level;
    this.log?.warn({ event: 'driver.paperThreshold', device: this.device, paper: level }, `${this.device} paper ${level}`);
    this.listeners.emit(level);
  }
}
