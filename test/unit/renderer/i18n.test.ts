import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../shared/i18n/zh-CN';
import { en } from '../../../shared/i18n/en';
import { translate, isMessageKey, catalogues } from '../../../shared/i18n';
import { KNOWN_DATA_TERMS, incomeItemLabel, invoiceTypeLabel, unitLabel } from '../../../shared/i18n/terms';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('no text is empty and placeholders match', () => {
    for (const [key, zh] of Object.entries(zhCN)) {
      const english = en[key as keyof typeof zhCN];
      expect(zh.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(zh));
    }
  });

  it('the English catalogue has no Chinese except the switch back to Chinese', () => {
    for (const [key, text] of Object.entries(en)) {
      if (key.startsWith('app.langSwitch')) continue;
      expect(text, key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('English has no typographic quotes: the bundled CJK face draws them full width (issue 15)', () => {
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toMatch(/[’‘“”＇]/);
  });

  it('data words are English on English screens: every known unit and income item, invoice types by code (issue 15)', () => {
    const t = (key: never, params?: Record<string, string>) => translate('en', key, ...((params ? [params] : []) as []));
    for (const unit of KNOWN_DATA_TERMS.units) expect(unitLabel('en', unit, t as never), unit).toMatch(/^[a-z ]+$/);
    for (const item of KNOWN_DATA_TERMS.incomeItems) expect(incomeItemLabel('en', item, t as never), item).toMatch(/^[A-Z][a-z ,']+$/);
    expect(unitLabel('zh-CN', '件', t as never)).toBe('件');
    expect(invoiceTypeLabel('en', 'ordinary-paper-10', '增值税普通发票（十万元版）', t as never)).toBe('VAT ordinary invoice (up to 100,000 yuan each)');
    expect(invoiceTypeLabel('en', 'special-paper-1', '增值税专用发票（万元版）', t as never)).toBe('VAT special invoice (up to 10,000 yuan each)');
    expect(invoiceTypeLabel('zh-CN', 'ordinary-paper-10', '增值税普通发票（十万元版）', t as never)).toBe('增值税普通发票（十万元版）');
    expect(Object.keys(catalogues.en).filter((k) => k.startsWith('term.')).length).toBeGreaterThan(20);
  });

  it('translate fills parameters', () => {
    expect(translate('zh-CN', 'active.greeting', { name: '张*三' })).toBe('您好，张*三');
    expect(translate('en', 'idle.body', { seconds: 9 })).toContain('9 s');
    expect(translate('zh-CN', 'attract.prompt')).toBe('请将身份证放在读卡区');
  });

  it('knows its keys', () => {
    expect(isMessageKey('app.title')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });
});
