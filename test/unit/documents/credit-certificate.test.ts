import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCreditCertificate, type CreditCertificateInput } from '../../../electron/host/documents/credit-certificate';
import { isValidCreditCode } from '../../../shared/domain/credit-code';
import { formatVerificationCode, isValidVerificationCode, makeVerificationCode, normalizeVerificationCode } from '../../../shared/domain/verification-code';
import { makeCreditCode } from '../../../backend/sandbox/seed-credit-code';
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
import { pdfText } from '../../support/pdf-tools';

/**
 * The 纳税信用等级证明 as the bank clerk and a checker see it: its text
 * (pdftotext), its font, the QR code module by module, OCR of the title,
 * and the page rendered under test-results/credit-certificate/ to look at.
 */
const OUT = path.resolve('test-results/credit-certificate');
const CODE = formatVerificationCode(makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 41 + 7) % 256)));
const CREDIT_CODE = makeCreditCode('91', '370102', 'MA01TK01');
const NAME = '示例科技有限公司';
/** The page as laid out, one compacted line per printed line: a label and its value share one. */
const layoutLines = (file: string) => layoutText(file).split('\n').map(compact);

function input(over: Partial<CreditCertificateInput> = {}): CreditCertificateInput {
  return {
    taxpayer: { name: NAME, creditCode: CREDIT_CODE },
    grade: 'A',
    year: 2025,
    bankName: '示范银行',
    // 17:30 UTC on 4 March is already 5 March in Beijing: the date printed is Beijing's.
    issuedAt: new Date('2026-03-04T17:30:00Z'),
    issuer: '国家税务总局济南市历下区税务局',
    verificationCode: CODE,
    lang: 'zh-CN',
    kioskId: 'K-0001',
    ...over,
  };
}

const files = { zh: path.join(OUT, 'credit-zh.pdf'), en: path.join(OUT, 'credit-en.pdf'), d: path.join(OUT, 'credit-d-zh.pdf') };
let zh: Uint8Array = new Uint8Array();

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  zh = await renderCreditCertificate(input());
  savePdfWithPreview(files.zh, zh);
  savePdfWithPreview(files.en, await renderCreditCertificate(input({ lang: 'en' })));
  savePdfWithPreview(files.d, await renderCreditCertificate(input({ grade: 'D', year: 2024 })));
}, 120_000);

describe('纳税信用等级证明 PDF', () => {
  it('uses a valid credit code and verification code in the sample', () => {
    expect(isValidCreditCode(CREDIT_CODE)).toBe(true);
    expect(isValidVerificationCode(normalizeVerificationCode(CODE))).toBe(true);
  });

  it('is one A4 page', async () => {
    const doc = await PDFDocument.load(zh);
    expect(doc.getPageCount()).toBe(1);
    expect(firstPageMillimetres(doc)).toEqual([210, 297]);
  });

  it('says the title, the taxpayer in full, the grade and its year, the issuer, Beijing’s date, the code and the use', () => {
    const lines = layoutLines(files.zh);
    for (const row of [`纳税人名称${NAME}`, `统一社会信用代码${CREDIT_CODE}评价年度2025年度`, '纳税信用等级A级开具日期2026年03月05日']) {
      expect(lines).toContain(row);
    }
    const text = compact(pdfText(files.zh));
    for (const expected of [
      '纳税信用等级证明',
      `经查询，${NAME}（统一社会信用代码：${CREDIT_CODE}）2025年度纳税信用评价结果为A级。特此证明。`,
      '本证明仅供该纳税人向示范银行申请信用贷款（银税互动）时使用',
      '电子税务局',
      '国家税务总局济南市历下区税务局',
      `验证码：${CODE}`,
      '第1页/共1页',
      '打印终端：K-0001',
    ]) {
      expect(text).toContain(compact(expected));
    }
    expect(text).not.toContain('2026年03月04日');
  });

  it('prints another grade and year as given (a D grade is not hidden)', () => {
    expect(layoutLines(files.d)).toContain('纳税信用等级D级开具日期2026年03月05日');
    const text = compact(pdfText(files.d));
    expect(text).toContain('2024年度纳税信用评价结果为D级');
  });

  it('keeps the taxpayer out of the metadata', async () => {
    const doc = await PDFDocument.load(zh, { updateMetadata: false });
    expect(doc.getTitle()).toBe('纳税信用等级证明');
    expect(`${doc.getTitle()}${doc.getSubject() ?? ''}${doc.getKeywords() ?? ''}${doc.getAuthor() ?? ''}`).not.toContain(NAME);
    expect(`${doc.getTitle()}${doc.getSubject() ?? ''}${doc.getKeywords() ?? ''}`).not.toContain(CREDIT_CODE);
  });

  it('embeds a subset of Noto Sans SC as its only font, with a Unicode map', () => {
    expectOnlyNotoSansScSubset(files.zh);
  });

  it('in English: English labels with the Chinese title under the English one', () => {
    const text = compact(pdfText(files.en));
    for (const expected of [
      'Tax Credit Rating Certificate',
      '纳税信用等级证明',
      'Grade A',
      'Unified social credit code',
      '2026-03-05',
      `Verification code: ${CODE}`,
    ]) {
      expect(text).toContain(compact(expected));
    }
  });

  it('is the same file for the same input', async () => {
    expect(Buffer.from(await renderCreditCertificate(input())).equals(Buffer.from(zh))).toBe(true);
  });

  it('draws the QR code of the verification code, module by module', () => {
    expect(qrModuleMismatches(readPrintedQr(files.zh, path.join(OUT, 'credit-qr.png'), CODE))).toBe(0);
  });

  it('has a title a person can read (OCR at 150 dpi)', () => {
    expect(ocrTitleBand(files.zh, path.join(OUT, 'credit-title.png'))).toContain('纳税信用等级证明');
  });

  it('keeps hostile text on the page: control characters flattened, a huge name cut', async () => {
    const file = path.join(OUT, 'credit-hostile.pdf');
    fs.writeFileSync(file, await renderCreditCertificate(input({ taxpayer: { name: `坏\u0000名\n字${'长'.repeat(400)}`, creditCode: CREDIT_CODE } })));
    const text = compact(pdfText(file));
    expect(text).toContain('坏名字长长');
    expect(text).not.toContain('长'.repeat(250));
    expect(text).toContain(`验证码：${CODE}`);
  });
});
