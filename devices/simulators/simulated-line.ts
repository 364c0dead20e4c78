import { SerialPort } from 'serialport';
import { closeSerialPort } from '../transports/serial-transport';
import { inOrder } from './in-order';
import { createPtyPair, type PtyPair } from './pty-pair';

/**
 * The simulator's end of a real PTY pair that can be unplugged and plugged
 * back on the same path: what every device simulator shares. The kiosk opens
 * `portPath`; the simulator reads and writes `port()`.
 */
export interface SimulatedLine {
  /** The simulator's open end, or null while unplugged. */
  port(): SerialPort | null;
  /** The device is gone from this byte on (synchronously); closing its PTY is queued behind any replug. */
  unplug(): Promise<void>;
  /** Brings the PTY back on the same path (no-op while plugged). */
  replug(): Promise<void>;
  close(): Promise<void>;
}

export interface SimulatedLineOptions {
  portPath: string;
  devicePath: string;
  baudRate: number;
  /**
   * Called on every plug with the freshly opened end: wire its data handler
   * here (a replugged device starts from power-on). `isCurrent()` turns false
   * once this plug is unplugged, so bytes still in flight are dropped.
   */
  attach(port: SerialPort, isCurrent: () => boolean): void;
}

export async function openSimulatedLine(options: SimulatedLineOptions): Promise<SimulatedLine> {
  let pty: PtyPair | null = null;
  let current: SerialPort | null = null;
  // Unplug and replug must not overlap: a replug that ran while an unplug was
  // still closing the PTY would see the old one and leave the device unplugged.
  const steps = inOrder();

  async function plug(): Promise<void> {
    pty = await createPtyPair({ a: options.portPath, b: options.devicePath });
    const p = new SerialPort({ path: options.devicePath, baudRate: options.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => p.open((e) => (e ? reject(e) : resolve())));
    p.on('error', () => undefined);
    options.attach(p, () => current === p);
    current = p;
  }

  function unplug(): Promise<void> {
    const p = current;
    current = null;
    return steps(async () => {
      await pty?.close();
      pty = null;
      if (p) await closeSerialPort(p);
    });
  }

  await plug();
  return {
    port: () => current,
    unplug,
    replug: () =>
      steps(async () => {
        if (!pty) await plug();
      }),
    close: unplug,
  };
}
