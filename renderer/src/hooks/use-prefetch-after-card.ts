import { useEffect } from 'react';
import { loadPinyin } from '../keyboard/pinyin-loader';

/**
 * Code only a visit needs (the pinyin keyboard's engine and lexicon) is left
 * out of the start-up bundle and fetched as soon as a card is placed, while
 * the card is read, so no step ever waits for it.
 */
export function usePrefetchAfterCard(screenName: string): void {
  const started = screenName !== 'attract';
  useEffect(() => {
    if (started) loadPinyin().catch(() => undefined);
  }, [started]);
}
