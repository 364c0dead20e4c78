import amqp, { type Channel, type ConsumeMessage } from 'amqplib';
import { EXIT, UsageError, intOption, type Command } from '../command';
import { parseAnyHeartbeat, type Heartbeat } from '../../../shared/fleet/heartbeat';
import { filterRows, fleetView, STALE_AFTER_MS, summarize, type FleetRow } from '../../../shared/fleet/fleet-view';
import { DEFAULT_THRESHOLDS, Health, HEALTHS } from '../../../shared/fleet/health';
import { headerLine, summaryLines, textRow } from './fleet-status-text';
import { declareFleetQueue, FLEET_QUEUE, LEGACY_FLEET_QUEUE } from '../../host/fleet/fleet-topology';
import { destroySocket, redactUrl, withTimeout } from '../../host/sync/publisher';
import { AMQP_TLS_OPTIONS, tlsFromFlags, withTlsParams } from '../../host/sync/amqp-tls';
import { openConnection } from '../../host/sync/amqp-connection';
import { AMQP_OPTION, amqpGiven } from '../amqp-flag';
import { listOption } from '../list-option';

const HELP = `Usage: kioskctl fleet status --amqp URL [--wait MS] [--branch ID]... [--state STATE]... [--json]

Shows a summary of the fleet first (how many kiosks are ok, need a visit, are
down or stale, in all and per branch), then every kiosk whose status heartbeat
is in the fleet queue, the ones needing someone first. The judgement is the
fleet console's (shared/fleet/health.ts, default thresholds):

  down    nobody can be served: the card reader is down, or no printer can print
  visit   it serves, but someone must go: a printer out of paper, jammed, cover
          open or offline, paper low, invoice stock under ${DEFAULT_THRESHOLDS.stockLowForms} forms or out, a config
          bundle refused, parked outbox rows, or the oldest undelivered row older
          than ${DEFAULT_THRESHOLDS.outboxOldMinutes} minutes (the kiosk cannot reach the backend)
  stale   no heartbeat for more than ${STALE_AFTER_MS / 60_000} minutes: off, or off the network
  ok      nothing to do

Paper comes first: a driver reports its printer offline when the paper runs
out, and such a printer shows as "paper out", not as offline.

This command knows no rollout, so it never says a kiosk is behind on config
(the issue code configBehind is no longer set): behind means behind the
rollout that targets the kiosk, which only the fleet console knows. The CONFIG
column and highestConfigVersion are information only.

Kiosks (backend.transport "amqp") publish a heartbeat every minute and on every
change, on exchange kiosk.status (topic, routing key kiosk.<kioskId>), into the
durable queue ${FLEET_QUEUE} (bound to kiosk.#). This command reads the queue and
keeps it as a last-value store: older heartbeats of a kiosk are removed, its
newest is put back, so a kiosk that went silent still shows (as stale) the next
time. Two administrators running it at the same moment each see only part of
the fleet: run it again. Version-1 heartbeats (older builds) are read too:
their stock and audit head are unknown.

Options:
  --amqp URL      amqp://user:pass@host:5672/vhost (or amqps://); else KIOSK_AMQP_URL
                  (repeat --amqp for each node of a cluster)
  --wait MS       after the queue's backlog is read, how long to wait for more heartbeats
                  (default 1000; 65000 hears from every kiosk that is up)
  --branch ID     only the kiosks of this branch (repeat, or a comma list, for several);
                  the summary then counts those branches only
  --state STATE   only list kiosks in this state: ok, visit, down, stale (repeat, or a
                  comma list); the summary still counts every state
  --json          one JSON object: {"highestConfigVersion","summary":{"kiosks","byHealth",
                  "byBranch":[{"branchId","kiosks","byHealth"}],"byReason"},"kiosks":[{"kioskId",
                  "branchId","sentAt","ageSeconds","issues":[deviceDown|stale|outboxDead],
                  "devicesDown","configVersion","configHash","appVersion","uptimeSeconds","outbox",
                  "health","reasons":[{"code","subject","value"}],"configRefused","stock":[{"type",
                  "remaining"}],"audit":{"seq","hash"}|null}]}
                  issues keeps its first codes: deviceDown (reader down, a printer down,
                  out of or jammed with paper, cover open), stale, outboxDead; reasons has
                  every reason, as the fleet console names them

Exit codes:
  0   every kiosk listed is ok (also when the filters list none)
  1   at least one kiosk listed needs attention (listed first)
  2   no kiosk heartbeat in the queue
  3   the broker could not be reached
  64  no URL, an unknown flag, or an unknown --state`;

const CONNECT_TIMEOUT_MS = 10_000;
/** However busy the queue, the command ends: the backlog is read in at most this long. */
const MAX_READ_MS = 30_000;

