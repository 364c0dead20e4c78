import { useCallback, useEffect, useRef } from 'react';
import { voiceFile, type VoiceKey } from '../../../shared/i18n/voice-prompts';
import { useKiosk } from '../app/context';
import type { Screen } from '../flow/visit';
import { selectIdle, selectLang, selectMuted, selectNotice, selectSessionState, selectVoiceEnabled, selectVoiceVolume } from '../store/selectors';
import { createVoicePlayer, type VoicePlayer } from './voice-player';
import { idlePromptDelay, voiceAction, type VoiceSnapshot } from './voice-cue';
import { voiceStep } from './voice-steps';

/**
 * Speaks the prompt of each step once, when the step changes (not on every
 * render), and "are you still there?" when the idle countdown starts. Used
 * once, in `App`.
 */
export function useVoiceGuide(screen: Screen): void {
  const lang = useKiosk(selectLang);
  const muted = useKiosk(selectMuted);
  const enabled = useKiosk(selectVoiceEnabled);
  const volume = useKiosk(selectVoiceVolume);
  const notice = useKiosk(selectNotice);
  const sessionState = useKiosk(selectSessionState);
  const idle = useKiosk(selectIdle);
  const step = voiceStep(screen, notice);

  const playerRef = useRef<VoicePlayer | null>(null);
  const player = (playerRef.current ??= createVoicePlayer());
  const prevRef = useRef<VoiceSnapshot | null>(null);
  // Read when a prompt starts (the idle timer fires later): a mute or language switch since then counts.
  const live = useRef({ lang, muted, enabled, volume });
  useEffect(() => {
    live.current = { lang, muted, enabled, volume };
  }, [lang, muted, enabled, volume]);

  // Stable for the player's life: the effects below run on step, language and timer changes only.
  const speak = useCallback((key: VoiceKey) => player.play(voiceFile(live.current.lang, key), live.current.volume), [player]);

  const { id, screen: stepScreen, key } = step;
  useEffect(() => {
    const next: VoiceSnapshot = { step: { id, screen: stepScreen, key }, lang, muted, enabled };
    const action = voiceAction(prevRef.current, next);
    prevRef.current = next;
    if (action.kind === 'play') speak(action.key);
    else if (action.kind === 'stop') player.stop();
    // `speak` and `player` are stable (a ref and a callback on it); the step is keyed by its parts.
  }, [id, stepScreen, key, lang, muted, enabled, player, speak]);

  useEffect(() => player.setVolume(volume), [player, volume]);

  const deadline = idle?.deadline ?? null;
  const warnMs = idle?.warnMs ?? null;
  useEffect(() => {
    if (!enabled || deadline === null || warnMs === null) return;
    const delay = idlePromptDelay(sessionState, { deadline, warnMs }, Date.now());
    if (delay === null) return;
    const timer = setTimeout(() => {
      if (live.current.enabled && !live.current.muted) speak('voice.idle');
    }, delay);
    return () => clearTimeout(timer);
  }, [sessionState, deadline, warnMs, enabled, speak]);

  useEffect(() => () => player.stop(), [player]);
}
