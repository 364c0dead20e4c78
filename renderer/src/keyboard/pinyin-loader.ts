/**
 * The pinyin engine and its 180 KB lexicon, loaded on demand: only a text
 * step's keyboard needs them, so they stay out of the bundle the attract
 * screen waits for (cold start). Vite emits them as their own chunk.
 */
import type { Candidate } from './pinyin-engine';

export interface PinyinEngine {
  candidates(input: string): Candidate[];
  remainingAfter(input: string, candidate: Candidate): string;
  displaySyllables(input: string): string;
  /** Parses the lexicon (≈ 10 ms) so the first key does not pay for it. */
  warm(): void;
}

let loaded: PinyinEngine | null = null;
let loading: Promise<PinyinEngine> | null = null;

/** The engine if its chunk has arrived, else null (the keyboard then waits for `loadPinyin`). */
export function loadedPinyin(): PinyinEngine | null {
  return loaded;
}

/** Starts (once) loading the engine's chunk; callers prefetch it as soon as a visit begins. */
export function loadPinyin(): Promise<PinyinEngine> {
  loading ??= Promise.all([import('./pinyin-engine'), import('./pinyin-index')]).then(([engine, index]) => {
    loaded = {
      candidates: (input) => engine.candidates(input),
      remainingAfter: engine.remainingAfter,
      displaySyllables: (input) => engine.displaySyllables(input),
      warm: () => void index.defaultIndex(),
    };
    return loaded;
  });
  // A failed load (a host restart mid-fetch) may be retried by the next keyboard.
  loading.catch(() => (loading = null));
  return loading;
}
