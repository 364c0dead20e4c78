import { ulid } from 'ulid';
import { assertNever } from '../../../shared/assert-never';
import type { CardEvent } from '../../../devices/idcard/reader-types';
import type { IdCard, CardRejection } from '../../../shared/domain/idcard';
import { rejectionFor } from '../../../shared/domain/card-checks';
import { maskIdNumber, maskName } from '../../../shared/domain/pii';
import { IDLE_SESSION, type SessionEndReason, type SessionView } from '../../../shared/contract/session';
import type { LocalConfig } from '../../../shared/config/local-config';
import type { Logger } from '../logger';

export interface SessionServiceDeps {
  config: () => LocalConfig['session'];
  log: Logger;
  onChange: (view: SessionView) => void;
  onStarted?: (id: string, card: IdCard) => void;
  onEnded?: (id: string, reason: SessionEndReason) => void;
  /** A card refused (expired, unreadable...): its type when it was read, null when it could not be. */
  onRejected?: (rejection: CardRejection, cardType: string | null) => void;
  now?: () => number;
}

/** How long the attract screen says a visit ended because its card was lifted. */
export const CARD_LIFTED_NOTICE_MS = 8_000;

type Internal =
  /** `liftedUntil`: the last visit ended with its card lifted; the attract screen says so until then. */
  | { state: 'idle'; liftedUntil?: number }
  | { state: 'reading' }
  | { state: 'cardRejected'; rejection: CardRejection; deadline: number }
  | {
      state: 'active';
      id: string;
      card: IdCard;
      deadline: number;
      elderly: boolean;
      /** The card was lifted while held: the visit goes on until the holds end. */
      cardAway: boolean;
      /** Who keeps the visit (a transaction id) → until when (epoch ms). */
      holds: Readonly<Record<string, number>>;
    };

/**
 * A taxpayer's visit: from the card on the reader to the card lifted, Exit,
 * or the idle deadline. The full card lives only here, and only while the
 * visit lasts; the renderer gets masked fields.
 */
export class SessionService {
  private current: Internal = { state: 'idle' };
  /** A card lies on the reader (from the reader's events: found or read, until removed). */
  private cardOnReader = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: SessionServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  view(): SessionView {
    const c = this.current;
    switch (c.state) {
      case 'idle':
        // Never both: a lifted card is not on the reader.
        if (this.cardOnReader) return { ...IDLE_SESSION, cardLeft: true };
        return c.liftedUntil !== undefined ? { ...IDLE_SESSION, cardLifted: true } : IDLE_SESSION;
      case 'reading':
        return { ...IDLE_SESSION, state: 'reading' };
      case 'cardRejected':
        return { ...IDLE_SESSION, state: 'cardRejected', rejection: c.rejection };
      case 'active':
        return {
          state: 'active',
          sessionId: c.id,
          person: {
            cardType: c.card.cardType,
            maskedName: maskName(c.card.name || ('englishName' in c.card ? c.card.englishName : '')),
            ...('englishName' in c.card && c.card.englishName.trim() !== '' ? { maskedLatinName: maskName(c.card.englishName) } : {}),
            maskedId: maskIdNumber(c.card.idNumber),
            sex: c.card.sex,
          },
          rejection: null,
          idle: { deadline: c.deadline, warnMs: this.deps.config().idleWarnMs },
          cardAway: c.cardAway,
        };
      default:
        return assertNever(c);
    }
  }

  /** The full card of the active visit, for services that need it (never sent to the renderer). */
  activeCard(): IdCard | null {
    return this.current.state === 'active' ? this.current.card : null;
  }

  handleCardEvent(event: CardEvent): void {
    this.cardOnReader = event.type !== 'cardRemoved';
    switch (event.type) {
      case 'cardFound':
        if (this.current.state === 'idle' || this.current.state === 'cardRejected') this.set({ state: 'reading' });
        return;
      case 'cardRead': {
        if (this.current.state === 'active') {
          // Same card re-detected: keep the visit. Put back after a lift during a payment: no longer away.
          // Another card while the visit is held: ignored, the visit stays its holder's.
          if (this.current.cardAway && event.card.idNumber === this.current.card.idNumber) this.set({ ...this.current, cardAway: false });
          return;
        }
        const rejection = rejectionFor(event.checks);
        if (rejection) {
          this.deps.log.info({ event: 'card.rejected', rejection, cardType: event.card.cardType }, 'card refused');
          this.reject(rejection, event.card.cardType);
          return;
        }
        const id = ulid();
        const elderly = this.deps.config().elderlyByDefault;
        this.set({ state: 'active', id, card: event.card, elderly, deadline: this.now() + this.idleTimeout(elderly), cardAway: false, holds: {} });
        this.deps.log.info({ event: 'session.start', sessionId: id, cardType: event.card.cardType }, 'visit started');
        this.deps.onStarted?.(id, event.card);
        return;
      }
      case 'readFailed':
        this.deps.log.warn({ event: 'card.readFailed', code: event.code, detail: event.detail }, 'card read failed');
        if (this.current.state !== 'active') this.reject('readFailed', null);
        return;
      case 'cardRemoved':
        if (this.current.state === 'active' && this.held(this.current)) {
          // A payment is under way: lifting the card must not hide it (the money would go through unseen).
          this.deps.log.info({ event: 'session.cardAway', sessionId: this.current.id }, 'card lifted during a payment: the visit stays');
          this.set({ ...this.current, cardAway: true });
        } else if (this.current.state === 'active') this.end('cardRemoved');
        // Idle with the card left behind: it is gone now, the usual attract screen.
        else this.set({ state: 'idle' });
        return;
      default:
        assertNever(event);
    }
  }

