import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../../electron/kioskctl/command';
import { main } from '../../../electron/kioskctl/main';
import { createSandboxBackend } from '../../../backend/sandbox';
import { TAXPAYER_ID } from '../../../backend/sandbox/seed-data';
import { CREDIT_CERTIFICATE_KIND } from '../../../shared/backend/credit-certificate';
import { formatVerificationCode, makeVerificationCode } from '../../../shared/domain/verification-code';

/** `kioskctl certificate verify-credit CODE` against the in-process sandbox in the data directory. */
let dir: string;
const CODE = makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 61 + 5) % 248));
const OTHER = makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 43 + 9) % 248));

function run(command: string, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  return main(['certificate', command, ...argv, '--data-dir', dir], io).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kioskctl-verify-credit-'));
  const sandbox = createSandboxBackend({ dbPath: path.join(dir, 'sandbox-backend.sqlite') });
  try {
    // What the kiosk's delivery loop hands the backend for a printed credit certificate.
    await sandbox.transactionsSubmit({
      messageId: '01JY0000000000000000000007',
      kind: CREDIT_CERTIFICATE_KIND,
      authority: 'national',
      kioskId: 'KIOSK-0001',
      payload: {
        schemaVersion: 1,
        verificationCode: CODE,
        taxpayerId: TAXPAYER_ID.multiAgentEnterprise,
        grade: 'A',
        year: 2025,
        issuedAt: '2026-03-05T06:07:09.000Z',
      },
    });
  } finally {
    sandbox.close();
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kioskctl certificate verify-credit', () => {
  it('finds a delivered credit certificate by the code as printed, with its taxpayer, grade and year (exit 0)', async () => {
    const r = await run('verify-credit', [formatVerificationCode(CODE)]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`credit certificate ${formatVerificationCode(CODE)}: FOUND`);
    for (const expected of [TAXPAYER_ID.multiAgentEnterprise, 'A (2025)', '2026-03-05T06:07:09.000Z']) expect(r.out).toContain(expected);
  });

  it('answers JSON for scripts', async () => {
    const r = await run('verify-credit', [CODE.toLowerCase(), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      found: true,
      code: CODE,
      taxpayerId: TAXPAYER_ID.multiAgentEnterprise,
      grade: 'A',
      year: 2025,
      issuedAt: '2026-03-05T06:07:09.000Z',
    });
  });

  it('exit 2 for an unknown code or not a code; the IIT command does not know a credit certificate', async () => {
    const unknown = await run('verify-credit', [OTHER, '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.out)).toEqual({ found: false, code: OTHER });
    const wrong = await run('verify-credit', [CODE.slice(0, 16) + (CODE[16] === '0' ? '1' : '0')]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('not a verification code');
    expect((await run('verify', [CODE])).code).toBe(2);
  });

  it('exit 64 without a code', async () => {
    expect((await run('verify-credit', [])).code).toBe(64);
  });
});
