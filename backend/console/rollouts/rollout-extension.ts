import fs from 'node:fs';
import type { ConfirmChannel } from 'amqplib';
import { declareConfigExchange } from '../../../electron/host/config/config-topology';
import { endLinkOnChannelLoss, ReconnectingLink } from '../../../electron/host/sync/reconnecting-link';
import type { ConsoleExtension } from '../console';
import { HttpError } from '../http/router';
import { bundleCheckerFromDir, type BundleCheck } from './bundle-check';
import { RolloutEngine } from './rollout-engine';
import { rolloutPublisher } from './rollout-publisher';
import { rolloutRoutes } from './rollout-routes';

/**
 * Mounts the rollout engine in the console (docs/console.md "Config
 * rollouts"): its own confirm channel to the broker for the pushes, the
 * console's public keys for checking uploads, its routes on the console's
 * router (same sessions, roles and CSRF), every ingested heartbeat, a tick
 * timer, and the target lookup that makes "behind" mean behind the rollout
 * that targets a kiosk.
 */
export interface RolloutExtensionOptions {
  amqpUrl: string;
  /** The public keys bundles must be signed with (`*.pem`; a private key there is refused). */
  keysDir: string;
  /** How often pending kiosks are checked for silence and waves moved on. Default 2 s. */
  tickMs?: number;
}

export const DEFAULT_TICK_MS = 2000;

export function rolloutExtension(options: RolloutExtensionOptions): ConsoleExtension {
  return (parts) => {
    const link = new ReconnectingLink<ConfirmChannel>({
      url: options.amqpUrl,
      heartbeatSeconds: 30,
      setup: async (model, lose) => {
        const channel = await model.createConfirmChannel();
        endLinkOnChannelLoss(channel, lose);
        await declareConfigExchange(channel);
        return channel;
      },
      onEvent: (event) => {
        if (event.type !== 'connected') parts.log('warn', `rollouts: broker link ${event.type}`, { error: 'error' in event ? event.error : null });
      },
    });
    link.start();
    // One publisher per channel: it listens for the broker's returns once, not once a message.
    const publishers = new WeakMap<ConfirmChannel, ReturnType<typeof rolloutPublisher>>();
    const engine = new RolloutEngine({
      db: parts.db,
      publish: async (routingKey, body) => {
        const channel = link.current;
        if (channel === null) throw new Error('the broker is not reachable just now');
        let publish = publishers.get(channel);
        if (publish === undefined) publishers.set(channel, (publish = rolloutPublisher(channel)));
        await publish(routingKey, body);
      },
      fleet: () => [...parts.fleet.kiosks.values()].map((k) => ({ kioskId: k.heartbeat.kioskId, branchId: k.heartbeat.branchId })),
      verify: keyCheck(options.keysDir),
      record: (actor, action, detail) => void parts.actions.append(actor, action, detail),
      now: parts.now,
    });
    // The overview judges every kiosk on each request: the targets come from a map refreshed on each
    // tick and after each rollout change (one query), not a query per kiosk per request.
    let targets = engine.targetVersions();
    const refreshTargets = (): void => {
      targets = engine.targetVersions();
    };
    parts.fleet.setTargetLookup((kioskId) => targets.get(kioskId) ?? null);
    parts.fleet.onHeartbeats((heartbeats) => {
      for (const heartbeat of heartbeats) engine.onHeartbeat(heartbeat);
    });
    for (const route of rolloutRoutes(engine)) {
      parts.router.add(
        route.method,
        route.path,
        route.role,
        async (req) => {
          if (req.principal === null) throw new HttpError(401, 'sign in first');
          const query: Record<string, string | undefined> = {};
          for (const [key, value] of req.query) query[key] = value;
          const answer = await route.handle({ method: req.method, path: req.path, params: req.params, query, body: req.body, actor: req.principal });
          if (route.method !== 'GET') refreshTargets();
          return answer;
        },
        // A signed bundle is up to 4 MiB; as base64 in JSON a third more.
        { maxBodyBytes: 6 * 1024 * 1024 },
      );
    }
    let ticking = false;
    const timer = setInterval(() => {
      if (ticking) return;
      ticking = true;
      engine
        .tick()
        .then(refreshTargets)
        .catch((error: unknown) => parts.log('error', 'rollouts: tick failed', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => (ticking = false));
    }, options.tickMs ?? DEFAULT_TICK_MS);
    timer.unref?.();
    return async () => {
      clearInterval(timer);
      await link.stop();
    };
  };
}

/** The key check, or — with no key directory — a refusal that says where the keys go. */
function keyCheck(keysDir: string): (bytes: Buffer) => BundleCheck {
  if (!fs.existsSync(keysDir)) {
    return () => ({ ok: false, reason: `no public keys to check bundles with: put the config signing public key (*.pem) in ${keysDir}` });
  }
  return bundleCheckerFromDir(keysDir);
}
