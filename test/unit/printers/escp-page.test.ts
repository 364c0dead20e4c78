import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeForm, encodeGrid, hToMm, vToMm, type Calibration } from '../../../devices/printers/escp/escp-encoder';
import { CHAR_HEIGHT_MM, defaultInvoiceTemplate, fieldTexts, itemField, type FormTemplate } from '../../../devices/printers/escp/form-template';
import { EscpInterpreter, interpretJob, type EscpPage } from '../../../devices/simulators/escp/escp-interpreter';
import { BOX_COLOUR, RUN_COLOUR, STRAY_COLOUR, checkPlacement, fieldOfRun, renderPageImage } from '../../../devices/simulators/escp/page-image';
import { sampleInvoice } from './escp-sample';

const OUT_DIR = path.join(process.cwd(), 'test-results', 'escp');
const template = defaultInvoiceTemplate();
const data = sampleInvoice();
const printed = (cal?: Calibration, t: FormTemplate = template): EscpPage => {
  const pages = interpretJob(encodeForm(data, t, cal));
  expect(pages).toHaveLength(1);
  return pages[0]!;
};
const byField = (page: EscpPage) => new Map(page.runs.map((r) => [fieldOfRun(r, template) ?? '?', r]));

describe('ESC/P page: every field of the default template in its box', () => {
  it('places each field text inside its own box, one text per box', () => {
    const page = printed();
    expect(checkPlacement(page, template)).toEqual([]);
    const texts = fieldTexts(data);
    const runs = byField(page);
    expect([...runs.keys()].sort()).toEqual(Object.keys(template.fields).sort());
    for (const [field, text] of Object.entries(texts)) expect(runs.get(field)?.text, field).toBe(text);
    expect(page.unknown).toEqual([]);
  });

  it('reads the same page when the bytes arrive one at a time', () => {
    const bytes = encodeForm(data, template);
    const interp = new EscpInterpreter();
    const pages: EscpPage[] = [];
    for (const b of bytes) for (const e of interp.push(Uint8Array.of(b))) if (e.type === 'page') pages.push(e.page);
    expect(pages).toEqual([printed()]);
  });
});

describe('ESC/P page: calibration offsets', () => {
  const base = byField(printed());

  it.each([
    { dxTenthMm: 15, dyTenthMm: 0 },
    { dxTenthMm: -20, dyTenthMm: 0 },
    { dxTenthMm: 0, dyTenthMm: 5 },
    { dxTenthMm: 15, dyTenthMm: -5 },
  ])('%o moves every field by exactly the offset (to half a printer unit) and keeps it in its box', (cal) => {
    const page = printed(cal);
    const moved = byField(page);
    expect(moved.size).toBe(base.size);
    for (const [field, run] of base) {
      const m = moved.get(field)!;
      expect(Math.abs(m.xMm - run.xMm - cal.dxTenthMm / 10), field).toBeLessThanOrEqual(hToMm(1) + 1e-9);
      expect(Math.abs(m.yMm - run.yMm - cal.dyTenthMm / 10), field).toBeLessThanOrEqual(vToMm(1) + 1e-9);
    }
    expect(checkPlacement(page, template)).toEqual([]);
  });

  it('-2.0 mm (up) takes the item lines and 7 mm rows out of their boxes: they have under 2 mm of air', () => {
    const problems = checkPlacement(printed({ dxTenthMm: 0, dyTenthMm: -20 }), template);
    const fields = new Set(problems.map((p) => p.field));
    expect(fields.has(itemField(0, 'name'))).toBe(true);
    expect(fields.has(itemField(7, 'tax'))).toBe(true);
    expect(fields.has('totalInWords')).toBe(true); // 7 mm row: 1.8 mm of air above, 2.0 asked
    expect(problems.find((p) => p.field === itemField(0, 'name'))?.problem).toMatch(/above the box/);
  });

  it('an excessive +8.0 mm across is reported for the right-aligned amounts', () => {
    const problems = checkPlacement(printed({ dxTenthMm: 80, dyTenthMm: 0 }), template);
    const fields = problems.map((p) => p.field);
    expect(fields).toContain('totalFigures');
    expect(fields).toContain(itemField(3, 'amount'));
    expect(problems.find((p) => p.field === 'totalFigures')?.problem).toMatch(/past the right edge/);
  });
});

