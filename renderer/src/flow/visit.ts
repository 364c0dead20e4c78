import type { PersonView, SessionView, IdleView } from '../../../shared/contract/session';
import type { CardRejection } from '../../../shared/domain/idcard';
import type { CardReaderStatus, DeviceState } from '../../../shared/domain/device-status';
import type { BridgeStatus } from '../bridge/types';
import type { PlainKey } from '../../../shared/i18n';
import { assertNever } from '../../../shared/assert-never';
import type { CollectionState } from './collection';
import type { CertificateState } from './certificate';
import type { IssuanceState } from './issuance';
import type { CreditState } from './credit';

/**
 * The taxpayer's visit as the screen shows it: one named state per screen,
 * derived only from the host's `SessionView` (plus device facts for the
 * attract screen). An idle timeout or a lost reader ends as `session.state
 * = idle` on the host, which lands here as `attract`.
 */
/** The attract screen about the last visit's card: still on the reader (`left`), or just lifted mid-visit (`lifted`). */
export type AttractCard = 'left' | 'lifted';

export type Screen =
  | { name: 'attract'; notice: PlainKey | null; card?: AttractCard }
  | { name: 'reading' }
  | { name: 'rejected'; rejection: CardRejection }
  | { name: 'active'; person: PersonView }
  | { name: 'collection'; person: PersonView; flow: CollectionState }
  | { name: 'certificate'; person: PersonView; flow: CertificateState }
  | { name: 'issuance'; person: PersonView; flow: IssuanceState }
  | { name: 'credit'; person: PersonView; flow: CreditState };

export type ScreenName = Screen['name'];

export interface VisitInput {
  session: SessionView;
  reader: CardReaderStatus | null;
  host: BridgeStatus;
  /** The invoice collection flow when one is open (only shown to an active visit). */
  collection?: CollectionState | null;
  /** The IIT certificate flow when one is open. */
  certificate?: CertificateState | null;
  /** The invoice-issued-on-behalf flow when one is open. */
  issuance?: IssuanceState | null;
  /** The 纳税信用 flow when one is open. */
  credit?: CreditState | null;
}

export function deriveScreen({ session, reader, host, collection = null, certificate = null, issuance = null, credit = null }: VisitInput): Screen {
  const state = session.state;
  switch (state) {
    case 'idle':
      return { name: 'attract', notice: attractNotice(reader, host), card: attractCard(session) };
    case 'reading':
      return { name: 'reading' };
    case 'cardRejected':
      return { name: 'rejected', rejection: session.rejection ?? 'readFailed' };
    case 'active':
      // An active view without a person is malformed: show nothing personal.
      if (!session.person) return { name: 'attract', notice: attractNotice(reader, host) };
      if (certificate) return { name: 'certificate', person: session.person, flow: certificate };
      if (issuance) return { name: 'issuance', person: session.person, flow: issuance };
      if (credit) return { name: 'credit', person: session.person, flow: credit };
      return collection ? { name: 'collection', person: session.person, flow: collection } : { name: 'active', person: session.person };
    default:
      return assertNever(state);
  }
}

/** The host's word on the card after a visit: still there wins (it must be taken), else just lifted. */
export function attractCard(session: SessionView): AttractCard | undefined {
  if (session.cardLeft === true) return 'left';
  if (session.cardLifted === true) return 'lifted';
  return undefined;
}

/** What the attract screen says about the reader when it cannot take a card. */
export function attractNotice(reader: CardReaderStatus | null, host: BridgeStatus): PlainKey | null {
  if (host !== 'open') return host === 'connecting' ? 'attract.notice.unknown' : 'attract.notice.hostOffline';
  if (reader === null) return 'attract.notice.unknown';
  return readerNotice(reader.device);
}

function readerNotice(device: DeviceState): PlainKey | null {
  switch (device) {
    case 'online':
      return null;
    case 'busy':
      return 'attract.notice.busy';
    case 'offline':
      return 'attract.notice.offline';
    case 'noDevice':
      return 'attract.notice.noDevice';
    case 'hardwareError':
      return 'attract.notice.hardwareError';
    case 'userError':
      return 'attract.notice.userError';
    default:
      return assertNever(device);
  }
}

/** Reader state in words for the status bar. */
export function readerStateKey(reader: CardReaderStatus | null): PlainKey {
  if (reader === null) return 'reader.unknown';
  const device = reader.device;
  switch (device) {
    case 'online':
      return 'reader.online';
    case 'offline':
      return 'reader.offline';
    case 'noDevice':
      return 'reader.noDevice';
    case 'hardwareError':
      return 'reader.hardwareError';
    case 'userError':
      return 'reader.userError';
    case 'busy':
      return 'reader.busy';
    default:
      return assertNever(device);
  }
}

/** Message and next step for each refusal. */
export function rejectionKeys(rejection: CardRejection): { message: PlainKey; next: PlainKey } {
  switch (rejection) {
    case 'expired':
      return { message: 'rejected.expired', next: 'rejected.expired.next' };
    case 'badCheckCharacter':
    case 'birthDateMismatch':
      return { message: 'rejected.unrecognised', next: 'rejected.unrecognised.next' };
    case 'readFailed':
      return { message: 'rejected.readFailed', next: 'rejected.readFailed.next' };
    case 'unsupportedCard':
      return { message: 'rejected.unsupportedCard', next: 'rejected.unsupportedCard.next' };
    default:
      return assertNever(rejection);
  }
}

export interface IdleWarning {
  /** Whole seconds left, rounded up; 0 at the deadline. */
  secondsLeft: number;
  /** Share of the warning window still left, 1 → 0 (drives the ring). */
  fraction: number;
}

/** The countdown is due once `now` is inside the warning window before the deadline. */
export function deriveIdleWarning(state: SessionView['state'], idle: IdleView | null, now: number): IdleWarning | null {
  if (state === 'idle' || idle === null) return null;
  if (now < idle.deadline - idle.warnMs) return null;
  const left = Math.max(0, idle.deadline - now);
  return { secondsLeft: Math.ceil(left / 1000), fraction: Math.min(1, left / idle.warnMs) };
}

/** Touches push the deadline out only while a person is being served. */
export function touchCounts(state: SessionView['state']): boolean {
  return state === 'active';
}
