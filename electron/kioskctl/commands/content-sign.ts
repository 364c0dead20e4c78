import { EXIT, UsageError, intOption, type Command } from '../command';
import { describeTarget } from '../../../shared/config/config-bundle';
import { CONTENT_BUNDLE_FORMAT, ContentBundle } from '../../../shared/content/public-content';
import { bundleHash } from '../../host/signed-bundles/signed-bundle-verifier';
import { signContentBundle } from '../../host/content/content-signature';
import { sandboxPublicContent } from '../../host/services/tax-backend-choice';
import { runBundleSign } from './bundle-sign-steps';
import { parseTarget } from './config-build';
import { requiredString, writeFileAtomic } from './config-io';

/** `kioskctl content sign`: builds a 公开信息 content bundle and signs it as a config bundle is signed. */

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
