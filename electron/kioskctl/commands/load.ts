import { EXIT, UsageError, intOption, type Command, type CommandIo } from '../command';
import { resolveDataDir } from '../../host/data-dir';
import { createHost, hostInternals } from '../../host/host';
import type { InvariantReport } from '../../host/services/collection-invariants';
import { amqpFromEnv } from '../../host/sync/rpc-config';
import { isBackendError } from '../../../shared/backend';
import {
  DEFAULT_PAYMENT_WAIT_MS,
  isFailedOutcome,
  pickService,
  prng,
  runVisit,
  SERVICES,
  until,
  value,
  type Call,
  type ServiceName,
  type VisitOptions,
  type VisitOutcome,
} from './load-visits';
import { AMQP_TLS_OPTIONS, tlsFromFlags, withTlsParams } from '../../host/sync/amqp-tls';
import { createLoadTopUp } from './load-topup';
import { CallTimings } from './load-timings';
import { AMQP_OPTION, amqpGiven } from '../amqp-flag';

const HELP = `Usage: kioskctl load --visits N [--seed S] [--amqp URL] [--payment-wait-ms N] [--data-dir DIR] [--json]

Drives the kiosk's services like N taxpayer visits, without the UI: a kiosk
host starts in this process on the data dir (simulated devices), and each
visit places a simulated ID card, runs one service and lifts the card. The mix
(seeded, so a run can be repeated): invoice collection 35 % (one in five with a
取票码), invoice issued on behalf 30 % (paid through the sandbox backend's
payment confirm), IIT payment certificate 20 %, 纳税信用 10 % (授权银行查询 with
consent, or the withdrawal of a consent in force), and 5 % read 公开信息 with no
card (a page of a section, sometimes a search). For fault tests, soak tests and benchmarks — never on a
kiosk in service (it commits real transactions to its outbox). Between
visits the invoice stock (the next 200 numbers of a code down to its last
20 forms) and, with the sandbox backend, the taxpayers' monthly quota are
topped up, so no service runs dry however long the run.

Every committed transaction is printed as soon as its service reports it, one
line each, before the next visit starts:
  committed <service> <transactionId>
(for 纳税信用, the consent's id: the authorization or withdrawal that went to the bank)
then a summary: visits, outcomes per service, committed transactions, and the
collection invariants checked from the records at the end (per taxpayer and
type this month: counted + not yet counted within the quota; no 取票码 in two
collections; docs/collection.md "Invariants").

Backend: the in-process sandbox (payments confirmed at once, the outbox
delivered to it in-process), or with --amqp URL / KIOSK_AMQP_URL queries go to
that broker and the outbox is delivered while it runs; npm run sandbox --
--amqp URL answers them and confirms payments by itself after
--payment-auto-confirm-ms (an issuance visit waits up to --payment-wait-ms).

Options:
  --visits N      visits to run (1 to 100000)
  --seed S        PRNG seed (default 1)
  --amqp URL      amqp://user:pass@host:5672/vhost
                  (repeat --amqp for each node of a cluster)
  --payment-wait-ms N  how long an issuance waits for its payment (default 30000)
  --data-dir DIR  kiosk data directory (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object per line: {"type":"committed","service","transactionId"},
                  then {"type":"summary","visits","seed","ms","services":{<service>:{<outcome>:n}},"committed",
                  "calls":{"count","p50Ms","p99Ms","maxMs","slowest"}} (the contract calls a
                  screen would wait on, simulation calls left out)

Exit codes:
  0   every visit ran to an outcome (completed or a refusal the screens explain)
  1   a visit failed (a contract error, a failed print, a timeout, a payment
      still pending or cancelled at the end), or a collection invariant broke
      or could not be checked (no backend reachable at the end)
  3   the simulated devices did not come up
  64  bad flags`;

