/**
 * Splitting typed letters into pinyin syllables. Pure; the syllable set comes
 * from the lexicon so segmentation and look-up always agree.
 */

/** One piece of the input: a whole syllable, or the start of one (typing, or an initials-only abbreviation). */
export interface Token {
  readonly text: string;
  readonly full: boolean;
  /** Offsets into the input (apostrophes excluded from tokens). */
  readonly start: number;
  readonly end: number;
}

export type Segmentation = readonly Token[];

/** Initials that may stand for a whole syllable in an abbreviation (`zs` → 张三). */
const INITIALS = new Set(['b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'zh', 'ch', 'sh', 'r', 'z', 'c', 's', 'y', 'w']);
/** Typists write ü as v, and often `lve` for `lüe`: the lexicon says `lue`/`nue`. */
const ALIASES: Readonly<Record<string, string>> = { lve: 'lue', nve: 'nue' };
const MAX_SYLLABLE = 6;
/** Enough for any real ambiguity (xian / xi'an); stops pathological inputs from exploding. */
const MAX_SEGMENTATIONS = 48;

export interface SyllableSet {
  has(syllable: string): boolean;
}

/** Prefixes of syllables (`zh`, `zha`, `zhan`…), for the token still being typed. */
function prefixSet(syllables: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const s of syllables) for (let i = 1; i <= s.length; i++) prefixes.add(s.slice(0, i));
  return prefixes;
}

const prefixCache = new WeakMap<object, Set<string>>();

function prefixesOf(syllables: ReadonlySet<string>): Set<string> {
  let prefixes = prefixCache.get(syllables);
  if (!prefixes) {
    prefixes = prefixSet(syllables);
    prefixCache.set(syllables, prefixes);
  }
  return prefixes;
}

export function normalizeSyllable(text: string, syllables: ReadonlySet<string>): string | null {
  const s = ALIASES[text] ?? text;
  return syllables.has(s) ? s : null;
}

/**
 * All ways to split `input[0..end)` into tokens. Whole syllables everywhere;
 * a started syllable only last; initials anywhere only when `abbreviate`.
 */
function enumerate(input: string, end: number, syllables: ReadonlySet<string>, abbreviate: boolean): Token[][] {
  const prefixes = prefixesOf(syllables);
  const results: Token[][] = [];
  const walk = (pos: number, acc: Token[]): void => {
    if (results.length >= MAX_SEGMENTATIONS) return;
    if (pos === end) {
      if (acc.length > 0) results.push([...acc]);
      return;
    }
    if (input[pos] === "'") {
      walk(pos + 1, acc);
      return;
    }
    for (let len = Math.min(MAX_SYLLABLE, end - pos); len >= 1; len--) {
      const piece = input.slice(pos, pos + len);
      if (piece.includes("'")) continue;
      const syllable = normalizeSyllable(piece, syllables);
      if (syllable !== null) {
        walk(pos + len, [...acc, { text: syllable, full: true, start: pos, end: pos + len }]);
      } else if ((pos + len === end && prefixes.has(piece)) || (abbreviate && INITIALS.has(piece))) {
        walk(pos + len, [...acc, { text: piece, full: false, start: pos, end: pos + len }]);
      }
    }
  };
  walk(0, []);
  return results;
}

const partials = (s: Segmentation): number => s.filter((t) => !t.full).length;

/** Fewest tokens, then fewest unfinished ones, then longest syllables first (`fang'an` before `fan'gan`). */
function compare(a: Segmentation, b: Segmentation): number {
  if (a.length !== b.length) return a.length - b.length;
  if (partials(a) !== partials(b)) return partials(a) - partials(b);
  for (let i = 0; i < a.length; i++) {
    const d = (b[i]?.text.length ?? 0) - (a[i]?.text.length ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Segmentations of the longest prefix of `input` that can be segmented at all,
 * best first. Letters past that prefix (e.g. `zhangi`: the `i`) are left over.
 */
export function segment(input: string, syllables: ReadonlySet<string>): { segmentations: Segmentation[]; covered: number } {
  const text = input.toLowerCase();
  for (let end = text.length; end > 0; end--) {
    let found = enumerate(text, end, syllables, false);
    if (found.length === 0 && end === text.length) found = enumerate(text, end, syllables, true);
    if (found.length > 0) return { segmentations: found.sort(compare), covered: end };
  }
  return { segmentations: [], covered: 0 };
}
