import { EXIT, UsageError, type Command } from '../command';
import { describeTarget } from '../../../shared/config/config-bundle';
import { levyRateInForceBp } from '../../../shared/config/tax-config';
import { ActiveConfig } from '../../host/config/active-config';
import { sectionsInForce } from '../../host/config/sections-in-force';
import { KeyError, PINNED_KEYS_DIR, loadKeysFromDir, pinnedKeysDir } from '../../host/config/bundle-keys';
import { appliedBundle, appliedHistory, chinaDate } from '../../host/config/config-store';
import { withDb } from '../with-db';
import { loadLocalConfig } from '../../host/local-config';
import { dataDirOf } from './config-io';

const HELP = `Usage: kioskctl config show [--data-dir DIR] [--json | --sections]

Shows the config in force on this kiosk: the applied bundle (version, hash,
signing key, target, when and how it was applied), the keys pinned in
<dataDir>/${PINNED_KEYS_DIR}/, and the effective values: tax rates in force
today, services on/off, visit timeouts, device map, and how many texts are
overridden. Refusals are in the audit trail (kioskctl audit tail).

The section names are the bundle's (taxRates, texts, timeouts, services,
deviceMap): --sections prints the values in force as exactly the JSON that
\`kioskctl config build --in\` accepts, so an administrator can take what a
kiosk runs, edit one section, delete the others and build it.

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"kioskId","branchId","applied":{"version","hash","keyId","issuedAt",
                  "expiresAt","target","sections","source","appliedAt","appliedBy"}|null,
                  "history":[...same, newest first, at most 20],"pinnedKeys":[{"keyId","file"}],
                  "pinnedKeysError":string|null,"effective":{"taxRates","services","timeouts","deviceMap","texts",
                  "session","devices"}}  (session and devices: the same values as timeouts and
                  deviceMap under kiosk.json's names, kept for scripts written before them)
  --sections      {"taxRates","texts","timeouts","services","deviceMap"}: the config in force as
                  config build input (invoiceStock is left out: a bundle's stock ranges are added)

Exit codes:
  0   shown (also when no bundle was ever applied)
  2   no kiosk database at --data-dir, or its schema is not this kioskctl's: opened
      read-only, so nothing is created or migrated (the reason is printed)
  64  unknown flag`;

export const configShowCommand: Command = {
  path: ['config', 'show'],
  summary: 'show the applied config version, pinned keys and the values in force',
  help: HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, sections: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.json && values.sections) throw new UsageError('give --json or --sections, not both');
    const dataDir = dataDirOf(values);
    const local = loadLocalConfig(dataDir);
    let pinnedKeys: Array<{ keyId: string; file: string }> = [];
    let pinnedKeysError: string | null = null;
    try {
      pinnedKeys = loadKeysFromDir(pinnedKeysDir(dataDir)).map(({ keyId, file }) => ({ keyId, file }));
    } catch (error) {
      if (!(error instanceof KeyError)) throw error;
      pinnedKeysError = error.message;
    }
    return withDb(dataDir, 'read', (db) => {
      const applied = appliedBundle(db);
      const active = new ActiveConfig(db, local);
      const { timeouts, deviceMap, services, texts } = active.current();
      const taxRates = active.taxConfig();
      if (values.sections) {
        io.out(JSON.stringify(sectionsInForce(active.current(), taxRates), null, 2));
        return EXIT.ok;
      }
      if (values.json) {
        const effective = { taxRates, services, timeouts, deviceMap, texts, session: timeouts, devices: deviceMap };
        io.out(
          JSON.stringify({ kioskId: local.kioskId, branchId: local.branchId, applied, history: appliedHistory(db), pinnedKeys, pinnedKeysError, effective }),
        );
        return EXIT.ok;
      }
      io.out(`kiosk ${local.kioskId}, branch ${local.branchId}`);
      if (applied) {
        io.out(`config version ${applied.version} (sha256 ${applied.hash})`);
        io.out(`  signed with key ${applied.keyId}, for ${describeTarget(applied.target)}, issued ${applied.issuedAt}, expires ${applied.expiresAt}`);
        io.out(`  applied ${applied.appliedAt} by ${applied.appliedBy} from ${applied.source}; sections: ${applied.sections.join(', ')}`);
      } else {
        io.out('no config bundle applied: defaults and kiosk.json in force');
      }
      io.out(`pinned keys (${pinnedKeysDir(dataDir)}): ${pinnedKeys.map((k) => k.keyId).join(', ') || 'none'}`);
      if (pinnedKeysError) io.out(`  PROBLEM: ${pinnedKeysError}`);
      const today = chinaDate(new Date());
      const levy = levyRateInForceBp(taxRates, today);
      io.out(
        `tax rates from ${taxRates.effectiveFrom}: levy ${levy / 100}% (in force ${today}), location ${taxRates.location}, IIT ${taxRates.iitAssessedRateBp / 100}%, surcharge reduction ${taxRates.smallScaleReductionBp / 100}%`,
      );
      io.out(
        `services: ${Object.entries(services)
          .map(([name, on]) => `${name} ${on ? 'on' : 'off'}`)
          .join(', ')}`,
      );
      io.out(
        `visit timeouts: idle ${timeouts.idleTimeoutMs} ms, warning ${timeouts.idleWarnMs} ms, refused card ${timeouts.rejectedDisplayMs} ms, elderly idle ${timeouts.elderlyIdleTimeoutMs} ms${timeouts.elderlyByDefault ? ' (every visit starts in elderly mode)' : ''}`,
      );
      io.out(`devices: mode ${deviceMap.mode}`);
      const overridden = Object.values(texts).reduce((n, map) => n + Object.keys(map ?? {}).length, 0);
      io.out(`texts overridden: ${overridden}`);
      return EXIT.ok;
    });
  },
};
