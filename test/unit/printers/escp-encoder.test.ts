import { describe, expect, it } from 'vitest';
import { INVOICE_MAX_ITEMS } from '../../../shared/domain/invoice-form';
import {
  FormLayoutError,
  encodeBlankFormFeed,
  encodeForm,
  encodeRuns,
  gridRuns,
  hToMm,
  layoutForm,
  mmToH,
  mmToV,
  placeInBox,
  vToMm,
  NO_CALIBRATION,
} from '../../../devices/printers/escp/escp-encoder';
import { box, defaultInvoiceTemplate, fieldTexts, itemField } from '../../../devices/printers/escp/form-template';
import { interpretJob } from '../../../devices/simulators/escp/escp-interpreter';
import { sampleInvoice } from './escp-sample';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

describe('ESC/P encoder: bytes of a tiny form', () => {
  it('places two fields with ESC $ / ESC J and wraps Chinese in FS & … FS .', () => {
    const a = placeInBox('a', '12', box(20, 10, 40, 6, { cpi: 10 }), NO_CALIBRATION);
    const b = placeInBox('b', '发票', box(20, 50, 60, 6, { cpi: 12 }), NO_CALIBRATION);
    expect(a && b).toBeTruthy();
    // Field a: left 20 + 2.5 pad = 22.5 mm → 53.15/60 in → 53 (0x35); top 10 + (6 − 3.387)/2 = 11.307 mm → 80.1/180 in → 80 (0x50).
    // Field b: top 51.307 mm → 363.6 → 364; feed 364 − 80 = 284 = 255 + 29.
    const bytes = encodeRuns([b!, a!], 101.6);
    expect(hex(bytes)).toBe(
      [
        '1b 40', //                 ESC @          initialize
        '1b 43 00 04', //           ESC C NUL 4    page length 4 in (101.6 mm)
        '1b 4a 50', //              ESC J 80       down to field a
        '1b 50', //                 ESC P          10 cpi
        '1b 24 35 00', //           ESC $ 53 0     x = 53/60 in
        '31 32', //                 "12"
        '1b 4a ff', //              ESC J 255      split feed…
        '1b 4a 1d', //              ESC J 29       …to field b
        '1b 4d', //                 ESC M          12 cpi
        '1b 24 35 00', //           ESC $ 53 0
        '1c 26 b7 a2 c6 b1 1c 2e', // FS & 发票 (GB18030) FS .
        '0c', //                    FF             eject
      ].join(' '),
    );
  });
});

describe('ESC/P encoder: mm → printer units', () => {
  it('rounds to the nearest unit: 1/60 in across (0.423 mm), 1/180 in down (0.141 mm)', () => {
    expect(mmToH(0.21)).toBe(0);
    expect(mmToH(0.22)).toBe(1);
    expect(mmToH(25.4)).toBe(60);
    expect(mmToH(241)).toBe(569);
    expect(mmToV(0.07)).toBe(0);
    expect(mmToV(0.071)).toBe(1);
    expect(mmToV(177.8)).toBe(1260);
    expect(hToMm(60)).toBeCloseTo(25.4, 9);
    expect(vToMm(180)).toBeCloseTo(25.4, 9);
  });

  it('does not accumulate rounding down a long form: each position is within half a unit of its mm', () => {
    const runs = Array.from({ length: 30 }, (_, k) => placeInBox(`f${k}`, 'X', box(10.33 * (k % 7) + 5, 5.37 * k + 3, 20, 5), NO_CALIBRATION)!);
    const page = interpretJob(encodeRuns(runs, 177.8))[0]!;
    expect(page.runs).toHaveLength(30);
    runs.forEach((run, k) => {
      const printed = page.runs.find((r) => Math.abs(r.yMm - vToMm(run.yUnits)) < 1e-9 && Math.abs(r.xMm - hToMm(run.xUnits)) < 1e-9);
      expect(printed, `run ${k}`).toBeDefined();
      const wantY = 5.37 * k + 3 + (5 - (24 / 180) * 25.4) / 2;
      expect(Math.abs(printed!.yMm - wantY)).toBeLessThanOrEqual(vToMm(0.5) + 1e-9);
      expect(Math.abs(printed!.xMm - (10.33 * (k % 7) + 5 + 2.5))).toBeLessThanOrEqual(hToMm(0.5) + 1e-9);
    });
  });
});

