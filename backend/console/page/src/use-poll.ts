import { useCallback, useEffect, useRef, useState } from 'react';

/** Polling keeps an operator's screen current without a socket; a failed poll keeps the last data and shows the error. */
export const POLL_MS = 5000;

export interface Polled<T> {
  data: T | null;
  /** The last poll's failure (an ApiFailure, mostly); null once one succeeds. */
  error: unknown;
  reload(): void;
}

export function usePoll<T>(load: () => Promise<T>, key: string, intervalMs = POLL_MS): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    loadRef.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
      },
    );
  }, []);

  useEffect(() => {
    setData(null);
    reload();
    const timer = setInterval(reload, intervalMs);
    return () => clearInterval(timer);
  }, [key, intervalMs, reload]);

  return { data, error, reload };
}
