import { describe, expect, it } from 'vitest';
import { UNBREAKABLE_TERMS, wrapByWidth } from '../../../shared/domain/line-break';
import { charWidth, wrapToWidth } from '../../../devices/printers/escpos/text-width';
import { catalogues } from '../../../shared/i18n';
import { prng } from '../../support/prng';

/**
 * Issue 15: receipt lines broke mid-word ("办税服务 / 厅咨询") because CJK text
 * was cut at a character count. Lines now break at word and punctuation
 * boundaries (CLREQ's rules on the segmenter's words, plus the tax terms).
 */
const CLOSING = [...'，。、；：？！）」』】》'];

describe('line breaking of Chinese text (receipts)', () => {
  it('never splits 办税服务厅, and keeps 咨询 whole (the line seen broken)', () => {
    const text = '该纳税人登记状态异常（停业或已注销），不能代开发票，请到办税服务厅咨询。';
    for (let width = 10; width <= 48; width += 2) {
      // from the term's own width (5 characters)
      const lines = wrapToWidth(text, width);
      expect(lines.join(''), `width ${width}`).toBe(text);
      expect(
        lines.some((l) => l.includes('办税服务厅')),
        `width ${width}: ${lines.join(' / ')}`,
      ).toBe(true);
      expect(
        lines.some((l) => l.includes('咨询')),
        `width ${width}: ${lines.join(' / ')}`,
      ).toBe(true);
    }
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    const text = '本月还可领取（万元版）发票，共计：45份。请核对、确认！';
    for (let width = 6; width <= 30; width++) {
      const lines = wrapToWidth(text, width);
      for (const [i, line] of lines.entries()) {
        if (i > 0) expect(CLOSING, `width ${width}: ${lines.join(' / ')}`).not.toContain([...line][0]);
        if (i < lines.length - 1) expect(['（', '「'], `width ${width}: ${lines.join(' / ')}`).not.toContain([...line].at(-1));
      }
    }
  });

  it('keeps every tax term of every catalogue text on one line whenever the term fits the paper (32 and 42 columns)', () => {
    for (const width of [32, 42]) {
      for (const [key, text] of Object.entries(catalogues['zh-CN'])) {
        const lines = wrapToWidth(text.replace(/\s+/g, ' '), width);
        for (const term of UNBREAKABLE_TERMS) {
          const inText = text.split(term).length - 1;
          const onLines = lines.reduce((n, l) => n + l.split(term).length - 1, 0);
          expect(onLines, `${key} at ${width}: "${term}" split in ${lines.join(' / ')}`).toBe(inText);
        }
      }
    }
  });

  it('breaks English at spaces and a word longer than the line by characters', () => {
    expect(wrapToWidth('Please take your ID card from the reader', 12)).toEqual(['Please take', 'your ID card', 'from the', 'reader']);
    expect(wrapToWidth('91370102MA01TK019U', 8)).toEqual(['91370102', 'MA01TK01', '9U']);
  });

  it('random mixed text: lines within the width, nothing lost but the spaces at breaks (seeded)', () => {
    const random = prng(15);
    const words = ['发票', '办税服务厅', '个人所得税', '，', '。', 'Total', ' ', '12366', '（', '）', '咨询', '增值税', 'invoice', '万元版'];
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 20) }, () => words[Math.floor(random() * words.length)]).join('');
      const width = 4 + Math.floor(random() * 40);
      const lines = wrapByWidth(text, width, charWidth);
      for (const line of lines) expect([...line].reduce((w, ch) => w + charWidth(ch), 0)).toBeLessThanOrEqual(width);
      expect(lines.join('').replace(/ /g, ''), `round ${round}`).toBe(text.replace(/ /g, ''));
    }
  });
});
