import { describe, expect, it } from 'vitest';
import { rgb } from 'pdf-lib';
import { pdfRgb } from '../../../electron/host/documents/pdf-colour';

describe('pdf colours made without loading pdf-lib at start-up', () => {
  it('are the very objects pdf-lib draws with', () => {
    for (const [r, g, b] of [
      [0, 0, 0],
      [0.35, 0.35, 0.35],
      [0.9, 0.9, 0.9],
    ] as const)
      expect(pdfRgb(r, g, b)).toEqual(rgb(r, g, b));
  });
});
