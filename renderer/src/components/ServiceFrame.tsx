import { useRef, type ReactNode } from 'react';
import { useController } from '../app/context';
import { useT } from '../hooks/use-t';
import { useMoreBelow } from '../hooks/use-more-below';
import { ExitIcon } from './icons';
import { ScrollCue } from './ScrollCue';

/** The Back button of a step, or none (its place stays, so Exit keeps its place too). */
export interface FrameBack {
  label: string;
  testId: string;
  onClick: () => void;
}

export interface ServiceFrameProps {
  /** `data-screen`: which service. */
  screen: string;
  /** `data-step`: the step shown; a new step also remounts the body (focus and scroll start over). */
  step: string;
  /** Class prefix of the service's stylesheet: `coll` → coll-head, coll-title, coll-body, coll-foot. */
  prefix: string;
  /** More classes on the section (a service that builds on another's stylesheet). */
  className?: string;
  title: string;
  stepLabel: string;
  /** A line under the title row (whose certificate it is). */
  subtitle?: ReactNode;
  /** No footer at all: while the host prints or collects, nothing may be undone and Exit waits too. */
  busy: boolean;
  back: FrameBack | null;
  /** What Exit does instead of ending the visit at once (a payment on screen asks first). */
  onExit?: () => void;
  children: ReactNode;
}

/**
 * The frame every service screen shares — one task per screen: title and step
 * on top, the task, then Back and Exit at the bottom (docs/screens.md).
 */
export function ServiceFrame({ screen, step, prefix, className, title, stepLabel, subtitle, busy, back, onExit, children }: ServiceFrameProps) {
  const t = useT();
  const controller = useController();
  const body = useRef<HTMLDivElement>(null);
  const moreBelow = useMoreBelow(body, step);
  // Content hidden below the fold (or under the step's sticky action row) is never silent: the cue in the footer says so.
  const cue = <ScrollCue target={body} more={moreBelow} />;
  const titleRow = (
    <>
      <h1 className={`${prefix}-title`}>{title}</h1>
      <span className={`${prefix}-step`}>{stepLabel}</span>
    </>
  );
  return (
    <section className={['screen', prefix, className].filter(Boolean).join(' ')} data-screen={screen} data-step={step} data-more-below={moreBelow}>
      <header className={`${prefix}-head`}>
        {subtitle === undefined ? titleRow : <div className={`${prefix}-head-main`}>{titleRow}</div>}
        {subtitle}
      </header>
      {/* Focusable: a body that scrolls can be scrolled from a keyboard too (the technician's, or a switch device). */}
      <div className={`${prefix}-body`} key={step} ref={body} tabIndex={0}>
        {children}
      </div>
      {!busy && (
        <footer className={`${prefix}-foot frame-foot`}>
          {back ? (
            <button type="button" className="btn btn-secondary btn-large" data-testid={back.testId} onClick={back.onClick}>
              {back.label}
            </button>
          ) : (
            <span />
          )}
          {cue}
          <button type="button" className="btn btn-exit btn-large" data-testid="exit" onClick={onExit ?? controller.endSession}>
            <ExitIcon />
            <span>{t('active.exit')}</span>
          </button>
        </footer>
      )}
    </section>
  );
}