  /** A touch on the screen: pushes the idle deadline out. */
  touch(): SessionView {
    if (this.current.state === 'active') {
      this.set({ ...this.current, deadline: this.deadlineFor(this.current, this.current.elderly) });
    }
    return this.view();
  }

  /**
   * A payment keeps the visit until `until` (epoch ms) or `release(key)`:
   * lifting the card does not end it (cardAway instead) and the idle
   * deadline is not before `until`. Ignored without an active visit; a new
   * hold under the same key replaces the old one.
   */
  hold(key: string, until: number): void {
    const c = this.current;
    if (c.state !== 'active') return;
    const next = { ...c, holds: { ...c.holds, [key]: until } };
    this.set({ ...next, deadline: Math.max(c.deadline, this.deadlineFor(next, c.elderly)) });
  }

  /**
   * The payment is over (its invoice, a staff notice, cancelled or expired).
   * With the card away the visit is not cut short: what the screen says now
   * stays for the idle time, then the visit ends.
   */
  release(key: string): void {
    const c = this.current;
    if (c.state !== 'active' || !(key in c.holds)) return;
    const holds = Object.fromEntries(Object.entries(c.holds).filter(([k]) => k !== key));
    const next = { ...c, holds };
    this.set({ ...next, deadline: this.deadlineFor(next, c.elderly) });
  }

  /** Now plus the idle timeout, never before a hold still running. */
  private deadlineFor(c: Extract<Internal, { state: 'active' }>, elderly: boolean): number {
    return Math.max(this.now() + this.idleTimeout(elderly), ...Object.values(c.holds));
  }

  private held(c: Extract<Internal, { state: 'active' }>): boolean {
    const now = this.now();
    return Object.values(c.holds).some((until) => until > now);
  }

  /**
   * Elderly mode on or off for the active visit: it keeps the longer idle
   * timeout until the visit ends (the next visit starts at the kiosk default).
   * Counts as a touch. Ignored without an active visit.
   */
  setElderly(elderly: boolean): SessionView {
    if (this.current.state === 'active') {
      this.set({ ...this.current, elderly, deadline: this.deadlineFor(this.current, elderly) });
    }
    return this.view();
  }

  private idleTimeout(elderly: boolean): number {
    const config = this.deps.config();
    // Never shorter than the normal timeout, whatever the config says.
    return elderly ? Math.max(config.elderlyIdleTimeoutMs, config.idleTimeoutMs) : config.idleTimeoutMs;
  }

  /** Ends the visit and forgets the person. Idempotent. */
  end(reason: SessionEndReason): SessionView {
    const c = this.current;
    if (c.state === 'active') {
      this.deps.log.info({ event: 'session.end', sessionId: c.id, reason }, 'visit ended');
      this.deps.onEnded?.(c.id, reason);
    }
    // A lost reader knows of no card; a lifted one leaves a word for a few seconds.
    if (reason === 'deviceLost') this.cardOnReader = false;
    this.set(c.state === 'active' && reason === 'cardRemoved' ? { state: 'idle', liftedUntil: this.now() + CARD_LIFTED_NOTICE_MS } : { state: 'idle' });
    return this.view();
  }

  dispose(): void {
    this.clearTimer();
    this.current = { state: 'idle' };
  }

  private reject(rejection: CardRejection, cardType: string | null): void {
    this.set({ state: 'cardRejected', rejection, deadline: this.now() + this.deps.config().rejectedDisplayMs });
    this.deps.onRejected?.(rejection, cardType);
  }

  private set(next: Internal): void {
    // Replacing the object drops the only reference to the card when the visit ends.
    this.current = next;
    this.schedule();
    this.deps.onChange(this.view());
  }

  private schedule(): void {
    this.clearTimer();
    const c = this.current;
    if (c.state === 'idle' && c.liftedUntil === undefined) return;
    if (c.state === 'reading') return;
    const delay = Math.max(0, (c.state === 'idle' ? (c.liftedUntil ?? 0) : c.deadline) - this.now());
    this.timer = setTimeout(() => this.onDeadline(), delay);
    this.timer.unref?.();
  }

  private onDeadline(): void {
    this.timer = null;
    const c = this.current;
    if (c.state === 'active') {
      // A touch may have moved the deadline since the timer was set.
      if (this.now() < c.deadline) return this.schedule();
      this.end('idleTimeout');
    } else if (c.state === 'cardRejected' || (c.state === 'idle' && c.liftedUntil !== undefined)) {
      this.set({ state: 'idle' });
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