describe('ESC/P encoder: the invoice', () => {
  it('fills every field of the default template once, top to bottom, one FF at the end', () => {
    const data = sampleInvoice();
    const template = defaultInvoiceTemplate();
    const runs = layoutForm(data, template);
    expect(new Set(runs.map((r) => r.field))).toEqual(new Set(Object.keys(template.fields)));
    const bytes = encodeForm(data, template);
    expect(bytes.filter((b) => b === 0x0c)).toHaveLength(1);
    expect(bytes.at(-1)).toBe(0x0c);
    // The head only moves forward: no reverse feed (ESC j) anywhere.
    for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 0x1b) expect(bytes[i + 1]).not.toBe(0x6a);
    // DLE EOT never appears inside a job.
    for (let i = 0; i + 1 < bytes.length; i++) expect(bytes[i] === 0x10 && bytes[i + 1] === 0x04).toBe(false);
  });

  it('an individual buyer (no tax number) leaves those lines blank', () => {
    const runs = layoutForm(sampleInvoice(1, 'individual'), defaultInvoiceTemplate());
    const fields = runs.map((r) => r.field);
    expect(fields).toContain('buyer.name');
    expect(fields).not.toContain('buyer.taxId');
    expect(fields).not.toContain(itemField(1, 'name'));
    expect(fields).not.toContain('buyer.addressPhone');
  });

  it('condenses a long text to 15 cpi and refuses one that fits no pitch, naming the field only', () => {
    const data = sampleInvoice(1);
    const template = defaultInvoiceTemplate();
    const longName = { ...data, seller: { ...data.seller, name: '深圳市示例科技有限公司深圳市示例科技有限公司南山' } };
    expect(layoutForm(longName, template).find((r) => r.field === 'seller.name')?.cpi).toBe(15);
    const tooLong = { ...data, seller: { ...data.seller, name: '深'.repeat(40) } };
    let error: unknown;
    try {
      encodeForm(tooLong, template);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormLayoutError);
    expect((error as FormLayoutError).problems.map((p) => p.field)).toEqual(['seller.name']);
    expect((error as Error).message).not.toContain('深');
  });

  it('prints the texts the data gives, decoded back from GB18030', () => {
    const data = sampleInvoice();
    const page = interpretJob(encodeForm(data, defaultInvoiceTemplate()))[0]!;
    const texts = page.runs.map((r) => r.text).sort();
    expect(texts).toEqual(Object.values(fieldTexts(data)).sort());
    expect(texts).toContain(data.totalInWords);
    expect(texts).toContain('2026年06月01日');
    expect(page.runs).toHaveLength(Object.keys(fieldTexts(data)).length);
    expect(INVOICE_MAX_ITEMS).toBe(8);
  });
});

describe('ESC/P encoder: blank forms', () => {
  it('feeds n forms as n FF after init and page length', () => {
    expect(hex(encodeBlankFormFeed(3))).toBe('1b 40 1b 43 00 07 0c 0c 0c');
    const pages = interpretJob(encodeBlankFormFeed(3));
    expect(pages).toHaveLength(3);
    expect(pages.every((p) => p.runs.length === 0)).toBe(true);
  });
  it.each([0, -1, 1.5, 101])('refuses a count of %s', (n) => {
    expect(() => encodeBlankFormFeed(n)).toThrow(RangeError);
  });
});

