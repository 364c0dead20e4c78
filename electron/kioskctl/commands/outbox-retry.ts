import { EXIT, UsageError, defineCommand } from '../command';
import { withDb } from '../with-db';
import { OutboxQueue } from '../../host/sync/outbox-queue';

const HELP = `Usage: kioskctl outbox retry ID [--data-dir DIR]

Puts an outbox row parked dead (see \`kioskctl outbox status\`) back in line,
after the cause was fixed. It keeps its id, so it goes before every later row
of its authority; its attempt count starts again. The running kiosk sends it
within a second or two, or run \`kioskctl sync --once\`.

Options:
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)

Exit codes:
  0   back in line
  2   no row with this id, or the row is not parked (pending or already sent), or the
      database's schema is newer than this kioskctl
  64  no ID, or an unknown flag`;

export const outboxRetryCommand = defineCommand({
  path: ['outbox', 'retry'],
  summary: 'put an outbox row parked dead back in line after fixing its cause',
  help: HELP,
  options: {
    'data-dir': { type: 'string' },
  },
  async run(values, positionals, io) {
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw new UsageError('give exactly one outbox row ID');
    return withDb(values['data-dir'], 'write', (db) => {
      const result = new OutboxQueue(db).retry(id, new Date());
      switch (result) {
        case 'retried':
          io.out(`${id}: back in line; the kiosk (or kioskctl sync --once) sends it next`);
          return EXIT.ok;
        case 'notFound':
          io.err(`${id}: no outbox row with this id`);
          return EXIT.notFound;
        case 'notParked':
          io.err(`${id}: not parked (still pending, or already sent); nothing to do`);
          return EXIT.refused;
      }
    });
  },
});
