import { EXIT, UsageError, type Command } from '../command';
import { describeTarget } from '../../../shared/config/config-bundle';
import { levyRateInForceBp } from '../../../shared/config/tax-config';
import { ActiveConfig } from '../../host/config/active-config';
import { KeyError, PINNED_KEYS_DIR, loadKeysFromDir, pinnedKeysDir } from '../../host/config/bundle-keys';
import { appliedBundle, appliedHistory, chinaDate } from '../../host/config/config-store';
import { openDatabase } from '../../host/db/database';
import { loadLocalConfig } from '../../host/local-config';
import { dataDirOf } from './config-io';

const HELP = `Usage: kioskctl config show [--data-dir DIR] [--json]

Shows the config in force on this kiosk: the applied bundle (version, hash,
signing key, target, when and how it was applied), the keys pinned in
<dataDir>/${PINNED_KEYS_DIR}/, and the effective values: tax rates in force
today, services on/off, visit timeouts, device map, and how many texts are
overridden. Refusals are in the audit trail (kioskctl audit tail).

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"kioskId","branchId","applied":{"version","hash","keyId","issuedAt",
                  "expiresAt","target","sections","source","appliedAt","appliedBy"}|null,
                  "history":[...same, newest first, at most 20],"pinnedKeys":[{"keyId","file"}],
                  "pinnedKeysError":string|null,"effective":{"taxRates","services","session","devices","texts"}}

Exit codes:
  0   shown (also when no bundle was ever applied)
  64  unknown flag`;

export const configShowCommand: Command = {
  path: ['config', 'show'],
  summary: 'show the applied config version, pinned keys and the values in force',
  help: HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
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
    const db = openDatabase(dataDir);
    try {
      const applied = appliedBundle(db);
      const active = new ActiveConfig(db, local);
      const { session, devices, services, texts } = active.current();
      const taxRates = active.taxConfig();
      if (values.json) {
        io.out(JSON.stringify({ kioskId: local.kioskId, branchId: local.branchId, applied, history: appliedHistory(db), pinnedKeys, pinnedKeysError, effective: { taxRates, services, session, devices, texts } }));
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
      io.out(`tax rates from ${taxRates.effectiveFrom}: levy ${levy / 100}% (in force ${today}), location ${taxRates.location}, IIT ${taxRates.iitAssessedRateBp / 100}%, surcharge reduction ${taxRates.smallScaleReductionBp / 100}%`);
      io.out(`services: ${Object.entries(services).map(([name, on]) => `${name} ${on ? 'on' : 'off'}`).join(', ')}`);
      io.out(`visit timeouts: idle ${session.idleTimeoutMs} ms, warning ${session.idleWarnMs} ms, refused card ${session.rejectedDisplayMs} ms, elderly idle ${session.elderlyIdleTimeoutMs} ms${session.elderlyByDefault ? ' (every visit starts in elderly mode)' : ''}`);
      io.out(`devices: mode ${devices.mode}`);
      const overridden = Object.values(texts).reduce((n, map) => n + Object.keys(map ?? {}).length, 0);
      io.out(`texts overridden: ${overridden}`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};
