import { useActions } from '../../app/context';
import { useT } from '../../hooks/use-t';

/**
 * The way into 公开信息 (docs/public-information.md), open to anyone without a
 * card. On the attract screen it says what is inside; on the menu it is
 * compact, by its name only, beside the heading: a row of its own pushed Exit
 * off a landscape screen.
 */
export function PublicEntry({ compact, testId }: { compact: boolean; testId: string }) {
  const t = useT();
  const { setPublicNav } = useActions();
  return (
    <button
      type="button"
      className={`btn btn-secondary public-entry ${compact ? 'public-entry-compact' : 'btn-large'}`}
      data-testid={testId}
      onClick={() => setPublicNav({ view: 'home' })}
    >
      <span className="public-entry-title">{t('public.entry')}</span>
      {!compact && <span className="public-entry-desc">{t('public.entry.desc')}</span>}
    </button>
  );
}
