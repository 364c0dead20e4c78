import { PNG } from 'pngjs';

/** Dark ("ink") pixels of a screenshot as a 0/1 mask. */
export function inkMask(png: Buffer): { mask: Uint8Array; width: number; height: number } {
  const image = PNG.sync.read(png);
  const mask = new Uint8Array(image.width * image.height);
  for (let i = 0; i < mask.length; i++) {
    const r = image.data[i * 4] ?? 255;
    const g = image.data[i * 4 + 1] ?? 255;
    const b = image.data[i * 4 + 2] ?? 255;
    mask[i] = (r + g + b) / 3 < 128 ? 1 : 0;
  }
  return { mask, width: image.width, height: image.height };
}

export function inkCount(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}

/** Pixels inked in exactly one of the two masks, over pixels inked in either. */
export function inkDifference(a: Uint8Array, b: Uint8Array): number {
  let either = 0;
  let differ = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x || y) either++;
    if (x !== y) differ++;
  }
  return either === 0 ? 0 : differ / either;
}
