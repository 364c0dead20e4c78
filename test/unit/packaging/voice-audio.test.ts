import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VOICE_KEYS, voiceFile } from '../../../shared/i18n/voice-prompts';
import { catalogues, type Lang } from '../../../shared/i18n';

/**
 * What the kiosk ships: after `npm run build` (scripts/build-voice.mjs, then
 * Vite copies renderer/public/voice), every prompt in every language is a
 * playable WAV under dist/renderer, made from the catalogue's current text.
 */
const repo = resolve(__dirname, '../../..');
const rendererDir = join(repo, 'dist/renderer');
const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const HOW = 'run `npm run build:renderer` (or `npm run build`); it needs espeak-ng (scripts/install-system-deps.sh)';

interface WavInfo {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  seconds: number;
}

/** Reads a RIFF/WAVE header chunk by chunk; null when it is not one. */
function readWav(bytes: Buffer): WavInfo | null {
  if (bytes.length < 44 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return null;
  let fmt: Omit<WavInfo, 'seconds'> | null = null;
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      fmt = {
        format: bytes.readUInt16LE(at + 8),
        channels: bytes.readUInt16LE(at + 10),
        sampleRate: bytes.readUInt32LE(at + 12),
        bitsPerSample: bytes.readUInt16LE(at + 22),
      };
      byteRate = bytes.readUInt32LE(at + 16);
    } else if (id === 'data') {
      if (fmt === null || byteRate === 0) return null;
      const dataBytes = Math.min(size, bytes.length - at - 8);
      return { ...fmt, seconds: dataBytes / byteRate };
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

describe('voice prompt audio in the build', () => {
  it('has the build (else says how to make it)', () => {
    const manifest = join(rendererDir, 'voice/manifest.json');
    expect(existsSync(manifest), `no voice prompts in dist/renderer/voice: ${HOW}`).toBe(true);
  });

  it('has a playable WAV over 0.3 s for every prompt in every language', () => {
    const missing: string[] = [];
    for (const lang of LANGS) {
      for (const key of VOICE_KEYS) {
        const file = join(rendererDir, voiceFile(lang, key));
        if (!existsSync(file)) {
          missing.push(voiceFile(lang, key));
          continue;
        }
        const wav = readWav(readFileSync(file));
        expect(wav, `${voiceFile(lang, key)} is not a RIFF/WAVE file`).not.toBeNull();
        // 16 kHz G.711 μ-law (7), as scripts/voice-encode.mjs writes it, or plain PCM (1): Chromium plays both.
        expect([1, 7], voiceFile(lang, key)).toContain(wav?.format);
        expect(wav?.channels, voiceFile(lang, key)).toBe(1);
        expect(wav?.sampleRate, voiceFile(lang, key)).toBeGreaterThanOrEqual(16_000);
        expect(wav?.seconds ?? 0, voiceFile(lang, key)).toBeGreaterThan(0.3);
      }
    }
    expect(missing, `prompts without audio: ${HOW}`).toEqual([]);
  });

  // The budget grows only with prompts a person needs: five services' prompts, μ-law at 16 kHz, came to 8.3 MB.
  it('stays small enough to ship: every prompt in both languages under 10 MB', () => {
    const manifestPath = join(rendererDir, 'voice/manifest.json');
    if (!existsSync(manifestPath)) throw new Error(`no voice manifest: ${HOW}`);
    let bytes = 0;
    for (const lang of LANGS)
      for (const key of VOICE_KEYS)
        bytes += existsSync(join(rendererDir, voiceFile(lang, key))) ? readFileSync(join(rendererDir, voiceFile(lang, key))).length : 0;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes / 1024 / 1024).toBeLessThan(10);
  });

  it('was built from the catalogue texts as they are now', () => {
    const manifestPath = join(rendererDir, 'voice/manifest.json');
    if (!existsSync(manifestPath)) throw new Error(`no voice manifest: ${HOW}`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { prompts: Record<string, Record<string, { text: string; file: string }>> };
    const stale: string[] = [];
    for (const lang of LANGS) {
      for (const key of VOICE_KEYS) {
        const entry = manifest.prompts[lang]?.[key];
        if (entry?.text !== catalogues[lang][key] || entry.file !== voiceFile(lang, key)) stale.push(`${lang} ${key}`);
      }
    }
    expect(stale, `voice audio is older than the catalogue texts: ${HOW}`).toEqual([]);
  });
});
