import type { CardRejection } from '../../../shared/domain/idcard';
import type { CollectionRefusal } from '../../../shared/contract/services/collection';
import type { IssuanceRefusal } from '../../../shared/contract/services/issuance';
import type { CertificateRefusal } from '../../../shared/contract/services/certificate';
import type { VoiceKey } from '../../../shared/i18n/voice-prompts';
import type { Screen, ScreenName } from '../flow/visit';
import type { CollectionState } from '../flow/collection';
import type { IssuanceState } from '../flow/issuance';
import type { CertificateState } from '../flow/certificate';
import type { CreditState } from '../flow/credit';
import type { Notice } from '../store';
import { assertNever } from '../../../shared/assert-never';

/**
 * What the kiosk says on each step, as a pure function of what the screen
 * shows. `id` names the step: the prompt is spoken when the id changes, so
 * typing, paging or a progress tick (same id) never repeats it. `key` null =
 * nothing to say (a short "loading" step: the previous prompt may finish).
 */
export interface VoiceStep {
  id: string;
  screen: ScreenName;
  key: VoiceKey | null;
}

export function voiceStep(screen: Screen, notice: Notice | null = null): VoiceStep {
  switch (screen.name) {
    case 'attract':
      // The last visit's card: asked for while on the reader; a lift mid-visit said once.
      if (screen.card === 'left') return step('attract', 'attract:cardLeft', 'voice.takeCard');
      if (screen.card === 'lifted') return step('attract', 'attract:cardLifted', 'voice.cardLifted');
      // A reader that cannot take a card: the notice is for staff, the kiosk keeps quiet.
      return screen.notice === null ? step('attract', 'attract', 'voice.attract') : step('attract', `attract:${screen.notice}`, null);
    case 'reading':
      return step('reading', 'reading', 'voice.reading');
    case 'rejected':
      return step('rejected', `rejected:${screen.rejection}`, rejectionVoice(screen.rejection));
    case 'active':
      // A tap on a paused tile explains itself aloud; "coming soon" does not.
      if (notice !== null && typeof notice !== 'string') return step('active', `active:paused:${notice.pausedService}`, 'voice.paused');
      return step('active', 'active', 'voice.menu');
    case 'collection':
      return step('collection', `collection:${screen.flow.name}`, collectionVoice(screen.flow));
    case 'certificate':
      return step('certificate', `certificate:${screen.flow.name}`, certificateVoice(screen.flow));
    case 'issuance':
      return step('issuance', `issuance:${screen.flow.name}`, issuanceVoice(screen.flow));
    case 'credit':
      return step('credit', `credit:${screen.flow.name}`, creditVoice(screen.flow));
    default:
      return assertNever(screen);
  }
}

function step(screen: ScreenName, id: string, key: VoiceKey | null): VoiceStep {
  return { id, screen, key };
}

/** Screens of a visit with a person (leaving one for the attract screen says goodbye). */
export function isVisitScreen(screen: ScreenName): boolean {
  switch (screen) {
    case 'active':
    case 'collection':
    case 'certificate':
    case 'issuance':
    case 'credit':
      return true;
    case 'attract':
    case 'reading':
    case 'rejected':
      return false;
    default:
      return assertNever(screen);
  }
}

export function rejectionVoice(rejection: CardRejection): VoiceKey {
  switch (rejection) {
    case 'expired':
      return 'voice.rejected.expired';
    case 'badCheckCharacter':
    case 'birthDateMismatch':
      return 'voice.rejected.unrecognised';
    case 'readFailed':
      return 'voice.rejected.readFailed';
    case 'unsupportedCard':
      return 'voice.rejected.unsupportedCard';
    default:
      return assertNever(rejection);
  }
}

export function collectionVoice(state: CollectionState): VoiceKey | null {
  switch (state.name) {
    case 'loadingTaxpayers':
    case 'loadingOptions':
    case 'loadingPickup':
      return null;
    case 'offline':
      return 'voice.offline';
    case 'chooseTaxpayer':
      return 'voice.collection.chooseTaxpayer';
    case 'chooseType':
      return 'voice.collection.chooseType';
    case 'pickup':
      return 'voice.collection.pickup';
    case 'confirm':
    case 'pickupConfirm':
      return 'voice.collection.confirm';
    case 'collecting':
      return 'voice.printing.invoice';
    case 'completed':
      return doneVoice('invoice', state.result.receiptPrinted);
    case 'refused':
      return collectionRefusalVoice(state.refusal);
    case 'failed':
      return 'voice.printer.failed';
    default:
      return assertNever(state);
  }
}

export function collectionRefusalVoice(refusal: CollectionRefusal): VoiceKey {
  const reason = refusal.reason;
  if (isCommonRefusal(reason)) return COMMON_REFUSAL_VOICE[reason];
  switch (reason) {
    case 'notRegistered':
    case 'typeNotApproved':
    case 'arrears':
    case 'creditGrade':
    case 'quotaExceeded':
    case 'unverifiedInvoices':
      return 'voice.refused.counter';
    case 'pickupNotFound':
    case 'pickupAlreadyCollected':
    case 'pickupOtherPerson':
      return 'voice.collection.pickupRefused';
    default:
      return assertNever(reason);
  }
}

