import { z } from 'zod';
import { CardReaderStatus, PrinterStatus } from '../domain/device-status';
import { SessionView } from './session';
import { Lang } from '../i18n/lang';
import { VoiceConfig } from '../config/local-config';
import { collectionMethods } from './services/collection';
import { issuanceMethods } from './services/issuance';
import { certificateMethods } from './services/certificate';
import { diagnosticsMethods } from './services/diagnostics';
import { configMethods } from './services/config';
import { simulatorMethods } from './services/simulator';
import { publicInfoMethods } from './services/public-info';
import { creditMethods } from './services/credit';

export { simulatorMethods };

const Empty = z.object({}).strict();

/**
 * The kiosk channel: every method every kiosk answers, a request schema and
 * a result schema each. Add a method here, then its handler in
 * `electron/host/handlers.ts`; the router and both shells pick it up. See
 * `shared/contract/README.md`.
 */
export const kioskMethods = {
  'app.info': {
    request: Empty,
    result: z.object({
      version: z.string(),
      shell: z.enum(['electron', 'chromium']),
      defaultLang: Lang,
      simulators: z.boolean(),
      kioskId: z.string(),
      /** Elderly mode at the start of every visit (the kiosk's default; a visit's end goes back to it). Absent = off. */
      elderlyDefault: z.boolean().optional(),
      /** Voice prompts from the kiosk's config. Absent = on, at the default volume. */
      voice: VoiceConfig.optional(),
    }),
  },
  'session.get': { request: Empty, result: SessionView },
  /** Any touch on the screen: pushes the idle deadline out. */
  'session.touch': { request: Empty, result: SessionView },
  /** The taxpayer pressed Exit. */
  'session.end': { request: Empty, result: SessionView },
  /** Elderly mode (长辈模式) on or off for this visit: the host gives the visit its longer idle timeout. */
  'session.setElderly': { request: z.object({ elderly: z.boolean() }).strict(), result: SessionView },
  'devices.status': {
    request: Empty,
    result: z.object({ idcard: CardReaderStatus, receipt: PrinterStatus, invoice: PrinterStatus, a4: PrinterStatus }),
  },
  ...collectionMethods,
  ...issuanceMethods,
  ...certificateMethods,
  ...diagnosticsMethods,
  ...configMethods,
  ...publicInfoMethods,
  ...creditMethods,
} as const;

/**
 * Every method a client may name: the kiosk channel, and the simulator
 * channel that only a kiosk in simulator mode registers (elsewhere a `sim.*`
 * call is `unknownMethod`: the method does not exist there).
 */
export const methods = { ...kioskMethods, ...simulatorMethods } as const;

export type Methods = typeof methods;
export type KioskMethodName = keyof typeof kioskMethods;
export type SimulatorMethodName = keyof typeof simulatorMethods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;
