import { SerialPort } from 'serialport';
import { TransportError, TransportEvents, type ByteTransport } from './byte-transport';

export interface SerialTransportOptions {
  path: string;
  /** Defaults to 115200 (the SAM readers' factory setting). */
  baudRate?: number;
}

export interface SerialTransport extends ByteTransport {
  readonly baudRate: number;
}

/** Errors of a vanished device (USB unplugged, PTY master closed). */
function isNotFound(error: unknown): boolean {
  const msg = error instanceof Error ? error.message : String(error);
  return /ENOENT|No such file|ENXIO|cannot open/i.test(msg);
}

/** Opens a serial port (8N1, no flow control) with the real `serialport` package. */
export async function openSerialTransport(options: SerialTransportOptions): Promise<SerialTransport> {
  const baudRate = options.baudRate ?? 115200;
  const port = new SerialPort({ path: options.path, baudRate, autoOpen: false, hupcl: false });
  await new Promise<void>((resolve, reject) => {
    port.open((error) => {
      if (!error) return resolve();
      reject(new TransportError(`cannot open ${options.path}: ${error.message}`, { notFound: isNotFound(error) }));
    });
  });

  const events = new TransportEvents();

  port.on('data', (chunk: Buffer) => events.emitData(new Uint8Array(chunk)));
  // `close` carries a DisconnectedError (`disconnected: true`) when the device went away.
  port.on('close', (error?: Error & { disconnected?: boolean }) => {
    events.finish(error?.disconnected ? { disconnected: true, detail: error.message } : { disconnected: false });
  });
  // A write or read error that is not a disconnect still ends this transport:
  // the driver reopens it rather than guessing at the line's state.
  port.on('error', (error: Error) => {
    if (port.isOpen) port.close(() => undefined);
    else events.finish({ disconnected: true, detail: error.message });
  });

  return {
    path: options.path,
    baudRate,
    write(bytes) {
      if (events.closeReason || !port.isOpen) return Promise.reject(new TransportError('port closed', { closed: true }));
      // serialport's write/drain callbacks can stay pending forever when the port
      // is closed under them: a close, or a deadline sized to the line speed,
      // settles the write instead, so no caller (or stop()) waits for ever.
      return new Promise<void>((resolve, reject) => {
        let settled = false;
        const settle = (error: TransportError | null) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          offClose();
          if (error) reject(error);
          else resolve();
        };
        const lineMs = Math.ceil((bytes.length * 10 * 1000) / baudRate);
        const timer = setTimeout(() => settle(new TransportError('write did not complete', { disconnected: true })), 2000 + 4 * lineMs);
        const offClose = events.onClose(() => settle(new TransportError('port closed during write', { closed: true })));
        port.write(Buffer.from(bytes), (error) => {
          if (error) return settle(new TransportError(error.message, { disconnected: true }));
          port.drain((drainError) => settle(drainError ? new TransportError(drainError.message, { disconnected: true }) : null));
        });
      });
    },
    onData: (listener) => events.onData(listener),
    onClose: (listener) => events.onClose(listener),
    close: () => closeSerialPort(port),
  };
}

export interface SerialPortInfo {
  path: string;
  vendorId: number | null;
  productId: number | null;
  manufacturer: string | null;
}

/**
 * Lists serial ports. `SerialPort.list()` shells out to `udevadm` on Linux and
 * fails without it: then the list is empty, never an exception.
 */
export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  try {
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      vendorId: p.vendorId ? Number.parseInt(p.vendorId, 16) : null,
      productId: p.productId ? Number.parseInt(p.productId, 16) : null,
      manufacturer: p.manufacturer ?? null,
    }));
  } catch {
    return [];
  }
}

/**
 * Closes a port and resolves when it is closed, or after `timeoutMs` at the
 * latest: serialport's close callback can stay pending when the device went
 * away with a drain in flight, and a kiosk must never hang on shutdown or on
 * a reconnect because of it.
 */
export function closeSerialPort(port: SerialPort, timeoutMs = 1000): Promise<void> {
  if (!port.isOpen) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(finish, timeoutMs);
    timer.unref?.();
    port.once('close', finish);
    function finish() {
      clearTimeout(timer);
      port.off('close', finish);
      resolve();
    }
    try {
      port.close(() => finish());
    } catch {
      finish();
    }
  });
}
