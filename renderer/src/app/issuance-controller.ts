import type { KioskClient } from '../../../shared/contract/client';
import type { KioskStore } from '../store';
import { toRequest, type IssuanceEvent, type IssuanceState } from '../flow/issuance';

export interface IssuanceDriver {
  /** The 发票代开 tile: opens the flow and asks who the person may issue for. */
  start(): void;
  /** Moves the flow, then makes the call the new state waits for (once, on entering it). */
  event(event: IssuanceEvent): void;
  /** Exit pressed: a QR code still on screen is cancelled first (a payment that came first is kept by the host). */
  beforeExit(): Promise<void>;
  stop(): void;
}

export interface IssuanceDriverOptions {
  /** How often the payment screen asks the host about the order. */
  pollMs?: number;
}

/** The issuance flow's half of the controller: the only code that calls `issuance.*`. */
export function createIssuanceDriver(client: KioskClient, store: KioskStore, options: IssuanceDriverOptions = {}): IssuanceDriver {
  const pollMs = options.pollMs ?? 1500;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;

  function event(next: IssuanceEvent): void {
    const before = store.getState().issuance;
    store.getState().issuanceEvent(next);
    const after = store.getState().issuance;
    if (after === null || after === before) return;
    if (after.name !== before?.name) enter(after);
    if (after.name === 'awaitingPayment' && after.cancelling && !(before?.name === 'awaitingPayment' && before.cancelling)) cancel(after.payment.transactionId);
  }

  function enter(state: IssuanceState): void {
    const failed = () => event({ type: 'callFailed' });
    switch (state.name) {
      case 'loading':
        client.call('issuance.begin', {}).then((result) => event({ type: 'begun', result }), failed);
        return;
      case 'checkingSeller': {
        const taxpayerId = state.seller.id;
        client.call('issuance.seller', { taxpayerId }).then((result) => event({ type: 'sellerChecked', taxpayerId, result }), failed);
        return;
      }
      case 'quoting':
        client.call('issuance.quote', toRequest(state.draft)).then((result) => event({ type: 'quoted', result }), failed);
        return;
      case 'paying':
        client.call('issuance.pay', toRequest(state.draft)).then((result) => event({ type: 'payResult', result }), failed);
        return;
      case 'resuming':
        client.call('issuance.resume', { transactionId: state.transactionId }).then((result) => event({ type: 'payResult', result }), failed);
        return;
      case 'awaitingPayment':
        schedulePoll(state.payment.transactionId);
        return;
      case 'printing':
        client.call('issuance.print', { transactionId: state.paid.transactionId }).then((result) => event({ type: 'printed', result }), failed);
        return;
      default:
        return;
    }
  }

  /** One poll at a time, and only while this order is still on screen. */
  function schedulePoll(transactionId: string): void {
    if (pollTimer !== null) clearTimeout(pollTimer);
    pollTimer = setTimeout(() => {
      pollTimer = null;
      const state = store.getState().issuance;
      if (state?.name !== 'awaitingPayment' || state.payment.transactionId !== transactionId || state.cancelling) return;
      client
        .call('issuance.paymentStatus', { transactionId })
        .then(
          (result) => event({ type: 'paymentChecked', transactionId, result }),
          () => event({ type: 'paymentChecked', transactionId, result: { status: 'unknown', paid: null } }),
        )
        .finally(() => {
          const now = store.getState().issuance;
          if (now?.name === 'awaitingPayment' && now.payment.transactionId === transactionId) schedulePoll(transactionId);
        });
    }, pollMs);
  }

  function cancel(transactionId: string): void {
    client.call('issuance.cancel', { transactionId }).then(
      (result) => event({ type: 'cancelled', transactionId, result }),
      () => event({ type: 'cancelled', transactionId, result: { status: 'unknown', paid: null } }),
    );
  }

  return {
    start() {
      store.getState().startIssuance();
      const state = store.getState().issuance;
      if (state !== null) enter(state);
    },
    event,
    async beforeExit() {
      const state = store.getState().issuance;
      if (state?.name !== 'awaitingPayment') return;
      await client.call('issuance.cancel', { transactionId: state.payment.transactionId }).catch(() => undefined);
    },
    stop() {
      if (pollTimer !== null) clearTimeout(pollTimer);
      pollTimer = null;
    },
  };
}
