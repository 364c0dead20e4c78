import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupedYuan, renderIitCertificate } from '../../../electron/host/documents/iit-certificate';
import { amountInWords } from '../../../shared/domain/amount-in-words';
import { isValidVerificationCode, normalizeVerificationCode } from '../../../shared/domain/verification-code';
import { maskName } from '../../../shared/domain/pii';
import {
  compact,
  expectOnlyNotoSansScSubset,
  firstPageMillimetres,
  layoutText,
  ocrTitleBand,
  qrModuleMismatches,
  readPrintedQr,
  savePdfWithPreview,
} from '../../support/certificate-pdf-checks';
import { pdfText, rasterize } from '../../support/pdf-tools';
import { CODE, MASKED_ID, TAXPAYER, sampleInput, sampleRecords } from './iit-certificate-sample';

/**
 * The IIT certificate as the taxpayer and a checker see it: its text
 * (pdftotext), its font (pdffonts), the rendered pages (saved under
 * test-results/certificate/ to look at), a page compared with the committed
 * reference, the QR code module by module, and OCR of the title.
 */
const OUT = path.resolve('test-results/certificate');
const REFERENCE = path.resolve('test/fixtures/certificate/iit-certificate-zh-p1-72dpi.png');
const files = {
  zh: path.join(OUT, 'iit-24-zh.pdf'),
  en: path.join(OUT, 'iit-24-en.pdf'),
  empty: path.join(OUT, 'iit-0-zh.pdf'),
  partly: path.join(OUT, 'iit-24-zh-id-partly-hidden.pdf'),
  sample: path.join(OUT, 'iit-24-zh-masked-sample.pdf'),
};
const bytes: Record<keyof typeof files, Uint8Array> = {
  zh: new Uint8Array(),
  en: new Uint8Array(),
  empty: new Uint8Array(),
  partly: new Uint8Array(),
  sample: new Uint8Array(),
};
const pages = async (b: Uint8Array) => (await PDFDocument.load(b)).getPageCount();
const textOfPage = (file: string, page: number) => layoutText(file, page);

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  bytes.zh = await renderIitCertificate(sampleInput());
  bytes.en = await renderIitCertificate(sampleInput({ lang: 'en' }));
  bytes.empty = await renderIitCertificate(sampleInput({ records: [] }));
  bytes.partly = await renderIitCertificate(sampleInput({ idNumberShown: 'partlyHidden' }));
  bytes.sample = await renderIitCertificate(sampleInput({ nameShown: 'masked', idNumberShown: 'partlyHidden' }));
  for (const key of Object.keys(files) as (keyof typeof files)[]) savePdfWithPreview(files[key], bytes[key]);
  // Warm render time, for the record (the budget is 300 ms; no timed assertion).
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await renderIitCertificate(sampleInput());
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  fs.writeFileSync(path.join(OUT, 'timing.json'), JSON.stringify({ warmMs: times.map((t) => Math.round(t)), medianMs: Math.round(times[2] ?? 0) }));
}, 120_000);

