import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import amqp from 'amqplib';

/**
 * A real RabbitMQ broker for the sync tests (docs/sync.md: "tests run Debian's
 * rabbitmq-server on loopback"). One broker per test file: its own node name,
 * AMQP port, distribution port, epmd port, cookie ($HOME), data and logs under
 * a temp dir, so two vitest workers can each run one without sharing anything.
 *
 * Debian's /usr/sbin wrappers `su` to the rabbitmq user when run as root; the
 * scripts in /usr/lib/rabbitmq/bin run as the caller, which lets us point
 * HOME (the Erlang cookie) and every path at our temp dir.
 *
 * Start takes about 7 s on an idle 2-core machine (up to ~20 s under load);
 * `startMs` reports it. Stop (SIGTERM, graceful) takes 1–5 s.
 */
const SCRIPTS = '/usr/lib/rabbitmq/bin';
const SERVER = path.join(SCRIPTS, 'rabbitmq-server');
const CTL = path.join(SCRIPTS, 'rabbitmqctl');
const QUEUES_CLI = path.join(SCRIPTS, 'rabbitmq-queues');
const DIR_PREFIX = 'kiosk-rabbitmq-';
const execFileP = promisify(execFile);
/** Small on purpose: a test can make the broker refuse one message by its size (406). Outbox rows are ~1 KiB. */
export const MAX_MESSAGE_SIZE = 128 * 1024;

/** The broker's TLS listener (startBroker with `tls: true`): certificates made by openssl in the broker's temp dir. */
export interface BrokerTls {
  readonly port: number;
  /** amqps://guest:guest@localhost:PORT, without TLS files. */
  readonly url: string;
  /** The test CA, the kiosk's client certificate and key (PEM). */
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** A CA that signed nothing here: a client trusting only it must refuse the broker. */
  readonly otherCaFile: string;
}

export interface Broker {
  /** amqp://guest:guest@127.0.0.1:PORT (guest may log in over loopback only, which is all we use). */
  readonly url: string;
  /** Present when started with `tls: true`: the broker also listens for amqps and requires a client certificate. */
  readonly tls: BrokerTls | null;
  readonly port: number;
  readonly node: string;
  readonly dir: string;
  /** Milliseconds from spawn to the first AMQP handshake (reported, never asserted). */
  readonly startMs: number;
  /** Runs `rabbitmqctl -n NODE ...args` and returns stdout. */
  ctl(...args: string[]): Promise<string>;
  /** Runs `rabbitmq-queues -n NODE ...args` (quorum queue status) and returns stdout. */
  queuesCli(...args: string[]): Promise<string>;
  /** Stops the node (graceful), keeping its data: `start()` brings the same broker back. */
  stopNode(): Promise<void>;
  start(): Promise<void>;
  /** SIGKILL of the Erlang VM (a crashed node); resolves once it is gone. `start()` brings it back. */
  kill(): Promise<void>;
  /** Freezes the Erlang VM (SIGSTOP): sockets stay open, nothing answers. */
  pause(): void;
  resume(): void;
  /** Stops everything and removes the temp dir; safe to call twice. */
  dispose(): Promise<void>;
}

/** A node of a cluster (startCluster): the cluster's cookie ($HOME) and epmd, which the node must share with its peers. */
interface ClusterMembership {
  home: string;
  epmdPort: number;
}

