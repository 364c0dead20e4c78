import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { charactersOf, embedCjkFont, subsetCjkFont, unsupportedCharacters, wrapText } from '../../../electron/host/documents/cjk-font';

describe('CJK font pipeline', () => {
  it('subsets to exactly the characters used (each once, plus the space)', () => {
    expect(charactersOf('打印 打A\n印')).toBe(' A印打');
  });

  it('makes a small TrueType subset that has those glyphs and not others', async () => {
    const subset = await subsetCjkFont('国地税 完税证明 ¥1,234.56');
    expect(subset.length).toBeLessThan(40_000);
    const font = fontkit.create(subset as Buffer);
    for (const ch of '国地税完证明¥1,.') expect(font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0), ch).toBe(true);
    expect(font.hasGlyphForCodePoint('票'.codePointAt(0) ?? 0)).toBe(false);
  }, 30_000);

  it('embeds under a stable subset name, and tells which characters it cannot draw', async () => {
    const names: string[] = [];
    for (let i = 0; i < 2; i++) {
      const doc = await PDFDocument.create();
      const font = await embedCjkFont(doc, '完税证明 😀');
      expect(unsupportedCharacters(font, '完税😀证明')).toEqual(['😀']);
      doc.addPage().drawText('完税证明', { font, size: 12 });
      const raw = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
      names.push(/\/BaseFont \/(\S+)/.exec(raw)?.[1] ?? '');
    }
    expect(names[0]).toMatch(/^[A-Z]{6}\+NotoSansSC-Regular$/);
    expect(names[1]).toBe(names[0]);
  }, 30_000);

  it('wraps Chinese anywhere and Latin at spaces, within the width, never starting a line with closing punctuation', async () => {
    const text =
      '两道外框距纸边 5 毫米和 10 毫米；四边中部的刻度尺从纸边量起，能看到的第一个刻度就是这一边实际的页边距。Sample: VAT invoice, ¥1,234.56 certificate';
    const doc = await PDFDocument.create();
    const font = await embedCjkFont(doc, text);
    for (const width of [60, 120, 200, 400]) {
      const lines = wrapText(text, font, 10, width);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) {
        expect(line.length === 1 || font.widthOfTextAtSize(line, 10) <= width + 10, `${width}: ${line}`).toBe(true);
        expect('，。；）'.includes(line[0] ?? '')).toBe(false);
      }
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      expect(lines.some((l) => l.includes('¥1,234.56'))).toBe(true);
    }
  }, 30_000);
});
