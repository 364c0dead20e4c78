import type { StateCreator } from 'zustand/vanilla';
import type { CardReaderStatus, PrinterKind, PrinterStatus } from '../../../shared/domain/device-status';
import type { BridgeStatus } from '../bridge/types';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

/** One entry per printer; null until the host has said how it is. */
export type Printers = Readonly<Record<PrinterKind, PrinterStatus | null>>;

export const UNKNOWN_PRINTERS: Printers = { receipt: null, invoice: null, a4: null };

export interface DevicesSlice {
  /** null until `devices.status` answers. */
  reader: CardReaderStatus | null;
  /** Replaced as a whole on every change, so selectors can cache by reference. */
  printers: Printers;
  /** The link to the host (always `open` under Electron). */
  host: BridgeStatus;
  setReader(status: CardReaderStatus | null): void;
  /** From `devices.status` (start and every resync). */
  setPrinters(printers: Printers): void;
  /** From a `device.printer` event: `kind` says which printer. */
  setPrinter(status: PrinterStatus): void;
  setHost(status: BridgeStatus): void;
}

export const initialDevicesState: SliceData<DevicesSlice> = { reader: null, printers: UNKNOWN_PRINTERS, host: 'connecting' };
export const devicesVisit: SliceVisit<DevicesSlice> = { records: {}, kioskFacts: ['reader', 'printers', 'host'] };

export const createDevicesSlice: StateCreator<KioskState, [], [], DevicesSlice> = (set, get) => ({
  ...initialDevicesState,
  setReader: (reader) => set({ reader }),
  setPrinters: (printers) => set({ printers: { receipt: printers.receipt, invoice: printers.invoice, a4: printers.a4 } }),
  setPrinter: (status) => set({ printers: { ...get().printers, [status.kind]: status } }),
  setHost: (host) => set({ host }),
});