export async function startBroker(label = 'test', options: { tls?: boolean; cluster?: ClusterMembership } = {}): Promise<Broker> {
  if (!fs.existsSync(SERVER) || !fs.existsSync(CTL)) {
    throw new Error(
      `rabbitmq-server is not installed (${SERVER} missing). The sync tests need a real broker: ` +
        'install it with scripts/install-system-deps.sh (apt-get install rabbitmq-server).',
    );
  }
  sweepLeftovers();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${DIR_PREFIX}${process.pid}-`));
  const [port = 0, distPort = 0, epmdPort = 0, tlsPort = 0] = await freePorts(4);
  const node = `rabbit-${label}-${process.pid}-${crypto.randomBytes(3).toString('hex')}@localhost`;
  const tls = options.tls ? makeTestCertificates(path.join(dir, 'tls')) : null;
  const home = options.cluster?.home ?? path.join(dir, 'home');
  if (!options.cluster) {
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, '.erlang.cookie'), crypto.randomBytes(20).toString('hex').toUpperCase(), { mode: 0o400 });
  }
  fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n'); // management plugin off: faster start
  fs.writeFileSync(path.join(dir, 'rabbitmq-env.conf'), ''); // ignore /etc/rabbitmq/rabbitmq-env.conf
  fs.writeFileSync(
    path.join(dir, 'rabbitmq.conf'),
    [
      `listeners.tcp.default = 127.0.0.1:${port}`,
      'loopback_users.guest = true',
      'disk_free_limit.absolute = 10MB',
      `max_message_size = ${MAX_MESSAGE_SIZE}`,
      'log.console = false',
      ...(tls ? tlsListenerConf(tlsPort, tls) : []),
      '',
    ].join('\n'),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_EPMD_PORT: String(options.cluster?.epmdPort ?? epmdPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_CONF_ENV_FILE: path.join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_PID_FILE: path.join(dir, 'broker.pid'),
  };

  // Our own epmd on its own port, in the foreground, so we own its pid and it
  // does not outlive the test (a -daemon epmd would).
  // A cluster's nodes share the cluster's epmd.
  const epmd = options.cluster ? null : spawn('epmd', ['-port', String(epmdPort), '-address', '127.0.0.1'], { env, stdio: 'ignore', detached: true });
  if (epmd) writeOwned(dir, 'epmd.pid', epmd.pid);
  let server: ChildProcess | null = null;
  let disposed = false;

  const cli =
    (tool: string) =>
    async (...args: string[]): Promise<string> => {
      // Generous: the CLI boots an Erlang VM of its own, which takes 30 s and more on a busy 2-core machine.
      // cwd: its temp dir, so an erl_crash.dump of the CLI lands there, not in the repository.
      const { stdout } = await execFileP(tool, ['-n', node, ...args], { env, timeout: 180_000, cwd: dir });
      return stdout;
    };
  const ctl = cli(CTL);
  const queuesCli = cli(QUEUES_CLI);
  const beamPid = (): number | null => {
    try {
      const pid = Number(fs.readFileSync(env.RABBITMQ_PID_FILE ?? '', 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  };

  const start = async (): Promise<void> => {
    fs.rmSync(env.RABBITMQ_PID_FILE ?? '', { force: true });
    const log = fs.openSync(path.join(dir, 'server.out'), 'a');
    // detached: its own process group, so dispose can kill the shell script and beam together.
    const child = spawn(SERVER, [], { env, cwd: dir, stdio: ['ignore', log, log], detached: true });
    fs.closeSync(log);
    server = child;
    writeOwned(dir, 'server.pid', child.pid);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`rabbitmq-server exited with ${code} during start; see ${dir}/server.out and ${dir}/log`))),
    );
    exited.catch(() => undefined);
    // The AMQP listener opens last in the boot sequence: a completed AMQP handshake
    // means the broker is up. Cheaper than `rabbitmqctl await_startup`, whose CLI
    // alone takes 1–2 s to boot.
    await Promise.race([waitForAmqp(port, 90_000), exited]);
  };

  const stopNode = async (): Promise<void> => {
    const child = server;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // SIGTERM makes the Erlang VM run init:stop() — RabbitMQ's graceful shutdown.
    const pid = beamPid();
    if (pid) {
      signal(pid, 'SIGTERM');
      signal(pid, 'SIGCONT'); // a paused VM handles the TERM once it runs again
    } else {
      killGroup(child.pid, 'SIGTERM');
    }
    await Promise.race([gone, delay(15_000)]);
    if (child.exitCode === null) killGroup(child.pid, 'SIGKILL');
    server = null;
  };

  const started = Date.now();
  try {
    await start();
  } catch (error) {
    await cleanup();
    throw error;
  }
  const startMs = Date.now() - started;

  async function cleanup(): Promise<void> {
    const pid = beamPid();
    if (pid) signal(pid, 'SIGCONT'); // a paused VM cannot stop
    await stopNode().catch(() => undefined);
    if (pid) signal(pid, 'SIGKILL');
    if (epmd) killGroup(epmd.pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }

  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    tls: tls
      ? {
          port: tlsPort,
          url: `amqps://guest:guest@localhost:${tlsPort}`,
          caFile: tls.ca,
          certFile: tls.clientCert,
          keyFile: tls.clientKey,
          otherCaFile: tls.otherCa,
        }
      : null,
    port,
    node,
    dir,
    startMs,
    ctl,
    queuesCli,
    stopNode,
    start,
    async kill() {
      const child = server;
      const pid = beamPid();
      if (!child || child.exitCode !== null || !pid) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      signal(pid, 'SIGKILL');
      await Promise.race([gone, delay(10_000)]);
      if (child.exitCode === null) killGroup(child.pid, 'SIGKILL');
      server = null;
    },
    pause() {
      const pid = beamPid();
      if (!pid) throw new Error('broker not running');
      signal(pid, 'SIGSTOP');
    },
    resume() {
      const pid = beamPid();
      if (pid) signal(pid, 'SIGCONT');
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await cleanup();
    },
  };
}

