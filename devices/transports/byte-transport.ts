/**
 * A thin duplex byte pipe (serial port, HID device after report reassembly).
 * Transports know nothing of frames; codecs know nothing of ports.
 */
export interface CloseReason {
  /** True when the device went away (USB unplugged, PTY hung up); false on a requested close. */
  disconnected: boolean;
  /** Technical detail for technicians; never personal data. */
  detail?: string;
}

export interface ByteTransport {
  /** Port path or HID path, for status and logs. */
  readonly path: string;
  /** Resolves once the bytes are handed to the OS (serial: after drain). Rejects with a TransportError. */
  write(bytes: Uint8Array): Promise<void>;
  /** Every received chunk, in order. Returns the unsubscribe. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the transport closes, for whatever reason. Returns the unsubscribe. */
  onClose(listener: (reason: CloseReason) => void): () => void;
  /** Closes; resolves when closed. Calling it twice is harmless. */
  close(): Promise<void>;
}

/** Errors carry boolean flags the caller branches on (after node-serialport's bindings). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly flags: { disconnected?: boolean; notFound?: boolean; closed?: boolean } = {},
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** A tiny listener set: add returns the unsubscribe. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of [...this.set]) listener(value);
  }
  clear(): void {
    this.set.clear();
  }
}

/**
 * The listener half every transport shares: data fan-out, and a close that
 * is reported exactly once (late subscribers still hear it).
 */
export class TransportEvents {
  private readonly data = new Listeners<Uint8Array>();
  private readonly closed = new Listeners<CloseReason>();
  private reason: CloseReason | null = null;

  get closeReason(): CloseReason | null {
    return this.reason;
  }

  emitData(chunk: Uint8Array): void {
    this.data.emit(chunk);
  }

  /** Marks the transport closed; only the first call counts. */
  finish(reason: CloseReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.closed.emit(reason);
    this.data.clear();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    const reason = this.reason;
    if (reason) {
      queueMicrotask(() => listener(reason));
      return () => undefined;
    }
    return this.closed.add(listener);
  }
}