describe('ESC/P encoder: placing a text in its box', () => {
  // Independent of the encoder: the nearest 1/60 in and 1/180 in of a position in mm.
  const h = (mm: number) => Math.round((mm / 25.4) * 60);
  const v = (mm: number) => Math.round((mm / 25.4) * 180);
  const top = v(10 + (6 - (24 / 180) * 25.4) / 2);

  it('puts "AB" (2 cells of 2.54 mm at 10 cpi) left, right or centred inside 2.5 mm of air', () => {
    // Box 20..60 mm: text area 22.5..57.5 mm, 35 mm wide; "AB" is 5.08 mm, leaving 29.92 mm.
    expect(placeInBox('f', 'AB', box(20, 10, 40, 6), NO_CALIBRATION)).toEqual({ field: 'f', text: 'AB', cpi: 10, xUnits: h(22.5), yUnits: top });
    expect(placeInBox('f', 'AB', box(20, 10, 40, 6, { align: 'right' }), NO_CALIBRATION)?.xUnits).toBe(h(22.5 + 29.92));
    expect(placeInBox('f', 'AB', box(20, 10, 40, 6, { align: 'center' }), NO_CALIBRATION)?.xUnits).toBe(h(22.5 + 29.92 / 2));
  });

  it('moves every text by the calibration, in 0.1 mm', () => {
    expect(placeInBox('f', 'AB', box(20, 10, 40, 6), { dxTenthMm: 15, dyTenthMm: -20 })).toMatchObject({
      xUnits: h(24),
      yUnits: v(10 + (6 - (24 / 180) * 25.4) / 2 - 2),
    });
  });

  it('clamps a position the calibration pushes left of the margin or above the top of form to 0', () => {
    expect(placeInBox('f', 'X', box(0, 0, 10, 3), { dxTenthMm: -100, dyTenthMm: -100 })).toMatchObject({ xUnits: 0, yUnits: 0 });
  });

  it('takes a text that fills the box exactly, and refuses one cell more or more cells than the box allows', () => {
    const exact = box(0, 0, 5 + 10 * 2.54, 6); // 10 cells at 10 cpi, no condensing
    expect(exact.maxChars).toBe(10);
    expect(placeInBox('f', 'X'.repeat(10), exact, NO_CALIBRATION)?.cpi).toBe(10);
    expect(placeInBox('f', 'X'.repeat(11), exact, NO_CALIBRATION)).toBeNull();
    // A template may cap a box below what its width holds (a field with a fixed number of characters).
    expect(placeInBox('f', 'XXXX', { ...box(0, 0, 40, 6), maxChars: 3 }, NO_CALIBRATION)).toBeNull();
    expect(placeInBox('f', 'XXX', { ...box(0, 0, 40, 6), maxChars: 3 }, NO_CALIBRATION)?.cpi).toBe(10);
  });
});

describe('ESC/P encoder: bytes of runs on one row and far right', () => {
  const run = (field: string, text: string, xUnits: number, yUnits: number, cpi: 10 | 12 | 15 = 10) => ({ field, text, cpi, xUnits, yUnits });

  it('prints runs of one row left to right without feeding between them, and selects the pitch once', () => {
    const bytes = encodeRuns([run('b', 'B', 300, 50), run('a', 'A', 20, 50)], 101.6);
    expect(hex(bytes)).toBe(
      [
        '1b 40',
        '1b 43 00 04',
        '1b 4a 32', //     ESC J 50
        '1b 50', //        ESC P 10 cpi, once
        '1b 24 14 00', //  ESC $ 20
        '41', //           "A"
        '1b 24 2c 01', //  ESC $ 300 = 0x012c: nL nH
        '42', //           "B"
        '0c',
      ].join(' '),
    );
  });

  it('wraps a mixed text in FS & … FS . and leaves a half-width one as plain ASCII', () => {
    expect(hex(encodeRuns([run('a', 'A发', 0, 0)], 101.6))).toBe('1b 40 1b 43 00 04 1b 50 1b 24 00 00 1c 26 41 b7 a2 1c 2e 0c');
    expect(hex(encodeRuns([run('a', 'No.1', 0, 0)], 101.6))).toBe('1b 40 1b 43 00 04 1b 50 1b 24 00 00 4e 6f 2e 31 0c');
  });

  it('sets the page length in whole inches, 1 to 22', () => {
    const lengthByte = (mm: number) => encodeRuns([], mm)[5];
    expect(lengthByte(177.8)).toBe(7);
    expect(lengthByte(5)).toBe(1);
    expect(lengthByte(1000)).toBe(22);
  });
});

