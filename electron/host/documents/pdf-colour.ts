import type { RGB } from 'pdf-lib';

/**
 * pdf-lib's `rgb()` without loading pdf-lib: module-level colour constants
 * would otherwise require the whole library when the host starts, long
 * before any PDF is made (the bundle loads pdf-lib on first use, see
 * scripts/lazy-externals.mjs). Same object as `rgb(red, green, blue)`.
 */
export function pdfRgb(red: number, green: number, blue: number): RGB {
  // `ColorTypes.RGB` is the string enum member "RGB".
  return { type: 'RGB' as RGB['type'], red, green, blue };
}
