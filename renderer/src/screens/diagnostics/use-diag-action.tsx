import { useCallback, useRef, useState } from 'react';
import { useT } from '../../hooks/use-t';

/** One button's call: busy while it runs, then the outcome line (or the error) under it. */
export function useDiagAction() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const running = useRef(false);
  const run = useCallback(
    async <R,>(action: () => Promise<R>, describe: (result: R) => { text: string; ok: boolean }): Promise<void> => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setMessage({ text: t('diag.busy'), ok: true });
      try {
        setMessage(describe(await action()));
      } catch (error) {
        setMessage({ text: t('diag.error', { detail: error instanceof Error ? error.message : String(error) }), ok: false });
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, message, run };
}

export function DiagMessage({ message, testId }: { message: { text: string; ok: boolean } | null; testId: string }) {
  if (message === null) return null;
  return (
    <p className={`diag-message ${message.ok ? 'is-ok' : 'is-alert'}`} data-testid={testId} role="status">
      {message.text}
    </p>
  );
}
