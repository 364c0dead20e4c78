import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../shared/i18n';

/**
 * Chinese sentences take full-width punctuation (issue 15: half-width "?" and
 * ":" in Chinese text). ASCII stays where it belongs: times (16:15), codes,
 * ports and placeholders between Latin characters.
 */
const CJK = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
const HALF_WIDTH_NEXT_TO_CJK = new RegExp(`${CJK}[?:]|[?:]${CJK}`, 'u');

describe('zh-CN catalogue typography', () => {
  it('has no half-width ? or : next to a Chinese character', () => {
    const offenders = Object.entries(catalogues['zh-CN']).filter(([, text]) => HALF_WIDTH_NEXT_TO_CJK.test(text));
    expect(offenders.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('keeps ASCII colons in times and between Latin characters', () => {
    expect(HALF_WIDTH_NEXT_TO_CJK.test('16:15')).toBe(false);
    expect(HALF_WIDTH_NEXT_TO_CJK.test('端口 COM3:')).toBe(false);
    expect(HALF_WIDTH_NEXT_TO_CJK.test('端口:')).toBe(true);
  });
});