function misplacedTemplate(): FormTemplate {
  const t = defaultInvoiceTemplate();
  const f = t.fields[itemField(0, 'amount')]!;
  t.fields[itemField(0, 'amount')] = { ...f, xMm: f.xMm + 3 };
  return t;
}

describe('ESC/P page: a misplaced template field', () => {
  it('is reported for that field only', () => {
    const problems = checkPlacement(printed(undefined, misplacedTemplate()), template);
    expect(problems.map((p) => p.field)).toEqual([itemField(0, 'amount')]);
    expect(problems[0]?.problem).toMatch(/0\.\d+ mm past the right edge/);
  });
});

describe('ESC/P page image', () => {
  const px = 4;
  const colourAt = (png: PNG, xMm: number, yMm: number) => {
    const i = (Math.round(yMm * px) * png.width + Math.round(xMm * px)) * 4;
    return [png.data[i], png.data[i + 1], png.data[i + 2]];
  };

  it('draws the boxes, the runs in their boxes dark and the stray run red', () => {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const page = printed(undefined, misplacedTemplate());
    const buffer = renderPageImage(page, template, px);
    fs.writeFileSync(path.join(OUT_DIR, 'invoice-misplaced.png'), buffer);
    fs.writeFileSync(path.join(OUT_DIR, 'invoice.png'), renderPageImage(printed(), template, px));
    const png = PNG.sync.read(buffer);
    expect([png.width, png.height]).toEqual([964, 712]);
    const code = template.fields.code!;
    expect(colourAt(png, code.xMm, code.yMm)).toEqual([...BOX_COLOUR]);
    const mid = (r: { xMm: number; yMm: number; widthMm: number }) => [r.xMm + r.widthMm / 2, r.yMm + CHAR_HEIGHT_MM / 2] as const;
    const good = byField(page).get('code')!;
    expect(colourAt(png, ...mid(good))).toEqual([...RUN_COLOUR]);
    const stray = byField(page).get(itemField(0, 'amount'))!;
    expect(colourAt(png, ...mid(stray))).toEqual([...STRAY_COLOUR]);
    // No red anywhere on the correct page.
    const clean = PNG.sync.read(renderPageImage(printed(), template, px));
    let red = 0;
    for (let i = 0; i < clean.data.length; i += 4) if (clean.data[i] === STRAY_COLOUR[0] && clean.data[i + 1] === STRAY_COLOUR[1]) red++;
    expect(red).toBe(0);
  });
});

describe('ESC/P test grid', () => {
  it.each([
    { dxTenthMm: 0, dyTenthMm: 0 },
    { dxTenthMm: 15, dyTenthMm: -20 },
  ])('marks every box corner at the corner (+ calibration %o) and a + every 10 mm', (cal) => {
    const pages = interpretJob(encodeGrid(template, cal));
    expect(pages).toHaveLength(1);
    const runs = pages[0]!.runs;
    const centre = (r: { xMm: number; yMm: number; widthMm: number }) => ({ x: r.xMm + r.widthMm / 2, y: r.yMm + CHAR_HEIGHT_MM / 2 });
    const near = (text: string, x: number, y: number) =>
      runs.some((r) => r.text === text && Math.abs(centre(r).x - x) <= hToMm(0.5) + 1e-9 && Math.abs(centre(r).y - y) <= vToMm(0.5) + 1e-9);
    const dx = cal.dxTenthMm / 10;
    const dy = cal.dyTenthMm / 10;
    for (const [field, b] of Object.entries(template.fields)) {
      expect(near('┌', b.xMm + dx, b.yMm + dy), `${field} top-left`).toBe(true);
      expect(near('┘', b.xMm + b.widthMm + dx, b.yMm + b.heightMm + dy), `${field} bottom-right`).toBe(true);
    }
    expect(near('+', 100 + dx, 100 + dy)).toBe(true);
    expect(runs.filter((r) => r.text === '+')).toHaveLength(23 * 17);
    if (cal.dxTenthMm === 0) fs.writeFileSync(path.join(OUT_DIR, 'grid.png'), renderPageImage(pages[0]!, template, 4, { judge: false }));
  });
});