export function issuanceVoice(state: IssuanceState): VoiceKey | null {
  switch (state.name) {
    case 'loading':
    case 'checkingSeller':
    case 'quoting':
    case 'paying':
    case 'resuming':
      return null;
    case 'offline':
      return 'voice.offline';
    case 'unfinished':
      return 'voice.issuance.unfinished';
    case 'chooseSeller':
      return 'voice.issuance.chooseSeller';
    case 'buyer':
      return 'voice.issuance.buyer';
    case 'lines':
      return 'voice.issuance.lines';
    case 'line':
      return 'voice.issuance.line';
    case 'quote':
      return 'voice.issuance.quote';
    case 'awaitingPayment':
      return 'voice.issuance.pay';
    case 'paymentEnded':
      return 'voice.issuance.paymentEnded';
    case 'cancelUnknown':
      return 'voice.issuance.cancelUnknown';
    case 'printing':
      return 'voice.printing.invoice';
    case 'printFailed':
      return 'voice.issuance.printFailed';
    case 'needsAttention':
      return 'voice.printer.failed';
    case 'completed':
      return doneVoice('invoice', state.result.receiptPrinted);
    case 'refused':
      return issuanceRefusalVoice(state.refusal);
    default:
      return assertNever(state);
  }
}

export function issuanceRefusalVoice(refusal: IssuanceRefusal): VoiceKey {
  const reason = refusal.reason;
  if (isCommonRefusal(reason)) return COMMON_REFUSAL_VOICE[reason];
  switch (reason) {
    case 'sellerHasArrears':
    case 'sellerCreditGradeBlocked':
    case 'notRegistered':
      return 'voice.refused.counter';
    // The person can correct these on the kiosk (the screen offers "修改").
    case 'buyerTaxIdInvalid':
    case 'grossNotPositive':
    case 'grossOverLimit':
    case 'lineAmountMismatch':
    case 'tooManyLines':
      return 'voice.issuance.fix';
    default:
      return assertNever(reason);
  }
}

export function certificateVoice(state: CertificateState): VoiceKey | null {
  switch (state.name) {
    case 'loadingPeriods':
    case 'loadingRecords':
      return null;
    case 'choosePeriod':
      return 'voice.certificate.choosePeriod';
    case 'customPeriod':
      return 'voice.certificate.customPeriod';
    case 'preview':
      return 'voice.certificate.preview';
    case 'noRecords':
      return 'voice.certificate.noRecords';
    case 'printing':
      return 'voice.printing.certificate';
    case 'completed':
      return doneVoice('certificate', state.result.receiptPrinted);
    case 'refused':
      return certificateRefusalVoice(state.refusal);
    case 'failed':
      return 'voice.printer.failed';
    default:
      return assertNever(state);
  }
}

export function certificateRefusalVoice(refusal: CertificateRefusal): VoiceKey {
  const reason = refusal.reason;
  if (isCommonRefusal(reason)) return COMMON_REFUSAL_VOICE[reason];
  switch (reason) {
    case 'periodOutOfRange':
      return 'voice.certificate.periodRefused';
    default:
      return assertNever(reason);
  }
}

/** Refusals more than one service meets, said the same way in each. */
const COMMON_REFUSAL_VOICE = {
  backendUnreachable: 'voice.offline',
  printerNotReady: 'voice.printer.notReady',
  noStock: 'voice.refused.noStock',
} as const satisfies Record<string, VoiceKey>;

type CommonRefusal = keyof typeof COMMON_REFUSAL_VOICE;

function isCommonRefusal(reason: string): reason is CommonRefusal {
  return Object.hasOwn(COMMON_REFUSAL_VOICE, reason);
}

/** The goodbye after paper came out: it names the receipt only when one was printed. */
function doneVoice(kind: 'invoice' | 'certificate', receiptPrinted: boolean): VoiceKey {
  return receiptPrinted ? `voice.done.${kind}` : `voice.done.${kind}Only`;
}

/** 纳税信用: the view, the consent screen (read, then tap), and the results. */
export function creditVoice(state: CreditState): VoiceKey | null {
  switch (state.name) {
    case 'loading':
    case 'authorizing':
    case 'revoking':
    case 'certLoading':
      return null;
    case 'view':
      return 'voice.credit.view';
    case 'certPreview':
      return 'voice.credit.certPreview';
    case 'certPrinting':
      return 'voice.credit.certPrinting';
    case 'certPrinted':
      return 'voice.credit.certPrinted';
    case 'certRefused':
      return state.refusal.reason === 'backendUnreachable' ? 'voice.offline' : 'voice.refused.counter';
    case 'certFailed':
      return 'voice.refused.counter';
    case 'consent':
      return 'voice.credit.consent';
    case 'authorized':
      return 'voice.credit.done';
    case 'revoked':
      return 'voice.credit.revoked';
    case 'refused':
      return state.refusal.reason === 'backendUnreachable' ? 'voice.offline' : 'voice.refused.counter';
    case 'failed':
      return 'voice.offline';
    default:
      return assertNever(state);
  }
}