describe('IIT certificate PDF', () => {
  it('is a valid verification code with its check character in the sample', () => {
    expect(isValidVerificationCode(normalizeVerificationCode(CODE))).toBe(true);
  });

  it('runs 24 records over exactly 2 A4 pages, small enough to spool at once', async () => {
    expect(await pages(bytes.zh)).toBe(2);
    expect(firstPageMillimetres(await PDFDocument.load(bytes.zh))).toEqual([210, 297]);
    expect(bytes.zh.length).toBeLessThan(200 * 1024);
  });

  it('says the title, the holder’s full name and ID number, the period, the issuer and the code', () => {
    const text = compact(pdfText(files.zh));
    for (const expected of [
      '个人所得税完税证明',
      TAXPAYER.name,
      TAXPAYER.idNumber,
      '2024年01月至2025年12月',
      '2026年03月05日',
      '国家税务总局济南市历下区税务局',
      `验证码：${CODE}`,
    ]) {
      expect(text).toContain(compact(expected));
    }
  });

  it('lists every record amount, the total in figures and in 大写', () => {
    const text = compact(pdfText(files.zh));
    const records = sampleRecords();
    for (const r of records) expect(text).toContain(groupedYuan(r.amountFen));
    const total = records.reduce((s, r) => s + r.amountFen, 0);
    expect(text).toContain(`¥${groupedYuan(total)}`);
    expect(text).toContain(`金额合计（大写）：人民币${amountInWords(total)}`);
    expect(text).toContain('合计（24条）');
  });

  it('numbers its pages and repeats the table header and the code on each', () => {
    for (const [page, label] of [
      [1, '第1页/共2页'],
      [2, '第2页/共2页'],
    ] as const) {
      const text = compact(textOfPage(files.zh, page));
      expect(text).toContain(label);
      expect(text).toContain('序号所属期征收品目扣缴义务人入库日期税务机关实缴金额（元）');
      expect(text).toContain(CODE);
    }
    expect(compact(textOfPage(files.zh, 2))).toContain('个人所得税完税证明（续页）');
  });

  it('prints the holder in full once, in the taxpayer grid on page 1: not on later pages, not in the metadata', () => {
    // The certificate is the holder's own proof for a bank or a visa office: a masked name proves nothing.
    const text = compact(pdfText(files.zh));
    expect(text.split(TAXPAYER.name).length - 1).toBe(1);
    expect(text.split(TAXPAYER.idNumber).length - 1).toBe(1);
    expect(text).not.toContain(maskName(TAXPAYER.name));
    expect(text).not.toContain(MASKED_ID);
    expect(compact(textOfPage(files.zh, 1))).toContain(`${TAXPAYER.name}`);
    expect(textOfPage(files.zh, 2)).not.toContain(TAXPAYER.name);
    expect(textOfPage(files.zh, 2)).not.toContain(TAXPAYER.idNumber);
    const info = execFileSync('pdfinfo', [files.zh], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+个人所得税完税证明\n/);
    expect(info).not.toContain(TAXPAYER.name);
    expect(info).not.toContain(TAXPAYER.idNumber);
  });

  it('partly hidden at the holder’s choice: the full name, the ID number never in full (text, metadata or any stream)', () => {
    const text = compact(pdfText(files.partly));
    expect(text).toContain(TAXPAYER.name);
    expect(text).toContain(MASKED_ID);
    const full = TAXPAYER.idNumber;
    expect(pdfText(files.partly)).not.toContain(full);
    const raw = Buffer.from(bytes.partly);
    expect(raw.toString('latin1')).not.toContain(full);
    expect(raw.toString('latin1').toUpperCase()).not.toContain(Buffer.from(full, 'utf16le').swap16().toString('hex').toUpperCase());
    for (const stream of inflatedStreams(raw)) expect(stream.toString('latin1')).not.toContain(full);
  });

  it('a technician’s sample (kioskctl) masks both, the name once on page 1, never in full anywhere', () => {
    const masked = maskName(TAXPAYER.name);
    const text = pdfText(files.sample);
    expect(text).not.toContain(TAXPAYER.name);
    expect(text).not.toContain(TAXPAYER.idNumber);
    expect(text.split(masked).length - 1).toBe(1);
    expect(textOfPage(files.sample, 1)).toContain(masked);
    expect(compact(text)).toContain(MASKED_ID);
    for (const stream of inflatedStreams(Buffer.from(bytes.sample))) expect(stream.toString('latin1')).not.toContain(TAXPAYER.idNumber);
  });

  it('embeds a subset of Noto Sans SC as its only font', () => {
    for (const file of Object.values(files)) expectOnlyNotoSansScSubset(file);
  });

  it('with no records is a one-page certificate that says so, with a zero total', async () => {
    expect(await pages(bytes.empty)).toBe(1);
    const text = compact(pdfText(files.empty));
    for (const expected of [
      '无缴税记录',
      '该纳税人在上述税款所属期间内没有个人所得税缴纳记录。',
      '合计（0条）',
      '¥0.00',
      '人民币零元整',
      TAXPAYER.idNumber,
      '第1页/共1页',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('in English: English labels, the Chinese title under the English one, the records as they are', async () => {
    expect(await pages(bytes.en)).toBe(2);
    const text = pdfText(files.en);
    for (const expected of [
      'Individual Income Tax Payment Certificate',
      '个人所得税完税证明',
      'ID number',
      TAXPAYER.idNumber,
      TAXPAYER.name,
      'Withholding agent',
      'Page 1 of 2',
      'Total (records: 24)',
      'Issued by',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('is the same file for the same input (fixed dates, subset in code point order)', async () => {
    expect(Buffer.from(await renderIitCertificate(sampleInput())).equals(Buffer.from(bytes.zh))).toBe(true);
  });

  it('draws the QR code of the verification code, module by module, with a clear quiet zone', () => {
    const qr = readPrintedQr(files.zh, path.join(OUT, 'iit-qr.png'), CODE);
    expect(qrModuleMismatches(qr)).toBe(0);
    // Quiet zone: nothing dark in the ring up to 3 modules outside the symbol (the code is printed below it, further out).
    for (let i = -2.5; i < qr.size + 2.5; i += 0.5) {
      for (const [x, y] of [
        [i, -1.5],
        [i, qr.size + 1.5],
        [-1.5, i],
        [qr.size + 1.5, i],
      ] as const) {
        expect(qr.darkAt(x, y), `${x},${y}`).toBe(false);
      }
    }
  });

  it('looks like the reference page (72 dpi, pixel diff within a small tolerance)', () => {
    const actualFile = rasterize(files.zh, path.join(OUT, 'iit-24-zh-p1-72dpi.png'), 72);
    if (process.env.UPDATE_CERTIFICATE_REFERENCE === '1') fs.copyFileSync(actualFile, REFERENCE);
    const actual = PNG.sync.read(fs.readFileSync(actualFile));
    const reference = PNG.sync.read(fs.readFileSync(REFERENCE));
    expect([actual.width, actual.height]).toEqual([reference.width, reference.height]);
    let differing = 0;
    for (let i = 0; i < actual.data.length; i += 4) {
      const d = Math.max(...[0, 1, 2].map((k) => Math.abs((actual.data[i + k] ?? 0) - (reference.data[i + k] ?? 0))));
      if (d > 64) differing++;
    }
    // Anti-aliasing may differ by a poppler version; a moved line or a missing glyph costs thousands of pixels.
    expect(differing / (actual.width * actual.height)).toBeLessThan(0.002);
  });

  it('has a title a person can read (OCR of the page rendered at 150 dpi)', () => {
    expect(ocrTitleBand(files.zh, path.join(OUT, 'iit-title.png'))).toContain('个人所得税完税证明');
  }, 60_000);

  it('keeps a hostile record on the page: control characters flattened, a huge name cut with "…"', async () => {
    const record = { ...sampleRecords(1)[0]!, agent: '示例'.repeat(5000), item: '工资\n薪金\u0000所得' };
    const b = await renderIitCertificate(sampleInput({ records: [record] }));
    const file = path.join(OUT, 'iit-hostile.pdf');
    fs.writeFileSync(file, b);
    expect(await pages(b)).toBe(1);
    const text = pdfText(file);
    expect(text).toContain('…');
    expect(compact(text)).toContain('工资薪金所得');
    expect(b.length).toBeLessThan(200 * 1024);
  });

  it('refuses what no certificate can be: more than 1000 records, negative or fractional amounts', async () => {
    await expect(renderIitCertificate(sampleInput({ records: sampleRecords(1001) }))).rejects.toThrow(RangeError);
    await expect(renderIitCertificate(sampleInput({ records: [{ ...sampleRecords(1)[0]!, amountFen: -1 }] }))).rejects.toThrow(RangeError);
    await expect(renderIitCertificate(sampleInput({ records: [{ ...sampleRecords(1)[0]!, amountFen: 1.5 }] }))).rejects.toThrow(RangeError);
  });
});

/** The decompressed content of every FlateDecode stream in a PDF (content, fonts' ToUnicode, metadata). */
function inflatedStreams(raw: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const text = raw.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(zlib.inflateSync(raw.subarray(start, end)));
    } catch {
      // not deflated (or trailing EOL quirks): its raw bytes were searched already
    }
    re.lastIndex = end;
  }
  expect(out.length).toBeGreaterThan(0);
  return out;
}
