import { describe, expect, it } from 'vitest';
import { checkSender, isAppUrl, type FrameLike } from '../../../electron/shell-electron/sender-check';

const main: FrameLike = { url: 'app://kiosk/index.html', processId: 7, routingId: 1, parent: null };

describe('isAppUrl', () => {
  it.each(['app://kiosk/', 'app://kiosk/index.html', 'app://kiosk/assets/x.js?v=1#top'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });
  it.each([
    'https://kiosk/',
    'http://localhost:5173/',
    'file:///opt/TaxKiosk/index.html',
    'app://evil/index.html',
    'app://kiosk.evil.com/',
    'app://kiosk:8080/',
    'app://user@kiosk/',
    'app://user:pw@kiosk/',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('checkSender', () => {
  it('accepts the main frame of the kiosk window on the app origin', () => {
    expect(checkSender({ ...main }, main)).toEqual({ ok: true });
  });

  it('refuses a missing frame', () => {
    expect(checkSender(null, main).ok).toBe(false);
    expect(checkSender(undefined, main).ok).toBe(false);
  });

  it('refuses when there is no kiosk window', () => {
    expect(checkSender(main, null).ok).toBe(false);
  });

  it('refuses a subframe, even on the app origin', () => {
    const sub: FrameLike = { url: 'app://kiosk/frame.html', processId: 7, routingId: 5, parent: main };
    const verdict = checkSender(sub, main);
    expect(verdict).toEqual({ ok: false, reason: 'sender is a subframe' });
  });

  it('refuses a frame of another window or process', () => {
    expect(checkSender({ ...main, processId: 8 }, main).ok).toBe(false);
    expect(checkSender({ ...main, routingId: 2 }, main).ok).toBe(false);
  });

  it('refuses the main frame once it shows a foreign origin', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'about:blank']) {
      const verdict = checkSender({ ...main, url }, main);
      expect(verdict).toEqual({ ok: false, reason: 'sender is not on the app origin' });
    }
  });
});
