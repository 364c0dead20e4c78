import { useActions, useKiosk } from '../app/context';
import { useT } from '../hooks/use-t';
import { selectMuted, selectVoiceEnabled } from '../store/selectors';
import './mute-button.css';

/** Turns the voice prompts off for this visit (on again for the next person). Hidden when the config turns voice off. */
export function MuteButton() {
  const t = useT();
  const muted = useKiosk(selectMuted);
  const enabled = useKiosk(selectVoiceEnabled);
  const { toggleMuted } = useActions();
  if (!enabled) return null;
  return (
    <button
      type="button"
      className="lang-switch mute-switch"
      data-testid="voice-mute"
      aria-pressed={muted}
      aria-label={t('voiceUi.mute.aria')}
      onClick={toggleMuted}
    >
      {muted ? <SpeakerOffIcon /> : <SpeakerIcon />}
      <span>{t('voiceUi.mute')}</span>
    </button>
  );
}

function SpeakerIcon() {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      <path d="M3 9 H7 L12 5 V19 L7 15 H3 Z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M15.5 9 C17 10.5 17 13.5 15.5 15 M18 6.5 C21 9.5 21 14.5 18 17.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

function SpeakerOffIcon() {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      <path d="M3 9 H7 L12 5 V19 L7 15 H3 Z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M16 9 L22 15 M22 9 L16 15" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
