import { EXIT, UsageError, type Command } from '../command';
import { verifyAuditChain } from '../../host/audit/audit-log';
import { openDatabase } from '../../host/db/database';
import { dataDirOf } from './config-io';

const HELP = `Usage: kioskctl audit verify [--data-dir DIR] [--json]

Checks the kiosk's audit trail: every entry must follow the previous one
(numbers without gaps, each holding the SHA-256 of the one before) and match
its own hash. Names the first entry that does not: a missing number (an entry
deleted), a hash that no longer matches its content (an entry edited), or an
entry that does not follow its predecessor (one replaced). The newest entries
removed together leave no gap here; the backend, which holds a copy of every
entry, sees that.

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"ok":true,"entries":N,"head":{"seq","hash"}|null}
                  or {"ok":false,"entries":N,"firstBroken":{"seq","reason","detail"}},
                  reason one of missing, hashMismatch, prevHashMismatch, unreadable
                  (entries = how many were checked good before the break)

Exit codes:
  0   the chain holds (also when it is empty)
  1   the chain is broken (the first broken entry printed)
  64  unknown flag`;

export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  summary: 'check the hash chain of the audit trail and name the first broken entry',
  help: HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const db = openDatabase(dataDirOf(values));
    try {
      const verdict = verifyAuditChain(db);
      if (values.json) io.out(JSON.stringify(verdict));
      else if (verdict.ok) io.out(`audit trail intact: ${verdict.entries} entries${verdict.head ? `, head #${verdict.head.seq} ${verdict.head.hash}` : ''}`);
      else io.err(`audit trail BROKEN at entry #${verdict.firstBroken.seq}: ${verdict.firstBroken.reason}: ${verdict.firstBroken.detail} (${verdict.entries} entries before it hold)`);
      return verdict.ok ? EXIT.ok : EXIT.failure;
    } finally {
      db.close();
    }
  },
};
