import { EXIT, defineCommand } from '../command';
import { withDb } from '../with-db';
import { OutboxQueue, type AuthorityStatus } from '../../host/sync/outbox-queue';

const HELP = `Usage: kioskctl outbox status [--data-dir DIR] [--json]

Shows what waits to be delivered to the backend queue: per authority the rows
pending, the oldest one's age, and what holds it up (its attempts, next attempt
and last error — rows go in creation order, so the oldest blocks the rest).
Then the rows parked dead: a payload that fails its schema, or a message the
broker kept refusing. A parked row is never retried by itself: fix the cause,
then \`kioskctl outbox retry ID\`.

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object:
                  {"authorities":[{"authority","pending","oldestCreatedAt","oldestAgeSeconds",
                                   "headAttempts","nextAttemptAt","lastError"}],
                   "deadCount","dead":[{"id","transactionId","authority","kind","createdAt",
                                        "attempts","deadAt","lastError"}]}
                  (at most 50 dead rows, oldest first; deadCount counts them all)

Exit codes:
  0   shown (also when the outbox is empty)
  2   no kiosk database at --data-dir, or its schema is not this kioskctl's: opened
      read-only, so nothing is created or migrated (the reason is printed)
  64  unknown flag`;

export const outboxStatusCommand = defineCommand({
  path: ['outbox', 'status'],
  summary: 'show rows waiting for the backend queue per authority, and rows parked dead',
  help: HELP,
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    return withDb(values['data-dir'], 'read', (db) => {
      const status = new OutboxQueue(db).status(new Date());
      if (values.json) {
        io.out(JSON.stringify(status));
        return EXIT.ok;
      }
      for (const a of status.authorities) io.out(describeAuthority(a));
      if (status.deadCount === 0) {
        io.out('dead: none');
        return EXIT.ok;
      }
      io.out(`dead: ${status.deadCount} row(s) parked; fix the cause, then kioskctl outbox retry ID`);
      for (const d of status.dead) {
        io.out(`  ${d.id}  ${d.authority} ${d.kind}  created ${d.createdAt}  parked ${d.deadAt}  attempts ${d.attempts}`);
        io.out(`    ${d.lastError ?? '(no error recorded)'}`);
      }
      if (status.dead.length < status.deadCount)
        io.out(`  … and ${status.deadCount - status.dead.length} more (--json lists the oldest ${status.dead.length})`);
      return EXIT.ok;
    });
  },
});

function describeAuthority(a: AuthorityStatus): string {
  if (a.pending === 0) return `${a.authority}: nothing pending`;
  const parts = [`${a.authority}: ${a.pending} pending, oldest ${a.oldestCreatedAt ?? '?'} (${age(a.oldestAgeSeconds ?? 0)} ago)`];
  if ((a.headAttempts ?? 0) > 0) parts.push(`head tried ${a.headAttempts} time(s), next attempt ${a.nextAttemptAt ?? '?'}`);
  if (a.lastError) parts.push(`last error: ${a.lastError}`);
  return parts.join('; ');
}

function age(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3600)}h`;
}
