import { EXIT, UsageError, intOption, type Command } from '../command';
import { describeTarget } from '../../../shared/config/config-bundle';
import { CONTENT_BUNDLE_FORMAT, ContentBundle } from '../../../shared/content/public-content';
import { KeyError, PINNED_KEYS_DIR, loadKeysFromDir, type PinnedKey } from '../../host/config/bundle-keys';
import { bundleHash, describeBundleIssues } from '../../host/signed-bundles/signed-bundle-verifier';
import { signContentBundle, verifyContentBundle } from '../../host/content/content-signature';
import { applyContentFile, contentHistory, readContentInForce } from '../../host/content/content-store';
import { loadLocalConfig } from '../../host/local-config';
import { AMQP_TLS_OPTIONS } from '../../host/sync/amqp-tls';
import { sandboxPublicContent } from '../../sandbox-backend/public-content-seed';
import { withDb } from '../with-db';
import { runBundleApply } from './bundle-apply-command';
import { parseTarget } from './config-build';
import { runBundleSign } from './bundle-sign-steps';
import { dataDirOf, requiredString, writeFileAtomic } from './config-io';
import { pushBrokerUrl, pushSignedBundle, readSignedForPush, signedFileArg } from './bundle-broker-push';

/**
 * 公开信息 content bundles (docs/public-information.md): build-and-sign, apply
 * from a file, push through the broker, show what is in force. The same keys,
 * envelope, queue and checks as config bundles; only the bundle inside differs.
 */
const SIGN_HELP = `Usage: kioskctl content sign --key PRIVATE.pem (--in CONTENT.json | --sample) --out SIGNED
                            --target T [--version N] [--effective-from ISO]
                            [--valid-days N | --expires-at ISO] [--json]

Builds a 公开信息 content bundle (format ${CONTENT_BUNDLE_FORMAT}) from CONTENT.json —
{"guides":[…],"powers":[…],"arrears":{…},"quotas":{…}}, checked against
shared/content/public-content.ts — and signs it with an administrator's Ed25519
key (kioskctl keys generate), exactly as config bundles are signed. --sample takes
the sandbox bureau's fictional content for this quarter instead of a file.
A bundle replaces all public content on a kiosk once its effectiveFrom has come.

Options:
  --key PRIVATE.pem     the private key (PKCS#8 PEM, Ed25519)
  --in CONTENT.json     the four lists
  --sample              the sandbox's generated content (demo, tests)
  --out SIGNED          where the signed bundle is written
  --target T            all, branch:BRANCH-ID, or kiosks:KIOSK-ID,KIOSK-ID
  --version N           the bundle version (default: the current Unix time in seconds)
  --effective-from ISO  when kiosks start showing it (default: now)
  --valid-days N        days from effectiveFrom until it is no longer shown (1..3650, default 92)
  --expires-at ISO      the same as an ISO date-time with offset
  --json                one JSON object: {"signed":{"version","keyId","hash","effectiveFrom","expiresAt","target"}}
                        or, refused, {"refused":{"reason":"schema|input|key","detail"}}

Exit codes:
  0   written
  2   refused: the content is not valid (the fields named), or the key is not an Ed25519 private key
  64  a flag missing or malformed`;

export const contentSignCommand: Command = {
  path: ['content', 'sign'],
  summary: 'build and sign a 公开信息 content bundle (guides, powers, arrears, quotas)',
  help: SIGN_HELP,
  options: {
    key: { type: 'string' },
    in: { type: 'string' },
    sample: { type: 'boolean' },
    out: { type: 'string' },
    target: { type: 'string' },
    version: { type: 'string' },
    'effective-from': { type: 'string' },
    'valid-days': { type: 'string' },
    'expires-at': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const keyFile = requiredString(values, 'key');
    const out = requiredString(values, 'out');
    if ((typeof values.in === 'string') === (values.sample === true)) throw new UsageError('give --in CONTENT.json or --sample');
    const target = parseTarget(requiredString(values, 'target'));
    const version = values.version === undefined ? undefined : intOption(values, 'version', 0, 1, Number.MAX_SAFE_INTEGER);
    const validDays = intOption(values, 'valid-days', 92, 1, 3650);
    return runBundleSign('content sign', values.json === true, io, ({ readInput, parse, readKey }) => {
      const now = new Date();
      const content = typeof values.in === 'string' ? readInput(values.in) : sandboxPublicContent(now);
      const effectiveFrom = typeof values['effective-from'] === 'string' ? values['effective-from'] : now.toISOString();
      const expiresAt =
        typeof values['expires-at'] === 'string'
          ? values['expires-at']
          : new Date((Number.isNaN(Date.parse(effectiveFrom)) ? now.getTime() : Date.parse(effectiveFrom)) + validDays * 86_400_000).toISOString();
      const b = parse(ContentBundle, {
        format: CONTENT_BUNDLE_FORMAT,
        version: version ?? Math.floor(now.getTime() / 1000),
        issuedAt: now.toISOString(),
        effectiveFrom,
        expiresAt,
        target,
        content,
      });
      const signed = signContentBundle(b, readKey(keyFile));
      writeFileAtomic(out, `${JSON.stringify(signed)}\n`);
      const hash = bundleHash(b);
      if (values.json)
        io.out(
          JSON.stringify({
            signed: { version: b.version, keyId: signed.signature.keyId, hash, effectiveFrom: b.effectiveFrom, expiresAt: b.expiresAt, target: b.target },
          }),
        );
      else
        io.out(
          `signed content version ${b.version} for ${describeTarget(b.target)}, shown ${b.effectiveFrom} to ${b.expiresAt}, key ${signed.signature.keyId} → ${out}`,
        );
      return EXIT.ok;
    });
  },
};

