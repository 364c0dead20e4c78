import { backoffDelay, type BackoffPolicy } from './backoff';
import type { BuiltMessage, OutboundMessage } from './outbox-message';
import type { QueuedRow } from './outbox-queue';
import type { PublishOutcome } from './publisher';

/**
 * The ordering and retry rules of the delivery loop, as pure functions.
 *
 * Order: per authority, rows go in creation (id) order. A row backing off
 * holds back every later row of its authority — a later row never overtakes
 * an earlier one that is waiting to be retried.
 *
 * Parked rows are out of the line: a row whose payload fails its schema (it
 * never will pass) or that the broker refused `maxRefusals` times is parked
 * dead and the rows after it go on. Holding the whole authority behind one
 * poison row for days would be worse for both sides than one gap, which a
 * technician sees in `kioskctl outbox status` and closes with
 * `kioskctl outbox retry ID` (the row keeps its id and goes next).
 */
export interface PagePlan {
  /** Valid, due rows from the head, in order: publish them in this order. */
  publish: OutboundMessage[];
  /** Due rows whose payload is invalid: park them with the error. */
  park: Array<{ row: QueuedRow; error: string }>;
  /** When the first row still backing off becomes due (ms since epoch), if one is. */
  wakeAt: number | null;
}

export function planPage(rows: readonly QueuedRow[], now: Date, build: (row: QueuedRow) => BuiltMessage): PagePlan {
  const plan: PagePlan = { publish: [], park: [], wakeAt: null };
  for (const row of rows) {
    const due = Date.parse(row.nextAttemptAt);
    if (due > now.getTime()) {
      plan.wakeAt = due;
      break; // everything after it waits too: per-authority order
    }
    const built = build(row);
    if (built.ok) plan.publish.push(built.message);
    else plan.park.push({ row, error: built.error });
  }
  return plan;
}

export type FailureDecision = { action: 'retry'; attempts: number; nextAttemptAt: Date; error: string } | { action: 'park'; attempts: number; error: string };

/**
 * What to do with a row whose publish was not confirmed. Unroutable, nacked
 * and unknown outcomes are not the row's fault (the topology, a full queue,
 * the link) and would hit every row alike: retried with backoff forever and
 * visible in `outbox status` — parking them would bury the whole outbox.
 * Refusals are the row's (the broker closed the channel over this message):
 * on the `maxRefusals`-th attempt it is parked.
 */
export function decideFailure(
  row: Pick<QueuedRow, 'attempts'>,
  outcome: Exclude<PublishOutcome, { kind: 'confirmed' }>,
  now: Date,
  options: { backoff: BackoffPolicy; maxRefusals: number; random?: () => number },
): FailureDecision {
  const attempts = row.attempts + 1;
  if (outcome.kind === 'refused' && attempts >= options.maxRefusals) {
    return { action: 'park', attempts, error: `refused by the broker (attempt ${attempts}): ${outcome.error}` };
  }
  const delay = backoffDelay(attempts, options.backoff, options.random);
  return { action: 'retry', attempts, nextAttemptAt: new Date(now.getTime() + delay), error: `${outcome.kind}: ${outcome.error}` };
}
