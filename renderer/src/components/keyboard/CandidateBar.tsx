import { useMemo } from 'react';
import { useT } from '../../hooks/use-t';
import { paginate } from '../../keyboard/input-rules';
import type { Candidate } from '../../keyboard/pinyin-engine';

/** Text units per page (a candidate costs its length + 1): fits the narrow portrait bar at 36 px. */
const PAGE_BUDGET = 14;
const PER_PAGE = 6;

export interface CandidateBarProps {
  pinyin: string;
  /** Pinyin as the engine reads it (`zhang'san`). */
  syllables: string;
  candidates: readonly Candidate[];
  page: number;
  onPage(page: number): void;
  onPick(candidate: Candidate): void;
  /** Candidates too long for the field are shown but cannot be taken. */
  fits(candidate: Candidate): boolean;
}

/**
 * The composition line and one page of candidates. Both rows have a fixed
 * height whatever they hold, so the keys below never move while typing.
 */
export function CandidateBar({ pinyin, syllables, candidates, page, onPage, onPick, fits }: CandidateBarProps) {
  const t = useT();
  const pages = useMemo(() => paginate(candidates, PAGE_BUDGET, PER_PAGE), [candidates]);
  const current = Math.min(page, Math.max(0, pages.length - 1));
  const shown = pages[current] ?? [];

  let message: string | null = null;
  if (pinyin === '') message = t('keyboard.candidates.prompt');
  else if (candidates.length === 0) message = t('keyboard.candidates.none');

  return (
    <div className="osk-compose">
      <div className="osk-pinyin" data-testid="osk-pinyin" role="status" aria-label={t('keyboard.composition.aria', { pinyin: syllables })}>
        {syllables}
      </div>
      <div className="osk-candidates" role="group" aria-label={t('keyboard.candidates.aria')}>
        <button
          type="button"
          className="osk-page"
          data-testid="osk-prev"
          aria-label={t('keyboard.candidates.prev')}
          disabled={current === 0}
          onClick={() => onPage(current - 1)}
        >
          <svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false">
            <path d="M15 5 L8 12 L15 19" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <div className="osk-candidate-list">
          {message !== null ? (
            <span className="osk-candidate-message" data-testid="osk-candidate-message">
              {message}
            </span>
          ) : (
            shown.map((candidate, i) => (
              <button
                key={`${current}:${i}:${candidate.text}`}
                type="button"
                className={i === 0 && current === 0 ? 'osk-candidate osk-candidate-first' : 'osk-candidate'}
                data-testid="osk-candidate"
                aria-label={t('keyboard.candidate.aria', { text: candidate.text })}
                disabled={!fits(candidate)}
                onClick={() => onPick(candidate)}
              >
                {candidate.text}
              </button>
            ))
          )}
        </div>
        <button
          type="button"
          className="osk-page"
          data-testid="osk-next"
          aria-label={t('keyboard.candidates.next')}
          disabled={current >= pages.length - 1}
          onClick={() => onPage(current + 1)}
        >
          <svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false">
            <path d="M9 5 L16 12 L9 19" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </div>
    </div>
  );
}