const APPLY_HELP = `Usage: kioskctl content apply SIGNED [--data-dir DIR] [--json]

Applies a signed 公开信息 content bundle from a file (USB) to this kiosk. The
kiosk checks, in order: the signature against the keys pinned in
<dataDir>/${PINNED_KEYS_DIR}/*.pem, the schema, the target (this kiosk, its branch
or all), the expiry, and that the version is above the stored one. A refused
bundle changes nothing: the content shown before stays. Every apply and refusal
is an audit entry (content.applied / content.refused).

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"applied":{"version","previousVersion","hash","keyId","effectiveFrom","expiresAt"}}
                  or {"refused":{"reason","detail","version"}}; reason is one of malformed,
                  unknownKey, badSignature, schema, wrongTarget, expired, rollback

Exit codes:
  0   applied (shown from its effectiveFrom)
  2   refused (the reason printed; nothing changed)
  64  SIGNED missing or not a file, or an unknown flag`;

export const contentApplyCommand: Command = {
  path: ['content', 'apply'],
  summary: 'apply a signed 公开信息 content bundle from a file to this kiosk',
  help: APPLY_HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  run: (values, positionals, io) =>
    runBundleApply(
      {
        command: 'content apply',
        apply: applyContentFile,
        applied: ({ version, previousVersion, hash, keyId, effectiveFrom, expiresAt }) => ({
          json: { version, previousVersion, hash, keyId, effectiveFrom, expiresAt },
          text: `applied content version ${version} (was ${previousVersion || 'none'}), shown ${effectiveFrom} to ${expiresAt}`,
        }),
      },
      values,
      positionals,
      io,
    ),
};

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

const SHOW_HELP = `Usage: kioskctl content show [--data-dir DIR] [--json]

Shows the 公开信息 content on this kiosk: the bundle in force now (version, hash,
key, target, effective period, how it arrived), how many items each list has and
the publications' dates, and the stored bundles (newest first, including one
waiting for its effectiveFrom). Refusals are in the audit trail.

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"kioskId","branchId","inForce":{"version","hash","keyId","issuedAt",
                  "effectiveFrom","expiresAt","target","source","appliedAt","appliedBy",
                  "counts":{"guides","powers","arrears","quotas"},"arrears":{"publishedOn","period"},
                  "quotas":{"publishedOn","appliesFrom","appliesTo","objectionDeadline"}}|null,
                  "stored":[{"version","hash","keyId","issuedAt","effectiveFrom","expiresAt","target",
                  "source","appliedAt","appliedBy"}]}

Exit codes:
  0   shown (also when no content is in force)
  2   no kiosk database at --data-dir, or its schema is not this kioskctl's
  64  unknown flag`;

export const contentShowCommand: Command = {
  path: ['content', 'show'],
  summary: 'show the 公开信息 content in force on this kiosk and the stored bundles',
  help: SHOW_HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const dataDir = dataDirOf(values);
    const local = loadLocalConfig(dataDir);
    return withDb(dataDir, 'read', (db) => {
      const now = new Date();
      const current = readContentInForce(db, now);
      const stored = contentHistory(db);
      const inForce =
        current === null
          ? null
          : (() => {
              const { content, ...meta } = current;
              return {
                ...meta,
                counts: {
                  guides: content.guides.length,
                  powers: content.powers.length,
                  arrears: content.arrears.entries.length,
                  quotas: content.quotas.entries.length,
                },
                arrears: { publishedOn: content.arrears.publishedOn, period: content.arrears.period },
                quotas: {
                  publishedOn: content.quotas.publishedOn,
                  appliesFrom: content.quotas.appliesFrom,
                  appliesTo: content.quotas.appliesTo,
                  objectionDeadline: content.quotas.objectionDeadline,
                },
              };
            })();
      if (values.json) {
        io.out(JSON.stringify({ kioskId: local.kioskId, branchId: local.branchId, inForce, stored }));
        return EXIT.ok;
      }
      io.out(`kiosk ${local.kioskId}, branch ${local.branchId}`);
      if (inForce === null) io.out('no public content in force');
      else {
        io.out(`content version ${inForce.version} (sha256 ${inForce.hash}), key ${inForce.keyId}, for ${describeTarget(inForce.target)}`);
        io.out(`  shown ${inForce.effectiveFrom} to ${inForce.expiresAt}; applied ${inForce.appliedAt} by ${inForce.appliedBy} from ${inForce.source}`);
        const c = inForce.counts;
        io.out(`  guides ${c.guides}, powers ${c.powers}, arrears ${c.arrears}, quotas ${c.quotas}`);
        io.out(`  arrears published ${inForce.arrears.publishedOn} for ${inForce.arrears.period.from}–${inForce.arrears.period.to}`);
        io.out(`  quotas for ${inForce.quotas.appliesFrom}–${inForce.quotas.appliesTo}, objections until ${inForce.quotas.objectionDeadline}`);
      }
      for (const s of stored.filter((b) => b.version !== inForce?.version)) {
        const state =
          Date.parse(s.effectiveFrom) > now.getTime() ? 'waiting for its effectiveFrom' : Date.parse(s.expiresAt) <= now.getTime() ? 'expired' : 'superseded';
        io.out(`stored version ${s.version}: ${state} (${s.effectiveFrom} to ${s.expiresAt})`);
      }
      return EXIT.ok;
    });
  },
};

export const contentCommands: Command[] = [contentSignCommand, contentApplyCommand, contentPublishCommand, contentShowCommand];
