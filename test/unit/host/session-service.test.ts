import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionService } from '../../../electron/host/session/session-service';
import { silentLogger } from '../../../electron/host/logger';
import type { SessionView } from '../../../shared/contract/session';
import type { CardChecks, IdCard } from '../../../shared/domain/idcard';
import { profileCard } from '../../../devices/simulators/idcard/profiles';

const card: IdCard = {
  cardType: 'resident',
  name: '张三丰',
  sex: 'male',
  nation: { code: '01', name: '汉' },
  birthDate: '1949-12-31',
  address: '北京市东城区某某路1号',
  idNumber: '11010519491231002X',
  issuer: '北京市公安局东城分局',
  validFrom: '2020-01-01',
  validTo: null,
};
const good: CardChecks = { checkCharacter: 'pass', birthDateMatchesNumber: 'pass', notExpired: 'pass' };
const config = { idleTimeoutMs: 90_000, idleWarnMs: 15_000, rejectedDisplayMs: 10_000, elderlyIdleTimeoutMs: 180_000, elderlyByDefault: false };

describe('session service', () => {
  let views: SessionView[];
  let service: SessionService;
  const ended = vi.fn();

  beforeEach(() => {
    vi.useFakeTimers();
    views = [];
    ended.mockReset();
    service = new SessionService({ config: () => config, log: silentLogger(), onChange: (v) => views.push(v), onEnded: ended });
  });
  afterEach(() => {
    service.dispose();
    vi.useRealTimers();
  });

  it('shows reading, then greets with masked name and ID only', () => {
    service.handleCardEvent({ type: 'cardFound' });
    expect(service.view().state).toBe('reading');
    service.handleCardEvent({ type: 'cardRead', card, checks: good });
    const view = service.view();
    expect(view.state).toBe('active');
    expect(view.person).toEqual({ cardType: 'resident', maskedName: '张*丰', maskedId: '110105********002X', sex: 'male' });
    expect(JSON.stringify(views)).not.toContain('11010519491231002X');
    expect(JSON.stringify(views)).not.toContain('张三丰');
    expect(service.activeCard()?.idNumber).toBe('11010519491231002X');
  });

  it("a foreigner's card: the Latin name too, masked the same way, for English screens (issue 15)", () => {
    const foreign = profileCard('foreign-2017');
    service.handleCardEvent({ type: 'cardRead', card: foreign, checks: good });
    const person = service.view().person;
    expect(person?.maskedLatinName).toBe('S****** T***** O**');
    expect(JSON.stringify(service.view())).not.toContain('SAMPLE');
  });

  it('ends the visit and forgets the card when the card is lifted', () => {
    service.handleCardEvent({ type: 'cardRead', card, checks: good });
    service.handleCardEvent({ type: 'cardRemoved' });
    expect(service.view()).toMatchObject({ state: 'idle', person: null, sessionId: null });
    expect(service.activeCard()).toBeNull();
    expect(ended).toHaveBeenCalledWith(expect.any(String), 'cardRemoved');
  });

  describe('while a payment holds the visit', () => {
    const other: IdCard = { ...card, name: '李四', idNumber: '110101199003070011' };

    it('a lifted card keeps the visit on screen, said as cardAway; the same card back clears it', () => {
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      const id = service.view().sessionId;
      service.hold('T1', Date.now() + 600_000);
      service.handleCardEvent({ type: 'cardRemoved' });
      expect(service.view()).toMatchObject({ state: 'active', sessionId: id, cardAway: true });
      expect(service.activeCard()?.idNumber).toBe(card.idNumber);
      expect(ended).not.toHaveBeenCalled();
      // Another card does not take over the visit.
      service.handleCardEvent({ type: 'cardRead', card: other, checks: good });
      expect(service.view()).toMatchObject({ sessionId: id, cardAway: true });
      expect(service.activeCard()?.idNumber).toBe(card.idNumber);
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      expect(service.view()).toMatchObject({ sessionId: id, cardAway: false });
      expect(JSON.stringify(views)).not.toContain(card.idNumber);
    });

    it('the idle countdown does not end the visit before the hold runs out', () => {
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      service.hold('T1', Date.now() + 600_000);
      service.handleCardEvent({ type: 'cardRemoved' });
      vi.advanceTimersByTime(590_000);
      expect(service.view().state).toBe('active');
      // The hold is the deadline: the countdown shows before it as before any other.
      expect(service.view().idle?.deadline).toBe(Date.now() + 10_000);
      vi.advanceTimersByTime(10_001);
      expect(service.view().state).toBe('idle');
      expect(ended).toHaveBeenCalledWith(expect.any(String), 'idleTimeout');
    });

    it('released with the card away: the result stays on screen for the idle time, then the visit ends', () => {
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      service.hold('T1', Date.now() + 600_000);
      service.handleCardEvent({ type: 'cardRemoved' });
      vi.advanceTimersByTime(30_000);
      service.release('T1');
      expect(service.view()).toMatchObject({ state: 'active', cardAway: true });
      vi.advanceTimersByTime(89_000);
      expect(service.view().state).toBe('active');
      vi.advanceTimersByTime(1_001);
      expect(service.view().state).toBe('idle');
      expect(service.activeCard()).toBeNull();
    });

    it('without a hold, or after the visit, nothing changes: a lift ends the visit; a hold without a visit is ignored', () => {
      service.hold('T0', Date.now() + 600_000);
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      expect(service.view().cardAway).toBe(false);
      service.handleCardEvent({ type: 'cardRemoved' });
      expect(service.view().state).toBe('idle');
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      service.hold('T1', Date.now() + 600_000);
      service.release('T1');
      service.handleCardEvent({ type: 'cardRemoved' });
      expect(service.view().state).toBe('idle');
    });
  });

  it('ends the visit after the idle timeout, and a touch pushes the deadline out', () => {
    service.handleCardEvent({ type: 'cardRead', card, checks: good });
    vi.advanceTimersByTime(80_000);
    service.touch();
    vi.advanceTimersByTime(80_000);
    expect(service.view().state).toBe('active');
    expect(service.view().idle?.warnMs).toBe(15_000);
    vi.advanceTimersByTime(10_001);
    expect(service.view().state).toBe('idle');
    expect(service.activeCard()).toBeNull();
    expect(ended).toHaveBeenCalledWith(expect.any(String), 'idleTimeout');
  });

  it('refuses an expired card with a reason and returns to idle after the display time', () => {
    service.handleCardEvent({ type: 'cardRead', card, checks: { ...good, notExpired: 'fail' } });
    expect(service.view()).toMatchObject({ state: 'cardRejected', rejection: 'expired', person: null });
    expect(service.activeCard()).toBeNull();
    vi.advanceTimersByTime(10_001);
    expect(service.view().state).toBe('idle');
  });

  it('reports a failed read (card lifted mid-read) as readFailed, never as a person', () => {
    service.handleCardEvent({ type: 'cardFound' });
    service.handleCardEvent({ type: 'readFailed', code: 'userError', detail: 'SW3 41' });
    expect(service.view()).toMatchObject({ state: 'cardRejected', rejection: 'readFailed', person: null });
    service.handleCardEvent({ type: 'cardRemoved' });
    expect(service.view().state).toBe('idle');
  });

  it('Exit ends the visit', () => {
    service.handleCardEvent({ type: 'cardRead', card, checks: good });
    expect(service.end('userExit').state).toBe('idle');
    expect(ended).toHaveBeenCalledWith(expect.any(String), 'userExit');
  });
  it('elderly mode gives the visit the longer idle timeout, touches keep it, and the next visit starts normal', () => {
    service.handleCardEvent({ type: 'cardRead', card, checks: good });
    expect(service.setElderly(true).idle?.deadline).toBe(Date.now() + 180_000);
    vi.advanceTimersByTime(170_000);
    expect(service.view().state).toBe('active');
    service.touch();
    expect(service.view().idle?.deadline).toBe(Date.now() + 180_000);
    vi.advanceTimersByTime(180_001);
    expect(service.view().state).toBe('idle');
    expect(ended).toHaveBeenCalledWith(expect.any(String), 'idleTimeout');
    service.handleCardEvent({ type: 'cardRead', card, checks: good });
    expect(service.view().idle?.deadline).toBe(Date.now() + 90_000);
  });

  it('elderly mode off again goes back to the normal timeout; without a visit it changes nothing', () => {
    expect(service.setElderly(true).state).toBe('idle');
    service.handleCardEvent({ type: 'cardRead', card, checks: good });
    expect(service.view().idle?.deadline).toBe(Date.now() + 90_000);
    service.setElderly(true);
    expect(service.setElderly(false).idle?.deadline).toBe(Date.now() + 90_000);
  });

  it('a kiosk whose default is elderly mode starts every visit with the longer timeout', () => {
    const elderlyKiosk = new SessionService({ config: () => ({ ...config, elderlyByDefault: true }), log: silentLogger(), onChange: () => undefined });
    elderlyKiosk.handleCardEvent({ type: 'cardRead', card, checks: good });
    expect(elderlyKiosk.view().idle?.deadline).toBe(Date.now() + 180_000);
    elderlyKiosk.dispose();
  });
  describe('the card left behind', () => {
    it('after Exit with the card still on the reader, the idle view says cardLeft until the card is lifted', () => {
      service.handleCardEvent({ type: 'cardFound' });
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      service.end('userExit');
      expect(service.view()).toMatchObject({ state: 'idle', person: null, cardLeft: true });
      expect(views.at(-1)?.cardLeft).toBe(true);
      service.handleCardEvent({ type: 'cardRemoved' });
      expect(service.view().state).toBe('idle');
      expect(service.view().cardLeft).toBeUndefined();
      expect(views.at(-1)?.cardLeft).toBeUndefined();
    });

    it('after the idle timeout with the card still on the reader, the same', () => {
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      vi.advanceTimersByTime(90_001);
      expect(service.view()).toMatchObject({ state: 'idle', cardLeft: true });
      service.handleCardEvent({ type: 'cardRemoved' });
      expect(service.view().cardLeft).toBeUndefined();
    });

    it('a refused card left on the reader after its message is a card to take away', () => {
      service.handleCardEvent({ type: 'cardRead', card, checks: { ...good, notExpired: 'fail' } });
      vi.advanceTimersByTime(10_001);
      expect(service.view()).toMatchObject({ state: 'idle', cardLeft: true });
    });

    it('a card lifted mid-visit says so (cardLifted) for a few seconds, then the plain attract screen', () => {
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      service.handleCardEvent({ type: 'cardRemoved' });
      expect(service.view()).toMatchObject({ state: 'idle', person: null, cardLifted: true });
      expect(service.view().cardLeft).toBeUndefined();
      vi.advanceTimersByTime(4_000);
      expect(service.view().cardLifted).toBe(true);
      vi.advanceTimersByTime(4_001);
      expect(service.view().cardLifted).toBeUndefined();
      expect(views.at(-1)?.cardLifted).toBeUndefined();
    });

    it('a new card during the lifted notice starts reading at once', () => {
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      service.handleCardEvent({ type: 'cardRemoved' });
      service.handleCardEvent({ type: 'cardFound' });
      expect(service.view().state).toBe('reading');
      expect(service.view().cardLifted).toBeUndefined();
    });

    it('a lost reader (deviceLost) does not claim a card is left', () => {
      service.handleCardEvent({ type: 'cardRead', card, checks: good });
      service.end('deviceLost');
      expect(service.view().cardLeft).toBeUndefined();
    });
  });
});
