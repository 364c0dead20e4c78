import { EXIT, UsageError, type Command } from '../command';
import { ConfigBundle } from '../../../shared/config/config-bundle';
import { bundleHash, signBundle } from '../../host/config/bundle-signature';
import { runBundleSign } from './bundle-sign-steps';
import { requiredString, writeFileAtomic } from './config-io';

const HELP = `Usage: kioskctl config sign --key PRIVATE.pem --in BUNDLE --out SIGNED [--json]

Signs a bundle made by kioskctl config build with an administrator's Ed25519
private key (kioskctl keys generate). The signature covers the canonical JSON of
the whole bundle (sorted keys, no spaces), so reformatting the signed file does
not matter but changing any value does. SIGNED is what goes to kiosks (USB file
for kioskctl config apply, or the broker).

Options:
  --key PRIVATE.pem  the private key (PKCS#8 PEM, Ed25519)
  --in BUNDLE        the unsigned bundle
  --out SIGNED       where the signed bundle is written
  --json             one JSON object: {"signed":{"version","keyId","hash"}}
                     or, refused, {"refused":{"reason":"schema|input|key","detail"}}

Exit codes:
  0   written
  2   refused: BUNDLE is not a valid bundle, or the key is not an Ed25519 private key
  64  a flag missing or unknown`;

export const configSignCommand: Command = {
  path: ['config', 'sign'],
  summary: 'sign a config bundle with an Ed25519 private key',
  help: HELP,
  options: { key: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const keyFile = requiredString(values, 'key');
    const input = requiredString(values, 'in');
    const out = requiredString(values, 'out');
    return runBundleSign('config sign', values.json === true, io, ({ readInput, parse, readKey }) => {
      const bundle = parse(ConfigBundle, readInput(input));
      const signed = signBundle(bundle, readKey(keyFile));
      writeFileAtomic(out, `${JSON.stringify(signed, null, 2)}\n`);
      const hash = bundleHash(bundle);
      if (values.json) io.out(JSON.stringify({ signed: { version: bundle.version, keyId: signed.signature.keyId, hash } }));
      else io.out(`signed version ${bundle.version} with key ${signed.signature.keyId} (sha256 ${hash}) → ${out}`);
      return EXIT.ok;
    });
  },
};
