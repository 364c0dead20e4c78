import type { Lang } from '../../../shared/i18n';
import type { VoiceKey } from '../../../shared/i18n/voice-prompts';
import type { IdleView, SessionView } from '../../../shared/contract/session';
import { isVisitScreen, type VoiceStep } from './voice-steps';

/** What the voice guide knows after a render. */
export interface VoiceSnapshot {
  step: VoiceStep;
  lang: Lang;
  muted: boolean;
  /** From the config (and false until `app.info` has said). */
  enabled: boolean;
}

export type VoiceAction = { kind: 'none' } | { kind: 'stop' } | { kind: 'play'; key: VoiceKey };

const NONE: VoiceAction = { kind: 'none' };
const STOP: VoiceAction = { kind: 'stop' };

/**
 * Pure: what to do when the screen moves from `prev` to `next`. A prompt is
 * spoken once per step (and again in the new language after a switch, or
 * when the voice is turned back on); a new prompt replaces the one playing;
 * muting stops it. Leaving a visit says goodbye, unless that visit was muted
 * (the reset at its end turns the voice on again for the next person).
 */
export function voiceAction(prev: VoiceSnapshot | null, next: VoiceSnapshot): VoiceAction {
  if (!next.enabled) return prev?.enabled ? STOP : NONE;
  if (next.muted) return prev !== null && !prev.muted ? STOP : NONE;
  if (prev !== null && isVisitScreen(prev.step.screen) && next.step.screen === 'attract') {
    // Leaving with the card on the reader (or just lifted) says that instead: it is what to do now.
    const card = next.step.key === 'voice.takeCard' || next.step.key === 'voice.cardLifted' ? next.step.key : null;
    return prev.muted ? NONE : { kind: 'play', key: card ?? 'voice.goodbye' };
  }
  const changed = prev === null || prev.step.id !== next.step.id || prev.lang !== next.lang || prev.muted || !prev.enabled;
  return changed && next.step.key !== null ? { kind: 'play', key: next.step.key } : NONE;
}

/**
 * How long until "are you still there?" is due, in ms (0 = now); null when
 * no countdown is coming (no visit, or the deadline has passed).
 */
export function idlePromptDelay(state: SessionView['state'], idle: IdleView | null, now: number): number | null {
  if (state === 'idle' || idle === null || now >= idle.deadline) return null;
  return Math.max(0, idle.deadline - idle.warnMs - now);
}
