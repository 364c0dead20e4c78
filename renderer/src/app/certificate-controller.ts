import type { KioskClient } from '../../../shared/contract/client';
import type { KioskStore } from '../store';
import type { CertificateEvent, CertificateState } from '../flow/certificate';
import { afterNextPaint } from './after-next-paint';

export interface CertificateDriver {
  /** The 完税证明打印 tile: opens the flow and asks for the periods. */
  start(): void;
  /** Moves the flow, then makes the call the new state waits for (once, on entering it). */
  event(event: CertificateEvent): void;
}

/** The certificate flow's half of the controller: the only code that calls `certificate.*`. */
export function createCertificateDriver(client: KioskClient, store: KioskStore): CertificateDriver {
  function event(next: CertificateEvent): void {
    const before = store.getState().certificate;
    store.getState().certificateEvent(next);
    const after = store.getState().certificate;
    if (after !== null && after !== before && after.name !== before?.name) enter(after);
  }

  function enter(state: CertificateState): void {
    const failed = () => event({ type: 'callFailed' });
    switch (state.name) {
      case 'loadingPeriods':
        client.call('certificate.periods', {}).then((bounds) => event({ type: 'periodsLoaded', bounds }), failed);
        return;
      case 'loadingRecords': {
        const range = state.range;
        client.call('certificate.records', range).then((result) => event({ type: 'recordsLoaded', range, result }), failed);
        return;
      }
      case 'printing':
        // The printing step is painted first; then the host renders the PDF (afterNextPaint says why).
        afterNextPaint(() => {
          client.call('certificate.print', { ...state.range, idNumberShown: state.idNumberShown }).then((result) => event({ type: 'printed', result }), failed);
        });
        return;
      default:
        return;
    }
  }

  return {
    start() {
      store.getState().startCertificate();
      const state = store.getState().certificate;
      if (state !== null) enter(state);
    },
    event,
  };
}
