import path from 'node:path';
import { parseArgs } from 'node:util';
import { Role } from '../../shared/fleet/console-api';
import { parseBrokerList } from '../../shared/config/broker-list';
import { redactUrl } from '../../electron/host/sync/publisher';
import { Auth, MIN_PASSWORD_LENGTH } from './auth';
import { DEFAULT_PORT, startConsole } from './console';
import { rolloutExtension } from './rollouts/rollout-extension';
import { ActionLog } from './store/action-log';
import { openConsoleDb } from './store/console-db';

/**
 * `npm run console -- [serve] --amqp URL [--port P] [--data-dir DIR] [--host H]`
 * `npm run console -- user add NAME --role viewer|operator|admin [--data-dir DIR]`   (password on stdin)
 * `npm run console -- token create --role R [--name N] [--data-dir DIR]`           (prints the token once)
 * docs/console.md. Exit codes: 0 ok, 1 failed, 64 usage.
 */
const USAGE = `Usage:
  npm run console -- [serve] --amqp URL [--port P] [--data-dir DIR] [--host 127.0.0.1]
      --amqp URL     repeat it (or comma-separate) for each node of a cluster; or KIOSK_AMQP_URL
      --port P       default ${DEFAULT_PORT}; 0 = any free port
      --data-dir DIR default ./console-data
      --keys DIR     the config signing PUBLIC key(s) (*.pem) rollouts must be signed with;
                     default DATA-DIR/keys/config (the console never holds a private key)
  npm run console -- user add NAME --role viewer|operator|admin [--data-dir DIR]
      reads the password (at least ${MIN_PASSWORD_LENGTH} characters) from stdin
  npm run console -- token create --role viewer|operator|admin [--name N] [--data-dir DIR]
      prints a bearer token once (stored only as its hash)`;

const EXIT_USAGE = 64;

class UsageError extends Error {}

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        amqp: { type: 'string', multiple: true },
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        keys: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function dataDirOf(flag: string | undefined): string {
  return path.resolve(flag ?? 'console-data');
}

function roleOf(raw: string | undefined): Role {
  const role = Role.safeParse(raw);
  if (!role.success) throw new UsageError('--role must be viewer, operator or admin');
  return role.data;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function serve(values: ReturnType<typeof options>['values']): Promise<void> {
  const raw = values.amqp !== undefined && values.amqp.length > 0 ? values.amqp.join(',') : process.env.KIOSK_AMQP_URL;
  if (raw === undefined || raw === '') throw new UsageError('--amqp URL is required');
  let url: string;
  try {
    url = parseBrokerList(raw).join(',');
  } catch (error) {
    throw new UsageError(`--amqp: ${error instanceof Error ? error.message : String(error)}`);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || port > 65535) throw new UsageError('--port must be 0–65535');
  const host = values.host ?? '127.0.0.1';
  let running;
  try {
    const dataDir = dataDirOf(values['data-dir']);
    const keysDir = path.resolve(values.keys ?? path.join(dataDir, 'keys', 'config'));
    running = await startConsole({ amqpUrl: url, port, host, dataDir, extensions: [rolloutExtension({ amqpUrl: url, keysDir })] });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${port} on ${host} is in use (choose another with --port)`, { cause: error });
    if (code === 'EADDRNOTAVAIL') throw new Error(`${host} is not an address of this machine (--host)`, { cause: error });
    throw error;
  }
  // A second signal while closing changes nothing (a process manager may send two).
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Printed last: whoever waits for this line may signal at once.
  process.stdout.write(`broker: ${url.split(',').map(redactUrl).join(', ')}\n`);
  process.stdout.write(`console: ${running.url}\n`);
}

async function userAdd(name: string | undefined, values: ReturnType<typeof options>['values']): Promise<void> {
  if (!name) throw new UsageError('user add NAME: the name is missing');
  const role = roleOf(values.role);
  const password = (await readStdin()).replace(/\r?\n$/, '');
  const db = openConsoleDb(dataDirOf(values['data-dir']));
  try {
    await new Auth(db, () => new Date()).addUser(name, role, password);
    new ActionLog(db, () => new Date()).append('cli', 'user.add', `${name} as ${role}`);
  } finally {
    db.close();
  }
  process.stdout.write(`user ${name} added as ${role}\n`);
}

function tokenCreate(values: ReturnType<typeof options>['values']): void {
  const role = roleOf(values.role);
  const name = values.name ?? `${role}-token`;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new UsageError('--name: 1–64 letters, digits, dot, dash or underscore');
  const db = openConsoleDb(dataDirOf(values['data-dir']));
  try {
    const token = new Auth(db, () => new Date()).createToken(role, name);
    new ActionLog(db, () => new Date()).append('cli', 'token.create', `${name} as ${role}`);
    process.stdout.write(`${token}\n`);
  } finally {
    db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = options(argv);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command = 'serve', sub, arg, ...extra] = positionals;
  if (command === 'serve' && positionals.length <= 1) return serve(values);
  if (command === 'user' && sub === 'add' && extra.length === 0) return userAdd(arg, values);
  if (command === 'token' && sub === 'create' && arg === undefined) return tokenCreate(values);
  throw new UsageError(`unknown command: ${positionals.join(' ')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`console: ${error.message}\n${USAGE}\n`);
    process.exitCode = EXIT_USAGE;
  } else {
    process.stderr.write(`console: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
});
