import amqp, { type ChannelModel } from 'amqplib';
import { splitTlsParams, tlsSocketOptions } from './amqp-tls';
import { splitBrokerList } from '../../../shared/config/broker-list';

/**
 * Opening and closing one broker connection, the same way for every link the
 * kiosk and the sandbox keep (delivery, queries, config, heartbeat, intake).
 *
 * An amqplib connection or channel that emits 'error' with nobody listening
 * throws it as an uncaught exception (EventEmitter), which ends the process:
 * so a listener goes on every connection here, before anything can emit, and
 * every channel gets one from its owner as soon as it exists.
 */

const CLOSE_TIMEOUT_MS = 2000;

/**
 * Connects with our heartbeat; TCP connect and AMQP handshake together within `timeoutMs`. Given a
 * cluster's comma-separated list it tries each node in turn; long-lived links keep their own
 * rotation (broker-rotation.ts) and pass one node at a time. An
 * amqps:// URL's TLS files (cacertfile, certfile, keyfile: amqp-tls.ts) go to the TLS socket.
 */
export async function openConnection(url: string, heartbeatSeconds: number, timeoutMs: number): Promise<ChannelModel> {
  if (!url.includes(',')) return openOne(url, heartbeatSeconds, timeoutMs);
  // A cluster's list (broker-list.ts) for a one-shot link (kioskctl): each node in the given order, each within `timeoutMs`.
  let lastError: unknown = new Error('no broker address');
  for (const entry of splitBrokerList(url)) {
    try {
      return await openOne(entry, heartbeatSeconds, timeoutMs);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function openOne(url: string, heartbeatSeconds: number, timeoutMs: number): Promise<ChannelModel> {
  const { url: bare, tls } = splitTlsParams(url);
  const connecting = amqp.connect(withHeartbeat(bare, heartbeatSeconds), { timeout: timeoutMs, noDelay: true, ...tlsSocketOptions(bare, tls) });
  let model: ChannelModel;
  try {
    model = await withTimeout(connecting, timeoutMs, 'connecting to the broker');
  } catch (error) {
    // A handshake that completes after we gave up must not leave its socket open.
    connecting.then(
      (late) => {
        ignoreErrors(late);
        destroySocket(late);
      },
      () => undefined,
    );
    throw error;
  }
  ignoreErrors(model);
  return model;
}

/** Closes politely if the broker answers within 2 s, otherwise drops the socket. Never throws, never hangs. */
export async function closeConnection(model: ChannelModel): Promise<void> {
  ignoreErrors(model);
  try {
    await withTimeout(model.close(), CLOSE_TIMEOUT_MS, 'closing the connection');
  } catch {
    destroySocket(model);
  }
}

/**
 * The owner learns of a broken link through 'close' (and its own listeners);
 * this one only keeps an 'error' event from becoming an uncaught exception.
 */
function ignoreErrors(model: ChannelModel): void {
  model.on('error', () => undefined);
}

/** The URL's heartbeat, or ours: docs/sync.md asks for 30–60 s so a dead link is noticed. */
export function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds));
  return parsed.toString();
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** amqplib keeps the socket on `connection.stream`; not in its types, so checked at run time. */
export function destroySocket(model: ChannelModel): void {
  const connection: unknown = model.connection;
  if (typeof connection !== 'object' || connection === null || !('stream' in connection)) return;
  const stream: unknown = connection.stream;
  if (typeof stream === 'object' && stream !== null && 'destroy' in stream && typeof stream.destroy === 'function') {
    (stream as { destroy(): void }).destroy();
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** For logs and kioskctl output: the broker URL (or each URL of a list) without its password. */
export function redactUrl(url: string): string {
  return url
    .split(',')
    .map((entry) => {
      try {
        const parsed = new URL(entry.trim());
        if (parsed.password) parsed.password = '***';
        return parsed.toString();
      } catch {
        return '(invalid URL)';
      }
    })
    .join(',');
}
