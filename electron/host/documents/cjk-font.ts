import fs from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import subsetFont from 'subset-font';

/**
 * The Chinese font of every PDF the kiosk prints (A4 test page, tax
 * certificates): Noto Sans SC Regular from `@expo-google-fonts/noto-sans-sc`.
 * Licence: the font is under the SIL Open Font License 1.1 (Google's Noto
 * project; the package is "MIT AND OFL-1.1", MIT being Expo's loader code).
 * OFL allows embedding subsets in documents; a subset is not the Font
 * Software redistributed under its Reserved Font Name, so naming the
 * embedded subset "NotoSansSC-Regular" is fine.
 *
 * The TTF is 10 MB, so each document gets a subset with exactly the
 * characters it draws (HarfBuzz's subsetter through `subset-font`, ~80 ms
 * once warm), embedded by pdf-lib with `subset: false`: pdf-lib's own
 * subsetting (`subset: true`) garbles CJK glyphs (Hopding/pdf-lib#1232).
 *
 * The subset carries no GSUB/GPOS. With `subset: false` pdf-lib writes
 * widths (/W) and the ToUnicode map only for glyphs the cmap reaches, but
 * fontkit's layout substitutes glyphs the cmap does not reach: Noto's
 * `locl` swaps digits when a string is Latin ("10 mm"), `liga` makes "fi".
 * Those glyphs then print one em wide (/DW 1000) and drop out of copied
 * text ("A4" became "A"). Without the layout tables every glyph drawn is a
 * cmap glyph; Han text needs no shaping, Latin loses only ligatures and
 * kerning, which pdf-lib never positioned anyway.
 *
 * The file is read once per process; the HarfBuzz wasm instance lives in
 * `subset-font` after its first call, which `warmUpCjkFont` makes early.
 */
const SUBSET_OPTIONS = { targetFormat: 'sfnt', noLayoutClosure: true, dropTables: ['GSUB', 'GPOS'] } as const;

const FONT_MODULE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
const FONT_NAME = 'NotoSansSC-Regular';

/** Path of the Noto Sans SC Regular TTF inside its package. */
export function cjkFontPath(): string {
  return require.resolve(FONT_MODULE);
}

let fontFile: Promise<Buffer> | null = null;
function fontBytes(): Promise<Buffer> {
  fontFile ??= fs.readFile(cjkFontPath()).catch((error: unknown) => {
    fontFile = null; // let a later call try again
    throw error;
  });
  return fontFile;
}

/** Reads the font and starts HarfBuzz, so the first document a taxpayer waits for is not the slow one. */
export async function warmUpCjkFont(): Promise<void> {
  await subsetCjkFont('国A');
}

/** Every character of `text` once, in code point order (what the subset must hold). */
export function charactersOf(text: string): string {
  const set = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x20 && cp !== 0x7f) set.add(cp);
  }
  set.add(0x20); // the space pdf-lib measures with
  return String.fromCodePoint(...[...set].sort((a, b) => a - b));
}

/** A TrueType subset of Noto Sans SC holding exactly the characters of `text`. */
export async function subsetCjkFont(text: string): Promise<Uint8Array> {
  return subsetFont(await fontBytes(), charactersOf(text), SUBSET_OPTIONS);
}

/**
 * Embeds a subset for `text` (all the text the document will draw with it)
 * and returns the font to draw with.
 */
export async function embedCjkFont(doc: PDFDocument, text: string): Promise<PDFFont> {
  const chars = charactersOf(text);
  const subset = await subsetFont(await fontBytes(), chars, SUBSET_OPTIONS);
  doc.registerFontkit(fontkit);
  // PDF 32000-1 §9.6.4: a subset's name starts with six capital letters and "+".
  return doc.embedFont(subset, { subset: false, customName: `${subsetTag(chars)}+${FONT_NAME}` });
}

/** Characters of `text` the font has no glyph for (they would print as empty boxes). */
export function unsupportedCharacters(font: PDFFont, text: string): string[] {
  const have = new Set(font.getCharacterSet());
  return [...new Set(text)].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && !have.has(ch.codePointAt(0) ?? 0));
}

/** Six letters from an FNV-1a hash of the character set: the same text gives the same tag. */
function subsetTag(chars: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < chars.length; i++) {
    hash ^= chars.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (hash % 26));
    hash = Math.floor(hash / 26) + i * 7919;
  }
  return tag;
}

// Chinese line breaking (GB/T 15834 punctuation): these never start a line.
const NO_LINE_START = new Set('，。、；：？！）》」』”’%·…—,.;:?!)');

/**
 * Breaks `text` into lines no wider than `maxWidth`: between any two CJK
 * characters, at spaces between Latin words, never before closing punctuation.
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  // A Latin word (with its punctuation and one trailing space) stays whole; a Han character or a space stands alone.
  const tokens = text.match(/[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+ ?|\s|./gsu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (token === '\n') {
      lines.push(line.trimEnd());
      line = '';
      continue;
    }
    const candidate = line + token;
    if (line !== '' && font.widthOfTextAtSize(candidate.trimEnd(), size) > maxWidth && !NO_LINE_START.has(token)) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line = candidate;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}
