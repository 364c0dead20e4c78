import { z } from 'zod';
import { CardRejection, CardType } from '../domain/idcard';

/**
 * What the renderer may know about a visit. Only masked personal data ever
 * crosses the contract: the full card stays in the host.
 */
export const SessionState = z.enum([
  'idle', // attract screen, no card
  'reading', // card found, reading it
  'active', // a person is identified
  'cardRejected', // a card was read but refused (expired, bad number...)
]);
export type SessionState = z.infer<typeof SessionState>;

export const PersonView = z.object({
  cardType: CardType,
  maskedName: z.string(),
  /** A foreigner's card also carries the name in Latin letters ("SAMPLE, TESTER ONE"): masked the same way, for English screens. */
  maskedLatinName: z.string().optional(),
  maskedId: z.string(),
  sex: z.enum(['male', 'female', 'unknown']),
});
export type PersonView = z.infer<typeof PersonView>;

export const IdleView = z.object({
  /** Epoch ms at which the session ends without a touch. */
  deadline: z.number().int(),
  /** How long before the deadline the countdown is shown. */
  warnMs: z.number().int().positive(),
});
export type IdleView = z.infer<typeof IdleView>;

export const SessionView = z.object({
  state: SessionState,
  /** Opaque id of the visit; changes with every card. */
  sessionId: z.string().nullable(),
  person: PersonView.nullable(),
  rejection: CardRejection.nullable(),
  idle: IdleView.nullable(),
  /**
   * The card was lifted while a payment holds the visit (docs/certificate.md
   * "Payment safety"): the visit stays on screen ("缴款中，请勿离开") until the
   * payment ends at its invoice, a staff notice, or the idle time. Absent = false.
   */
  cardAway: z.boolean().optional(),
  /**
   * Idle, but a card still lies on the reader (the visit ended by Exit or the
   * idle time, or a refused card's message is over): the attract screen asks
   * the person to take it until it is lifted. Absent = false.
   */
  cardLeft: z.boolean().optional(),
  /** Idle for a few seconds after a visit ended because its card was lifted: the attract screen says so. Absent = false. */
  cardLifted: z.boolean().optional(),
});
export type SessionView = z.infer<typeof SessionView>;

/** `diagnostics`: a technician opened diagnostics mode, which ends any visit first. */
export const SessionEndReason = z.enum(['cardRemoved', 'idleTimeout', 'userExit', 'deviceLost', 'diagnostics']);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

export const IDLE_SESSION: SessionView = {
  state: 'idle',
  sessionId: null,
  person: null,
  rejection: null,
  idle: null,
};
