import net from 'node:net';

/**
 * A loopback TCP proxy in front of a real broker that forwards AMQP 0-9-1
 * until the client sends its first channel.open, then stops forwarding in
 * both directions while keeping both sockets open: the connection handshake
 * completed, and the channel never opens. That is what a node busy booting or
 * half gone looks like to a client, made repeatable, to show that a client's
 * link setup is bounded by time, not only its TCP connect and handshake.
 */
export interface FreezeProxy {
  /** amqp://guest:guest@127.0.0.1:<proxy port> */
  url: string;
  /** Connections whose channel.open the proxy swallowed. */
  readonly frozen: number;
  close(): Promise<void>;
}

const PROTOCOL_HEADER_BYTES = 8; // "AMQP" 0 0 9 1
const FRAME_HEADER_BYTES = 7; // type (1), channel (2), size (4)
const FRAME_END_BYTES = 1;
const METHOD_FRAME = 1;
const CHANNEL_CLASS = 20;
const CHANNEL_OPEN = 10;

export async function startFreezeProxy(brokerPort: number): Promise<FreezeProxy> {
  let frozen = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: brokerPort });
    sockets.add(client).add(upstream);
    for (const s of [client, upstream]) {
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    let buffered = Buffer.alloc(0);
    let headerSeen = false;
    let stopped = false;
    client.on('data', (chunk: Buffer) => {
      if (stopped) return;
      buffered = Buffer.concat([buffered, chunk]);
      // Forward whole frames only, so the one that opens a channel can be held back.
      if (!headerSeen) {
        if (buffered.length < PROTOCOL_HEADER_BYTES) return;
        upstream.write(buffered.subarray(0, PROTOCOL_HEADER_BYTES));
        buffered = buffered.subarray(PROTOCOL_HEADER_BYTES);
        headerSeen = true;
      }
      while (buffered.length >= FRAME_HEADER_BYTES) {
        const size = buffered.readUInt32BE(3);
        const total = FRAME_HEADER_BYTES + size + FRAME_END_BYTES;
        if (buffered.length < total) return;
        const frame = buffered.subarray(0, total);
        buffered = buffered.subarray(total);
        if (frame[0] === METHOD_FRAME && frame.readUInt16BE(7) === CHANNEL_CLASS && frame.readUInt16BE(9) === CHANNEL_OPEN) {
          stopped = true;
          frozen++;
          upstream.pause();
          return;
        }
        upstream.write(frame);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!stopped) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no proxy port');
  return {
    url: `amqp://guest:guest@127.0.0.1:${address.port}`,
    get frozen() {
      return frozen;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
