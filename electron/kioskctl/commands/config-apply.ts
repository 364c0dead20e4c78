import type { Command } from '../command';
import { PINNED_KEYS_DIR } from '../../host/config/bundle-keys';
import { applyConfigFile } from '../../host/config/config-apply';
import { runBundleApply } from './bundle-apply-command';

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
  run: (values, positionals, io) =>
    runBundleApply(
      {
        command: 'config apply',
        apply: applyConfigFile,
        applied: ({ version, previousVersion, hash, keyId, sections }) => ({
          json: { version, previousVersion, hash, keyId, sections },
          text: `applied version ${version} (was ${previousVersion || 'none'}), key ${keyId}, sections: ${sections.join(', ')}`,
        }),
      },
      values,
      positionals,
      io,
    ),
};
