import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../shared/i18n/zh-CN';
import { en } from '../../../shared/i18n/en';
import { DEFAULT_VOICE_VOLUME, VOICE_KEYS, voiceFile, type VoiceKey } from '../../../shared/i18n/voice-prompts';
import { LocalConfig } from '../../../shared/config/local-config';
import type { CardRejection } from '../../../shared/domain/idcard';
import type { CollectionRefusal } from '../../../shared/contract/services/collection';
import type { IssuanceRefusal } from '../../../shared/contract/services/issuance';
import type { CertificateRefusal } from '../../../shared/contract/services/certificate';
import type { CollectionState, CollectionStateName } from '../../../renderer/src/flow/collection';
import type { IssuanceState, IssuanceStateName } from '../../../renderer/src/flow/issuance';
import type { CertificateState, CertificateStateName } from '../../../renderer/src/flow/certificate';
import type { CreditState } from '../../../renderer/src/flow/credit';
import type { Screen } from '../../../renderer/src/flow/visit';
import {
  certificateRefusalVoice,
  certificateVoice,
  creditVoice,
  collectionRefusalVoice,
  collectionVoice,
  issuanceRefusalVoice,
  issuanceVoice,
  rejectionVoice,
  voiceStep,
  type VoiceStep,
} from '../../../renderer/src/voice/voice-steps';
import { idlePromptDelay, voiceAction, type VoiceSnapshot } from '../../../renderer/src/voice/voice-cue';
import { createVoicePlayer } from '../../../renderer/src/voice/voice-player';
import { createKioskStore } from '../../../renderer/src/store';
import { selectVoiceEnabled, selectVoiceVolume } from '../../../renderer/src/store/selectors';
import { kioskWindowOptions } from '../../../electron/shell-electron/window-options';
import { chromiumArgs } from '../../../electron/shell-chromium/chromium-launcher';

/*
 * The expected prompt of every state of every flow. `Record<StateName, …>`
 * makes the compiler refuse a table that misses a state, so a new state in
 * a flow fails here until it is given its words (or an explicit null).
 */
const COLLECTION: Record<CollectionStateName, VoiceKey | null> = {
  loadingTaxpayers: null,
  offline: 'voice.offline',
  chooseTaxpayer: 'voice.collection.chooseTaxpayer',
  loadingOptions: null,
  chooseType: 'voice.collection.chooseType',
  pickup: 'voice.collection.pickup',
  loadingPickup: null,
  pickupConfirm: 'voice.collection.confirm',
  confirm: 'voice.collection.confirm',
  collecting: 'voice.printing.invoice',
  completed: 'voice.done.invoice',
  refused: 'voice.offline',
  failed: 'voice.printer.failed',
};
const ISSUANCE: Record<IssuanceStateName, VoiceKey | null> = {
  loading: null,
  offline: 'voice.offline',
  unfinished: 'voice.issuance.unfinished',
  chooseSeller: 'voice.issuance.chooseSeller',
  checkingSeller: null,
  buyer: 'voice.issuance.buyer',
  lines: 'voice.issuance.lines',
  line: 'voice.issuance.line',
  quoting: null,
  quote: 'voice.issuance.quote',
  paying: null,
  resuming: null,
  awaitingPayment: 'voice.issuance.pay',
  paymentEnded: 'voice.issuance.paymentEnded',
  cancelUnknown: 'voice.issuance.cancelUnknown',
  printing: 'voice.printing.invoice',
  printFailed: 'voice.issuance.printFailed',
  needsAttention: 'voice.printer.failed',
  completed: 'voice.done.invoice',
  refused: 'voice.offline',
};
const CERTIFICATE: Record<CertificateStateName, VoiceKey | null> = {
  loadingPeriods: null,
  choosePeriod: 'voice.certificate.choosePeriod',
  customPeriod: 'voice.certificate.customPeriod',
  loadingRecords: null,
  preview: 'voice.certificate.preview',
  noRecords: 'voice.certificate.noRecords',
  printing: 'voice.printing.certificate',
  completed: 'voice.done.certificate',
  refused: 'voice.offline',
  failed: 'voice.printer.failed',
};

