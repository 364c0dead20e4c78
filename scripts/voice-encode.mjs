// Shrinks espeak-ng's WAV (16-bit PCM, 22.05 kHz, mono) for shipping: trims
// the silence at both ends, resamples to 16 kHz (speech needs nothing above
// 8 kHz) and stores each sample as 8-bit G.711 μ-law, the telephone coding,
// which keeps ~13 bits of dynamic range for speech at half the bytes of
// 16-bit PCM. Chromium decodes μ-law WAV (format 7) in <audio> and
// decodeAudioData alike. Used by scripts/build-voice.mjs; plain JS, no sox.

/** What the shipped audio is; part of build-voice's cache key, so a change here re-encodes. */
export const ENCODING = { version: 1, sampleRate: 16_000, format: 'mulaw', trimThreshold: 0.01, marginMs: 60 };

/** Reads a mono 16-bit PCM WAV into samples in [-1, 1]. */
export function readPcm16(bytes) {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let fmt = null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      fmt = {
        format: bytes.readUInt16LE(at + 8),
        channels: bytes.readUInt16LE(at + 10),
        sampleRate: bytes.readUInt32LE(at + 12),
        bits: bytes.readUInt16LE(at + 22),
      };
    } else if (id === 'data') {
      if (!fmt || fmt.format !== 1 || fmt.channels !== 1 || fmt.bits !== 16) throw new Error(`expected mono 16-bit PCM, got ${JSON.stringify(fmt)}`);
      // espeak-ng writing to a file it cannot seek leaves the size at 0x7fffffff: read to the end.
      const end = Math.min(bytes.length, at + 8 + size);
      const samples = new Float32Array(Math.floor((end - at - 8) / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(at + 8 + i * 2) / 32768;
      return { sampleRate: fmt.sampleRate, samples };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('WAV without a data chunk');
}

/** Drops leading and trailing near-silence, keeping a short margin so no onset or tail is clipped. */
export function trimSilence(samples, sampleRate, threshold = ENCODING.trimThreshold, marginMs = ENCODING.marginMs) {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]) < threshold) first++;
  if (first === samples.length) return samples;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]) < threshold) last--;
  const margin = Math.round((sampleRate * marginMs) / 1000);
  return samples.subarray(Math.max(0, first - margin), Math.min(samples.length, last + 1 + margin));
}

/**
 * Band-limited resampling with a Blackman-windowed sinc (16 input samples
 * each side), low-passed just under the new Nyquist frequency so nothing
 * folds back as aliasing. Slow by DSP standards, instant for a few seconds of speech.
 */
export function resample(samples, fromRate, toRate) {
  if (fromRate === toRate) return samples;
  const step = fromRate / toRate;
  // Cut-off in cycles per input sample: 90 % of the lower Nyquist frequency.
  const cutoff = (0.45 * Math.min(fromRate, toRate)) / fromRate;
  const half = Math.ceil(16 * Math.max(1, step));
  const out = new Float32Array(Math.floor(samples.length / step));
  for (let n = 0; n < out.length; n++) {
    const t = n * step;
    const centre = Math.floor(t);
    let sum = 0;
    let weights = 0;
    for (let k = centre - half + 1; k <= centre + half; k++) {
      const x = k - t;
      const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
      const w = 0.42 + 0.5 * Math.cos((Math.PI * x) / half) + 0.08 * Math.cos((2 * Math.PI * x) / half);
      const weight = sinc * w;
      weights += weight;
      if (k >= 0 && k < samples.length) sum += samples[k] * weight;
    }
    out[n] = sum / weights;
  }
  return out;
}

/** G.711 μ-law code of one sample in [-1, 1]. */
export function muLaw(sample) {
  let x = Math.round(Math.max(-1, Math.min(1, sample)) * 32767);
  const sign = x < 0 ? 0x80 : 0;
  if (x < 0) x = -x;
  x = Math.min(x, 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (x & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (x >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** A mono μ-law WAV: fmt (format 7, with cbSize), fact (sample count, required for non-PCM) and data. */
export function writeMuLawWav(samples, sampleRate) {
  const data = Buffer.alloc(samples.length + (samples.length % 2));
  for (let i = 0; i < samples.length; i++) data[i] = muLaw(samples[i]);
  if (samples.length % 2) data[samples.length] = 0xff; // pad byte: μ-law silence
  const header = Buffer.alloc(12 + 8 + 18 + 8 + 4 + 8);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(header.length - 8 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(18, 16);
  header.writeUInt16LE(7, 20); // WAVE_FORMAT_MULAW
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // bytes a second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits a sample
  header.writeUInt16LE(0, 36); // cbSize
  header.write('fact', 38, 'ascii');
  header.writeUInt32LE(4, 42);
  header.writeUInt32LE(samples.length, 46);
  header.write('data', 50, 'ascii');
  header.writeUInt32LE(samples.length, 54);
  return Buffer.concat([header, data]);
}

/** espeak-ng's WAV → the shipped WAV (see ENCODING). */
export function encodeForKiosk(espeakWav) {
  const { sampleRate, samples } = readPcm16(espeakWav);
  const trimmed = trimSilence(samples, sampleRate);
  return writeMuLawWav(resample(trimmed, sampleRate, ENCODING.sampleRate), ENCODING.sampleRate);
}
