import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../../electron/kioskctl/command';
import { main } from '../../../electron/kioskctl/main';
import { isValidVerificationCode, normalizeVerificationCode } from '../../../shared/domain/verification-code';
import { pdfText } from '../../support/pdf-tools';
import { MASKED_ID, TAXPAYER, sampleRecords } from '../documents/iit-certificate-sample';
import { maskName } from '../../../shared/domain/pii';

/** `kioskctl certificate render` as a technician runs it: files in, a PDF out, exit codes scripts can branch on. */
let dir: string;

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  return main(['certificate', 'render', ...argv, '--data-dir', dir], io).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

const validFile = () => ({ taxpayer: { ...TAXPAYER }, from: '2024-01', to: '2025-12', records: sampleRecords() });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kioskctl-cert-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kioskctl certificate render --records', () => {
  it('writes the certificate from a valid file and reports it without personal data', async () => {
    const out = path.join(dir, 'cert.pdf');
    const r = await run(['--records', writeJson('ok.json', validFile()), '--out', out, '--json']);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { out: string; pages: number; records: number; totalFen: number; verificationCode: string };
    expect(report).toMatchObject({ out, pages: 2, records: 24, totalFen: sampleRecords().reduce((s, x) => s + x.amountFen, 0) });
    expect(isValidVerificationCode(normalizeVerificationCode(report.verificationCode))).toBe(true);
    expect(r.out).not.toContain(TAXPAYER.name);
    expect(r.out).not.toContain(TAXPAYER.idNumber);
    expect((await PDFDocument.load(fs.readFileSync(out))).getPageCount()).toBe(2);
    const text = pdfText(out);
    expect(text).toContain(MASKED_ID);
    expect(text).toContain(report.verificationCode);
    expect(text).toContain('KIOSK-DEV-0001'); // the data dir has no kiosk.json: the default kiosk id
    expect(text).toContain('国家税务总局济南市历下区税务局'); // issuer: the latest record's authority
  });

  it('renders in English with --lang en, and takes --issuer', async () => {
    const out = path.join(dir, 'cert-en.pdf');
    const r = await run(['--records', writeJson('ok-en.json', validFile()), '--out', out, '--lang', 'en', '--issuer', '国家税务总局济南市税务局']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/certificate written to .*cert-en\.pdf: 2 page\(s\), 24 record\(s\), total ¥15,106\.44/);
    const text = pdfText(out);
    expect(text).toContain('Individual Income Tax Payment Certificate');
    expect(text).toContain('国家税务总局济南市税务局');
  });

  it('refuses an invalid file with exit 2, naming the field', async () => {
    const cases: [string, unknown, RegExp][] = [
      [
        'fractional amount',
        { ...validFile(), records: validFile().records.map((x, i) => (i === 3 ? { ...x, amountFen: 12.5 } : x)) },
        /records\[3\]\.amountFen/,
      ],
      [
        'bad check character',
        { ...validFile(), taxpayer: { name: '测试乙', idNumber: '370102196005150025' } },
        /taxpayer\.idNumber: the GB 11643 check character/,
      ],
      ['unknown field', { ...validFile(), extra: 1 }, /\(file\): .*extra/],
      ['period outside from..to', { ...validFile(), from: '2024-06' }, /records\[0\]\.period: must lie within 2024-06\.\.2025-12/],
      ['from after to', { ...validFile(), from: '2026-01', records: [] }, /to: must not be before from/],
      ['bad month', { ...validFile(), to: '2025-13' }, /to: a month such as/],
      ['missing record field', { ...validFile(), records: [{ period: '2024-01' }] }, /records\[0\]\.item/],
    ];
    for (const [name, value, expected] of cases) {
      const r = await run(['--records', writeJson('bad.json', value), '--out', path.join(dir, 'bad.pdf')]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toMatch(expected);
      expect(r.err, name).not.toContain(TAXPAYER.idNumber.slice(6, 14)); // the values are not echoed
    }
    expect(fs.existsSync(path.join(dir, 'bad.pdf'))).toBe(false);
  });

  it('refuses a file that is not JSON or not there with exit 2, without quoting its content', async () => {
    const notJson = await run([
      '--records',
      writeJson('broken.json', '{"taxpayer":{"name":"测试乙","idNumber":"370102196005150024"'),
      '--out',
      path.join(dir, 'x.pdf'),
    ]);
    expect(notJson.code).toBe(2);
    expect(notJson.err).toMatch(/is not valid JSON/);
    expect(notJson.err).not.toContain('370102196005150024');
    const missing = await run(['--records', path.join(dir, 'nope.json'), '--out', path.join(dir, 'x.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*nope\.json: ENOENT/);
  });

  it('survives hostile input: huge strings and 10,000 records are refused by field, quickly and whole', async () => {
    const huge = { ...validFile(), records: [{ ...sampleRecords(1)[0]!, agent: '示'.repeat(1_000_000) }] };
    const r1 = await run(['--records', writeJson('huge.json', huge), '--out', path.join(dir, 'x.pdf')]);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/records\[0\]\.agent/);
    expect(r1.err.length).toBeLessThan(2_000);

    const many = { ...validFile(), from: '2024-01', to: '2025-12', records: Array.from({ length: 10_000 }, (_, i) => ({ ...sampleRecords(24)[i % 24]! })) };
    const r2 = await run(['--records', writeJson('many.json', many), '--out', path.join(dir, 'x.pdf')]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/records: at most 1000 records/);

    const bigName = { ...validFile(), taxpayer: { name: 'A'.repeat(10_000), idNumber: TAXPAYER.idNumber } };
    const r3 = await run(['--records', writeJson('bigname.json', bigName), '--out', path.join(dir, 'x.pdf')]);
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/taxpayer\.name/);
  });

  it("exits 1 with a clear message when the output directory does not exist (any path is the user's choice)", async () => {
    const out = path.join(dir, 'no', 'such', 'dir', '..', 'cert.pdf');
    const r = await run(['--records', writeJson('ok2.json', validFile()), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`directory ${path.dirname(path.resolve(out))} does not exist`);
    const intoDir = await run(['--records', writeJson('ok3.json', validFile()), '--out', dir]);
    expect(intoDir.code).toBe(1);
    expect(intoDir.err).toMatch(/cannot write .*EISDIR/);
  });

  it('exits 64 on bad or missing flags', async () => {
    const file = writeJson('ok4.json', validFile());
    const out = path.join(dir, 'u.pdf');
    for (const argv of [
      ['--out', out],
      ['--records', file],
      ['--records', file, '--taxpayer', TAXPAYER.idNumber, '--out', out],
      ['--records', file, '--out', out, '--lang', 'fr'],
      ['--records', file, '--out', out, '--from', '2024-01'],
      ['--records', file, '--out', out, '--bogus'],
      ['--taxpayer', 'not-an-id', '--from', '2024-01', '--to', '2024-12', '--out', out],
      ['--taxpayer', TAXPAYER.idNumber, '--from', '2024-1', '--to', '2024-12', '--out', out],
      ['--taxpayer', TAXPAYER.idNumber, '--from', '2024-12', '--to', '2024-01', '--out', out],
      ['--taxpayer', '440106199001011234', '--from', '2024-01', '--to', '2024-12', '--out', out],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(64);
      expect(r.err).toContain('Usage: kioskctl certificate render');
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it('lists the command and its exit codes in --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 {3}the input is refused/);
  });
});

describe('kioskctl certificate render --taxpayer (sandbox backend)', () => {
  const months = () => {
    const now = new Date();
    const m = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    return { from: m(new Date(now.getFullYear() - 2, now.getMonth(), 1)), to: m(now) };
  };

  it('renders the seeded records of a person with a long history, the name from the card profile', async () => {
    const out = path.join(dir, 'sandbox.pdf');
    const { from, to } = months();
    const r = await run(['--taxpayer', TAXPAYER.idNumber, '--from', from, '--to', to, '--out', out, '--json']);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { pages: number; records: number; totalFen: number };
    expect(report.records).toBeGreaterThan(20);
    expect(report.pages).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(path.join(dir, 'sandbox-backend.sqlite'))).toBe(true);
    const text = pdfText(out);
    expect(text).toContain(MASKED_ID);
    expect(text).toContain(maskName(TAXPAYER.name));
    expect(text).not.toContain(TAXPAYER.name);
    expect(text).not.toContain(TAXPAYER.idNumber);
  });

  it('gives a one-page certificate saying there are no records for a person with none', async () => {
    const out = path.join(dir, 'sandbox-none.pdf');
    const { from, to } = months();
    // 测试丁 of the card profiles: no IIT records in the seed.
    const r = await run(['--taxpayer', '440304197808080039', '--from', from, '--to', to, '--out', out, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ pages: 1, records: 0, totalFen: 0 });
    expect(pdfText(out)).toContain('无缴税记录');
  });
});
