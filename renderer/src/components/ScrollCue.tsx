import type { RefObject } from 'react';
import { useT } from '../hooks/use-t';
import { MoreBelowIcon } from './icons';

/**
 * The kiosk's one sign that content lies below the fold (every service
 * frame and 公开信息 use it; the screen walks look for it by its test id).
 * A tap scrolls for those who do not know to swipe. Its place is always kept
 * (hidden, not removed): a cue that came and went would change the scroller's
 * size, and so whether there is more.
 */
export function ScrollCue({ target, more }: { target: RefObject<HTMLElement | null>; more: boolean }) {
  const t = useT();
  return (
    <button
      type="button"
      className="btn btn-secondary frame-scroll-cue"
      data-testid="scroll-cue"
      aria-hidden={!more}
      tabIndex={more ? 0 : -1}
      style={{ visibility: more ? 'visible' : 'hidden' }}
      onClick={() => target.current?.scrollBy({ top: target.current.clientHeight * 0.8, behavior: 'smooth' })}
    >
      <MoreBelowIcon />
      <span>{t('frame.moreBelow')}</span>
    </button>
  );
}
