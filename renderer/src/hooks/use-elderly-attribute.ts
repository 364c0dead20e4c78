import { useEffect } from 'react';
import { useKiosk } from '../app/context';
import { selectElderly } from '../store/selectors';

/**
 * Puts `data-elderly` on <html> so the elderly tokens (styles/elderly.css)
 * reach every screen, overlay and the keyboard alike.
 */
export function useElderlyAttribute(): void {
  const elderly = useKiosk(selectElderly);
  useEffect(() => {
    document.documentElement.dataset.elderly = String(elderly);
  }, [elderly]);
}
