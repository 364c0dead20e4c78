import { SERVICE_IDS, serviceAvailability, type ServiceAvailability, type ServiceId } from '../../../shared/domain/service-availability';
import { DEFAULT_VOICE_VOLUME } from '../../../shared/i18n/voice-prompts';
import type { Printers } from './devices-slice';
import type { KioskState } from './types';

/** Components read the store only through these. */
export const selectSession = (s: KioskState) => s.session;
export const selectSessionState = (s: KioskState) => s.session.state;
export const selectPerson = (s: KioskState) => s.session.person;
export const selectIdle = (s: KioskState) => s.session.idle;
/** The card was lifted while a payment holds the visit. */
export const selectCardAway = (s: KioskState) => s.session.state === 'active' && s.session.cardAway === true;
export const selectReader = (s: KioskState) => s.reader;
export const selectPrinters = (s: KioskState) => s.printers;
export const selectHost = (s: KioskState) => s.host;
export const selectLang = (s: KioskState) => s.lang;
export const selectElderly = (s: KioskState) => s.elderly;
export const selectMuted = (s: KioskState) => s.muted;
/** Voice prompts are off until `app.info` says they are on (a quiet kiosk never says a word). */
export const selectVoiceEnabled = (s: KioskState) => s.info !== null && (s.info.voice?.enabled ?? true);
export const selectVoiceVolume = (s: KioskState) => s.info?.voice?.volume ?? DEFAULT_VOICE_VOLUME;
export const selectKioskId = (s: KioskState) => s.info?.kioskId ?? null;
export const selectSimulators = (s: KioskState) => s.info?.simulators === true;
export const selectSimOpen = (s: KioskState) => s.simOpen;
export const selectSimProfiles = (s: KioskState) => s.simProfiles;
export const selectNotice = (s: KioskState) => s.notice;
export const selectCollection = (s: KioskState) => s.collection;
export const selectCertificate = (s: KioskState) => s.certificate;
export const selectCredit = (s: KioskState) => s.credit;
export const selectIssuance = (s: KioskState) => s.issuance;
/** Services the administrators' config has on (a switched-off one's tile is not offered). */
export const selectServicesOn = (s: KioskState) => s.servicesOn;
export const selectTexts = (s: KioskState) => s.texts;
export const selectTimeZone = (s: KioskState) => s.timeZone;

export type Availability = Readonly<Record<ServiceId, ServiceAvailability>>;

/**
 * `printers` is replaced as a whole on every change, so caching by its
 * reference gives React a stable answer (no re-render loop in useStore).
 */
const availabilityCache = new WeakMap<Printers, Availability>();

export function availabilityOf(printers: Printers): Availability {
  let cached = availabilityCache.get(printers);
  if (cached === undefined) {
    const entries = SERVICE_IDS.map((service) => [service, serviceAvailability(service, printers)] as const);
    cached = Object.fromEntries(entries) as Record<ServiceId, ServiceAvailability>;
    availabilityCache.set(printers, cached);
  }
  return cached;
}

/** Every service's availability (stable while the printers do not change). */
export const selectAvailability = (s: KioskState): Availability => availabilityOf(s.printers);

/** One service's availability: off while a printer it needs cannot print (or is not known yet). */
export const selectServiceAvailability =
  (service: ServiceId) =>
  (s: KioskState): ServiceAvailability =>
    availabilityOf(s.printers)[service];
