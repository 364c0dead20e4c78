import { splitBrokerList } from '../../../shared/config/broker-list';
import type { BackoffPolicy } from '../../host/sync/backoff';
import { ReconnectingLink, type LinkEvent } from '../../host/sync/reconnecting-link';
import type { FleetSimulation } from './sim-runner';

/**
 * The simulator's broker link, kept up like every other broker client of the
 * project (reconnecting-link.ts, broker-rotation.ts): one node of the
 * `--amqp` list at a time, the order shuffled with the seed; when the link is
 * lost the simulation keeps running and attaches to the next node after a
 * capped, jittered backoff.
 *
 * Until the first link is up it gives up once every node has failed once
 * (`first`), so a wrong URL still ends the command (exit 3) instead of
 * retrying for ever. Each link event is one line for `say` (stderr), naming
 * the node by its redacted URL: never a password.
 */

/** 0.5 s doubling to 5 s, jittered: one connection, and a benchmark wants its load back soon. */
export const SIM_RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 5_000 };

/** How the first connect ended: up, or every node failed (`reached`: some node took the connection but setting up on it failed). */
export type FirstLink = { up: true } | { up: false; reached: boolean; error: string };

export interface SimulationLinkOptions {
  url: string;
  seed: string;
  heartbeatSeconds: number;
  connectTimeoutMs: number;
  say: (line: string) => void;
  backoff?: BackoffPolicy;
}

export class SimulationLink {
  readonly first: Promise<FirstLink>;
  private readonly link: ReconnectingLink;
  private readonly nodes: number;
  /** The node the next event is about: the one being tried, or the one that is up. */
  private node: string;
  private everUp = false;
  private firstFailures = 0;
  private reached = false;
  private settleFirst: (result: FirstLink) => void = () => undefined;

  constructor(
    private readonly sim: FleetSimulation,
    private readonly options: SimulationLinkOptions,
  ) {
    this.first = new Promise<FirstLink>((resolve) => {
      this.settleFirst = resolve;
    });
    this.nodes = splitBrokerList(options.url).length;
    this.link = new ReconnectingLink({
      url: options.url,
      seed: options.seed,
      heartbeatSeconds: options.heartbeatSeconds,
      connectTimeoutMs: options.connectTimeoutMs,
      reconnectBackoff: options.backoff ?? SIM_RECONNECT_BACKOFF,
      setup: async (model, lose) => {
        this.reached = true;
        await sim.attach(model, lose);
      },
      onEvent: (event) => this.onEvent(event),
    });
    this.node = this.where();
  }

  start(): void {
    this.link.start();
  }

  /** Ends the link, a pending backoff included; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.settleFirst({ up: false, reached: this.reached, error: 'stopped' });
    await this.link.stop();
  }

  /** "node 2 of 3 (amqp://user:***@host:5672/)", for one node too. */
  private where(): string {
    return this.nodes > 1 ? this.link.broker : `node 1 of 1 (${this.link.broker})`;
  }

  private onEvent(event: LinkEvent): void {
    const about = this.node;
    this.node = this.where();
    const retry = (ms: number): string => (this.nodes > 1 ? `retry on ${this.node} in ${ms} ms` : `retry in ${ms} ms`);
    if (event.type === 'connected') {
      this.everUp = true;
      this.options.say(`connected to ${about}`);
      this.settleFirst({ up: true });
      return;
    }
    if (event.type === 'disconnected') {
      this.sim.detach();
      this.options.say(`lost ${about}: ${event.error}; ${retry(event.retryInMs)}`);
      return;
    }
    if (!this.everUp && ++this.firstFailures >= this.nodes) {
      // Every node failed before any link was up: the command gives up (the caller prints why).
      this.settleFirst({ up: false, reached: this.reached, error: event.error });
      return;
    }
    this.options.say(`cannot connect to ${about}: ${event.error}; ${retry(event.retryInMs)}`);
  }
}
