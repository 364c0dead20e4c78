import type { FrameTap } from '../../../devices/idcard/reader-types';
import type { DiagDeviceId, DiagFrame } from '../../../shared/contract/services/diagnostics';

/**
 * The last frames to and from each device, for the technicians' raw-frame
 * view: a bounded ring per device, fed by the drivers' `onFrame` taps. The
 * drivers' summaries carry no personal data (command names, lengths, status
 * words); the bytes can, so only a prefix of them is kept: an ID-card answer
 * keeps its header and SW1–SW3 (10 bytes) and never the card's text or photo,
 * a print job keeps its first command bytes and never the printed text.
 */
export const FRAMES_PER_DEVICE = 50;

/** Bytes kept per frame: enough to see the command or status, never the payload. */
const HEX_PREFIX: Record<DiagDeviceId, { tx: number; rx: number }> = {
  idcard: { tx: 16, rx: 10 },
  receipt: { tx: 8, rx: 8 },
  invoice: { tx: 8, rx: 8 },
  a4: { tx: 8, rx: 8 },
};

export function hexPrefix(bytes: Uint8Array, max: number): string {
  const shown = [...bytes.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} …` : shown;
}

export class FrameTrace {
  private readonly rings = new Map<DiagDeviceId, DiagFrame[]>();

  constructor(private readonly capacity = FRAMES_PER_DEVICE) {}

  record(device: DiagDeviceId, frame: FrameTap): void {
    const ring = this.rings.get(device) ?? [];
    ring.push({
      direction: frame.direction,
      at: new Date(frame.at).toISOString(),
      length: frame.bytes.length,
      hex: hexPrefix(frame.bytes, HEX_PREFIX[device][frame.direction]),
      summary: frame.summary.slice(0, 200),
    });
    if (ring.length > this.capacity) ring.splice(0, ring.length - this.capacity);
    this.rings.set(device, ring);
  }

  /** Newest last. */
  frames(device: DiagDeviceId): DiagFrame[] {
    return [...(this.rings.get(device) ?? [])];
  }

  /** Subscribes to a device's frame tap; returns the unsubscribe. */
  tap(device: DiagDeviceId, source: { onFrame(listener: (frame: FrameTap) => void): () => void }): () => void {
    return source.onFrame((frame) => this.record(device, frame));
  }
}
