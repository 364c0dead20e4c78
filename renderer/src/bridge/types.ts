import type { KioskApi } from '../../../shared/contract/kiosk-api';

export type BridgeStatus = 'connecting' | 'open' | 'closed';

/** `KioskApi` plus the link state, so the UI can say "reconnecting" and resync. */
export interface Bridge {
  readonly api: KioskApi;
  readonly transport: 'preload' | 'websocket';
  status(): BridgeStatus;
  /** Called on every status change; returns the unsubscribe. */
  onStatus(listener: (status: BridgeStatus) => void): () => void;
}
