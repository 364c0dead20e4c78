import fs from 'node:fs';
import { EXIT, UsageError, type Command } from '../command';
import { CONFIG_SECTIONS, describeTarget } from '../../../shared/config/config-bundle';
import { KeyError, loadKeysFromDir } from '../../host/config/bundle-keys';
import { MAX_SIGNED_FILE_BYTES, verifySignedBundle } from '../../host/config/bundle-signature';
import { FileInputError, readBoundedFile } from '../../host/bounded-file';
import { requiredString } from './config-io';

const HELP = `Usage: kioskctl config verify --keys DIR SIGNED [--kiosk ID --branch ID] [--json]

Checks a signed bundle the way a kiosk does, before it is pushed: the signature
against the public keys in DIR (*.pem, as pinned on kiosks), the schema, and
the expiry; with --kiosk and --branch also whether that kiosk is a target. The
version check needs the kiosk's applied version: kioskctl config apply does it.

Options:
  --keys DIR     directory of public keys (*.pem; private keys there are skipped, so the
                 directory kioskctl keys generate made will do)
  --kiosk ID     check the target for this kiosk id (needs --branch)
  --branch ID    ... in this branch
  --json         one JSON object: {"valid":{"version","keyId","hash","issuedAt","expiresAt","target","sections"}}
                 or {"refused":{"reason","detail","version"}}; reason is one of
                 malformed, unknownKey, badSignature, schema, wrongTarget, expired

Exit codes:
  0   valid
  2   refused (the reason printed): also a SIGNED that is not a regular file or is over
      4 MiB (malformed, the limit named; it is never read whole); or DIR holds a file that
      is not an Ed25519 public key
  64  SIGNED or --keys missing, or --kiosk without --branch`;

export const configVerifyCommand: Command = {
  path: ['config', 'verify'],
  summary: 'check a signed config bundle against public keys (signature, schema, expiry)',
  help: HELP,
  options: { keys: { type: 'string' }, kiosk: { type: 'string' }, branch: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    const keysDir = requiredString(values, 'keys');
    if (positionals.length !== 1) throw new UsageError('give exactly one SIGNED file');
    const file = positionals[0] ?? '';
    const kioskId = typeof values.kiosk === 'string' ? values.kiosk : undefined;
    const branchId = typeof values.branch === 'string' ? values.branch : undefined;
    if ((kioskId === undefined) !== (branchId === undefined)) throw new UsageError('--kiosk and --branch go together');
    const refuse = (reason: string, detail: string, version: number | null) => {
      if (values.json) io.out(JSON.stringify({ refused: { reason, detail, version } }));
      else io.err(`kioskctl config verify: refused: ${reason}: ${detail}`);
      return EXIT.refused;
    };
    let keys;
    try {
      keys = loadKeysFromDir(keysDir, { skipPrivateKeys: true });
    } catch (error) {
      if (error instanceof KeyError) return refuse('unknownKey', error.message, null);
      throw error;
    }
    if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist`);
    let bytes: Buffer;
    try {
      bytes = readBoundedFile(file, MAX_SIGNED_FILE_BYTES);
    } catch (error) {
      if (error instanceof FileInputError) return refuse('malformed', error.message, null);
      throw error;
    }
    const result = verifySignedBundle(bytes, {
      keys,
      now: new Date(),
      ...(kioskId !== undefined && branchId !== undefined ? { kiosk: { kioskId, branchId } } : {}),
    });
    if (!result.ok) return refuse(result.reason, result.detail, result.version);
    const b = result.bundle;
    const sections = CONFIG_SECTIONS.filter((s) => b.payload[s] !== undefined);
    if (values.json) {
      io.out(
        JSON.stringify({
          valid: { version: b.version, keyId: result.keyId, hash: result.hash, issuedAt: b.issuedAt, expiresAt: b.expiresAt, target: b.target, sections },
        }),
      );
    } else {
      io.out(`valid: version ${b.version}, signed with key ${result.keyId}, for ${describeTarget(b.target)}`);
      io.out(`  issued ${b.issuedAt}, expires ${b.expiresAt}, sections: ${sections.join(', ')}`);
      io.out(`  sha256 ${result.hash}`);
    }
    return EXIT.ok;
  },
};
