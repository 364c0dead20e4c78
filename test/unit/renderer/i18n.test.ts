import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../shared/i18n/zh-CN';
import { en } from '../../../shared/i18n/en';
import { translate, isMessageKey } from '../../../shared/i18n';

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
