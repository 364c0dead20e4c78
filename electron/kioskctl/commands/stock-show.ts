import { EXIT, defineCommand } from '../command';
import { withDb } from '../with-db';
import { StockAllocator } from '../../host/stock/allocator';
import { listRanges, stockSummary } from '../../host/stock/stock-store';

const HELP = `Usage: kioskctl stock show [--data-dir DIR] [--json]

Shows the invoice stock loaded into the kiosk: per type the forms loaded and
remaining, every range with what is left of it, and allocations in flight
(handed to a transaction but not yet completed: allocated, printing, printed).
Numbers given back (never printed) count as remaining again.

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"types":[{"type","total","remaining","inFlight"}],
                  "ranges":[{"id","type","code","first","last","size","remaining","loadedAt","loadedBy"}],
                  "inFlight":[{"id","transactionId","type","code","first","last","quantity","state"}]}

Exit codes:
  0   shown (also when no stock is loaded)
  2   no kiosk database at --data-dir, or its schema is not this kioskctl's: opened
      read-only, so nothing is created or migrated (the reason is printed)
  64  unknown flag`;

export const stockShowCommand = defineCommand({
  path: ['stock', 'show'],
  summary: 'show loaded invoice stock, remaining numbers and allocations in flight',
  help: HELP,
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    return withDb(values['data-dir'], 'read', (db) => {
      const types = stockSummary(db);
      const ranges = listRanges(db);
      const inFlight = new StockAllocator(db).inFlight();
      if (values.json) {
        io.out(JSON.stringify({ types, ranges, inFlight }));
        return EXIT.ok;
      }
      if (ranges.length === 0) io.out('no invoice stock loaded (kioskctl stock load --help)');
      for (const t of types) io.out(`${t.type}: ${t.remaining} of ${t.total} remaining, ${t.inFlight} in flight`);
      for (const r of ranges)
        io.out(`  ${r.type}  code ${r.code}  ${r.first}–${r.last}  ${r.remaining}/${r.size} remaining  loaded ${r.loadedAt} by ${r.loadedBy}`);
      if (inFlight.length > 0) io.out('in flight:');
      for (const a of inFlight) io.out(`  ${a.state.padEnd(9)} code ${a.code}  ${a.first}–${a.last}  transaction ${a.transactionId}`);
      return EXIT.ok;
    });
  },
});
