import fs from 'node:fs';
import { EXIT, UsageError, type Command } from '../command';
import { AuditLog } from '../../host/audit/audit-log';
import { KeyError, PINNED_KEYS_DIR, loadKeysFromDir, pinnedKeysDir, type PinnedKey } from '../../host/config/bundle-keys';
import { applyConfigFile } from '../../host/config/config-apply';
import { withDb } from '../with-db';
import { loadLocalConfig } from '../../host/local-config';
import { dataDirOf, kioskctlActor } from './config-io';

const HELP = `Usage: kioskctl config apply SIGNED [--data-dir DIR] [--json]

Applies a signed config bundle to this kiosk (a file from USB, in diagnostics
mode). The kiosk checks, in order: the signature against the keys pinned in
<dataDir>/${PINNED_KEYS_DIR}/*.pem, the schema, that the target is this kiosk
(kiosk.json kioskId) or its branch (branchId) or all, the expiry, and that the
version is above the applied one. Then it applies everything in one database
transaction with the version bump: the new rates, texts, timeouts, services and
device map, and the invoice stock ranges (added through the stock load). A
running kiosk picks the change up within seconds, without a restart. Every
apply and every refusal is an audit entry; an apply also queues a
config.applied message for the backend.

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"applied":{"version","previousVersion","hash","keyId","sections"}}
                  or {"refused":{"reason","detail","version"}}; reason is one of malformed,
                  unknownKey, badSignature, schema, wrongTarget, expired, rollback, stockRefused

Exit codes:
  0   applied
  2   refused (the reason printed; nothing applied, the refusal is in the audit trail);
      a SIGNED over 4 MiB is refused as malformed, the limit named, without being read whole;
      a database whose schema is newer than this kioskctl is refused (nothing changed)
  64  SIGNED missing or not a file, or an unknown flag`;

export const configApplyCommand: Command = {
  path: ['config', 'apply'],
  summary: 'apply a signed config bundle from a file to this kiosk',
  help: HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one SIGNED file');
    const file = positionals[0] ?? '';
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
    const dataDir = dataDirOf(values);
    const local = loadLocalConfig(dataDir);
    return withDb(dataDir, 'write', (db) => {
      const actor = kioskctlActor();
      const audit = new AuditLog(db, { actor });
      let keys: PinnedKey[];
      try {
        keys = loadKeysFromDir(pinnedKeysDir(dataDir));
      } catch (error) {
        if (!(error instanceof KeyError)) throw error;
        // A broken pin is an installation fault: refuse (and leave a trace) rather than trust fewer keys.
        keys = [];
        io.err(`kioskctl config apply: ${error.message}`);
      }
      // Read within bounds (4 MiB, regular file): a larger file is refused unread, and audited.
      const outcome = applyConfigFile(file, { db, audit, keys, kiosk: { kioskId: local.kioskId, branchId: local.branchId }, source: 'file', actor });
      if (outcome.outcome === 'refused') {
        if (values.json) io.out(JSON.stringify({ refused: { reason: outcome.reason, detail: outcome.detail, version: outcome.version } }));
        else io.err(`kioskctl config apply: refused: ${outcome.reason}: ${outcome.detail}`);
        return EXIT.refused;
      }
      const { version, previousVersion, hash, keyId, sections } = outcome;
      if (values.json) io.out(JSON.stringify({ applied: { version, previousVersion, hash, keyId, sections } }));
      else io.out(`applied version ${version} (was ${previousVersion || 'none'}), key ${keyId}, sections: ${sections.join(', ')}`);
      return EXIT.ok;
    });
  },
};
