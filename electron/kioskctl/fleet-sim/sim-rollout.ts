import { ConfigBundle, SignedConfigBundle, targetMatches, type ConfigTarget } from '../../../shared/config/config-bundle';
import { bundleHash } from '../../host/signed-bundles/signed-bundle-verifier';
import type { SimKiosk } from './sim-kiosk';

/**
 * Config pushes as the simulated kiosks take them. Pure: the runner hands in
 * the message's bytes and routing key, and gets back which kiosks applied or
 * refused it.
 *
 * The envelope and the bundle are read with the kiosk's own schemas; the
 * signature is NOT verified (the simulator pins no key: it stands in for
 * kiosks to exercise the console, not to test the verifier). Like a real
 * kiosk, a simulated one only sees what is routed to its keys (kiosk.<id>,
 * branch.<branch>, all), refuses a bundle whose signed target is not it, an
 * expired one and a rollback, and ignores a second delivery of the bundle in
 * force (one bundle for several kiosk ids is published once per id).
 */
export interface PushedBundle {
  version: number;
  hash: string;
  target: ConfigTarget;
  expiresAt: string;
}

/** As a real kiosk words a refusal (`<ConfigRefusalReason>: <detail>`, last-config-refusal.ts), so the console reads its code. */
export const SIMULATED_REFUSAL = 'schema: simulated refusal';

/** The config bundle in a pushed message; null when it is something else (a 公开信息 content bundle, garbage). */
export function readPushedBundle(bytes: Buffer): PushedBundle | null {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  const envelope = SignedConfigBundle.safeParse(raw);
  if (!envelope.success) return null;
  const bundle = ConfigBundle.safeParse(envelope.data.bundle);
  if (!bundle.success) return null;
  const { version, target, expiresAt } = bundle.data;
  return { version, target, expiresAt, hash: bundleHash(envelope.data.bundle) };
}

/** Whether a message published with `routingKey` reaches the kiosk's queue (config-topology.ts bindings). */
export function routedTo(routingKey: string, kiosk: { kioskId: string; branchId: string }): boolean {
  return routingKey === 'all' || routingKey === `kiosk.${kiosk.kioskId}` || routingKey === `branch.${kiosk.branchId}`;
}

export type Decision = { kioskId: string; outcome: 'applied' } | { kioskId: string; outcome: 'refused'; reason: string };

/**
 * Applies the bundle on every kiosk it was routed to, or records the
 * refusal; answers what each kiosk decided (none for a redelivery of the
 * bundle in force). `refuse` are the kiosks told to refuse (`--refuse`).
 */
export function takeBundle(fleet: readonly SimKiosk[], routingKey: string, bundle: PushedBundle, refuse: ReadonlySet<string>, now: Date): Decision[] {
  const decisions: Decision[] = [];
  for (const k of fleet) {
    if (!routedTo(routingKey, k)) continue;
    if (k.config.version === bundle.version && k.config.hash === bundle.hash) continue;
    const reason = refusalOf(k, bundle, refuse, now);
    if (reason === null) {
      k.config = { version: bundle.version, hash: bundle.hash, refused: null };
      decisions.push({ kioskId: k.kioskId, outcome: 'applied' });
    } else {
      if (k.config.refused?.version === bundle.version && k.config.refused.reason === reason) continue;
      k.config = { ...k.config, refused: { version: bundle.version, reason, at: now.toISOString() } };
      decisions.push({ kioskId: k.kioskId, outcome: 'refused', reason });
    }
  }
  return decisions;
}

function refusalOf(k: SimKiosk, bundle: PushedBundle, refuse: ReadonlySet<string>, now: Date): string | null {
  const match = targetMatches(bundle.target, k);
  if (!match.ok) return `wrongTarget: version ${bundle.version} is ${match.detail}`;
  if (Date.parse(bundle.expiresAt) <= now.getTime()) return `expired: version ${bundle.version} expired at ${bundle.expiresAt}`;
  if (bundle.version <= (k.config.version ?? 0)) return `rollback: version ${bundle.version} is not above the applied version ${k.config.version ?? 0}`;
  if (refuse.has(k.kioskId)) return SIMULATED_REFUSAL;
  return null;
}
