import { describe, expect, it } from 'vitest';
import { describeReason, reasonOfDetail } from '../../../backend/console/alerts';
import { reasonText } from '../../../backend/console/page/src/views/Bits';
import type { Reason } from '../../../shared/fleet/health';
import { ConfigRefusalReason } from '../../../shared/config/config-bundle';
import { ApiErrorCode, CONFIG_REFUSAL_CODES, HaltCode, RefusalCode, refusalCodeOf, type HaltPart } from '../../../shared/fleet/console-codes';
import { consoleEn } from '../../../shared/i18n/console.en';
import { consoleZhCN, type ConsoleKey } from '../../../shared/i18n/console.zh-CN';
import { ApiFailure } from '../../../backend/console/page/src/api';
import { errorText, refusalText, rolloutHaltText } from '../../../backend/console/page/src/codes';
import { translator } from '../../../backend/console/page/src/i18n';

/**
 * Every machine code the console server sends has words in both console
 * catalogues, and the page puts them in words: no English from the server on
 * the Chinese page, save for a code it does not know.
 */
const CATALOGUES = { 'zh-CN': consoleZhCN as Record<string, string>, en: consoleEn as Record<string, string> };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const families: [string, readonly string[]][] = [
  ['apiError', ApiErrorCode.options],
  ['configRefusal', RefusalCode.options],
  ['halt', HaltCode.options],
];

describe('console machine codes in the catalogues', () => {
  for (const [family, codes] of families) {
    it(`every ${family} code has a zh-CN and an en entry with the same placeholders`, () => {
      for (const code of codes) {
        const key = `${family}.${code}`;
        for (const [lang, catalogue] of Object.entries(CATALOGUES)) expect(catalogue[key], `${lang} ${key}`).toBeTruthy();
        expect(placeholders(CATALOGUES['zh-CN'][key] ?? ''), key).toEqual(placeholders(CATALOGUES.en[key] ?? ''));
      }
    });
  }

  it('lists every refusal reason a kiosk has', () => {
    expect([...CONFIG_REFUSAL_CODES].sort()).toEqual([...ConfigRefusalReason.options].sort());
  });

  it('reads the refusal code at the start of a kiosk refusal text', () => {
    expect(refusalCodeOf('badSignature: no pinned key verifies it')).toBe('badSignature');
    expect(refusalCodeOf('expired')).toBe('expired');
    expect(refusalCodeOf('the disk is full')).toBe('other');
    expect(refusalCodeOf(null)).toBeNull();
  });
});

describe('the console page puts the codes in words', () => {
  const zh = translator(consoleZhCN);
  const en = translator(consoleEn as Record<ConsoleKey, string>);
  const halt: HaltPart[] = [
    { code: 'kioskRefused', wave: 1, waves: 4, kioskId: 'KIOSK-0002', reason: 'badSignature', detail: 'badSignature: no pinned key verifies it' },
    { code: 'tooManySilent', wave: 1, waves: 4, silent: 3, total: 20, afterSeconds: 600, limitPercent: 10, kioskIds: ['KIOSK-0005'] },
  ];

  it('a halt reason, in Chinese without the server English', () => {
    const text = rolloutHaltText(zh, { haltReason: 'wave 1 of 4: KIOSK-0002 refused: badSignature: …', haltDetail: halt });
    expect(text).toBe('第 1 批（共 4 批）：KIOSK-0002 拒绝：签名无效；3/20 台终端下发 600 秒后仍无回应（超过 10%）：KIOSK-0005');
    expect(rolloutHaltText(en, { haltReason: '', haltDetail: halt })).toBe(
      'wave 1 of 4: KIOSK-0002 refused: bad signature; 3 of 20 kiosks silent after 600 s (more than 10 %): KIOSK-0005',
    );
  });

  it('a halt reason stored before codes, and a kiosk reason without a known code, as the text itself', () => {
    expect(rolloutHaltText(zh, { haltReason: 'old text', haltDetail: [{ code: 'other', text: 'old text' }] })).toBe('old text');
    expect(rolloutHaltText(zh, { haltReason: 'from an older server' })).toBe('from an older server');
    expect(refusalText(zh, 'other', 'the disk is full')).toBe('the disk is full');
    expect(refusalText(zh, 'rollback', 'rollback: v3 < v4')).toBe('版本低于正在使用的版本（回退）');
  });

  it('an API error by its code; the English only for a code the page does not know', () => {
    expect(errorText(zh, new ApiFailure(403, 'needs the admin role (you are viewer)', 'forbidden', { role: 'admin' }))).toBe('此操作需要“管理员”权限。');
    expect(errorText(zh, new ApiFailure(429, 'too many failed logins: try again in 30 s', 'throttled', { seconds: 30 }))).toBe(
      '尝试次数过多，请 30 秒后再试。',
    );
    expect(errorText(zh, new ApiFailure(400, 'the bundle does not verify: expired: …', 'bundleUnverified', { reason: 'expired', detail: 'expired: …' }))).toBe(
      '配置包未通过校验：配置包已过期',
    );
    expect(errorText(zh, new ApiFailure(409, 'something new', 'fromTheFuture', {}))).toBe('something new');
    expect(errorText(zh, new ApiFailure(502, 'HTTP 502'))).toBe('HTTP 502');
  });
});

describe('alert details as codes', () => {
  it('reads back what describeReason wrote, with the subject from its column', () => {
    const reasons: Reason[] = [
      { code: 'paperOut', subject: 'receipt', value: null },
      { code: 'stockLow', subject: '037001900111', value: 12 },
      { code: 'heartbeatMissed', subject: null, value: 900 },
      { code: 'auditRegressed', subject: null, value: null },
    ];
    for (const reason of reasons) expect(reasonOfDetail(describeReason(reason), reason.subject)).toEqual(reason);
    expect(reasonOfDetail('somethingNew receipt', 'receipt')).toBeNull();
    expect(reasonOfDetail('paperOut receipt', 'invoice')).toBeNull();
  });

  it('the page says an alert detail in Chinese', () => {
    const zh = translator(consoleZhCN);
    const reason = reasonOfDetail('paperOut receipt', 'receipt');
    expect(reason && reasonText(zh, reason)).toBe(zh('reason.paperOut', { subject: zh('device.receipt'), value: '' }));
    expect(reason && reasonText(zh, reason)).not.toMatch(/paperOut|receipt/);
  });
});
