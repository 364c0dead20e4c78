import { SerialPort } from 'serialport';
import { createPtyPair } from '../../devices/simulators/pty-pair';
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
        pollIntervalMs: 50,
        removalPollMs: 80,
        reconnectIntervalMs: 200,
        commandTimeoutMs: 300,
        readTimeoutMs: 600,
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

/**
 * A SAM reader on the far end of a real PTY that answers from a fixed script of
 * literal bytes: request frame (hex, as docs/devices.md writes it) → answer
 * frame. No codec runs on this side, so a checksum bug in the codec cannot be
 * mirrored here. Answers follow each other per request when given as a list
 * (the last one repeats).
 */
export async function scriptedSamDevice(script: Record<string, Uint8Array | Uint8Array[]>) {
  const pair = await createPtyPair();
  const port = new SerialPort({ path: pair.b, baudRate: 115200 });
  await new Promise<void>((resolve, reject) => port.once('open', resolve).once('error', reject));
  const served: string[] = [];
  const unknown: number[] = [];
  const counts = new Map<string, number>();
  let pending = Buffer.alloc(0);
  port.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const hex = Object.keys(script).find((request) => pending.subarray(0, request.split(' ').length).equals(Buffer.from(request.replaceAll(' ', ''), 'hex')));
      if (!hex) {
        // Every scripted request is 10 bytes: with 10 unmatched bytes held, the first is not one's start.
        if (pending.length < 10) return;
        unknown.push(pending[0] ?? 0);
        pending = pending.subarray(1);
        continue;
      }
      pending = pending.subarray(hex.split(' ').length);
      const answers = script[hex];
      const n = counts.get(hex) ?? 0;
      counts.set(hex, n + 1);
      const answer = Array.isArray(answers) ? answers[Math.min(n, answers.length - 1)] : answers;
      served.push(hex);
      if (answer) port.write(Buffer.from(answer));
    }
  });
  return {
    portPath: pair.a,
    served,
    /** Bytes that were no scripted request. */
    unknown,
    async close() {
      await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
      await pair.close();
    },
  };
}
