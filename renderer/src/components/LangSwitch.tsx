import { useActions } from '../app/context';
import { useT } from '../hooks/use-t';

export function LangSwitch() {
  const t = useT();
  const { toggleLang } = useActions();
  return (
    <button type="button" className="lang-switch" data-testid="lang-switch" aria-label={t('app.langSwitch.aria')} onClick={toggleLang}>
      <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M2.5 12 H21.5 M12 2.5 C8 7 8 17 12 21.5 M12 2.5 C16 7 16 17 12 21.5" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      <span>{t('app.langSwitch')}</span>
    </button>
  );
}
