import Database from 'better-sqlite3';
import { migrate } from '../../../../electron/host/db/database';
import { HEARTBEAT_FORMAT, type Heartbeat } from '../../../../shared/fleet/heartbeat';
import { prng } from '../../../../shared/prng';
import { bundleChecker } from '../../../../backend/console/rollouts/bundle-check';
import { ROLLOUT_MIGRATIONS } from '../../../../backend/console/rollouts/rollout-migrations';
import { RolloutEngine, type FleetKiosk } from '../../../../backend/console/rollouts/rollout-engine';
import { KEYS } from './bundle-fixtures';

/**
 * The rollout engine's test rig: an in-memory console database, a fleet made
 * from a seed, a clock the test moves and a publish that records (or fails).
 */

/** `total` kiosks in `branches` branches of uneven sizes (from the seed), each branch at least one kiosk. */
export function seededFleet(seed: number, branches: number, total: number): FleetKiosk[] {
  const random = prng(seed);
  const weights = Array.from({ length: branches }, () => 0.2 + random());
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  sizes[0] = (sizes[0] ?? 0) + total - sizes.reduce((a, b) => a + b, 0);
  const fleet: FleetKiosk[] = [];
  let n = 0;
  sizes.forEach((size, b) => {
    for (let i = 0; i < size; i++) fleet.push({ kioskId: `KIOSK-${String(++n).padStart(4, '0')}`, branchId: `BRANCH-${String(b + 1).padStart(2, '0')}` });
  });
  return fleet;
}

export interface Published {
  routingKey: string;
  body: Buffer;
}

export interface Rig {
  engine: RolloutEngine;
  db: Database.Database;
  fleet: FleetKiosk[];
  published: Published[];
  actions: { actor: string; action: string; detail: string }[];
  /** A new engine on the same database, as after a console restart. */
  restart(): void;
  /** Moves the clock on. */
  advance(seconds: number): void;
  /** Makes publish throw (the broker is away) until set back. */
  brokerDown: { value: boolean };
  /** Routing keys the broker cannot route (those kiosks never declared their queue). */
  unroutable: Set<string>;
  /** Called after each publish the broker took (a test aborts from here, mid-wave). */
  afterPublish: { hook: ((p: Published) => void) | null };
  /** A v2 heartbeat of this kiosk with this applied version, and a refusal when given. */
  beat(kiosk: FleetKiosk, version: number | null, refused?: { version: number | null; reason: string }): Heartbeat;
}

export function rig(fleet: FleetKiosk[]): Rig {
  const db = new Database(':memory:');
  migrate(db, ROLLOUT_MIGRATIONS);
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const now = () => new Date(clock);
  const published: Published[] = [];
  const actions: Rig['actions'] = [];
  const brokerDown = { value: false };
  const afterPublish: Rig['afterPublish'] = { hook: null };
  const unroutable = new Set<string>();
  const makeEngine = () =>
    new RolloutEngine({
      db,
      async publish(routingKey, body) {
        if (brokerDown.value) throw new Error('broker away');
        if (unroutable.has(routingKey)) throw new Error(`${routingKey} is unroutable`);
        published.push({ routingKey, body });
        afterPublish.hook?.({ routingKey, body });
      },
      fleet: () => fleet,
      verify: bundleChecker(KEYS, now),
      record: (actor, action, detail) => actions.push({ actor, action, detail }),
      now,
    });
  const r: Rig = {
    engine: makeEngine(),
    db,
    fleet,
    published,
    actions,
    brokerDown,
    afterPublish,
    unroutable,
    advance(seconds) {
      clock += seconds * 1000;
    },
    restart() {
      r.engine = makeEngine();
    },
    beat(kiosk, version, refused) {
      const at = now().toISOString();
      return {
        format: HEARTBEAT_FORMAT,
        kioskId: kiosk.kioskId,
        branchId: kiosk.branchId,
        sentAt: at,
        appVersion: '1.0.0',
        uptimeSeconds: 60,
        devices: { idcard: { device: 'online', media: 'notPresent' }, printers: {} },
        outbox: { pending: 0, oldestAgeSeconds: null, dead: 0 },
        config: { version, hash: null, refused: refused ? { ...refused, at } : null },
        stock: [],
        audit: null,
      };
    },
  };
  return r;
}

/** The kiosk ids a list of publishes went to (routing key `kiosk.<id>`). */
export function publishedKiosks(published: readonly Published[]): string[] {
  return published.map((p) => p.routingKey.replace(/^kiosk\./, ''));
}

/** The kiosk for an id in this fleet. */
export function kioskOf(fleet: readonly FleetKiosk[], kioskId: string): FleetKiosk {
  const kiosk = fleet.find((k) => k.kioskId === kioskId);
  if (!kiosk) throw new Error(`no ${kioskId} in the fleet`);
  return kiosk;
}
