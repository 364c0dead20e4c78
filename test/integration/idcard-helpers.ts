import type { CardReaderStatus } from '../../shared/domain/device-status';
import { createIdCardReader } from '../../devices/idcard/discovery';
import type { CardEvent, FrameTap, IdCardReader } from '../../devices/idcard/reader-types';

/** A reader on the simulator's port with short intervals, recording everything it says. */
export function recordingReader(port: string) {
  const reader = createIdCardReader(
    { transport: 'serial', port, baud: 115200 },
    {
      probeTimeoutMs: 300,
      driver: {
        pollIntervalMs: 50, removalPollMs: 80, reconnectIntervalMs: 200, commandTimeoutMs: 300, readTimeoutMs: 600,
        today: () => '2026-06-01',
      },
    },
  );
  const cards: CardEvent[] = [];
  const statuses: CardReaderStatus[] = [];
  const frames: FrameTap[] = [];
  reader.onCard((e) => cards.push(e));
  reader.onStatus((s) => statuses.push(s));
  reader.onFrame((f) => frames.push(f));
  return { reader: reader as IdCardReader & { stateName(): string }, cards, statuses, frames };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 4000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
