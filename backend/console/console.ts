import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Db } from '../../electron/host/db/database';
import { Alerts } from './alerts';
import { Auth, LoginThrottle } from './auth';
import { Fleet } from './fleet';
import { registerApiRoutes } from './http/api-routes';
import { registerAccountRoutes } from './http/account-routes';
import { Accounts } from './accounts';
import { Router } from './http/router';
import { createConsoleServer } from './http/server';
import { HeartbeatIngest } from './ingest';
import { ActionLog } from './store/action-log';
import { openConsoleDb } from './store/console-db';
import { Webhooks, type LogFn } from './webhooks';

/**
 * The fleet console in one process: heartbeat ingest from its own queue,
 * the health judgement and alerts, the JSON API and the page
 * (docs/console.md). `startConsole` is also what tests and the rollout module
 * start in-process.
 */
export const DEFAULT_PORT = 8470;
/** Missed heartbeats are noticed within this; cheap (2,000 judgements in memory, writes only on change). */
export const DEFAULT_SWEEP_MS = 10_000;
export const TIMELINE_RETENTION_DAYS = 14;

export interface ConsoleOptions {
  /** One broker URL, or a cluster's nodes comma-separated. */
  amqpUrl: string;
  /** Default 8470; 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  dataDir: string;
  /** The clock (tests move it to make kiosks stale). */
  now?: () => Date;
  /** How often every kiosk is judged again (missed heartbeats); 0 = never on a timer (tests call sweep()). */
  sweepMs?: number;
  /** The page's built files (index.html, assets/); default dist/console-page beside the running script. */
  pageDir?: string;
  log?: LogFn;
  /**
   * Modules of the console (rollouts): called once everything is open and
   * before the server listens and ingest starts, so their routes and
   * heartbeat listeners are there from the first request and heartbeat. What
   * one returns is called on close, before the database closes.
   */
  extensions?: readonly ConsoleExtension[];
}

/** What a console module gets to build on. */
export interface ConsoleParts {
  db: Db;
  router: Router;
  fleet: Fleet;
  alerts: Alerts;
  actions: ActionLog;
  auth: Auth;
  now: () => Date;
  log: LogFn;
}

export type ConsoleExtension = (parts: ConsoleParts) => void | (() => void | Promise<void>) | Promise<void | (() => void | Promise<void>)>;

export interface RunningConsole {
  /** http://HOST:PORT/ */
  url: string;
  port: number;
  db: Db;
  router: Router;
  fleet: Fleet;
  alerts: Alerts;
  actions: ActionLog;
  auth: Auth;
  ingest: HeartbeatIngest;
  webhooks: Webhooks;
  /** Judges every kiosk now (what the timer does). */
  sweep(): void;
  close(): Promise<void>;
}

export function defaultPageDir(): string {
  // Bundled (dist/console.cjs): beside the script. From sources (vitest): the build output in dist/.
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  return path.basename(here) === 'dist' ? path.join(here, 'console-page') : path.join(process.cwd(), 'dist', 'console-page');
}

export const stderrLog: LogFn = (level, message, fields) => {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields })}\n`);
};

export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? stderrLog;
  const db = openConsoleDb(options.dataDir);
  const webhooks = new Webhooks(log);
  const alerts = new Alerts(db, webhooks);
  const fleet = new Fleet(db, alerts, now, (message) => log('warn', message));
  const actions = new ActionLog(db, now);
  const auth = new Auth(db, now);
  const ingest = new HeartbeatIngest({
    url: options.amqpUrl,
    fleet,
    now,
    onEvent: (event) => {
      if (event.type === 'connected') log('info', 'broker link up');
      else if (event.type === 'batchFailed') log('error', 'heartbeat batch not written; redelivered', { error: event.error });
      else log('warn', `broker link ${event.type}`, { error: event.error });
    },
  });
  const router = new Router();
  registerApiRoutes(router, { auth, throttle: new LoginThrottle(now), actions, fleet, alerts, ingest: () => ingest.stats, now });
  registerAccountRoutes(router, { accounts: new Accounts(db, now), actions });
  const server = createConsoleServer({ router, auth, pageDir: options.pageDir ?? defaultPageDir(), log });
  const host = options.host ?? '127.0.0.1';
  const cleanups: (() => void | Promise<void>)[] = [];
  try {
    for (const extend of options.extensions ?? []) {
      const cleanup = await extend({ db, router, fleet, alerts, actions, auth, now, log });
      if (typeof cleanup === 'function') cleanups.push(cleanup);
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup();
    db.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  ingest.start();

  const sweepMs = options.sweepMs ?? DEFAULT_SWEEP_MS;
  let sweeps = 0;
  const sweep = (): void => {
    try {
      fleet.sweep();
      // Once an hour or so: keep the last days of history, not all of it.
      if (sweeps++ % 360 === 0) fleet.pruneTimeline(TIMELINE_RETENTION_DAYS);
    } catch (error) {
      log('error', 'sweep failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const timer = sweepMs > 0 ? setInterval(sweep, sweepMs) : null;
  timer?.unref();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      if (timer) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ingest.stop();
      await webhooks.stop();
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          log('error', 'a console module failed to close', { error: error instanceof Error ? error.message : String(error) });
        }
      }
      db.close();
    })());

  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${port}/`, port, db, router, fleet, alerts, actions, auth, ingest, webhooks, sweep, close };
}
