import { useController, useKiosk } from '../app/context';
import { deriveIdleWarning } from '../flow/visit';
import { useNow } from '../hooks/use-now';
import { useT } from '../hooks/use-t';
import { selectIdle, selectSessionState } from '../store/selectors';

/** The "are you still there?" countdown in the last seconds before the host ends the visit. */
export function IdleOverlay() {
  const state = useKiosk(selectSessionState);
  const idle = useKiosk(selectIdle);
  const now = useNow(250);
  const warning = deriveIdleWarning(state, idle, now);
  if (warning === null) return null;
  return <VisitIdleDialog seconds={warning.secondsLeft} fraction={warning.fraction} />;
}

function VisitIdleDialog({ seconds, fraction }: { seconds: number; fraction: number }) {
  const t = useT();
  const controller = useController();
  return (
    <IdleDialog
      seconds={seconds}
      fraction={fraction}
      body={t('idle.body', { seconds })}
      continueLabel={t('idle.continue')}
      exitLabel={t('idle.exit')}
      onContinue={controller.keepAlive}
      onExit={controller.endSession}
    />
  );
}

export interface IdleDialogProps {
  seconds: number;
  /** Share of the warning time left, for the ring. */
  fraction: number;
  body: string;
  continueLabel: string;
  exitLabel: string;
  onContinue: () => void;
  onExit: () => void;
}

const RING_RADIUS = 126;
const RING_LENGTH = 2 * Math.PI * RING_RADIUS;

/** The countdown dialog: a visit's idle time (above), and 公开信息 read without a card. */
export function IdleDialog({ seconds, fraction, body, continueLabel, exitLabel, onContinue, onExit }: IdleDialogProps) {
  const t = useT();
  return (
    <div className="overlay" data-testid="idle-overlay">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
        <h1 id="idle-title" className="dialog-title">
          {t('idle.title')}
        </h1>
        <div className="countdown" aria-label={t('idle.seconds.aria', { seconds })} data-testid="idle-seconds">
          <svg className="countdown-ring" viewBox="0 0 280 280" aria-hidden="true" focusable="false">
            <circle className="countdown-track" cx="140" cy="140" r={RING_RADIUS} />
            <circle
              className="countdown-progress"
              cx="140"
              cy="140"
              r={RING_RADIUS}
              strokeDasharray={RING_LENGTH}
              strokeDashoffset={RING_LENGTH * (1 - fraction)}
            />
          </svg>
          <span className="countdown-number">{seconds}</span>
        </div>
        <p id="idle-body" className="lead">
          {body}
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary btn-large" data-testid="idle-continue" onClick={onContinue}>
            {continueLabel}
          </button>
          <button type="button" className="btn btn-secondary btn-large" data-testid="idle-exit" onClick={onExit}>
            {exitLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
