import { CHAR_TABLE, GIVEN_NAME_CHARS, PHRASE_TABLE, SURNAMES } from './pinyin-lexicon';
import { TAX_VOCABULARY } from './tax-vocabulary';

/** One word of the lexicon with its weight (≈ log2 of its corpus count). */
export interface Entry {
  readonly word: string;
  readonly weight: number;
  /** Its syllables, e.g. `['ke', 'ji']`. */
  readonly syllables: readonly string[];
}

export interface PinyinIndex {
  /** Every syllable the lexicon knows (`zhang`, `lv`…). */
  readonly syllables: ReadonlySet<string>;
  /** Characters read `syllable`, most frequent first. */
  chars(syllable: string): readonly Entry[];
  /** Multi-character words whose syllables start with these initial letters (`['k','j']`), most frequent first. */
  phrasesByInitials(initials: string): readonly Entry[];
  /** The most common surname read `syllable`, if any. */
  surname(syllable: string): string | undefined;
  isGivenNameChar(char: string): boolean;
}

/** `key:word<w>word<w>…` lines, the weight one ASCII character after each word (see the generator). */
function parseTable(table: string): Entry[] {
  const entries: Entry[] = [];
  for (const line of table.split('\n')) {
    const colon = line.indexOf(':');
    const syllables = line.slice(0, colon).split(' ');
    for (const match of line.slice(colon + 1).matchAll(/([^\x00-\x7f]+)([\x00-\x7f])/gu)) {
      const word = match[1] ?? '';
      const code = (match[2] ?? '0').charCodeAt(0);
      entries.push({ word, weight: (code - 48) / 2, syllables });
    }
  }
  return entries;
}

const byWeight = (a: Entry, b: Entry): number => b.weight - a.weight;

/**
 * Above every general word: the lexicon's weights run to ≈ 40 (log2 of the
 * corpus count), so a vocabulary word is always offered first, and the list's
 * own order breaks ties.
 */
const VOCABULARY_WEIGHT = 64;

export function buildIndex(
  charTable: string,
  phraseTable: string,
  surnames: string,
  givenNameChars: string,
  vocabulary: ReadonlyArray<readonly [string, string]> = [],
): PinyinIndex {
  const chars = new Map<string, Entry[]>();
  for (const entry of parseTable(charTable)) {
    const key = entry.syllables[0] ?? '';
    const list = chars.get(key) ?? [];
    list.push(entry);
    chars.set(key, list);
  }
  const phrases = new Map<string, Entry[]>();
  const vocabularyEntries = vocabulary.map(([word, pinyin], i): Entry => ({ word, weight: VOCABULARY_WEIGHT - i / 1000, syllables: pinyin.split(' ') }));
  const inVocabulary = new Set(vocabularyEntries.map((e) => `${e.word}:${e.syllables.join(' ')}`));
  for (const entry of [...vocabularyEntries, ...parseTable(phraseTable).filter((e) => !inVocabulary.has(`${e.word}:${e.syllables.join(' ')}`))]) {
    const key = entry.syllables.map((s) => s[0]).join('');
    const list = phrases.get(key) ?? [];
    list.push(entry);
    phrases.set(key, list);
  }
  for (const list of [...chars.values(), ...phrases.values()]) list.sort(byWeight);

  const surnameBySyllable = new Map<string, string>();
  for (const item of surnames.split(' ')) {
    const [char, syllable] = [item.slice(0, 1), item.slice(1)];
    if (!surnameBySyllable.has(syllable)) surnameBySyllable.set(syllable, char);
  }
  const given = new Set(givenNameChars);

  return {
    syllables: new Set(chars.keys()),
    chars: (syllable) => chars.get(syllable) ?? [],
    phrasesByInitials: (initials) => phrases.get(initials) ?? [],
    surname: (syllable) => surnameBySyllable.get(syllable),
    isGivenNameChar: (char) => given.has(char),
  };
}

let shared: PinyinIndex | null = null;

/** The bundled lexicon's index, parsed on first use (≈ 10 ms), then kept. */
export function defaultIndex(): PinyinIndex {
  shared ??= buildIndex(CHAR_TABLE, PHRASE_TABLE, SURNAMES, GIVEN_NAME_CHARS, TAX_VOCABULARY);
  return shared;
}
