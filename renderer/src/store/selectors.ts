import type { KioskState } from './types';

/** Components read the store only through these. */
export const selectSession = (s: KioskState) => s.session;
export const selectSessionState = (s: KioskState) => s.session.state;
export const selectPerson = (s: KioskState) => s.session.person;
export const selectIdle = (s: KioskState) => s.session.idle;
export const selectReader = (s: KioskState) => s.reader;
export const selectHost = (s: KioskState) => s.host;
export const selectLang = (s: KioskState) => s.lang;
export const selectKioskId = (s: KioskState) => s.info?.kioskId ?? null;
export const selectSimulators = (s: KioskState) => s.info?.simulators === true;
export const selectSimOpen = (s: KioskState) => s.simOpen;
export const selectSimProfiles = (s: KioskState) => s.simProfiles;
export const selectNotice = (s: KioskState) => s.notice;
