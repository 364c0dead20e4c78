import fs from 'node:fs';
import amqp, { type ConfirmChannel, type Message } from 'amqplib';
import { EXIT, UsageError, intOption, type Command } from '../command';
import { ConfigBundle, SignedConfigBundle, describeTarget, type ConfigTarget } from '../../../shared/config/config-bundle';
import { KeyError, loadKeysFromDir } from '../../host/config/bundle-keys';
import { bundleHash, describeBundleIssues, MAX_SIGNED_FILE_BYTES, verifySignedBundle } from '../../host/config/bundle-signature';
import { CONFIG_EXCHANGE, declareConfigExchange } from '../../host/config/config-topology';
import { destroySocket, redactUrl, withTimeout } from '../../host/sync/publisher';
import { decodeUtf8Strict, FileInputError, readBoundedFile } from '../../host/bounded-file';
import { AMQP_TLS_OPTIONS, tlsFromFlags, withTlsParams } from '../../host/sync/amqp-tls';
import { openConnection } from '../../host/sync/amqp-connection';
import { AMQP_OPTION, amqpGiven } from '../amqp-flag';

const HELP = `Usage: kioskctl config publish --amqp URL SIGNED [--keys DIR] [--timeout MS] [--json]

Pushes a signed config bundle to the kiosks through the broker: exchange
${CONFIG_EXCHANGE} (topic), routing key from the bundle's target —
all → "all", branch B → "branch.B", kioskIds [K1, K2] → one message per kiosk,
"kiosk.K1", "kiosk.K2". Each kiosk (backend.transport "amqp") has its own
quorum queue kiosk.config.<kioskId>.replicated bound to its three keys, so a kiosk that
is off gets the bundle when it comes back. The kiosk verifies it exactly as
kioskctl config apply does, and reports the apply as a config.applied message
(a refusal is in its audit trail).

Published persistent and mandatory on a confirm channel: the command succeeds
only when the broker confirmed every message and routed each to at least one
kiosk queue. A key no queue is bound to (no kiosk of that id or branch ever
connected) is reported as unroutable: that kiosk does not get it.

Options:
  --amqp URL      amqp://user:pass@host:5672/vhost (or amqps://); else KIOSK_AMQP_URL
                  (repeat --amqp for each node of a cluster)
  --keys DIR      also check the signature against the public keys in DIR first (as config verify)
  --timeout MS    connect and confirm timeout (default 10000)
  --json          one JSON object: {"version","hash","target","published":[KEY...],"unroutable":[KEY...]}

Exit codes:
  0   published and routed to at least one kiosk queue per routing key
  1   the broker did not confirm (nack, or no confirm within the timeout): maybe not sent
  2   refused before publishing (not a signed bundle, invalid schema, expired, bad signature
      with --keys), or a routing key reached no kiosk queue (unroutable)
  3   the broker could not be reached
  64  SIGNED or the URL missing, or an unknown flag`;

