import { EXIT, UsageError, type Command } from '../command';
import { resolveDataDir } from '../../host/data-dir';
import { withDb } from '../with-db';
import { ConfigError, loadLocalConfig } from '../../host/local-config';
import { writeDiagBundle } from '../../host/diagnostics/diag-bundle';
import { diagSections } from '../../host/diagnostics/diag-sections';
import { scanInventory } from '../../../devices/inventory/scan-inventory';

const HELP = `Usage: kioskctl diag bundle --out FILE|DIR [--data-dir DIR] [--json]

Writes a diagnostics bundle (.tar.gz) for support: manifest (app version,
kiosk and branch id, disk space), kiosk.json without secrets, the devices
this machine sees, invoice stock, transaction counts and open transactions,
and the logs — with names and ID numbers removed from every file. Safe while
the kiosk is running.

When --out is a folder (a USB stick), the file is named
diag-<kioskId>-<UTC time>.tar.gz inside it. The file appears under its name
only when it is complete.

Options:
  --out FILE|DIR  where to write
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"file","bytes","files":[...]}

Exit codes:
  0   written
  1   could not write (the reason is printed: disk full, read-only stick...)
  2   kiosk.json is invalid, or no kiosk database at --data-dir, or its schema is not
      this kioskctl's (the reason is printed; the database is opened read-only)
  64  usage error`;

export const diagBundleCommand: Command = {
  path: ['diag', 'bundle'],
  summary: 'write a diagnostics bundle (logs, devices, config, stock, transactions) without personal data',
  help: HELP,
  options: {
    out: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('--out FILE|DIR is required');
    const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
    let config;
    try {
      config = loadLocalConfig(dataDir);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(error.message);
      return EXIT.refused;
    }
    return withDb(dataDir, 'read', async (db) => {
      try {
        const devices = await scanInventory(config.devices);
        const written = writeDiagBundle({ dataDir, config, db, devices, extra: diagSections(db) }, out);
        if (values.json) io.out(JSON.stringify(written));
        else io.out(`written: ${written.file} (${written.bytes} bytes, ${written.files.length} files)`);
        return EXIT.ok;
      } catch (error) {
        io.err(`could not write the bundle: ${error instanceof Error ? error.message : String(error)}`);
        return EXIT.failure;
      }
    });
  },
};