/** Ports the kernel handed out to a listening probe; closed again before use (a race we accept in tests). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

async function waitForAmqp(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < until) {
    try {
      const connection = await amqp.connect(`amqp://guest:guest@127.0.0.1:${port}`, { timeout: 2000 });
      await connection.close();
      return;
    } catch (error) {
      last = error;
      await delay(200);
    }
  }
  throw new Error(`rabbitmq-server did not accept AMQP on port ${port} in ${timeoutMs} ms: ${last instanceof Error ? last.message : String(last)}`);
}

function writeOwned(dir: string, name: string, pid: number | undefined): void {
  if (pid) fs.writeFileSync(path.join(dir, name), String(pid));
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

function killGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, sig);
  } catch {
    signal(pid, sig);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Brokers left by a test process that died (crash, SIGKILL of vitest) are
 * killed here: each temp dir is named after its owner's pid.
 */
function sweepLeftovers(): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(DIR_PREFIX));
  } catch {
    return;
  }
  for (const name of entries) {
    const owner = Number(name.slice(DIR_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(owner) || owner === process.pid || alive(owner)) continue;
    const dir = path.join(os.tmpdir(), name);
    for (const file of ['broker.pid', 'server.pid', 'epmd.pid']) {
      const pid = Number(readOr(path.join(dir, file)));
      // The pid may have been reused since: only kill what still looks like ours.
      if (Number.isInteger(pid) && pid > 0 && /beam|rabbitmq|epmd/.test(readOr(`/proc/${pid}/cmdline`))) {
        signal(pid, 'SIGCONT');
        if (file === 'broker.pid') signal(pid, 'SIGKILL');
        else killGroup(pid, 'SIGKILL');
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface TestCertificates {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  otherCa: string;
}

/** A test CA, a server certificate for localhost/127.0.0.1 and a client certificate, made by openssl (seconds). */
function makeTestCertificates(dir: string): TestCertificates {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = (name: string) => path.join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ca = (name: string) =>
    ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', f(`${name}.key`), '-out', f(`${name}.pem`));
  ca('kiosk-test-ca');
  ca('other-ca');
  const leaf = (name: string, ext: string) => {
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name === 'server' ? 'localhost' : 'KIOSK-TLS-1'}`,
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.csr`),
    );
    fs.writeFileSync(f(`${name}.ext`), ext);
    ssl(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('kiosk-test-ca.pem'),
      '-CAkey',
      f('kiosk-test-ca.key'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      f(`${name}.ext`),
      '-out',
      f(`${name}.pem`),
    );
  };
  leaf('server', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  leaf('client', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: f('kiosk-test-ca.pem'),
    serverCert: f('server.pem'),
    serverKey: f('server.key'),
    clientCert: f('client.pem'),
    clientKey: f('client.key'),
    otherCa: f('other-ca.pem'),
  };
}

/** An amqps listener that verifies the client's certificate against the test CA and refuses a client without one. */
function tlsListenerConf(port: number, certs: TestCertificates): string[] {
  return [
    `listeners.ssl.default = 127.0.0.1:${port}`,
    `ssl_options.cacertfile = ${certs.ca}`,
    `ssl_options.certfile = ${certs.serverCert}`,
    `ssl_options.keyfile = ${certs.serverKey}`,
    'ssl_options.verify = verify_peer',
    'ssl_options.fail_if_no_peer_cert = true',
  ];
}

/** A RabbitMQ cluster on loopback (startCluster): every node a Broker of its own, one cookie, one epmd. */
export interface BrokerCluster {
  readonly nodes: readonly Broker[];
  /** Every node's URL, comma-separated: what a kiosk is given (KIOSK_AMQP_URL, backend.url). */
  readonly urls: string;
  /** Milliseconds from the first spawn to the cluster formed (reported, never asserted). */
  readonly startMs: number;
  /** The node hosting the quorum queue's leader, asked of any running node. */
  leaderOf(queue: string): Promise<Broker>;
  /**
   * Waits until every member of each quorum queue is online again (after a
   * node came back) and caught up: each a leader or follower, all at one
   * commit index. Online alone is not enough: a member still replaying its log
   * does not count towards the majority, so killing the leader then leaves
   * the queue without one (publishes nacked for minutes).
   */
  awaitAllOnline(queues: readonly string[], timeoutMs?: number): Promise<void>;
  /** Members (node names) of each quorum queue, as the cluster reports them: one CLI call. */
  membersOf(queues: readonly string[]): Promise<string[][]>;
  dispose(): Promise<void>;
}

/**
 * `size` brokers joined into one cluster: the first starts alone, each other
 * one starts, stops its app, `join_cluster`s the first and starts again. About
 * 30-60 s on a busy 2-core machine; one cluster per test file.
 */
export async function startCluster(label = 'cl', size = 3, log: (line: string) => void = () => undefined): Promise<BrokerCluster> {
  sweepLeftovers();
  const started = Date.now();
  const step = (what: string): void => log(`cluster: ${what} at ${Date.now() - started} ms`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${DIR_PREFIX}${process.pid}-`));
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(home, '.erlang.cookie'), crypto.randomBytes(20).toString('hex').toUpperCase(), { mode: 0o400 });
  const [epmdPort = 0] = await freePorts(1);
  const epmd = spawn('epmd', ['-port', String(epmdPort), '-address', '127.0.0.1'], { stdio: 'ignore', detached: true });
  writeOwned(dir, 'epmd.pid', epmd.pid);
  const nodes: Broker[] = [];
  const dispose = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.dispose()));
    killGroup(epmd.pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const membership = { home, epmdPort };
    nodes.push(await startBroker(`${label}0`, { cluster: membership }));
    const rest = await Promise.all(Array.from({ length: size - 1 }, (_, i) => startBroker(`${label}${i + 1}`, { cluster: membership })));
    nodes.push(...rest);
    step('nodes up');
    const seed = nodes[0];
    if (!seed) throw new Error('no first node');
    for (const node of rest) {
      await node.ctl('stop_app');
      step(`${node.node} stopped`);
      await node.ctl('join_cluster', seed.node);
      step(`${node.node} joined`);
      await node.ctl('start_app');
      step(`${node.node} started`);
      await waitForAmqp(node.port, 60_000);
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  const running = async (): Promise<Broker> => {
    for (const node of nodes) {
      try {
        await node.ctl('status');
        return node;
      } catch {
        // stopped or frozen: ask the next one
      }
    }
    throw new Error('no node of the cluster is running');
  };
  /** Members not yet a caught-up voter, per queue ('queue: node state commit'): from `rabbitmq-queues quorum_status`. */
  const laggingMembers = async (node: Broker, queues: readonly string[]): Promise<string[]> => {
    const lagging: string[] = [];
    for (const queue of queues) {
      const rows = JSON.parse(await node.queuesCli('quorum_status', queue, '--formatter', 'json')) as Record<string, unknown>[];
      const field = (r: Record<string, unknown>, name: RegExp) => Object.entries(r).find(([k]) => name.test(k))?.[1];
      const members = rows.map((r) => ({
        node: String(field(r, /node/i)),
        state: String(field(r, /raft state/i)),
        commit: Number(field(r, /commit index/i)),
      }));
      const top = Math.max(...members.map((m) => m.commit));
      for (const m of members)
        if (!['leader', 'follower'].includes(m.state) || m.commit !== top) lagging.push(`${queue}: ${m.node} ${m.state} ${m.commit}/${top}`);
      if (members.length < nodes.length) lagging.push(`${queue}: ${members.length} of ${nodes.length} members report`);
    }
    return lagging;
  };
  const queueTable = async (): Promise<string> => {
    const node = await running();
    return node.ctl('list_queues', '--quiet', '--no-table-headers', 'name', 'leader', 'members');
  };
  const row = (out: string, queue: string): string[] => {
    const line = out.split('\n').find((l) => l.split('\t')[0] === queue);
    if (!line) throw new Error(`queue ${queue} not found in the cluster`);
    return line.split('\t');
  };
  return {
    nodes,
    urls: nodes.map((n) => n.url).join(','),
    startMs: Date.now() - started,
    async leaderOf(queue) {
      const [, leader] = row(await queueTable(), queue);
      const node = nodes.find((n) => n.node === leader);
      if (!node) throw new Error(`queue ${queue}: leader ${leader ?? '?'} is not one of our nodes`);
      return node;
    },
    async awaitAllOnline(queues, timeoutMs = 120_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const node = await running();
        const table = await node.ctl('list_queues', '--quiet', '--no-table-headers', 'name', 'online');
        const online = queues.map((queue) => (row(table, queue)[1] ?? '').split(',').filter((m) => m.includes('@')).length);
        const lagging = online.every((n) => n === nodes.length) ? await laggingMembers(node, queues) : ['not all online'];
        if (lagging.length === 0) return;
        if (Date.now() > until) throw new Error(`quorum members online: ${online.join(', ')} of ${nodes.length}; ${lagging.join('; ')}`);
        await delay(1000);
      }
    },
    async membersOf(queues) {
      const table = await queueTable();
      return queues.map((queue) => {
        const [, , members = ''] = row(table, queue);
        return members
          .replace(/[[\]]/g, '')
          .split(',')
          .map((m) => m.trim())
          .filter((m) => m !== '');
      });
    },
    dispose,
  };
}
