import crypto from 'node:crypto';
import { parseBrokerList } from '../../../shared/config/broker-list';
import { redactUrl } from './amqp-connection';

/**
 * Which node of a broker cluster a link uses (docs/broker-cluster.md). Every
 * link of the kiosk (delivery, queries, config, heartbeat) holds its own
 * rotation over the same list: it connects to `current`, and when a connect
 * fails or a link that was up ends it moves on (`advance`), wrapping round.
 *
 * The order is the list shuffled with the kiosk id as the seed: each kiosk
 * always starts on the same node and walks the others in the same order, and a
 * fleet of kiosks spreads over the nodes instead of all starting on the first
 * one and all falling over onto the second.
 */
export class BrokerRotation {
  readonly order: readonly string[];
  private index = 0;

  /** `spec`: one URL or a comma-separated list (checked: throws naming the bad entry's position). */
  constructor(spec: string, seed: string) {
    this.order = seededShuffle(parseBrokerList(spec), seed);
  }

  get size(): number {
    return this.order.length;
  }

  /** The node to connect to now. */
  get current(): string {
    return this.order[this.index] ?? '';
  }

  /** For logs: "node 2 of 3 (amqp://user:***@host:5672/)", never the password. */
  describe(): string {
    return this.size === 1 ? redactUrl(this.current) : `node ${this.index + 1} of ${this.size} (${redactUrl(this.current)})`;
  }

  /** Moves to the next node (after a failed connect or a lost link); answers it. */
  advance(): string {
    this.index = (this.index + 1) % this.order.length;
    return this.current;
  }
}

/** Fisher–Yates driven by SHA-256 of the seed: the same seed gives the same order on every run and every machine. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const digest = crypto.createHash('sha256').update(`${seed}\u0000${i}`).digest();
    const j = digest.readUInt32BE(0) % (i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
