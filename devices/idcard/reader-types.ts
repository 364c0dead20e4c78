import type { CardChecks, IdCard } from '../../shared/domain/idcard';
import type { CardReaderStatus, CompletionCode } from '../../shared/domain/device-status';

/** What the reader driver tells the host about the card on it. */
export type CardEvent =
  /** A card was found; reading has started (the UI shows progress). */
  | { type: 'cardFound' }
  /** A complete, checksum-verified read. `checks` says whether the kiosk may accept it. */
  | { type: 'cardRead'; card: IdCard; checks: CardChecks }
  /** The read failed (card lifted mid-read, SW3 error, timeout). Never partial data. */
  | { type: 'readFailed'; code: CompletionCode; detail: string }
  /** The card left the reader (after a read or a failed read). */
  | { type: 'cardRemoved' };

/** One frame to or from a device, for the technicians' raw-frame view. */
export interface FrameTap {
  direction: 'tx' | 'rx';
  bytes: Uint8Array;
  /** Short decoded description, e.g. `find card → 9F card found`. No personal data. */
  summary: string;
  at: number;
}

export interface IdCardReader {
  /** Current XFS4IoT-style status. */
  status(): CardReaderStatus;
  onStatus(listener: (status: CardReaderStatus) => void): () => void;
  onCard(listener: (event: CardEvent) => void): () => void;
  onFrame(listener: (frame: FrameTap) => void): () => void;
  /** Starts discovery and polling. Never throws: reports `noDevice` until a reader is found. */
  start(): void;
  /** Stops polling and closes the transport. */
  stop(): Promise<void>;
}
