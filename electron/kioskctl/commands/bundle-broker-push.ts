import fs from 'node:fs';
import amqp, { type ConfirmChannel, type Message } from 'amqplib';
import { EXIT, UsageError, type CommandIo } from '../command';
import { describeTarget, type ConfigTarget } from '../../../shared/config/config-bundle';
import { FileInputError, readBoundedFile } from '../../host/bounded-file';
import { CONFIG_EXCHANGE, declareConfigExchange } from '../../host/config/config-topology';
import { MAX_SIGNED_FILE_BYTES } from '../../host/signed-bundles/signed-bundle-verifier';
import { openConnection } from '../../host/sync/amqp-connection';
import { tlsFromFlags, withTlsParams } from '../../host/sync/amqp-tls';
import { destroySocket, redactUrl, withTimeout } from '../../host/sync/publisher';

/**
 * What `config publish` and `content publish` share: the SIGNED argument read
 * within bounds, and the push itself — exchange kiosk.config, one routing key
 * per target, persistent and mandatory on a confirm channel — with its report
 * and exit codes. Each command checks its own kind of bundle before the push.
 */

/** The SIGNED argument: exactly one regular file, else a usage error (64). */
export function signedFileArg(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('give exactly one SIGNED file');
  const file = positionals[0] ?? '';
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
  return file;
}

/** The broker to push to, with the TLS flags applied; a usage error (64) when none is given. */
export function pushBrokerUrl(given: string | undefined, values: Record<string, unknown>): string {
  const url = given === undefined ? undefined : withTlsParams(given, tlsFromFlags(values));
  if (url === undefined || !/^amqps?:\/\/\S+$/.test(url)) throw new UsageError('give the broker as --amqp amqp://… (or KIOSK_AMQP_URL)');
  return url;
}

/** The SIGNED file within bounds (4 MiB, regular file); null once the refusal is printed. */
export function readSignedForPush(file: string, io: CommandIo, command: string): Buffer | null {
  try {
    return readBoundedFile(file, MAX_SIGNED_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof FileInputError)) throw error;
    io.err(`kioskctl ${command}: refused: ${error.message}`);
    return null;
  }
}

export interface BundlePush {
  /** As in messages: `config publish`. */
  command: string;
  /** How the report names the version: `version 7`, `content version 7`. */
  versionNoun: string;
  /** The broker's message type and id prefix: a content bundle travels the same way under its own name. */
  message: { type: string; idPrefix: string };
  url: string;
  timeoutMs: number;
  json: boolean;
}

/** Publishes the checked bundle's bytes to every routing key of its target, reports, and gives the exit code. */
export async function pushSignedBundle(
  push: BundlePush,
  bytes: Buffer,
  bundle: { version: number; target: ConfigTarget },
  hash: string,
  io: CommandIo,
): Promise<number> {
  const { command, url, timeoutMs } = push;
  const keys = routingKeys(bundle.target);
  let model: amqp.ChannelModel;
  try {
    model = await openConnection(url, 30, timeoutMs);
  } catch (error) {
    io.err(`kioskctl ${command}: cannot reach ${redactUrl(url)}: ${errorText(error)}`);
    return EXIT.deviceError;
  }
  model.on('error', () => undefined);
  let results: PublishResult[];
  try {
    const channel = await withTimeout(model.createConfirmChannel(), timeoutMs, 'opening a channel');
    channel.on('error', () => undefined);
    await withTimeout(declareConfigExchange(channel), timeoutMs, 'declaring the exchange');
    results = await publishAll(channel, keys, bytes, { version: bundle.version, hash }, timeoutMs, push.message);
  } catch (error) {
    io.err(`kioskctl ${command}: ${errorText(error)}`);
    destroySocket(model);
    return EXIT.failure;
  }
  await withTimeout(model.close(), 2000, 'closing').catch(() => destroySocket(model));

  const published = results.filter((r) => r.outcome === 'confirmed').map((r) => r.key);
  const unroutable = results.filter((r) => r.outcome === 'unroutable').map((r) => r.key);
  const failed = results.filter((r) => r.outcome === 'failed');
  if (push.json) io.out(JSON.stringify({ version: bundle.version, hash, target: bundle.target, published, unroutable }));
  else {
    io.out(`${push.versionNoun} ${bundle.version} for ${describeTarget(bundle.target)}: published to ${published.length} of ${keys.length} routing key(s)`);
    for (const key of unroutable) io.out(`  unroutable: ${key} (no kiosk queue bound: that kiosk never connected)`);
  }
  for (const f of failed) io.err(`kioskctl ${command}: ${f.key}: ${f.detail ?? 'not confirmed'}`);
  if (failed.length > 0) return EXIT.failure;
  return unroutable.length > 0 ? EXIT.refused : EXIT.ok;
}

type PublishResult = { key: string; outcome: 'confirmed' | 'unroutable' | 'failed'; detail?: string };

export function routingKeys(target: ConfigTarget): string[] {
  if ('all' in target) return ['all'];
  if ('branch' in target) return [`branch.${target.branch}`];
  return [...new Set(target.kioskIds)].map((id) => `kiosk.${id}`);
}

export async function publishAll(
  channel: ConfirmChannel,
  keys: readonly string[],
  content: Buffer,
  bundle: { version: number; hash: string },
  timeoutMs: number,
  /** Message type and id prefix: a content bundle travels the same way under its own name. */
  kind: { type: string; idPrefix: string },
): Promise<PublishResult[]> {
  // basic.return comes before the ack of the same message; messageId names the key it was for.
  const returned = new Set<string>();
  channel.on('return', (message: Message) => {
    if (typeof message.properties.messageId === 'string') returned.add(message.properties.messageId);
  });
  return Promise.all(
    keys.map((key) => {
      const messageId = `${kind.idPrefix}-${bundle.version}-${bundle.hash.slice(0, 16)}-${key}`;
      return withTimeout(
        new Promise<PublishResult>((resolve) => {
          channel.publish(
            CONFIG_EXCHANGE,
            key,
            content,
            {
              persistent: true,
              mandatory: true,
              messageId,
              type: kind.type,
              contentType: 'application/json',
              timestamp: Math.floor(Date.now() / 1000),
              headers: { 'config-version': bundle.version, 'config-hash': bundle.hash },
            },
            (error: unknown) => {
              if (error !== null && error !== undefined) resolve({ key, outcome: 'failed', detail: `nacked: ${errorText(error)}` });
              else resolve({ key, outcome: returned.has(messageId) ? 'unroutable' : 'confirmed' });
            },
          );
        }),
        timeoutMs,
        `waiting for the confirm of ${key}`,
      ).catch((error: unknown) => ({ key, outcome: 'failed' as const, detail: errorText(error) }));
    }),
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