export const fleetStatusCommand: Command = {
  path: ['fleet', 'status'],
  summary: 'show every kiosk by its last heartbeat, the ones needing a visit first',
  help: HELP,
  options: {
    ...AMQP_OPTION,
    ...AMQP_TLS_OPTIONS,
    wait: { type: 'string' },
    branch: { type: 'string', multiple: true },
    state: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const given = amqpGiven(values, process.env);
    const url = given === undefined ? undefined : withTlsParams(given, tlsFromFlags(values));
    if (url === undefined || !/^amqps?:\/\/\S+$/.test(url)) throw new UsageError('give the broker as --amqp amqp://… (or KIOSK_AMQP_URL)');
    const waitMs = intOption(values, 'wait', 1000, 0, 600_000);
    const branches = listOption(values.branch);
    const states = listOption(values.state).map((state) => {
      const parsed = Health.safeParse(state);
      if (!parsed.success) throw new UsageError(`--state ${state}: one of ${HEALTHS.join(', ')}`);
      return parsed.data;
    });

    let model: amqp.ChannelModel;
    try {
      model = await openConnection(url, 30, CONNECT_TIMEOUT_MS);
    } catch (error) {
      io.err(`kioskctl fleet status: cannot reach ${redactUrl(url)}: ${errorText(error)}`);
      return EXIT.deviceError;
    }
    model.on('error', () => undefined);
    let heartbeats: Heartbeat[];
    let ignored: number;
    try {
      const channel = await withTimeout(model.createChannel(), CONNECT_TIMEOUT_MS, 'opening a channel');
      channel.on('error', () => undefined);
      ({ heartbeats, ignored } = await readLastValues(channel, waitMs));
      await withTimeout(model.close(), 5000, 'closing');
    } catch (error) {
      destroySocket(model);
      io.err(`kioskctl fleet status: ${errorText(error)}`);
      return EXIT.failure;
    }
    if (ignored > 0) io.err(`kioskctl fleet status: ${ignored} message(s) in ${FLEET_QUEUE} were not heartbeats; removed`);

    const view = fleetView(heartbeats, new Date());
    const inBranches = filterRows(view.rows, { branches, states: [] });
    const listed = filterRows(inBranches, { branches: [], states });
    const summary = summarize(inBranches);
    if (values.json) {
      io.out(JSON.stringify({ highestConfigVersion: view.highestConfigVersion, summary, kiosks: listed.map(jsonRow) }));
    } else if (view.rows.length === 0) {
      io.out(`no kiosk heartbeat in ${FLEET_QUEUE}`);
    } else {
      for (const line of summaryLines(summary, view.highestConfigVersion)) io.out(line);
      if (listed.length === 0) io.out('no kiosk matches the filters');
      else io.out(headerLine());
      for (const row of listed) io.out(textRow(row));
    }
    if (view.rows.length === 0) return EXIT.notFound;
    return listed.some((r) => r.health !== 'ok') ? EXIT.failure : EXIT.ok;
  },
};

/**
 * Reads the backlog (and whatever comes within `waitMs` after it), then acks
 * every heartbeat superseded by a newer one of the same kiosk and requeues the
 * newest: the queue stays a last-value store of the fleet.
 */
async function readLastValues(channel: Channel, waitMs: number): Promise<{ heartbeats: Heartbeat[]; ignored: number }> {
  await withTimeout(declareFleetQueue(channel), CONNECT_TIMEOUT_MS, 'declaring the fleet queue');
  // The classic queue of builds before the cluster: its heartbeats are replaced within a minute in the
  // replicated one. Deleting a queue that does not exist is not an error.
  await withTimeout(channel.deleteQueue(LEGACY_FLEET_QUEUE), CONNECT_TIMEOUT_MS, 'deleting the old fleet queue');
  const { messageCount } = await channel.checkQueue(FLEET_QUEUE);
  const received: ConsumeMessage[] = [];
  let consumerTag: string | null = null;
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    let idle: NodeJS.Timeout | null = null;
    const hardStop = setTimeout(finish, MAX_READ_MS + waitMs);
    function finish(): void {
      clearTimeout(hardStop);
      if (idle) clearTimeout(idle);
      resolve();
    }
    const armIdle = (): void => {
      if (received.length < messageCount && Date.now() - started < MAX_READ_MS) return;
      if (idle) clearTimeout(idle);
      idle = setTimeout(finish, waitMs);
    };
    channel
      .consume(FLEET_QUEUE, (message) => {
        if (message === null) return finish();
        received.push(message);
        armIdle();
      })
      .then((ok) => {
        consumerTag = ok.consumerTag;
        armIdle();
      }, reject);
  });
  // No more deliveries: a requeued heartbeat must not come straight back to us.
  if (consumerTag !== null) await channel.cancel(consumerTag);

  const parsed = received.map((message) => ({ message, heartbeat: parseHeartbeat(message) }));
  const newest = new Map<string, { message: ConsumeMessage; heartbeat: Heartbeat }>();
  for (const item of parsed) {
    if (item.heartbeat === null) continue;
    const seen = newest.get(item.heartbeat.kioskId);
    if (!seen || Date.parse(item.heartbeat.sentAt) >= Date.parse(seen.heartbeat.sentAt))
      newest.set(item.heartbeat.kioskId, { message: item.message, heartbeat: item.heartbeat });
  }
  const keep = new Set([...newest.values()].map((n) => n.message));
  for (const { message } of parsed) {
    if (keep.has(message)) channel.nack(message, false, true);
    else channel.ack(message);
  }
  await channel.close();
  return { heartbeats: [...newest.values()].map((n) => n.heartbeat), ignored: parsed.filter((p) => p.heartbeat === null).length };
}

function parseHeartbeat(message: ConsumeMessage): Heartbeat | null {
  try {
    return parseAnyHeartbeat(JSON.parse(message.content.toString('utf8')));
  } catch {
    return null;
  }
}

function jsonRow(row: FleetRow): Record<string, unknown> {
  const h = row.heartbeat;
  return {
    kioskId: h.kioskId,
    branchId: h.branchId,
    sentAt: h.sentAt,
    ageSeconds: row.ageSeconds,
    issues: row.issues,
    devicesDown: row.devicesDown,
    configVersion: h.config.version,
    configHash: h.config.hash,
    appVersion: h.appVersion,
    uptimeSeconds: h.uptimeSeconds,
    outbox: h.outbox,
    health: row.health,
    reasons: row.reasons,
    configRefused: h.config.refused,
    stock: h.stock,
    audit: h.audit,
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
