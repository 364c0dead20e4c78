import { EXIT, UsageError, intOption, type Command } from '../command';
import { APP_VERSION } from '../../host/app-version';
import { AMQP_TLS_OPTIONS } from '../../host/sync/amqp-tls';
import { redactUrl } from '../../host/sync/amqp-connection';
import { AMQP_OPTION, amqpGiven } from '../amqp-flag';
import { listOption } from '../list-option';
import { pushBrokerUrl } from './bundle-broker-push';
import { kioskId } from '../fleet-sim/sim-kiosk';
import { FleetSimulation, type SimulationStats } from '../fleet-sim/sim-runner';
import { SimulationLink } from '../fleet-sim/sim-link';
import { SIMULATED_REFUSAL } from '../fleet-sim/sim-rollout';

const HELP = `Usage: kioskctl fleet simulate --kiosks N --amqp URL [--amqp URL]... [--seed S] [--branches B]
         [--interval-ms MS] [--duration-ms MS] [--refuse ID,ID] [--faults RATE] [--json]

Runs N simulated kiosks in this one process, for the fleet console and its
benchmarks: KIOSK-0001… in branches BRANCH-01…, kiosk i in branch i mod B.
Each publishes a status heartbeat (format tax-kiosk/heartbeat@2) on exchange
kiosk.status, routing key kiosk.<kioskId>, every --interval-ms, the fleet
spread evenly over the interval. From the seed: printers run low on paper and
out (then reading offline, as drivers report it), jam, open their cover or
fail, card readers fail, the backend goes out of reach (the outbox backlog
grows), rows get parked, invoice stock drains and is restocked; each fault
clears after a few heartbeats. Each heartbeat stands for one simulated minute
(outbox ages and uptime count simulated time); sentAt is real time.

Config pushes: one exclusive queue of the simulator's own, bound to exchange
kiosk.config with kiosk.#, branch.# and all, takes every push (kioskctl config
publish, the console's rollouts). A simulated kiosk takes what is routed to its
keys (kiosk.<id>, branch.<branch>, all), applies it (config.version and hash in
a heartbeat within a second), or refuses it like a kiosk would (signed target
not this kiosk, expired, not above the applied version) — or, for a kiosk in
--refuse, with reason "${SIMULATED_REFUSAL}" — reported as config.refused. The
signature is not verified: the simulator pins no key. While the simulator runs,
every routing key of kiosk.config is routable (its queue is bound to all).

Broker link: like the kiosk's own links, it connects to one node of the --amqp
list (the order shuffled with --seed). When the link is lost (its node
stopped, the connection or a channel closed) the run goes on: the kiosks keep
their faults, stock and config versions, and it connects to the next node
after a capped, jittered backoff (0.5 s doubling to 5 s). Heartbeats due
while no link is up are skipped, not queued ("skipped"); the push queue is
declared again on the new link, so a push sent meanwhile reaches no kiosk.
One line on stderr per link event, the password redacted:
  connected to node 1 of 3 (amqp://user:***@host:5672/)
  lost node 1 of 3 (…): connection closed; retry on node 2 of 3 (…) in 734 ms
  cannot connect to node 2 of 3 (…): connect ECONNREFUSED …; retry on … in 1502 ms
Ctrl-C stops it promptly, during a backoff too.

Options:
  --kiosks N         how many kiosks (1 to 100000)
  --amqp URL         amqp://user:pass@host:5672/vhost (or amqps://); else KIOSK_AMQP_URL;
                     again (or a comma list) for the nodes of a cluster
  --seed S           the seed of every fault and drain (default 1): same seed, same fleet life
  --branches B       how many branches (default one per 25 kiosks)
  --interval-ms MS   each kiosk's heartbeat interval (default 60000, a kiosk's real one;
                     3000 is 20 times the real rate)
  --duration-ms MS   stop after this long (default: until SIGINT or SIGTERM)
  --refuse ID,ID     kiosks that refuse every config push (repeat or comma list)
  --faults RATE      chance per kiosk per heartbeat that a fault starts (0 to 1, default 0.01)
  --json             no progress lines; at the end one JSON object: {"kiosks","branches","seed",
                     "intervalMs","elapsedMs","heartbeats","applied","refused","bundles","ignored",
                     "skipped"}

Without --json, one line every 10 s and one at the end: heartbeats published,
config applies and refusals (counted per kiosk), pushes received.

Exit codes:
  0   ran until --duration-ms or a signal, and stopped cleanly
  1   at start, a node answered but setting up on it failed (every node tried once);
      a link lost while running is not an exit (see Broker link)
  3   at start, no node of the --amqp list could be reached (each tried once)
  64  a missing or bad flag, or a --refuse id that is not a simulated kiosk`;

