import { EXIT, type Command } from '../command';
import { KeyError, PINNED_KEYS_DIR, writeKeyPair } from '../../host/config/bundle-keys';
import { requiredString } from './config-io';

const HELP = `Usage: kioskctl keys generate --out DIR [--json]

Makes a new Ed25519 key pair for signing config bundles:
  DIR/config-signing.key.pem  the private key (PKCS#8, mode 0600): keep it with the
                              administrators, never on a kiosk
  DIR/config-signing.pub.pem  the public key (SPKI): pin it on every kiosk by copying
                              it into <dataDir>/${PINNED_KEYS_DIR}/ (any name ending .pem)
A kiosk trusts every key pinned there; during a rotation both the old and the new
key are pinned, then the old file is removed. Existing files are never overwritten.

Options:
  --out DIR   directory for the two files (created 0700 if absent)
  --json      one JSON object: {"keyId","privateKey","publicKey"} (file paths)

Exit codes:
  0   written
  2   refused: a key file already exists in DIR (nothing written)
  64  --out missing or an unknown flag`;

export const keysGenerateCommand: Command = {
  path: ['keys', 'generate'],
  summary: 'make an Ed25519 key pair for signing config bundles',
  help: HELP,
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const dir = requiredString(values, 'out');
    try {
      const made = writeKeyPair(dir);
      if (values.json) io.out(JSON.stringify({ keyId: made.keyId, privateKey: made.privateFile, publicKey: made.publicFile }));
      else {
        io.out(`key ${made.keyId}`);
        io.out(`  private: ${made.privateFile} (keep secret)`);
        io.out(`  public:  ${made.publicFile} (pin on kiosks: <dataDir>/${PINNED_KEYS_DIR}/)`);
      }
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof KeyError)) throw error;
      io.err(`kioskctl keys generate: refused: ${error.message}`);
      return EXIT.refused;
    }
  },
};