export const configPublishCommand: Command = {
  path: ['config', 'publish'],
  summary: 'push a signed config bundle to kiosks through RabbitMQ (exchange kiosk.config)',
  help: HELP,
  options: { ...AMQP_OPTION, ...AMQP_TLS_OPTIONS, keys: { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one SIGNED file');
    const file = positionals[0] ?? '';
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
    const given = amqpGiven(values, process.env);
    const url = given === undefined ? undefined : withTlsParams(given, tlsFromFlags(values));
    if (url === undefined || !/^amqps?:\/\/\S+$/.test(url)) throw new UsageError('give the broker as --amqp amqp://… (or KIOSK_AMQP_URL)');
    const timeoutMs = intOption(values, 'timeout', 10_000, 500, 300_000);

    let bytes: Buffer;
    try {
      bytes = readBoundedFile(file, MAX_SIGNED_FILE_BYTES);
    } catch (error) {
      if (!(error instanceof FileInputError)) throw error;
      io.err(`kioskctl config publish: refused: ${error.message}`);
      return EXIT.refused;
    }
    const checked = check(bytes, typeof values.keys === 'string' ? values.keys : undefined);
    if (!checked.ok) {
      io.err(`kioskctl config publish: refused: ${checked.detail}`);
      return EXIT.refused;
    }
    const { bundle, hash } = checked;
    const keys = routingKeys(bundle.target);

    let model: amqp.ChannelModel;
    try {
      model = await openConnection(url, 30, timeoutMs);
    } catch (error) {
      io.err(`kioskctl config publish: cannot reach ${redactUrl(url)}: ${errorText(error)}`);
      return EXIT.deviceError;
    }
    model.on('error', () => undefined);
    let results: Array<{ key: string; outcome: 'confirmed' | 'unroutable' | 'failed'; detail?: string }>;
    try {
      const channel = await withTimeout(model.createConfirmChannel(), timeoutMs, 'opening a channel');
      channel.on('error', () => undefined);
      await withTimeout(declareConfigExchange(channel), timeoutMs, 'declaring the exchange');
      results = await publishAll(channel, keys, bytes, { version: bundle.version, hash }, timeoutMs);
    } catch (error) {
      io.err(`kioskctl config publish: ${errorText(error)}`);
      destroySocket(model);
      return EXIT.failure;
    }
    await withTimeout(model.close(), 2000, 'closing').catch(() => destroySocket(model));

    const published = results.filter((r) => r.outcome === 'confirmed').map((r) => r.key);
    const unroutable = results.filter((r) => r.outcome === 'unroutable').map((r) => r.key);
    const failed = results.filter((r) => r.outcome === 'failed');
    if (values.json) io.out(JSON.stringify({ version: bundle.version, hash, target: bundle.target, published, unroutable }));
    else {
      io.out(`version ${bundle.version} for ${describeTarget(bundle.target)}: published to ${published.length} of ${keys.length} routing key(s)`);
      for (const key of unroutable) io.out(`  unroutable: ${key} (no kiosk queue bound: that kiosk never connected)`);
    }
    for (const f of failed) io.err(`kioskctl config publish: ${f.key}: ${f.detail ?? 'not confirmed'}`);
    if (failed.length > 0) return EXIT.failure;
    return unroutable.length > 0 ? EXIT.refused : EXIT.ok;
  },
};

type Checked = { ok: true; bundle: ConfigBundle; hash: string } | { ok: false; detail: string };

/** What a kiosk would refuse anyway is not worth a push: the file, the schema, the expiry (and the signature with --keys). */
function check(bytes: Buffer, keysDir: string | undefined): Checked {
  if (keysDir !== undefined) {
    let keys;
    try {
      keys = loadKeysFromDir(keysDir, { skipPrivateKeys: true });
    } catch (error) {
      if (error instanceof KeyError) return { ok: false, detail: error.message };
      throw error;
    }
    const verified = verifySignedBundle(bytes, { keys, now: new Date() });
    return verified.ok ? { ok: true, bundle: verified.bundle, hash: verified.hash } : { ok: false, detail: `${verified.reason}: ${verified.detail}` };
  }
  if (bytes.length > MAX_SIGNED_FILE_BYTES) return { ok: false, detail: `the file is larger than ${MAX_SIGNED_FILE_BYTES} bytes` };
  let raw: unknown;
  try {
    raw = JSON.parse(decodeUtf8Strict(bytes, 'the file'));
  } catch (error) {
    return { ok: false, detail: `not a JSON file: ${errorText(error)}` };
  }
  const envelope = SignedConfigBundle.safeParse(raw);
  if (!envelope.success) return { ok: false, detail: `not a signed config bundle: ${describeBundleIssues(envelope.error)}` };
  const parsed = ConfigBundle.safeParse(envelope.data.bundle);
  if (!parsed.success) return { ok: false, detail: `schema: ${describeBundleIssues(parsed.error)}` };
  if (Date.parse(parsed.data.expiresAt) <= Date.now()) return { ok: false, detail: `expired at ${parsed.data.expiresAt}` };
  return { ok: true, bundle: parsed.data, hash: bundleHash(envelope.data.bundle) };
}

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
  kind: { type: string; idPrefix: string } = { type: 'config.bundle', idPrefix: 'config' },
): Promise<Array<{ key: string; outcome: 'confirmed' | 'unroutable' | 'failed'; detail?: string }>> {
  // basic.return comes before the ack of the same message; messageId names the key it was for.
  const returned = new Set<string>();
  channel.on('return', (message: Message) => {
    if (typeof message.properties.messageId === 'string') returned.add(message.properties.messageId);
  });
  return Promise.all(
    keys.map((key) => {
      const messageId = `${kind.idPrefix}-${bundle.version}-${bundle.hash.slice(0, 16)}-${key}`;
      return withTimeout(
        new Promise<{ key: string; outcome: 'confirmed' | 'unroutable' | 'failed'; detail?: string }>((resolve) => {
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