const CONNECT_TIMEOUT_MS = 10_000;
const REPORT_EVERY_MS = 10_000;
const MAX_KIOSKS = 100_000;

export const fleetSimulateCommand: Command = {
  path: ['fleet', 'simulate'],
  summary: 'run N simulated kiosks: heartbeats, faults, stock, config applies and refusals',
  help: HELP,
  options: {
    ...AMQP_OPTION,
    ...AMQP_TLS_OPTIONS,
    kiosks: { type: 'string' },
    seed: { type: 'string' },
    branches: { type: 'string' },
    'interval-ms': { type: 'string' },
    'duration-ms': { type: 'string' },
    refuse: { type: 'string', multiple: true },
    faults: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    if (values.kiosks === undefined) throw new UsageError('give --kiosks N');
    const kiosks = intOption(values, 'kiosks', 0, 1, MAX_KIOSKS);
    const branches = intOption(values, 'branches', Math.ceil(kiosks / 25), 1, kiosks);
    const seed = intOption(values, 'seed', 1, 0, 2 ** 32 - 1);
    const intervalMs = intOption(values, 'interval-ms', 60_000, 10, 3_600_000);
    const durationMs = values['duration-ms'] === undefined ? null : intOption(values, 'duration-ms', 0, 1, 30 * 86_400_000);
    const faultRate = rateOption(values.faults);
    const refuse = new Set(listOption(values.refuse));
    const ids = new Set(Array.from({ length: kiosks }, (_, i) => kioskId(i, kiosks)));
    for (const id of refuse) if (!ids.has(id)) throw new UsageError(`--refuse ${id}: not one of the simulated kiosks (${kioskId(0, kiosks)}…)`);
    const url = pushBrokerUrl(amqpGiven(values, process.env), values);

    const sim = new FleetSimulation({ kiosks, branches, seed, intervalMs, faultRate, refuse, appVersion: APP_VERSION });
    const link = new SimulationLink(sim, {
      url,
      seed: String(seed),
      heartbeatSeconds: 30,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      say: (line) => io.err(`kioskctl fleet simulate: ${line}`),
    });
    let finish: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => {
      finish = resolve;
    });
    io.stopSignal.addEventListener('abort', () => finish(), { once: true });
    if (io.stopSignal.aborted) finish();
    link.start();
    // Stopped before any link was up: nothing failed, so the summary and exit 0 as for any stop.
    const first = await Promise.race([link.first, ended.then(() => null)]);
    if (first !== null && !first.up) {
      await link.stop();
      // Every node failed once before any link was up: as before the cluster support, 3 when no broker
      // answered, 1 when one answered but setting up the simulator's exchanges and queue on it failed.
      io.err(`kioskctl fleet simulate: ${first.reached ? first.error : `cannot reach ${redactUrl(url)}: ${first.error}`}`);
      return first.reached ? EXIT.failure : EXIT.deviceError;
    }
    const started = Date.now();
    sim.startPublishing();
    const deadline = durationMs === null ? null : setTimeout(() => finish(), durationMs);
    if (!values.json) io.out(`simulating ${kiosks} kiosk(s) in ${branches} branch(es), a heartbeat each every ${intervalMs} ms, seed ${seed}`);
    const progress = values.json ? null : setInterval(() => io.out(progressLine(Date.now() - started, sim.stats)), REPORT_EVERY_MS);
    await ended;
    if (progress) clearInterval(progress);
    if (deadline) clearTimeout(deadline);
    sim.stopPublishing();
    await link.stop();
    const elapsedMs = Date.now() - started;
    if (values.json) io.out(JSON.stringify({ kiosks, branches, seed, intervalMs, elapsedMs, ...sim.stats }));
    else io.out(`${progressLine(elapsedMs, sim.stats)} (end)`);
    return EXIT.ok;
  },
};

function progressLine(elapsedMs: number, s: SimulationStats): string {
  const rate = elapsedMs > 0 ? (s.heartbeats / (elapsedMs / 1000)).toFixed(1) : '0';
  return `${Math.round(elapsedMs / 1000)}s: ${s.heartbeats} heartbeats (${rate}/s), ${s.applied} applied, ${s.refused} refused, ${s.bundles} push(es)`;
}

function rateOption(raw: unknown): number {
  if (raw === undefined) return 0.01;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(raw) || !(n >= 0 && n <= 1))
    throw new UsageError('--faults must be a number from 0 to 1');
  return n;
}
