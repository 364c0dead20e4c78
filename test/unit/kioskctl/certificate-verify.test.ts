import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../../electron/kioskctl/command';
import { main } from '../../../electron/kioskctl/main';
import { createSandboxBackend } from '../../../backend/sandbox';
import { formatVerificationCode, makeVerificationCode } from '../../../shared/domain/verification-code';

/** `kioskctl certificate verify CODE` against the in-process sandbox in the data directory (the AMQP path: rpc-queries.test.ts). */
let dir: string;
const CODE = makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 53 + 7) % 248));
const OTHER = makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 3) % 248));

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  return main(['certificate', 'verify', ...argv, '--data-dir', dir], io).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kioskctl-verify-'));
  const sandbox = createSandboxBackend({ dbPath: path.join(dir, 'sandbox-backend.sqlite') });
  try {
    // What the kiosk's delivery loop hands the backend for a printed certificate.
    await sandbox.transactionsSubmit({
      messageId: 'M-CERT-1',
      kind: 'iit.certificate',
      authority: 'local',
      kioskId: 'KIOSK-0001',
      payload: {
        schemaVersion: 2,
        transactionId: '01JY0000000000000000000001',
        from: '2025-01',
        to: '2025-12',
        recordCount: 12,
        totalFen: 547_800,
        issuedAt: '2026-03-05T06:07:09.000Z',
        holderMaskedName: '测*乙',
        verificationCode: CODE,
      },
    });
  } finally {
    sandbox.close();
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kioskctl certificate verify', () => {
  it('finds a delivered certificate by the code as printed, and says its facts with the holder masked (exit 0)', async () => {
    const r = await run([formatVerificationCode(CODE)]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`certificate ${formatVerificationCode(CODE)}: FOUND`);
    for (const expected of ['测*乙', '2025-01 – 2025-12', '12', '¥5,478.00', '2026-03-05T06:07:09.000Z']) expect(r.out).toContain(expected);
  });

  it('answers JSON for scripts, the code typed in lower case without hyphens', async () => {
    const r = await run([CODE.toLowerCase(), '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      found: true,
      code: CODE,
      from: '2025-01',
      to: '2025-12',
      recordCount: 12,
      totalFen: 547_800,
      issuedAt: '2026-03-05T06:07:09.000Z',
      holderMaskedName: '测*乙',
    });
  });

  it('says not found for a valid code the backend does not know (exit 2)', async () => {
    const r = await run([formatVerificationCode(OTHER), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({ found: false, code: OTHER });
    expect((await run([OTHER])).out).toContain('NOT FOUND');
  });

  it('refuses what is not a verification code before asking, without echoing it (exit 2); usage errors exit 64', async () => {
    const wrongCheck = CODE.slice(0, 16) + (CODE[16] === '0' ? '1' : '0');
    for (const bad of [wrongCheck, 'ABC', '370102196005150024']) {
      const r = await run([bad]);
      expect(r.code, bad).toBe(2);
      expect(r.err).toContain('not a verification code');
      expect(r.err + r.out).not.toContain(bad);
    }
    expect((await run([])).code).toBe(64);
    expect((await run([CODE, CODE])).code).toBe(64);
    expect((await run([CODE, '--nope'])).code).toBe(64);
  });

  it('says the backend could not be asked when the broker does not answer (exit 3)', async () => {
    const r = await run([CODE, '--amqp', 'amqp://127.0.0.1:1']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('the backend could not be asked');
  }, 30_000);
});
