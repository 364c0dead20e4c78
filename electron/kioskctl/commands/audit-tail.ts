import { EXIT, UsageError, intOption, type Command } from '../command';
import { AuditLog } from '../../host/audit/audit-log';
import { maskAuditData, maskText } from '../../host/audit/audit-mask';
import { withDb } from '../with-db';
import { dataDirOf } from './config-io';

const HELP = `Usage: kioskctl audit tail [-n N] [--data-dir DIR] [--json]

Prints the newest entries of the audit trail, oldest first: number, time (UTC),
kind, who, and the entry's data. Personal data is masked on the way out as
well (ID numbers keep 6 + 4 characters, names the surname), whatever a row holds.

Options:
  -n, --lines N   how many entries (1..10000, default 20)
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"entries":[{"seq","at","kind","actor","data","prevHash","hash"}]}

Exit codes:
  0   printed (also when the trail is empty)
  2   no kiosk database at --data-dir, or its schema is not this kioskctl's: opened
      read-only, so nothing is created or migrated (the reason is printed)
  64  bad -n or unknown flag`;

function summary(data: unknown): string {
  if (typeof data !== 'object' || data === null) return String(data);
  return Object.entries(data)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

export const auditTailCommand: Command = {
  path: ['audit', 'tail'],
  summary: 'print the newest audit entries, personal data masked',
  help: HELP,
  options: { lines: { type: 'string', short: 'n' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const n = intOption(values, 'lines', 20, 1, 10_000);
    return withDb(dataDirOf(values), 'read', (db) => {
      const entries = new AuditLog(db).tail(n).map((e) => ({ ...e, actor: maskText(e.actor), data: maskAuditData(e.data) as Record<string, unknown> }));
      if (values.json) {
        io.out(JSON.stringify({ entries }));
        return EXIT.ok;
      }
      if (entries.length === 0) io.out('the audit trail is empty');
      for (const e of entries) io.out(`#${e.seq}  ${e.at}  ${e.kind.padEnd(16)}  ${e.actor}  ${summary(e.data)}`);
      return EXIT.ok;
    });
  },
};
