/**
 * Plays one prompt at a time through a single audio element: a new prompt
 * stops the one before it. The element is injectable so tests can count
 * what was played. Playback failures (a missing file, a browser that still
 * blocks autoplay) are swallowed: the screen always says the same in words.
 */
export interface VoicePlayer {
  play(src: string, volume: number): void;
  stop(): void;
  setVolume(volume: number): void;
}

export type MakeAudio = () => HTMLAudioElement;

export function clampVolume(volume: number): number {
  return Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : 0;
}

export function createVoicePlayer(makeAudio: MakeAudio = () => new Audio()): VoicePlayer {
  let audio: HTMLAudioElement | null = null;
  const element = (): HTMLAudioElement => {
    audio ??= makeAudio();
    audio.preload = 'auto';
    return audio;
  };
  return {
    play(src, volume) {
      const el = element();
      el.pause();
      el.src = src;
      el.volume = clampVolume(volume);
      const started = el.play();
      // Older engines return undefined; a rejected promise must not surface as an unhandled error.
      if (started !== undefined) started.catch(() => undefined);
    },
    stop() {
      audio?.pause();
    },
    setVolume(volume) {
      if (audio) audio.volume = clampVolume(volume);
    },
  };
}
