/**
 * Pinyin → candidates for the on-screen keyboard. Pure: letters in, ranked
 * candidates out; committing one consumes its syllables and keeps the rest.
 *
 * Order: whole-input words of the preferred segmentation, whole-input words of
 * other segmentations (xian → 先… then 西安), a whole-name candidate (surname +
 * given-name characters, so any 2–3 character name can be typed in one go),
 * sentences composed from words, words covering the first syllables, then the
 * single characters of the first syllable.
 */
import { defaultIndex, type Entry, type PinyinIndex } from './pinyin-index';
import { segment, type Segmentation, type Token } from './pinyin-segment';

export type CandidateKind = 'word' | 'name' | 'composed' | 'char';

export interface Candidate {
  readonly text: string;
  /** How many letters of the input it stands for (apostrophes included). */
  readonly consumed: number;
  readonly kind: CandidateKind;
}

const MAX_CANDIDATES = 80;
/** ≈ log2 of the corpus size: the cost of one more word in a composed sentence (unigram model). */
const WORD_COST = 24;
/** A few of the best single characters before other segmentations' words. */
const LEAD_CHARS = 3;
const BEAM = 4;

function tokenMatches(token: Token, syllable: string): boolean {
  return token.full ? token.text === syllable : syllable.startsWith(token.text);
}

/** Single characters for one token (a started syllable matches every syllable it begins). */
function charsFor(index: PinyinIndex, token: Token): readonly Entry[] {
  if (token.full) return index.chars(token.text);
  const merged: Entry[] = [];
  for (const syllable of index.syllables) if (syllable.startsWith(token.text)) merged.push(...index.chars(syllable));
  return merged.sort((a, b) => b.weight - a.weight);
}

/** Multi-character words whose syllables match `tokens` exactly, most frequent first. */
function wordsFor(index: PinyinIndex, tokens: readonly Token[]): readonly Entry[] {
  if (tokens.length < 2) return [];
  const initials = tokens.map((t) => t.text[0] ?? '').join('');
  return index.phrasesByInitials(initials).filter((e) => e.syllables.length === tokens.length && tokens.every((t, i) => tokenMatches(t, e.syllables[i] ?? '')));
}

function entriesFor(index: PinyinIndex, tokens: readonly Token[]): readonly Entry[] {
  const first = tokens[0];
  if (tokens.length === 1 && first) return charsFor(index, first);
  return wordsFor(index, tokens);
}

/** Letters consumed by the first `n` tokens, with an apostrophe right after them. */
function consumedBy(input: string, seg: Segmentation, n: number): number {
  const end = seg[n - 1]?.end ?? 0;
  return input[end] === "'" ? end + 1 : end;
}

/** Up to BEAM best sentences over the whole segmentation: unigram score, words preferred to characters. */
function compose(index: PinyinIndex, seg: Segmentation): string[] {
  type Path = { text: string; score: number };
  const best: Path[][] = [[{ text: '', score: 0 }]];
  for (let j = 1; j <= seg.length; j++) {
    const here: Path[] = [];
    for (let i = Math.max(0, j - 6); i < j; i++) {
      const entries = entriesFor(index, seg.slice(i, j)).slice(0, BEAM);
      for (const path of best[i] ?? []) for (const e of entries) here.push({ text: path.text + e.word, score: path.score + e.weight - WORD_COST });
    }
    best[j] = here.sort((a, b) => b.score - a.score).slice(0, BEAM);
  }
  return (best[seg.length] ?? []).map((p) => p.text);
}

/** Surname + the most frequent given-name character for each further syllable. */
function composeName(index: PinyinIndex, seg: Segmentation): string | null {
  if (seg.length < 2 || seg.length > 3 || !seg.every((t) => t.full)) return null;
  const surname = index.surname(seg[0]?.text ?? '');
  if (surname === undefined) return null;
  let name = surname;
  for (const token of seg.slice(1)) {
    const chars = index.chars(token.text);
    const char = chars.find((e) => index.isGivenNameChar(e.word)) ?? chars[0];
    if (!char) return null;
    name += char.word;
  }
  return name;
}

/** Ranked candidates for the letters typed so far (empty when nothing can be read). */
export function candidates(input: string, index: PinyinIndex = defaultIndex()): Candidate[] {
  const text = input.toLowerCase();
  const { segmentations } = segment(text, index.syllables);
  const [best, ...others] = segmentations;
  if (!best) return [];

  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (word: string, consumed: number, kind: CandidateKind): void => {
    const key = `${word}\u0000${consumed}`;
    if (seen.has(key) || out.length >= MAX_CANDIDATES) return;
    seen.add(key);
    out.push({ text: word, consumed, kind });
  };
  const whole = consumedBy(text, best, best.length);

  const preferred = entriesFor(index, best);
  const kindOf = (seg: Segmentation): CandidateKind => (seg.length === 1 ? 'char' : 'word');
  for (const e of preferred.slice(0, LEAD_CHARS)) add(e.word, whole, kindOf(best));
  const alternatives = others
    .filter((seg) => consumedBy(text, seg, seg.length) === whole)
    .flatMap((seg) => wordsFor(index, seg))
    .sort((a, b) => b.weight - a.weight);
  for (const e of alternatives.slice(0, 6)) add(e.word, whole, 'word');
  if (best.length > 1) for (const e of preferred.slice(LEAD_CHARS, 12)) add(e.word, whole, 'word');

  const name = composeName(index, best);
  if (name !== null) add(name, whole, 'name');
  if (best.length > 1) for (const sentence of compose(index, best)) add(sentence, whole, 'composed');

  // Words covering the first syllables (longest first), so a long input can be taken in parts.
  for (let n = best.length - 1; n >= 2; n--) {
    for (const e of wordsFor(index, best.slice(0, n)).slice(0, 4)) add(e.word, consumedBy(text, best, n), 'word');
  }
  const first = best[0];
  if (first) for (const e of charsFor(index, first)) add(e.word, consumedBy(text, best, 1), 'char');
  return out;
}

/** The letters left once `candidate` is committed (empty when it took them all). */
export function remainingAfter(input: string, candidate: Candidate): string {
  return input.slice(candidate.consumed).replace(/^'+/, '');
}

/** The syllables the engine reads in `input`, for showing `zhang'san` above the candidates. */
export function displaySyllables(input: string, index: PinyinIndex = defaultIndex()): string {
  const text = input.toLowerCase();
  const { segmentations, covered } = segment(text, index.syllables);
  const best = segmentations[0];
  if (!best) return text;
  return best.map((t) => text.slice(t.start, t.end)).join("'") + text.slice(covered);
}
