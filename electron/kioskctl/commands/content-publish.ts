import { EXIT, intOption, type Command } from '../command';
import { ContentBundle } from '../../../shared/content/public-content';
import { KeyError, loadKeysFromDir, type PinnedKey } from '../../host/config/bundle-keys';
import { bundleHash, describeBundleIssues } from '../../host/signed-bundles/signed-bundle-verifier';
import { verifyContentBundle } from '../../host/content/content-signature';
import { AMQP_TLS_OPTIONS } from '../../host/sync/amqp-tls';
import { pushBrokerUrl, pushSignedBundle, readSignedForPush, signedFileArg } from './bundle-broker-push';

/** `kioskctl content publish`: content's own pre-push check, then the shared push (bundle-broker-push.ts). */

const PUBLISH_HELP = `Usage: kioskctl content publish --amqp URL SIGNED [--keys DIR] [--timeout MS] [--json]

Pushes a signed 公开信息 content bundle to the kiosks through the broker, on the
config channel: exchange kiosk.config, routing key from the bundle's target
(all, branch.B, kiosk.K), message type content.bundle. Each kiosk takes it from
its own queue and applies it as kioskctl content apply does.

Options:
  --amqp URL      amqp://user:pass@host:5672/vhost (or amqps://); else KIOSK_AMQP_URL
  --keys DIR      also check the signature against the public keys in DIR first
  --timeout MS    connect and confirm timeout (default 10000)
  --json          one JSON object: {"version","hash","target","published":[KEY...],"unroutable":[KEY...]}

Exit codes:
  0   published and routed to at least one kiosk queue per routing key
  1   the broker did not confirm: maybe not sent
  2   refused before publishing (not a content bundle, invalid, expired, bad signature with --keys),
      or a routing key reached no kiosk queue
  3   the broker could not be reached
  64  SIGNED or the URL missing, or an unknown flag`;

export const contentPublishCommand: Command = {
  path: ['content', 'publish'],
  summary: 'push a signed 公开信息 content bundle to kiosks through RabbitMQ (exchange kiosk.config)',
  help: PUBLISH_HELP,
  options: { amqp: { type: 'string' }, ...AMQP_TLS_OPTIONS, keys: { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    const file = signedFileArg(positionals);
    const url = pushBrokerUrl((typeof values.amqp === 'string' ? values.amqp : undefined) ?? process.env.KIOSK_AMQP_URL, values);
    const timeoutMs = intOption(values, 'timeout', 10_000, 500, 300_000);
    const bytes = readSignedForPush(file, io, 'content publish');
    if (bytes === null) return EXIT.refused;
    let keys: PinnedKey[] | null = null;
    if (typeof values.keys === 'string') {
      try {
        keys = loadKeysFromDir(values.keys, { skipPrivateKeys: true });
      } catch (error) {
        if (!(error instanceof KeyError)) throw error;
        io.err(`kioskctl content publish: refused: ${error.message}`);
        return EXIT.refused;
      }
    }
    const checked = checkUnpinned(bytes, keys);
    if (!checked.ok) {
      io.err(`kioskctl content publish: refused: ${checked.detail}`);
      return EXIT.refused;
    }
    const push = { command: 'content publish', versionNoun: 'content version', message: CONTENT_MESSAGE, url, timeoutMs, json: values.json === true };
    return pushSignedBundle(push, bytes, checked.bundle, checked.hash, io);
  },
};

/** How a content bundle travels on the broker: the config channel, under its own name. */
const CONTENT_MESSAGE = { type: 'content.bundle', idPrefix: 'content' };

/** Without --keys the signature cannot be checked here; everything else a kiosk would refuse is. */
function checkUnpinned(bytes: Buffer, keys: PinnedKey[] | null): { ok: true; bundle: ContentBundle; hash: string } | { ok: false; detail: string } {
  if (keys !== null) {
    const verified = verifyContentBundle(bytes, { keys, now: new Date() });
    return verified.ok ? { ok: true, bundle: verified.bundle, hash: verified.hash } : { ok: false, detail: `${verified.reason}: ${verified.detail}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, detail: `not a JSON file: ${error instanceof Error ? error.message : String(error)}` };
  }
  const inner = typeof raw === 'object' && raw !== null && 'bundle' in raw ? (raw as { bundle: unknown }).bundle : undefined;
  const parsed = ContentBundle.safeParse(inner);
  if (!parsed.success) return { ok: false, detail: `not a valid content bundle: ${describeBundleIssues(parsed.error)}` };
  if (Date.parse(parsed.data.expiresAt) <= Date.now()) return { ok: false, detail: `expired at ${parsed.data.expiresAt}` };
  return { ok: true, bundle: parsed.data, hash: bundleHash(inner) };
}
