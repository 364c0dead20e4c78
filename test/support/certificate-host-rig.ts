import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { createHost, hostInternals } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import type { Simulators } from '../../electron/host/devices/simulators';
import { hostCalls, type HostCalls } from '../integration/host-calls';
import { waitFor } from '../integration/sync-helpers';

/**
 * The host the certificate tests run end to end (the IIT certificate's and
 * the 纳税信用等级证明's): simulated reader and printers (the A4 one writes
 * PDFs to <dataDir>/sim-a4), real SQLite, the sandbox backend with its demo
 * people and taxpayers. `useCertificateHost` registers the file's
 * beforeAll/afterAll: a fresh data dir, the host started with both printers
 * ready and a card on the reader; stopped and removed after the file.
 */
export interface CertificateHost extends HostCalls {
  /** The started host (read inside tests and hooks, not at module load). */
  readonly host: KioskHost;
  readonly dataDir: string;
  sims(): Simulators;
  /** Waits until the receipt and the A4 printer are both online with paper. */
  printersReady(): Promise<void>;
  /** Lifts the card on the reader, if any, then places `profile`'s and waits for the visit. */
  placeCard(profile: string): Promise<void>;
  /** Lifts the card and waits until the visit has ended. */
  liftCard(): Promise<void>;
  /** Takes the A4 printer's paper out and waits until the host reports it. */
  a4PaperOut(): Promise<void>;
  /** Puts the A4 printer back to ready and waits until both printers are. */
  a4Ready(): Promise<void>;
  /** The kiosk database, read-only, for `use` only. */
  withDb<T>(use: (db: Database.Database) => T): T;
  /** The host's log file as written so far. */
  kioskLog(): string;
}

export interface CertificateHostOptions {
  /** The temporary data dir's name prefix. */
  tmpPrefix: string;
  /** The sim card profile placed before the first test. */
  card: string;
  /** Called between creating and starting the host (to subscribe to its events from the first one). */
  beforeStart?: (host: KioskHost) => void;
}

export function useCertificateHost(options: CertificateHostOptions): CertificateHost {
  let host: KioskHost | undefined;
  let dataDir: string | undefined;
  const { call, raw } = hostCalls(() => host);
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`${what}: no host (beforeAll did not start one)`);
    return value;
  };
  const sessionState = async () => (await call<{ state: string }>('session.get')).state;

  const rig: CertificateHost = {
    call,
    raw,
    get host() {
      return started('host', host);
    },
    get dataDir() {
      return started('dataDir', dataDir);
    },
    sims() {
      const s = hostInternals(rig.host).simulators();
      if (!s) throw new Error('no simulators');
      return s;
    },
    async printersReady() {
      await waitFor(async () => {
        const s = await call<Record<'receipt' | 'a4', { device: string; paper: string }>>('devices.status');
        return [s.receipt, s.a4].every((p) => p.device === 'online' && p.paper !== 'out') ? true : undefined;
      });
    },
    async placeCard(profile) {
      if ((await sessionState()) !== 'idle') await rig.liftCard();
      await call('sim.idcard.place', { profile });
      await waitFor(async () => ((await sessionState()) === 'active' ? true : undefined));
    },
    async liftCard() {
      await call('sim.idcard.lift');
      await waitFor(async () => ((await sessionState()) === 'idle' ? true : undefined));
    },
    async a4PaperOut() {
      await call('sim.printer.setState', { printer: 'a4', state: 'paper-out' });
      await waitFor(async () => ((await call<{ a4: { paper: string } }>('devices.status')).a4.paper === 'out' ? true : undefined));
    },
    async a4Ready() {
      await call('sim.printer.setState', { printer: 'a4', state: 'ready' });
      await rig.printersReady();
    },
    withDb(use) {
      const db = new Database(path.join(rig.dataDir, 'kiosk.sqlite'), { readonly: true });
      try {
        return use(db);
      } finally {
        db.close();
      }
    },
    kioskLog: () => fs.readFileSync(path.join(rig.dataDir, 'logs', 'kiosk.log'), 'utf8'),
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), options.tmpPrefix));
    host = await createHost({ dataDir, shell: 'chromium' });
    options.beforeStart?.(host);
    await host.start();
    await rig.printersReady();
    await rig.placeCard(options.card);
  }, 30_000);
  afterAll(async () => {
    await host?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return rig;
}
