import { describe, expect, it } from 'vitest';
import { SessionState, IDLE_SESSION, type SessionView } from '../../../shared/contract/session';
import { CardRejection } from '../../../shared/domain/idcard';
import { DeviceState, type CardReaderStatus } from '../../../shared/domain/device-status';
import { attractNotice, deriveIdleWarning, deriveScreen, readerStateKey, rejectionKeys, touchCounts, type ScreenName } from '../../../renderer/src/flow/visit';
import { translate } from '../../../shared/i18n';

const person = { cardType: 'resident', maskedName: '张*三', maskedId: '110105********002X', sex: 'male' } as const;
const reader = (device: CardReaderStatus['device']): CardReaderStatus => ({ device, media: 'notPresent', port: null, model: null, detail: null });

function view(state: SessionView['state']): SessionView {
  switch (state) {
    case 'idle':
      return IDLE_SESSION;
    case 'reading':
      return { ...IDLE_SESSION, state, sessionId: 's1' };
    case 'cardRejected':
      return { ...IDLE_SESSION, state, sessionId: 's1', rejection: 'expired' };
    case 'active':
      return { ...IDLE_SESSION, state, sessionId: 's1', person, idle: { deadline: 100_000, warnMs: 15_000 } };
  }
}

describe('visit state machine', () => {
  const expected: Record<SessionView['state'], ScreenName> = {
    idle: 'attract',
    reading: 'reading',
    cardRejected: 'rejected',
    active: 'active',
  };

  it.each(SessionState.options)('maps session state %s to its screen', (state) => {
    const screen = deriveScreen({ session: view(state), reader: reader('online'), host: 'open' });
    expect(screen.name).toBe(expected[state]);
  });

  it('carries the masked person into the active screen only', () => {
    const screen = deriveScreen({ session: view('active'), reader: reader('online'), host: 'open' });
    expect(screen).toEqual({ name: 'active', person });
  });

  it('never shows an active screen without a person', () => {
    const session: SessionView = { ...view('active'), person: null };
    expect(deriveScreen({ session, reader: reader('online'), host: 'open' }).name).toBe('attract');
  });

  it('treats a refusal without a reason as a failed read', () => {
    const session: SessionView = { ...view('cardRejected'), rejection: null };
    expect(deriveScreen({ session, reader: null, host: 'open' })).toEqual({ name: 'rejected', rejection: 'readFailed' });
  });

  it.each(CardRejection.options)('has a message and a next step for refusal %s', (rejection) => {
    const keys = rejectionKeys(rejection);
    expect(translate('zh-CN', keys.message)).not.toBe('');
    expect(translate('zh-CN', keys.next)).not.toBe('');
  });

  it('uses the spec wording for refusals', () => {
    expect(translate('zh-CN', rejectionKeys('expired').message)).toContain('您的身份证已过期');
    expect(translate('zh-CN', rejectionKeys('badCheckCharacter').message)).toContain('无法识别此证件');
    expect(translate('zh-CN', rejectionKeys('birthDateMismatch').message)).toContain('无法识别此证件');
    expect(translate('zh-CN', rejectionKeys('readFailed').message)).toBe('读卡未成功，请将身份证平放在读卡区重新读取');
  });

  it.each(DeviceState.options)('says in words what reader state %s means', (device) => {
    expect(translate('zh-CN', readerStateKey(reader(device)))).not.toBe('');
    const notice = attractNotice(reader(device), 'open');
    if (device === 'online') expect(notice).toBeNull();
    else expect(notice).not.toBeNull();
  });

  it('names the offline reader and the lost host on the attract screen', () => {
    expect(translate('zh-CN', attractNotice(reader('offline'), 'open') ?? 'app.title')).toBe('读卡器未连接，请联系工作人员');
    expect(attractNotice(reader('online'), 'closed')).toBe('attract.notice.hostOffline');
    expect(attractNotice(null, 'open')).toBe('attract.notice.unknown');
  });

  it('shows the countdown only inside the warning window', () => {
    const idle = { deadline: 100_000, warnMs: 15_000 };
    expect(deriveIdleWarning('active', idle, 84_999)).toBeNull();
    expect(deriveIdleWarning('active', idle, 85_000)).toEqual({ secondsLeft: 15, fraction: 1 });
    expect(deriveIdleWarning('active', idle, 99_001)?.secondsLeft).toBe(1);
    expect(deriveIdleWarning('active', idle, 120_000)).toEqual({ secondsLeft: 0, fraction: 0 });
    expect(deriveIdleWarning('idle', idle, 99_000)).toBeNull();
    expect(deriveIdleWarning('active', null, 99_000)).toBeNull();
  });

  it('counts touches only while a person is served', () => {
    expect(SessionState.options.filter(touchCounts)).toEqual(['active']);
  });
});
