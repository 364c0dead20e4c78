import type { BackendConfig } from '../../../shared/config/local-config';
import { HEARTBEAT_FORMAT, type Heartbeat } from '../../../shared/fleet/heartbeat';
import type { PrinterStatus } from '../../../shared/domain/device-status';
import { APP_VERSION } from '../app-version';
import type { EffectiveConfig } from '../config/active-config';
import type { Db } from '../db/database';
import type { DeviceSet } from '../devices/device-manager';
import type { Logger } from '../logger';
import { OutboxQueue } from '../sync/outbox-queue';
import { AuditLog } from '../audit/audit-log';
import { stockSummary } from '../stock/stock-store';
import { redactUrl } from '../sync/publisher';
import { HeartbeatPublisher, type HeartbeatEvent } from './heartbeat-publisher';
import { brokerUrl } from '../sync/amqp-tls';

/**
 * The heartbeat as the host runs it: only with `backend.transport: "amqp"`.
 * `host.ts` calls `changed()` on device status changes and config applies.
 */
export interface HostHeartbeatDeps {
  backend: BackendConfig;
  kiosk: { kioskId: string; branchId: string };
  db: Db;
  devices: () => DeviceSet | null;
  config: () => EffectiveConfig;
  log: Logger;
  /** The last config bundle refused since one applied (config-service), for the console. */
  configRefused?: () => Heartbeat['config']['refused'];
  /** When the host started, for `uptimeSeconds`. */
  startedAt: Date;
  now?: () => Date;
}

export function createHostHeartbeat(deps: HostHeartbeatDeps): HeartbeatPublisher | null {
  const { backend, log } = deps;
  const url = brokerUrl(backend);
  if (backend.transport !== 'amqp' || url === undefined) return null;
  const broker = redactUrl(url);
  return new HeartbeatPublisher({
    url,
    seed: deps.kiosk.kioskId,
    heartbeatSeconds: backend.heartbeatSeconds,
    declareTopology: backend.declareTopology,
    snapshot: () => heartbeatSnapshot(deps),
    onEvent: (event) => logEvent(log, broker, event),
  });
}

export function heartbeatSnapshot(deps: HostHeartbeatDeps): Heartbeat {
  const now = (deps.now ?? (() => new Date()))();
  const devices = deps.devices();
  const reader = devices?.reader.status();
  const printers = devices?.printerStatuses();
  const outbox = new OutboxQueue(deps.db).status(now, 0);
  const ages = outbox.authorities.map((a) => a.oldestAgeSeconds).filter((a): a is number => a !== null);
  const config = deps.config();
  return {
    format: HEARTBEAT_FORMAT,
    kioskId: deps.kiosk.kioskId,
    branchId: deps.kiosk.branchId,
    sentAt: now.toISOString(),
    appVersion: APP_VERSION,
    uptimeSeconds: Math.max(0, Math.floor((now.getTime() - deps.startedAt.getTime()) / 1000)),
    config: { version: config.version, hash: config.hash, refused: deps.configRefused?.() ?? null },
    devices: {
      // Devices not opened yet (starting) read as offline: the next heartbeat has them.
      idcard: { device: reader?.device ?? 'offline', media: reader?.media ?? 'unknown' },
      printers: printers ? { receipt: printerBeat(printers.receipt), invoice: printerBeat(printers.invoice), a4: printerBeat(printers.a4) } : {},
    },
    outbox: {
      pending: outbox.authorities.reduce((n, a) => n + a.pending, 0),
      oldestAgeSeconds: ages.length > 0 ? Math.max(...ages) : null,
      dead: outbox.deadCount,
    },
    stock: stockSummary(deps.db).map((t) => ({ type: t.type, remaining: t.remaining })),
    audit: new AuditLog(deps.db).head(),
  };
}

function printerBeat(p: PrinterStatus): Heartbeat['devices']['printers']['receipt'] {
  return { device: p.device, paper: p.paper, coverOpen: p.coverOpen, detail: p.detail === null ? null : p.detail.slice(0, 200) };
}

function logEvent(log: Logger, broker: string, event: HeartbeatEvent): void {
  if (event.type === 'connected') log.info({ event: 'fleet.connected', broker }, 'heartbeat link up');
  else if (event.type === 'connectFailed')
    log.warn({ event: 'fleet.connectFailed', broker, error: event.error, retryInMs: event.retryInMs }, 'heartbeat link down');
  else if (event.type === 'disconnected') log.warn({ event: 'fleet.disconnected', broker, error: event.error }, 'heartbeat link lost');
  else if (event.type === 'dropped') log.debug({ event: 'fleet.dropped', reason: event.reason }, 'heartbeat dropped');
}
