import os from 'node:os';
import { EXIT, UsageError, type Command } from '../command';
import { resolveDataDir } from '../../host/data-dir';
import { withDb } from '../with-db';
import { StockError, loadStock } from '../../host/stock/stock-store';
import { loadLocalConfig } from '../../host/local-config';

/** 2 = refused with a reason (the same value `kioskctl` uses for "nothing there"; scripts branch on 2). */
export const EXIT_REFUSED = EXIT.refused;

const HELP = `Usage: kioskctl stock load --type TYPE --code CODE --from N --to N [--data-dir DIR] [--json]

Loads a range of pre-printed invoice forms into the kiosk's stock, so invoice
collection can hand them out. The range is inclusive: --from 00000001 --to
00000100 is 100 forms. A range that overlaps one already loaded for the same
code is refused, and so is a code already loaded as another type, and a range
of more forms than kiosk.json allows (stock.maxFormsPerLoad, default 10000).
Each flag is given once: a repeated flag is refused (64), never "the last wins".

Options:
  --type TYPE     invoice type id as in the config (e.g. vatOrdinary): a letter, then
                  letters, digits, . _ - (at most 32)
  --code CODE     invoice code (发票代码): 10 or 12 digits
  --from N        first invoice number (发票号码): 8 digits
  --to N          last invoice number: 8 digits, not before --from
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"loaded":{"id","type","code","first","last","size","remaining","loadedAt","loadedBy"}}
                  or, refused, {"refused":{"code":"invalid|overlap|typeMismatch|tooLarge","message"}}

Exit codes:
  0   loaded
  2   refused (bad code or number, from after to, overlap, type clash, more forms than
      stock.maxFormsPerLoad), or the database's schema is newer than this kioskctl;
      nothing stored
  64  a flag missing, unknown or repeated`;

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export const stockLoadCommand: Command = {
  path: ['stock', 'load'],
  summary: 'load a range of invoice forms into the kiosk stock',
  help: HELP,
  options: {
    type: { type: 'string' },
    code: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const input = { type: required(values, 'type'), code: required(values, 'code'), from: required(values, 'from'), to: required(values, 'to') };
    const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
    const maxForms = loadLocalConfig(dataDir).stock.maxFormsPerLoad;
    return withDb(dataDir, 'write', (db) => {
      try {
        const range = loadStock(db, input, { loadedBy: `kioskctl:${os.userInfo().username}`, maxForms });
        if (values.json) io.out(JSON.stringify({ loaded: range }));
        else io.out(`loaded ${range.type} code ${range.code} ${range.first}–${range.last} (${range.size} forms)`);
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof StockError)) throw error;
        if (values.json) io.out(JSON.stringify({ refused: { code: error.code, message: error.message } }));
        else io.err(`kioskctl stock load: refused: ${error.message}`);
        return EXIT_REFUSED;
      }
    });
  },
};
