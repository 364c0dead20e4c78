import { EXIT, intOption, type Command } from '../command';
import { ConfigBundle, SignedConfigBundle } from '../../../shared/config/config-bundle';
import { KeyError, loadKeysFromDir } from '../../host/config/bundle-keys';
import { bundleHash, describeBundleIssues, MAX_SIGNED_FILE_BYTES, verifySignedBundle } from '../../host/config/bundle-signature';
import { CONFIG_EXCHANGE } from '../../host/config/config-topology';
import { decodeUtf8Strict } from '../../host/bounded-file';
import { AMQP_TLS_OPTIONS } from '../../host/sync/amqp-tls';
import { AMQP_OPTION, amqpGiven } from '../amqp-flag';
import { pushBrokerUrl, pushSignedBundle, readSignedForPush, signedFileArg } from './bundle-broker-push';

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
    const file = signedFileArg(positionals);
    const url = pushBrokerUrl(amqpGiven(values, process.env), values);
    const timeoutMs = intOption(values, 'timeout', 10_000, 500, 300_000);

    const bytes = readSignedForPush(file, io, 'config publish');
    if (bytes === null) return EXIT.refused;
    const checked = check(bytes, typeof values.keys === 'string' ? values.keys : undefined);
    if (!checked.ok) {
      io.err(`kioskctl config publish: refused: ${checked.detail}`);
      return EXIT.refused;
    }
    const push = { command: 'config publish', versionNoun: 'version', message: CONFIG_MESSAGE, url, timeoutMs, json: values.json === true };
    return pushSignedBundle(push, bytes, checked.bundle, checked.hash, io);
  },
};

/** How a config bundle travels on the broker. */
const CONFIG_MESSAGE = { type: 'config.bundle', idPrefix: 'config' };

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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
