import { EXIT, UsageError, type Command } from '../command';
import { verifyAuditChain } from '../../host/audit/audit-log';
import { withDb } from '../with-db';
import { dataDirOf } from './config-io';
import { compareWithBackend, openAuditBackend, type BackendComparison } from './audit-backend';
import { isBackendError } from '../../../shared/backend';
import { loadLocalConfig } from '../../host/local-config';
import { AMQP_TLS_OPTIONS, tlsFromFlags } from '../../host/sync/amqp-tls';
import { AMQP_OPTION, amqpGiven } from '../amqp-flag';

const HELP = `Usage: kioskctl audit verify [--backend [--amqp URL]] [--data-dir DIR] [--json]

Checks the kiosk's audit trail: every entry must follow the previous one
(numbers without gaps, each holding the SHA-256 of the one before) and match
its own hash. Names the first entry that does not: a missing number (an entry
deleted), a hash that no longer matches its content (an entry edited), or an
entry that does not follow its predecessor (one replaced). The newest entries
removed together leave no gap here; the backend, which holds a copy of every
entry, sees that: with --backend the local chain is compared with the copy
the backend holds (its head, then entry by entry where they part), and the
gap is named: entries cut off here (truncated), an entry that differs from
the backend's (rewritten and re-chained), entries delivered that the backend
refused, or entries whose delivery was removed. Entries not yet delivered
(waiting in the outbox) are fine and counted.

Options:
  --backend       also compare with the backend's copy: the broker of --amqp URL, else
                  KIOSK_AMQP_URL, else kiosk.json's backend (amqp), else the in-process sandbox
  --amqp URL      the broker (amqp:// on loopback, else amqps://)
                  (repeat --amqp for each node of a cluster)
  --amqp-ca FILE, --amqp-cert FILE, --amqp-key FILE
                  amqps: the broker's CA, the kiosk's client certificate and key (PEM)
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"ok":true,"entries":N,"head":{"seq","hash"}|null}
                  or {"ok":false,"entries":N,"firstBroken":{"seq","reason","detail"}},
                  reason one of missing, hashMismatch, prevHashMismatch, unreadable
                  (entries = how many were checked good before the break); with --backend also
                  "backend":{"ok","localHead","backendHead","notYetDelivered","problem":null|
                  {"reason","firstSeq","detail"},"anomalies":[...]}, reason one of truncated,
                  rewritten, refusedByBackend, undelivered

Exit codes:
  0   the chain holds (also when it is empty), and with --backend matches the backend's copy
  2   no kiosk database at --data-dir, or its schema is not this kioskctl's: opened
      read-only, so nothing is created or migrated (the reason is printed)
  1   the chain is broken (the first broken entry printed), or differs from the backend's copy
  3   --backend: the backend could not be asked (unreachable, no answer)
  64  unknown or repeated flag`;

export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  summary: 'check the hash chain of the audit trail and name the first broken entry',
  help: HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, backend: { type: 'boolean' }, ...AMQP_OPTION, ...AMQP_TLS_OPTIONS },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.backend && (values.amqp !== undefined || Object.keys(tlsFromFlags(values)).length > 0))
      throw new UsageError('--amqp and its TLS files go with --backend');
    const dataDir = dataDirOf(values);
    return withDb(dataDir, 'read', async (db) => {
      const verdict = verifyAuditChain(db);
      let backend: BackendComparison | null = null;
      if (values.backend && verdict.ok) {
        const config = loadLocalConfig(dataDir);
        const given = amqpGiven(values, process.env);
        const link = openAuditBackend(dataDir, config, { ...(given !== undefined ? { url: given } : {}), tls: tlsFromFlags(values) });
        try {
          backend = await compareWithBackend(db, link.backend, config.kioskId);
        } catch (error) {
          if (!isBackendError(error)) throw error;
          io.err(`kioskctl audit verify: the backend could not be asked: ${error.code}: ${error.message}`);
          return EXIT.deviceError;
        } finally {
          await link.close();
        }
      }
      if (values.json) io.out(JSON.stringify(backend ? { ...verdict, backend } : verdict));
      else if (!verdict.ok)
        io.err(
          `audit trail BROKEN at entry #${verdict.firstBroken.seq}: ${verdict.firstBroken.reason}: ${verdict.firstBroken.detail} (${verdict.entries} entries before it hold)`,
        );
      else {
        io.out(`audit trail intact: ${verdict.entries} entries${verdict.head ? `, head #${verdict.head.seq} ${verdict.head.hash}` : ''}`);
        if (backend?.ok)
          io.out(
            `backend holds entries up to #${backend.backendHead}${backend.notYetDelivered > 0 ? `; ${backend.notYetDelivered} newer waiting in the outbox` : ''}: matches`,
          );
        else if (backend?.problem)
          io.err(`audit trail DIFFERS from the backend's copy at entry #${backend.problem.firstSeq}: ${backend.problem.reason}: ${backend.problem.detail}`);
      }
      return verdict.ok && (backend === null || backend.ok) ? EXIT.ok : EXIT.failure;
    });
  },
};
