import type { KioskClient } from '../../../shared/contract/client';
import type { KioskStore } from '../store';
import type { CreditEvent, CreditState } from '../flow/credit';

export interface CreditDriver {
  /** The 纳税信用 tile: opens the flow and asks for the view. */
  start(): void;
  /** Moves the flow, then makes the call the new state waits for (once, on entering it). */
  event(event: CreditEvent): void;
}

/** The credit flow's half of the controller: the only code that calls `credit.*`. */
export function createCreditDriver(client: KioskClient, store: KioskStore): CreditDriver {
  function event(next: CreditEvent): void {
    const before = store.getState().credit;
    store.getState().creditEvent(next);
    const after = store.getState().credit;
    if (after !== null && after !== before && after.name !== before?.name) enter(after);
  }

  function enter(state: CreditState): void {
    const failed = () => event({ type: 'callFailed' });
    switch (state.name) {
      case 'loading':
        client.call('credit.view', {}).then((result) => event({ type: 'loaded', result }), failed);
        return;
      case 'authorizing':
        // The only place a consent is sent: entered from the consent screen's own "I agree".
        client.call('credit.authorize', { taxpayerId: state.taxpayerId, accepted: true }).then((result) => event({ type: 'authorized', result }), failed);
        return;
      case 'revoking':
        client.call('credit.revoke', { taxpayerId: state.taxpayerId, consentId: state.consentId }).then((result) => event({ type: 'revoked', result }), failed);
        return;
      case 'certLoading':
        client.call('credit.certificatePreview', { taxpayerId: state.taxpayerId }).then((result) => event({ type: 'certPreviewed', result }), failed);
        return;
      case 'certPrinting':
        client.call('credit.certificatePrint', { taxpayerId: state.preview.taxpayerId }).then((result) => event({ type: 'certPrinted', result }), failed);
        return;
      default:
        return;
    }
  }

  return {
    start() {
      store.getState().startCredit();
      const state = store.getState().credit;
      if (state !== null) enter(state);
    },
    event,
  };
}
