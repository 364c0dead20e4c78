import { useEffect, useState } from 'react';

/**
 * Current epoch ms, re-rendering every `intervalMs` while mounted. Read at
 * render time (not from the last tick) so a fresh deadline never shows a
 * countdown up to one interval stale.
 */
export function useNow(intervalMs: number): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return Date.now();
}
