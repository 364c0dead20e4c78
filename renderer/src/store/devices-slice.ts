import type { StateCreator } from 'zustand/vanilla';
import type { CardReaderStatus } from '../../../shared/domain/device-status';
import type { BridgeStatus } from '../bridge/types';
import type { KioskState } from './types';

export interface DevicesSlice {
  /** null until `devices.status` answers. */
  reader: CardReaderStatus | null;
  /** The link to the host (always `open` under Electron). */
  host: BridgeStatus;
  setReader(status: CardReaderStatus | null): void;
  setHost(status: BridgeStatus): void;
}

export const createDevicesSlice: StateCreator<KioskState, [], [], DevicesSlice> = (set) => ({
  reader: null,
  host: 'connecting',
  setReader: (reader) => set({ reader }),
  setHost: (host) => set({ host }),
});
