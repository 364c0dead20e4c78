import path from 'node:path';
import { parseArgs } from 'node:util';
import { Role } from '../../shared/fleet/console-api';
import { parseBrokerList } from '../../shared/config/broker-list';
import { redactUrl } from '../../electron/host/sync/publisher';
import { Accounts } from './accounts';
import { Auth, MIN_PASSWORD_LENGTH } from './auth';
import { DEFAULT_PORT, startConsole } from './console';
import { rolloutExtension } from './rollouts/rollout-extension';
import { ActionLog } from './store/action-log';
import { openConsoleDb } from './store/console-db';

/**
 * `npm run console -- [serve] --amqp URL [--port P] [--data-dir DIR] [--host H]`
 * `npm run console -- user add NAME --role viewer|operator|admin [--data-dir DIR]`   (password on stdin)
 * `npm run console -- token create --role R [--name N] [--data-dir DIR]`           (prints the token once)
 * `npm run console -- user list|remove NAME|passwd NAME`, `token list|revoke ID`  (passwd: new password on stdin)
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
      prints a bearer token once (stored only as its hash)
  npm run console -- user list [--data-dir DIR]
      name, role, created, last login (tab-separated)
  npm run console -- user remove NAME [--data-dir DIR]
      removes the user and ends their sessions (never the last admin)
  npm run console -- user passwd NAME [--data-dir DIR]
      reads the new password from stdin; ends the user's sessions
  npm run console -- token list [--data-dir DIR]
      id, name, role, created, last used, revoked (never the token)
  npm run console -- token revoke ID [--data-dir DIR]
      the token's next request is refused`;

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

/** Opens the data dir's database for one change or listing, and closes it whatever happens. */
async function withAccounts<T>(values: ReturnType<typeof options>['values'], work: (accounts: Accounts, actions: ActionLog) => T | Promise<T>): Promise<T> {
  const db = openConsoleDb(dataDirOf(values['data-dir']));
  try {
    return await work(new Accounts(db, () => new Date()), new ActionLog(db, () => new Date()));
  } finally {
    db.close();
  }
}

/** Tab-separated with a header line: readable, and `cut -f` works on it. */
function printTable(header: string[], rows: (string | number | null)[][]): void {
  const lines = [header, ...rows.map((row) => row.map((cell) => (cell === null ? '-' : String(cell))))];
  process.stdout.write(lines.map((line) => `${line.join('\t')}\n`).join(''));
}

async function userList(values: ReturnType<typeof options>['values']): Promise<void> {
  const users = await withAccounts(values, (accounts) => accounts.listUsers());
  printTable(
    ['NAME', 'ROLE', 'CREATED', 'LAST LOGIN'],
    users.map((u) => [u.name, u.role, u.createdAt, u.lastLoginAt]),
  );
}

async function userRemove(name: string | undefined, values: ReturnType<typeof options>['values']): Promise<void> {
  if (!name) throw new UsageError('user remove NAME: the name is missing');
  const removed = await withAccounts(values, (accounts, actions) => {
    const result = accounts.removeUser(name);
    actions.append('cli', 'user.remove', `${name} (${result.role}); ${result.sessionsEnded} session(s) ended`);
    return result;
  });
  process.stdout.write(`user ${name} removed; ${removed.sessionsEnded} session(s) ended\n`);
}

async function userPasswd(name: string | undefined, values: ReturnType<typeof options>['values']): Promise<void> {
  if (!name) throw new UsageError('user passwd NAME: the name is missing');
  const password = (await readStdin()).replace(/\r?\n$/, '');
  const changed = await withAccounts(values, async (accounts, actions) => {
    const result = await accounts.setPassword(name, password);
    actions.append('cli', 'user.passwd', `${name}; ${result.sessionsEnded} session(s) ended`);
    return result;
  });
  process.stdout.write(`password of ${name} changed; ${changed.sessionsEnded} session(s) ended\n`);
}

async function tokenList(values: ReturnType<typeof options>['values']): Promise<void> {
  const tokens = await withAccounts(values, (accounts) => accounts.listTokens());
  printTable(
    ['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED'],
    tokens.map((t) => [t.id, t.name, t.role, t.createdAt, t.lastUsedAt, t.revokedAt]),
  );
}

async function tokenRevoke(raw: string | undefined, values: ReturnType<typeof options>['values']): Promise<void> {
  if (!raw) throw new UsageError('token revoke ID: the id is missing (see token list)');
  if (!/^\d{1,15}$/.test(raw)) throw new UsageError(`token revoke ID: ${raw} is not a token id (a number, see token list)`);
  const revoked = await withAccounts(values, (accounts, actions) => {
    const token = accounts.revokeToken(Number(raw));
    actions.append('cli', 'token.revoke', `${token.id} ${token.name} (${token.role})`);
    return token;
  });
  process.stdout.write(`token ${revoked.id} (${revoked.name}) revoked\n`);
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
  if (command === 'user' && sub === 'list' && arg === undefined) return userList(values);
  if (command === 'user' && sub === 'remove' && extra.length === 0) return userRemove(arg, values);
  if (command === 'user' && sub === 'passwd' && extra.length === 0) return userPasswd(arg, values);
  if (command === 'token' && sub === 'list' && arg === undefined) return tokenList(values);
  if (command === 'token' && sub === 'revoke' && extra.length === 0) return tokenRevoke(arg, values);
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