/** Every refusal reason and what the kiosk tells the person to do. */
const COLLECTION_REFUSALS: Record<CollectionRefusal['reason'], VoiceKey> = {
  notRegistered: 'voice.refused.counter',
  typeNotApproved: 'voice.refused.counter',
  arrears: 'voice.refused.counter',
  creditGrade: 'voice.refused.counter',
  quotaExceeded: 'voice.refused.counter',
  unverifiedInvoices: 'voice.refused.counter',
  noStock: 'voice.refused.noStock',
  pickupNotFound: 'voice.collection.pickupRefused',
  pickupAlreadyCollected: 'voice.collection.pickupRefused',
  pickupOtherPerson: 'voice.collection.pickupRefused',
  backendUnreachable: 'voice.offline',
  printerNotReady: 'voice.printer.notReady',
};
const ISSUANCE_REFUSALS: Record<IssuanceRefusal['reason'], VoiceKey> = {
  sellerHasArrears: 'voice.refused.counter',
  sellerCreditGradeBlocked: 'voice.refused.counter',
  notRegistered: 'voice.refused.counter',
  buyerTaxIdInvalid: 'voice.issuance.fix',
  grossNotPositive: 'voice.issuance.fix',
  grossOverLimit: 'voice.issuance.fix',
  lineAmountMismatch: 'voice.issuance.fix',
  tooManyLines: 'voice.issuance.fix',
  noStock: 'voice.refused.noStock',
  backendUnreachable: 'voice.offline',
  printerNotReady: 'voice.printer.notReady',
};
const CERTIFICATE_REFUSALS: Record<CertificateRefusal['reason'], VoiceKey> = {
  backendUnreachable: 'voice.offline',
  periodOutOfRange: 'voice.certificate.periodRefused',
  printerNotReady: 'voice.printer.notReady',
};
const REJECTIONS: Record<CardRejection, VoiceKey> = {
  expired: 'voice.rejected.expired',
  badCheckCharacter: 'voice.rejected.unrecognised',
  birthDateMismatch: 'voice.rejected.unrecognised',
  readFailed: 'voice.rejected.readFailed',
  unsupportedCard: 'voice.rejected.unsupportedCard',
};

/** A state with only what the voice reads (name, receipt printed, refusal). */
function sample<S>(name: string, extra: Record<string, unknown> = {}): S {
  const filled: Record<string, unknown> = { name, ...extra };
  if (name === 'completed') filled.result ??= { outcome: 'completed', receiptPrinted: true };
  if (name === 'refused') filled.refusal ??= { reason: 'backendUnreachable' };
  return filled as S;
}
const refusal = <R>(reason: string) => ({ reason }) as R;

const PERSON = { cardType: 'resident', maskedName: '张*三', maskedId: '110105********002X', sex: 'male' } as const;

