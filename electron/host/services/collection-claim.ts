import { isBackendError, type BackendRequest, type ClaimRefusal, type TaxBackend } from '../../../shared/backend';
import type { Logger } from '../logger';
import type { TransactionStore } from '../transactions/transaction-store';
import type { ClaimIntent, CollectionLedger } from './collection-ledger';

/**
 * The kiosk's side of `collection.claim` (docs/collection.md "Claims"): the
 * backend holds the forms (and the 取票码) for one transaction before the
 * kiosk allocates any. The intent is committed before the call, so a claim
 * whose answer is lost (crash, timeout, a link that broke) is known here and
 * given back later (`releaseOrphanClaims`); nothing else can release it, and
 * a claim never lapses at the backend by itself.
 */
export interface ClaimDeps {
  backend: Pick<TaxBackend, 'collectionClaim' | 'collectionRelease'>;
  ledger: CollectionLedger;
  store: Pick<TransactionStore, 'newTransactionId'>;
  kioskId: () => string;
  log: Logger;
}

export type ClaimWhat = BackendRequest<'collection.claim'>['what'];

export type ClaimOutcome =
  | { kind: 'claimed'; transactionId: string; taxpayerId: string; taxpayerName: string; invoiceType: string; quantity: number }
  | { kind: 'refused'; refusal: ClaimRefusal };

/**
 * Asks the backend to hold the forms for a new transaction id. Throws the
 * BackendError when there is no answer: the intent stays (the claim may have
 * been made) unless the backend rejected the request outright.
 */
export async function claimForms(deps: ClaimDeps, what: ClaimWhat): Promise<ClaimOutcome> {
  const transactionId = deps.store.newTransactionId();
  deps.ledger.addIntent({ transactionId, pickupCode: what.kind === 'pickup' ? what.code : null });
  let reply;
  try {
    reply = await deps.backend.collectionClaim({ kioskId: deps.kioskId(), transactionId, what });
  } catch (error) {
    if (isBackendError(error) && error.code === 'rejected') deps.ledger.dropIntent(transactionId);
    throw error;
  }
  if (reply.outcome === 'refused') {
    deps.ledger.dropIntent(transactionId);
    return { kind: 'refused', refusal: reply.refusal };
  }
  return {
    kind: 'claimed',
    transactionId,
    taxpayerId: reply.taxpayerId,
    taxpayerName: reply.taxpayerName,
    invoiceType: reply.invoiceType,
    quantity: reply.quantity,
  };
}

/** Gives back a claim that dispensed nothing. False when the backend could not be asked: the intent stays for later. */
export async function releaseClaim(deps: ClaimDeps, transactionId: string): Promise<boolean> {
  try {
    const { outcome } = await deps.backend.collectionRelease({ transactionId });
    deps.ledger.dropIntent(transactionId);
    deps.log.info({ event: 'collection.claimReleased', transactionId, outcome }, 'claim given back');
    return true;
  } catch (error) {
    if (!isBackendError(error)) throw error;
    deps.log.warn({ event: 'collection.claimNotReleased', transactionId, code: error.code }, 'claim kept for a later release');
    return false;
  }
}

/**
 * Gives back every claim left unsettled (after a crash, a timeout, a lost
 * reply). Only call with no collection running in this process: an intent
 * of a collection still waiting for its claim is not an orphan. `intents`
 * lets startup pass the list it read before anything could claim.
 */
export async function releaseOrphanClaims(deps: ClaimDeps, intents: readonly ClaimIntent[] = deps.ledger.intents()): Promise<number> {
  let released = 0;
  for (const intent of intents) {
    if (!(await releaseClaim(deps, intent.transactionId))) break; // the backend is away: the rest wait too
    released++;
  }
  return released;
}
