import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/kioskctl/main';
import type { CommandIo } from '../../../electron/kioskctl/command';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  // A data dir that does not exist: the active config is the default for now and must not need one.
  const code = await main(['tax', 'quote', '--data-dir', '/nonexistent/tax-kiosk-test', ...args], io);
  return { code, out, err };
}

describe('kioskctl tax quote', () => {
  it('quotes vector A in JSON with exactly the documented fields', async () => {
    // 2028-01-01: after the reduced period, the default levy rate is the statutory 3 % of vector A.
    const r = await run(['--gross', '10300.00', '--month-to-date', '100000.00', '--date', '2028-01-01', '--json']);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(JSON.parse(r.out[0] ?? '')).toStrictEqual({
      netFen: 1_000_000,
      vatFen: 30_000,
      urbanFen: 1050,
      educationFen: 450,
      localEducationFen: 300,
      iitFen: 15_000,
      nationalFen: 30_000,
      localFen: 16_800,
      totalFen: 46_800,
      exempt: false,
      levyRateBp: 300,
      sellerKind: 'individual-business',
      date: '2028-01-01',
    });
  });

  it('quotes vector D (exempt) with the flags laid over the config', async () => {
    const r = await run([
      '--gross',
      '30000',
      '--month-to-date',
      '60000.00',
      '--levy-rate',
      '1',
      '--location',
      'city',
      '--reduction',
      '50',
      '--iit-rate',
      '1.5',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0] ?? '')).toMatchObject({
      netFen: 3_000_000,
      vatFen: 0,
      urbanFen: 0,
      educationFen: 0,
      localEducationFen: 0,
      iitFen: 45_000,
      nationalFen: 0,
      localFen: 45_000,
      totalFen: 45_000,
      exempt: true,
    });
  });

  it('quotes vector F with its overrides, as a table in the order a taxpayer reads', async () => {
    const r = await run(['--gross', '99999.99', '--month-to-date', '100000', '--location', 'other', '--iit-rate', '0.5', '--date', '2028-01-01']);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    const order = ['价税合计', '金额', '增值税', '城建税', '教育费附加', '地方教育附加', '个税', '国税', '地税', 'total tax'].map((word) => text.indexOf(word));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
    for (const amount of ['99999.99', '97087.37', '2912.62', '14.56', '43.69', '29.13', '485.44', '572.82', '3485.44']) expect(text).toContain(amount);
  });

  it('uses the default levy rate in force on --date: 1 % on a 2026 day (vector B), 3 % from 2028-01-01', async () => {
    const in2026 = await run(['--gross', '1234.56', '--month-to-date', '100000', '--date', '2026-06-15', '--json']);
    expect(in2026.code).toBe(0);
    expect(JSON.parse(in2026.out[0] ?? '')).toMatchObject({
      levyRateBp: 100,
      netFen: 122_234,
      vatFen: 1222,
      urbanFen: 43,
      educationFen: 18,
      localEducationFen: 12,
      iitFen: 1834,
      localFen: 1907,
    });
    const in2028 = await run(['--gross', '1234.56', '--month-to-date', '100000', '--date', '2028-01-01', '--json']);
    expect(JSON.parse(in2028.out[0] ?? '')).toMatchObject({ levyRateBp: 300, netFen: 119_860, vatFen: 3596 });
  });

  it('quotes an enterprise seller with no IIT line (vector G), in JSON and in the table', async () => {
    const args = ['--gross', '10300.00', '--month-to-date', '100000.00', '--date', '2028-01-01', '--seller-kind', 'enterprise'];
    const json = await run([...args, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out[0] ?? '')).toMatchObject({
      vatFen: 30_000,
      iitFen: 0,
      nationalFen: 30_000,
      localFen: 1_800,
      totalFen: 31_800,
      sellerKind: 'enterprise',
    });
    const table = (await run(args)).out.join('\n');
    expect(table).not.toContain('个税');
    expect(table).toContain('318.00');
  });

  it('quotes a natural person per time: 500.00 is VAT-free with IIT 7.50; 500.01 is taxed on the whole', async () => {
    const low = await run(['--gross', '500.00', '--seller-kind', 'natural-person', '--date', '2028-01-01', '--json']);
    expect(JSON.parse(low.out[0] ?? '')).toMatchObject({ exempt: true, vatFen: 0, iitFen: 750, totalFen: 750, sellerKind: 'natural-person' });
    const high = await run(['--gross', '500.01', '--seller-kind', 'natural-person', '--date', '2028-01-01', '--json']);
    expect(JSON.parse(high.out[0] ?? '')).toMatchObject({ exempt: false, netFen: 48_545, vatFen: 1456, iitFen: 728 });
  });

  it('exits 2 with the reason on stderr for a refused quote', async () => {
    const r = await run(['--gross', '100000.00', '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toMatch(/refused: grossOverLimit: .*100000\.00.*99999\.99/);
    expect((await run(['--gross', '0'])).code).toBe(2);
  });

  it.each([
    [['--gross', '1e3']],
    [['--gross', '10.001']],
    [['--gross', '-5']],
    [['--gross', 'NaN']],
    [['--gross', '1,000.00']],
    [[]],
    [['--gross', '100', '--levy-rate', '3.125']],
    [['--gross', '100', '--iit-rate', '101']],
    [['--gross', '100', '--location', 'village']],
    [['--gross', '100', '--month-to-date', '-1']],
    [['--gross', '100', '--bogus']],
    [['--gross', '100', '--seller-kind', 'company']],
    [['--gross', '100', '--date', '2026-02-30']],
    [['--gross', '100', '--date', '20260101']],
  ])('exits 64 on a usage error: %j', async (args) => {
    const r = await run(args);
    expect(r.code).toBe(64);
    expect(r.err.join('\n')).toContain('Usage: kioskctl tax quote');
  });
});