describe('ESC/P encoder: what a failed layout says', () => {
  it('names a field that has no box, and one that is too long with its size, in one error', () => {
    const data = sampleInvoice(1);
    const template = defaultInvoiceTemplate();
    const { ['buyer.name']: _dropped, ...fields } = template.fields;
    const tooLong = { ...data, seller: { ...data.seller, name: 'X'.repeat(200) } };
    let error: unknown;
    try {
      layoutForm(tooLong, { ...template, fields });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormLayoutError);
    const max = template.fields['seller.name']!.maxChars;
    expect((error as FormLayoutError).problems).toEqual(
      [
        { field: 'seller.name', problem: `is 200 cells, the box takes ${max}` },
        { field: 'buyer.name', problem: 'has no box in the template' },
      ].sort((a, b) => Object.keys(fieldTexts(data)).indexOf(a.field) - Object.keys(fieldTexts(data)).indexOf(b.field)),
    );
    expect((error as Error).name).toBe('FormLayoutError');
    const parts = (error as FormLayoutError).problems.map((p) => `${p.field} ${p.problem}`);
    expect(parts).toHaveLength(2);
    expect((error as Error).message).toBe(`form does not fit: ${parts.join('; ')}`);
  });
});

describe('ESC/P encoder: blank forms, limits', () => {
  it('feeds 1 and 100 forms, at the page length asked for', () => {
    expect(hex(encodeBlankFormFeed(1, 101.6))).toBe('1b 40 1b 43 00 04 0c');
    expect(encodeBlankFormFeed(100).filter((b) => b === 0x0c)).toHaveLength(100);
    expect(() => encodeBlankFormFeed(101)).toThrow('blank form count must be 1..100, got 101');
  });
});

describe('ESC/P test grid: labels and marks of a small form', () => {
  // A 45 × 33 mm form with one box: columns at x < 45 − 5 and rows at y < 33 − 3, every 10 mm.
  const template = { name: 'small', widthMm: 45, heightMm: 33, fields: { a: box(12, 14, 20, 6) } };
  const h = (mm: number) => Math.max(0, Math.round((mm / 25.4) * 60));
  const v = (mm: number) => Math.max(0, Math.round((mm / 25.4) * 180));
  const half = ((24 / 180) * 25.4) / 2;
  const cell = (cpi: number) => 25.4 / cpi;

  it('puts column labels along the top, row labels in the left strip, a + on every grid point and the box corners', () => {
    const cal = { dxTenthMm: 15, dyTenthMm: 20 };
    const runs = gridRuns(template, cal);
    // Centred on (x, y) + calibration; '┌' and '┘' are full-width: two cells.
    const centred = (field: string, text: string, cpi: 10 | 15, x: number, y: number, cells = text.length) => ({
      field,
      text,
      cpi,
      xUnits: h(x + 1.5 - (cells * cell(cpi)) / 2),
      yUnits: v(y + 2 - half),
    });
    expect(runs).toEqual([
      centred('grid.col10', '10', 15, 10, 5),
      centred('grid.col20', '20', 15, 20, 5),
      centred('grid.col30', '30', 15, 30, 5),
      { field: 'grid.row10', text: '10', cpi: 15, xUnits: h(1 + 1.5), yUnits: v(10 + 2 - half) },
      centred('grid.10,10', '+', 10, 10, 10),
      centred('grid.20,10', '+', 10, 20, 10),
      centred('grid.30,10', '+', 10, 30, 10),
      { field: 'grid.row20', text: '20', cpi: 15, xUnits: h(1 + 1.5), yUnits: v(20 + 2 - half) },
      centred('grid.10,20', '+', 10, 10, 20),
      centred('grid.20,20', '+', 10, 20, 20),
      centred('grid.30,20', '+', 10, 30, 20),
      centred('a.topLeft', '┌', 10, 12, 14, 2),
      centred('a.bottomRight', '┘', 10, 32, 20, 2),
    ]);
  });
});