export const loadCommand: Command = {
  path: ['load'],
  summary: 'drive N simulated taxpayer visits through the host services (fault, soak and bench runs)',
  help: HELP,
  options: {
    visits: { type: 'string' },
    seed: { type: 'string' },
    ...AMQP_OPTION,
    'payment-wait-ms': { type: 'string' },
    ...AMQP_TLS_OPTIONS,
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    if (values.visits === undefined) throw new UsageError('--visits N is required');
    const visits = intOption(values, 'visits', 1, 1, 100_000);
    const seed = intOption(values, 'seed', 1, 0, 2 ** 32 - 1);
    const given = amqpGiven(values);
    const url = given === undefined ? undefined : withTlsParams(given, tlsFromFlags(values));
    if (url !== undefined && !/^amqps?:\/\/\S+$/.test(url)) throw new UsageError('the broker URL must start with amqp:// or amqps://');
    const json = values.json === true;
    const visitOptions: VisitOptions = { paymentWaitMs: intOption(values, 'payment-wait-ms', DEFAULT_PAYMENT_WAIT_MS, 0, 900_000) };
    const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);

    const host = await createHost({
      dataDir,
      shell: 'chromium',
      // Payments are confirmed by the visit itself (sim.payment.confirm), not by the demo's timer.
      configOverrides: { sandbox: { paymentAutoConfirmMs: null }, ...amqpFromEnv(process.env, url) },
    });
    const call: Call = (method, payload = {}) => host.router.call(method, payload, { shell: 'chromium' });
    try {
      await host.start();
      try {
        await until(
          async () => {
            const s = await value<Record<string, { device: string; paper: string }>>(call, 'devices.status');
            return ['receipt', 'invoice', 'a4'].every((p) => s[p]?.device === 'online' && s[p]?.paper !== 'out');
          },
          30_000,
          'the simulated printers',
        );
      } catch (error) {
        io.err(`kioskctl load: ${error instanceof Error ? error.message : String(error)}`);
        return EXIT.deviceError;
      }
      // On stderr, so stdout stays the list of commits: a fault test times its kills from here.
      io.err('kioskctl load: host ready');
      // Stock and quota topped up between visits, so none runs out however long the run (load-topup.ts).
      const topUp = createLoadTopUp(dataDir, { sandbox: hostInternals(host).sandbox !== null });
      let failed: boolean;
      try {
        failed = await drive(call, visits, seed, json, io, visitOptions, () => topUp.beforeVisit());
      } finally {
        topUp.close();
      }
      let invariants: InvariantReport;
      try {
        invariants = await hostInternals(host).collectionInvariants();
      } catch (error) {
        // The check asks the backend for each taxpayer's quota: with no backend it cannot be made, which is no pass.
        if (!isBackendError(error)) throw error;
        io.err(`kioskctl load: collection invariants not checked: ${error.message}`);
        return EXIT.failure;
      }
      report(invariants, json, io);
      return failed || invariants.breaches.length > 0 ? EXIT.failure : EXIT.ok;
    } finally {
      await host.stop();
    }
  },
};

/** Runs the visits and prints the summary; true when a visit failed. */
async function drive(
  call: Call,
  visits: number,
  seed: number,
  json: boolean,
  io: CommandIo,
  options: VisitOptions,
  beforeVisit: () => void = () => undefined,
): Promise<boolean> {
  const rand = prng(seed);
  const timings = new CallTimings();
  const timed = timings.wrap(call);
  const tally = new Map<ServiceName, Map<string, number>>(SERVICES.map((s) => [s, new Map()]));
  const started = Date.now();
  let committed = 0;
  let failed = 0;
  let ran = 0;
  for (; ran < visits && !io.stopSignal.aborted; ran++) {
    const service = pickService(rand);
    beforeVisit();
    let result: VisitOutcome;
    try {
      result = await runVisit(timed, service, rand, options);
    } catch (error) {
      result = { service, outcome: `failed:${error instanceof Error ? error.message.slice(0, 120) : String(error)}`, transactionId: null };
    }
    if (result.transactionId !== null) {
      committed++;
      // Written (synchronously, on Linux pipes) before the next visit: a kill right after still leaves this line.
      io.out(json ? JSON.stringify({ type: 'committed', service, transactionId: result.transactionId }) : `committed ${service} ${result.transactionId}`);
    }
    if (isFailedOutcome(result.outcome)) failed++;
    const counts = tally.get(service);
    counts?.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  }
  const ms = Date.now() - started;
  if (json) {
    const services = Object.fromEntries([...tally].map(([s, counts]) => [s, Object.fromEntries(counts)]));
    io.out(JSON.stringify({ type: 'summary', visits: ran, seed, ms, services, committed, calls: timings.summary() }));
  } else {
    io.out(`visits: ${ran} (seed ${seed}) in ${(ms / 1000).toFixed(1)} s`);
    for (const [service, counts] of tally) {
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${o} ${n}`);
      io.out(`  ${service}: ${total}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`);
    }
    io.out(`committed transactions: ${committed}`);
    const calls = timings.summary();
    io.out(`contract calls: ${calls.count}, median ${calls.p50Ms} ms, p99 ${calls.p99Ms} ms, slowest ${calls.maxMs} ms (${calls.slowest ?? '-'})`);
  }
  return failed > 0;
}

function report(invariants: InvariantReport, json: boolean, io: CommandIo): void {
  if (json) {
    io.out(JSON.stringify({ type: 'invariants', quotaChecked: invariants.quotaChecked, breaches: invariants.breaches }));
    return;
  }
  io.out(`collection invariants: ${invariants.breaches.length === 0 ? 'hold' : 'BROKEN'} (quota checked for ${invariants.quotaChecked} taxpayer/type pairs)`);
  for (const breach of invariants.breaches) io.out(`  ${breach.rule}: ${breach.detail}`);
}
