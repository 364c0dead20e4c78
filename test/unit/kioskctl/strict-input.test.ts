import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IitRecord } from '../../../shared/backend';
import { CONFIG_BUNDLE_FORMAT, ConfigBundle } from '../../../shared/config/config-bundle';
import { IdCard } from '../../../shared/domain/idcard';
import { parseCommandArgs, UsageError, type CommandIo } from '../../../electron/kioskctl/command';
import { main } from '../../../electron/kioskctl/main';
import { commands } from '../../../electron/kioskctl/registry';
import { openDatabase } from '../../../electron/host/db/database';
import { listRanges } from '../../../electron/host/stock/stock-store';
import { TAXPAYER, sampleRecords } from '../documents/iit-certificate-sample';
import { tempDir } from '../host/config-fixtures';

/**
 * Issue 14 item 5, loose input: bytes that are not UTF-8 were turned into
 * U+FFFD and signed; 2024-02-30 was a date; a repeated flag silently took the
 * last value (`stock load --to 00000002 --to 99999999` loaded 99,999,999
 * forms). Each is refused now.
 */
let dir: string;
beforeAll(() => {
  dir = tempDir('kioskctl-strict-');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  return main(argv, io).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

describe('repeated flags (issue 14)', () => {
  it('stock load --to 00000002 --to 99999999 is refused with 64, and nothing is loaded', async () => {
    const dataDir = path.join(dir, 'stock-repeat');
    const r = await run([
      'stock',
      'load',
      '--type',
      'vatOrdinary',
      '--code',
      '1370001234',
      '--from',
      '00000001',
      '--to',
      '00000002',
      '--to',
      '99999999',
      '--data-dir',
      dataDir,
    ]);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/--to is given more than once/);
    const db = openDatabase(dataDir);
    expect(listRanges(db)).toEqual([]);
    db.close();
  });

  it('every command refuses each of its flags given twice (64), whatever the flag', () => {
    let checked = 0;
    for (const command of commands) {
      for (const [name, spec] of Object.entries(command.options)) {
        if (spec.multiple) continue;
        const once = spec.type === 'boolean' ? [`--${name}`] : [`--${name}`, 'x'];
        expect(() => parseCommandArgs(command, [...once]), `${command.path.join(' ')} --${name} once`).not.toThrow();
        expect(() => parseCommandArgs(command, [...once, ...once]), `${command.path.join(' ')} --${name} twice`).toThrow(UsageError);
        // The --name=value spelling counts as the same flag.
        if (spec.type === 'string') expect(() => parseCommandArgs(command, [`--${name}=a`, `--${name}`, 'b'])).toThrow(UsageError);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('stock load over the configured maximum (issue 14)', () => {
  it('a range larger than stock.maxFormsPerLoad is refused (2, tooLarge); within it, it loads', async () => {
    const dataDir = path.join(dir, 'stock-max');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify({ stock: { maxFormsPerLoad: 500 } }));
    const base = ['stock', 'load', '--type', 'vatOrdinary', '--code', '1370001234', '--from', '00000001', '--data-dir', dataDir, '--json'];
    const big = await run([...base, '--to', '00000501']);
    expect(big.code).toBe(2);
    expect(JSON.parse(big.out)).toMatchObject({ refused: { code: 'tooLarge' } });
    expect(big.out).toContain('at most 500');
    const ok = await run([...base, '--to', '00000500']);
    expect(ok.code, ok.err).toBe(0);
  });

  it('with no setting, the default maximum (10,000) refuses the 99,999,999 of the field report', async () => {
    const r = await run([
      'stock',
      'load',
      '--type',
      'vatOrdinary',
      '--code',
      '1370001234',
      '--from',
      '00000001',
      '--to',
      '99999999',
      '--data-dir',
      path.join(dir, 'stock-default'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('at most 10000');
  });
});

describe('strict UTF-8 (issue 14)', () => {
  it('config build refuses an input with bytes that are not UTF-8 instead of signing U+FFFD', async () => {
    const input = path.join(dir, 'latin1.json');
    // "app.title": "Caf\xe9" in Latin-1: the \xe9 is not UTF-8.
    fs.writeFileSync(input, Buffer.concat([Buffer.from('{"texts":{"en":{"app.title":"Caf'), Buffer.from([0xe9]), Buffer.from('"}}}')]));
    const out = path.join(dir, 'latin1.bundle.json');
    const r = await run(['config', 'build', '--in', input, '--out', out, '--target', 'all', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ refused: { reason: 'input' } });
    expect(r.out).toContain('not UTF-8 text (first invalid byte at offset 32)');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a bundle whose texts hold U+FFFD (made by a lenient decoder elsewhere) fails the schema', () => {
    const candidate = {
      format: CONFIG_BUNDLE_FORMAT,
      version: 1,
      issuedAt: '2025-01-01T00:00:00+08:00',
      expiresAt: '2025-02-01T00:00:00+08:00',
      target: { all: true },
      payload: { texts: { en: { 'app.title': '\uFFFD\uFFFD\uFFFD\uFFFD' } } },
    };
    const parsed = ConfigBundle.safeParse(candidate);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('U+FFFD');
  });
});

describe('real calendar dates (issue 14)', () => {
  const record = sampleRecords(1)[0];

  it('an IIT record paid on 2024-02-30 is refused; 2024-02-29 (a leap day) is fine', () => {
    expect(IitRecord.safeParse({ ...record, paidOn: '2024-02-30' }).success).toBe(false);
    expect(IitRecord.safeParse({ ...record, paidOn: '2023-02-29' }).success).toBe(false);
    expect(IitRecord.safeParse({ ...record, paidOn: '2024-04-31' }).success).toBe(false);
    expect(IitRecord.safeParse({ ...record, paidOn: '2024-02-29' }).success).toBe(true);
  });

  it('certificate render refuses a records file with paidOn 2024-02-30 (2), naming the field', async () => {
    const records = sampleRecords(3).map((r, i) => (i === 1 ? { ...r, paidOn: '2024-02-30' } : r));
    const file = path.join(dir, 'records.json');
    fs.writeFileSync(file, JSON.stringify({ taxpayer: { ...TAXPAYER }, from: '2024-01', to: '2025-12', records }));
    const r = await run(['certificate', 'render', '--records', file, '--out', path.join(dir, 'c.pdf'), '--data-dir', path.join(dir, 'cert')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('records[1].paidOn');
    expect(fs.existsSync(path.join(dir, 'c.pdf'))).toBe(false);
  });

  it('an ID card with a birth date of 1990-02-30 does not pass the card schema', () => {
    const card = {
      cardType: 'resident',
      name: '测试',
      sex: 'male',
      birthDate: '1990-02-30',
      idNumber: '370102199002300011',
      issuer: '济南市公安局',
      validFrom: '2020-01-01',
      validTo: null,
      nation: { code: '01', name: '汉' },
      address: '山东省济南市',
    };
    const parsed = IdCard.safeParse(card);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('birthDate');
  });
});