describe('voice prompt list', () => {
  it('every voice key has a short spoken text in both catalogues, and every voice.* text is listed', () => {
    expect(new Set(VOICE_KEYS).size).toBe(VOICE_KEYS.length);
    for (const key of VOICE_KEYS) {
      for (const text of [zhCN[key], en[key]]) {
        expect(text?.trim(), key).toBeTruthy();
        // Spoken: no placeholders or symbols a synthesiser would read out or stumble on.
        expect(text, key).not.toMatch(/[{}“”"·…/()（）#*]/);
      }
      expect(zhCN[key], key).toMatch(/[\u4e00-\u9fff]/);
      expect(en[key], key).not.toMatch(/[\u4e00-\u9fff]/);
    }
    const catalogueVoiceKeys = Object.keys(zhCN)
      .filter((key) => key.startsWith('voice.'))
      .sort();
    expect(catalogueVoiceKeys).toEqual([...VOICE_KEYS].sort());
    expect(
      Object.keys(en)
        .filter((key) => key.startsWith('voice.'))
        .sort(),
    ).toEqual(catalogueVoiceKeys);
  });

  it('gives each prompt its own audio file per language', () => {
    expect(voiceFile('zh-CN', 'voice.attract')).toBe('voice/zh-CN/attract.wav');
    expect(voiceFile('en', 'voice.done.invoice')).toBe('voice/en/done.invoice.wav');
    const files = VOICE_KEYS.flatMap((key) => [voiceFile('zh-CN', key), voiceFile('en', key)]);
    expect(new Set(files).size).toBe(files.length);
  });

  it('says the issue’s sentences', () => {
    expect(zhCN['voice.attract']).toBe('请将身份证放在读卡区');
    expect(zhCN['voice.printing.invoice']).toBe('正在出票，请稍候');
    expect(zhCN['voice.done.invoice']).toBe('请取走您的发票和凭条');
    expect(zhCN['voice.done.certificate']).toBe('请取走您的完税证明和凭条');
    expect(zhCN['voice.idle']).toContain('您还需要继续办理吗');
  });
});

describe('state → prompt', () => {
  it('covers every state of the three services', () => {
    for (const [name, key] of Object.entries(COLLECTION)) expect(collectionVoice(sample<CollectionState>(name)), name).toBe(key);
    for (const [name, key] of Object.entries(ISSUANCE)) expect(issuanceVoice(sample<IssuanceState>(name)), name).toBe(key);
    for (const [name, key] of Object.entries(CERTIFICATE)) expect(certificateVoice(sample<CertificateState>(name)), name).toBe(key);
  });

  it('says what to do next for every refusal and every refused card', () => {
    for (const [reason, key] of Object.entries(COLLECTION_REFUSALS)) {
      expect(collectionRefusalVoice(refusal<CollectionRefusal>(reason)), reason).toBe(key);
      expect(collectionVoice(sample<CollectionState>('refused', { refusal: refusal(reason) })), reason).toBe(key);
    }
    for (const [reason, key] of Object.entries(ISSUANCE_REFUSALS)) {
      expect(issuanceRefusalVoice(refusal<IssuanceRefusal>(reason)), reason).toBe(key);
    }
    for (const [reason, key] of Object.entries(CERTIFICATE_REFUSALS)) {
      expect(certificateRefusalVoice(refusal<CertificateRefusal>(reason)), reason).toBe(key);
    }
    for (const [rejection, key] of Object.entries(REJECTIONS)) {
      expect(rejectionVoice(rejection as CardRejection), rejection).toBe(key);
      expect(voiceStep({ name: 'rejected', rejection: rejection as CardRejection }).key).toBe(key);
    }
  });

  it('does not promise a receipt that did not print', () => {
    const noReceipt = { result: { outcome: 'completed', receiptPrinted: false } };
    expect(collectionVoice(sample<CollectionState>('completed', noReceipt))).toBe('voice.done.invoiceOnly');
    expect(issuanceVoice(sample<IssuanceState>('completed', noReceipt))).toBe('voice.done.invoiceOnly');
    expect(certificateVoice(sample<CertificateState>('completed', noReceipt))).toBe('voice.done.certificateOnly');
  });

  it('speaks on the visit screens, and keeps quiet while the reader cannot take a card', () => {
    expect(voiceStep({ name: 'attract', notice: null })).toEqual({ id: 'attract', screen: 'attract', key: 'voice.attract' });
    expect(voiceStep({ name: 'attract', notice: 'attract.notice.offline' }).key).toBeNull();
    expect(voiceStep({ name: 'reading' }).key).toBe('voice.reading');
    expect(voiceStep({ name: 'active', person: PERSON }).key).toBe('voice.menu');
    expect(voiceStep({ name: 'active', person: PERSON }, { pausedService: 'invoiceIssue' }).key).toBe('voice.paused');
    expect(voiceStep({ name: 'active', person: PERSON }, 'active.comingSoon.notice').key).toBe('voice.menu');
    const flow = sample<CollectionState>('chooseType');
    expect(voiceStep({ name: 'collection', person: PERSON, flow } as Screen)).toEqual({
      id: 'collection:chooseType',
      screen: 'collection',
      key: 'voice.collection.chooseType',
    });
  });

  it('reaches every prompt from some step (no audio is built for nothing)', () => {
    const reached = new Set<VoiceKey | null>([
      'voice.attract',
      'voice.reading',
      'voice.menu',
      'voice.paused',
      'voice.idle',
      'voice.goodbye',
      'voice.takeCard',
      'voice.cardLifted',
      'voice.done.invoiceOnly',
      'voice.done.certificateOnly',
      ...(['view', 'consent', 'authorized', 'revoked', 'certPreview', 'certPrinting', 'certPrinted'] as const).map((name) =>
        creditVoice({ name } as CreditState),
      ),
      ...Object.values(COLLECTION),
      ...Object.values(ISSUANCE),
      ...Object.values(CERTIFICATE),
      ...Object.values(COLLECTION_REFUSALS),
      ...Object.values(ISSUANCE_REFUSALS),
      ...Object.values(CERTIFICATE_REFUSALS),
      ...Object.values(REJECTIONS),
    ]);
    expect(VOICE_KEYS.filter((key) => !reached.has(key))).toEqual([]);
  });
});

describe('when to speak', () => {
  const at = (step: VoiceStep, more: Partial<VoiceSnapshot> = {}): VoiceSnapshot => ({ step, lang: 'zh-CN', muted: false, enabled: true, ...more });
  const attract = voiceStep({ name: 'attract', notice: null });
  const menu = voiceStep({ name: 'active', person: PERSON });
  const loading = voiceStep({ name: 'collection', person: PERSON, flow: sample<CollectionState>('loadingTaxpayers') } as Screen);
  const typing = voiceStep({ name: 'collection', person: PERSON, flow: sample<CollectionState>('pickup') } as Screen);

  it('speaks once per step, not on every render', () => {
    expect(voiceAction(null, at(attract))).toEqual({ kind: 'play', key: 'voice.attract' });
    expect(voiceAction(at(attract), at(attract))).toEqual({ kind: 'none' });
    expect(voiceAction(at(typing), at({ ...typing }))).toEqual({ kind: 'none' });
    // A step with nothing to say lets the last prompt finish.
    expect(voiceAction(at(menu), at(loading))).toEqual({ kind: 'none' });
  });

  it('repeats the step in the new language after a switch', () => {
    expect(voiceAction(at(menu), at(menu, { lang: 'en' }))).toEqual({ kind: 'play', key: 'voice.menu' });
  });

  it('stops at mute, stays quiet while muted, and speaks the step again when unmuted', () => {
    expect(voiceAction(at(menu), at(menu, { muted: true }))).toEqual({ kind: 'stop' });
    expect(voiceAction(at(menu, { muted: true }), at(typing, { muted: true }))).toEqual({ kind: 'none' });
    expect(voiceAction(at(typing, { muted: true }), at(typing))).toEqual({ kind: 'play', key: 'voice.collection.pickup' });
  });

  it('says goodbye when a visit ends, unless the visit was muted', () => {
    expect(voiceAction(at(typing), at(attract))).toEqual({ kind: 'play', key: 'voice.goodbye' });
    // The reset at the end of a visit unmutes for the next person: the muted visit still leaves quietly.
    expect(voiceAction(at(typing, { muted: true }), at(attract))).toEqual({ kind: 'none' });
    const rejected = voiceStep({ name: 'rejected', rejection: 'expired' });
    expect(voiceAction(at(rejected), at(attract))).toEqual({ kind: 'play', key: 'voice.attract' });
  });

  it('a visit left with its card on the reader asks for the card instead of goodbye; a lift mid-visit says the visit ended', () => {
    const cardLeft = voiceStep({ name: 'attract', notice: null, card: 'left' });
    const lifted = voiceStep({ name: 'attract', notice: null, card: 'lifted' });
    expect(cardLeft.key).toBe('voice.takeCard');
    expect(lifted.key).toBe('voice.cardLifted');
    expect(voiceAction(at(typing), at(cardLeft))).toEqual({ kind: 'play', key: 'voice.takeCard' });
    expect(voiceAction(at(menu), at(lifted))).toEqual({ kind: 'play', key: 'voice.cardLifted' });
    // The card taken: the ordinary invitation.
    expect(voiceAction(at(cardLeft), at(attract))).toEqual({ kind: 'play', key: 'voice.attract' });
    expect(voiceAction(at(typing, { muted: true }), at(cardLeft))).toEqual({ kind: 'none' });
  });

  it('never speaks when the config turns voice off (or before it is known)', () => {
    expect(voiceAction(null, at(attract, { enabled: false }))).toEqual({ kind: 'none' });
    expect(voiceAction(at(attract), at(menu, { enabled: false }))).toEqual({ kind: 'stop' });
    expect(voiceAction(at(attract, { enabled: false }), at(attract))).toEqual({ kind: 'play', key: 'voice.attract' });
  });

  it('asks "are you still there?" when the countdown starts', () => {
    const idle = { deadline: 100_000, warnMs: 15_000 };
    expect(idlePromptDelay('active', idle, 80_000)).toBe(5_000);
    expect(idlePromptDelay('active', idle, 90_000)).toBe(0);
    expect(idlePromptDelay('active', idle, 100_000)).toBeNull();
    expect(idlePromptDelay('idle', idle, 80_000)).toBeNull();
    expect(idlePromptDelay('active', null, 80_000)).toBeNull();
  });
});

describe('voice player', () => {
  function fakeAudio(fail = false) {
    const log: string[] = [];
    const audio = {
      src: '',
      volume: 1,
      preload: '',
      pause: () => log.push('pause'),
      play: () => {
        log.push(`play ${audio.src} @${audio.volume}`);
        return fail ? Promise.reject(new Error('NotAllowedError')) : Promise.resolve();
      },
    };
    return { audio, log, make: () => audio as unknown as HTMLAudioElement };
  }

  it('plays one prompt at a time through one element, at the configured volume', () => {
    const { log, make } = fakeAudio();
    let made = 0;
    const player = createVoicePlayer(() => (made++, make()));
    player.play('voice/zh-CN/attract.wav', 0.5);
    player.play('voice/zh-CN/reading.wav', 7);
    player.stop();
    expect(made).toBe(1);
    expect(log).toEqual(['pause', 'play voice/zh-CN/attract.wav @0.5', 'pause', 'play voice/zh-CN/reading.wav @1', 'pause']);
  });

  it('swallows a refused play (the screen still says it in words)', async () => {
    const { log, make } = fakeAudio(true);
    createVoicePlayer(make).play('voice/en/attract.wav', 0.8);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['pause', 'play voice/en/attract.wav @0.8']);
  });
});

describe('voice settings', () => {
  it('reads enabled and volume from the local config, with defaults', () => {
    expect(LocalConfig.parse({}).voice).toEqual({ enabled: true, volume: DEFAULT_VOICE_VOLUME });
    expect(LocalConfig.parse({ voice: { volume: 0.3 } }).voice).toEqual({ enabled: true, volume: 0.3 });
    expect(LocalConfig.safeParse({ voice: { volume: 1.5 } }).success).toBe(false);
    expect(LocalConfig.safeParse({ voice: { loud: true } }).success).toBe(false);
  });

  it('keeps quiet until app.info says voice is on, and unmutes at the end of a visit', () => {
    const store = createKioskStore();
    expect(selectVoiceEnabled(store.getState())).toBe(false);
    store
      .getState()
      .setInfo({ version: '1', shell: 'electron', defaultLang: 'zh-CN', simulators: false, kioskId: 'K1', voice: { enabled: true, volume: 0.4 } });
    expect(selectVoiceEnabled(store.getState())).toBe(true);
    expect(selectVoiceVolume(store.getState())).toBe(0.4);
    store.getState().toggleMuted();
    expect(store.getState().muted).toBe(true);
    store.getState().reset();
    expect(store.getState().muted).toBe(false);
    store
      .getState()
      .setInfo({ version: '1', shell: 'electron', defaultLang: 'zh-CN', simulators: false, kioskId: 'K1', voice: { enabled: false, volume: 0.4 } });
    expect(selectVoiceEnabled(store.getState())).toBe(false);
  });

  it('lets both shells play a prompt without a tap first', () => {
    expect(kioskWindowOptions({ preloadPath: '/x/preload.cjs', dev: false }).webPreferences.autoplayPolicy).toBe('no-user-gesture-required');
    expect(chromiumArgs('file:///tmp/boot.html', '/tmp/p', false)).toContain('--autoplay-policy=no-user-gesture-required');
  });
});
