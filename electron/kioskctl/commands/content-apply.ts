import type { Command } from '../command';
import { PINNED_KEYS_DIR } from '../../host/config/bundle-keys';
import { applyContentFile } from '../../host/content/content-store';
import { runBundleApply } from './bundle-apply-command';

/** `kioskctl content apply`: the shared apply of a signed file (bundle-apply-command.ts) with content's own output. */

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
