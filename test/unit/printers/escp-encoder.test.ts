import { describe, expect, it } from 'vitest';
import { INVOICE_MAX_ITEMS } from '../../../shared/domain/invoice-form';
import {
  FormLayoutError,
  encodeBlankFormFeed,
  encodeForm,
  encodeRuns,
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
