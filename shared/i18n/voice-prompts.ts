import type { Lang } from './lang';
import type { PlainKey } from './keys';

/**
 * Every spoken prompt, in one explicit list: the build renders each of them
 * in each language into a WAV file (scripts/build-voice.mjs), the renderer
 * plays them by key, and the tests walk this list. The texts live in the
 * catalogues (`voice.zh-CN.ts`, `voice.en.ts`) next to the screen texts.
 */
export const VOICE_KEYS = [
  'voice.attract',
  'voice.takeCard',
  'voice.cardLifted',
  'voice.reading',
  'voice.rejected.expired',
  'voice.rejected.unrecognised',
  'voice.rejected.readFailed',
  'voice.rejected.unsupportedCard',
  'voice.menu',
  'voice.paused',
  'voice.idle',
  'voice.goodbye',
  'voice.offline',
  'voice.refused.counter',
  'voice.refused.noStock',
  'voice.printer.notReady',
  'voice.printer.failed',
  'voice.collection.chooseTaxpayer',
  'voice.collection.chooseType',
  'voice.collection.pickup',
  'voice.collection.confirm',
  'voice.collection.pickupRefused',
  'voice.issuance.unfinished',
  'voice.issuance.chooseSeller',
  'voice.issuance.buyer',
  'voice.issuance.lines',
  'voice.issuance.line',
  'voice.issuance.quote',
  'voice.issuance.pay',
  'voice.issuance.paymentEnded',
  'voice.issuance.cancelUnknown',
  'voice.issuance.printFailed',
  'voice.issuance.fix',
  'voice.certificate.choosePeriod',
  'voice.certificate.customPeriod',
  'voice.certificate.preview',
  'voice.certificate.noRecords',
  'voice.certificate.periodRefused',
  'voice.credit.view',
  'voice.credit.consent',
  'voice.credit.done',
  'voice.credit.revoked',
  'voice.credit.certPreview',
  'voice.credit.certPrinting',
  'voice.credit.certPrinted',
  'voice.printing.invoice',
  'voice.printing.certificate',
  'voice.done.invoice',
  'voice.done.invoiceOnly',
  'voice.done.certificate',
  'voice.done.certificateOnly',
] as const satisfies readonly PlainKey[];

export type VoiceKey = (typeof VOICE_KEYS)[number];

/** The audio element's volume when the config says nothing (0–1). */
export const DEFAULT_VOICE_VOLUME = 0.8;

/** The folder under the renderer's root the build writes the audio to. */
export const VOICE_DIR = 'voice';

/** The audio file of a prompt, relative to the renderer's index.html: `voice/zh-CN/attract.wav`. */
export function voiceFile(lang: Lang, key: VoiceKey): string {
  return `${VOICE_DIR}/${lang}/${key.slice('voice.'.length)}.wav`;
}
