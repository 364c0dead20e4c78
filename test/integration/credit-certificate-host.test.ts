import { describe, expect, it } from 'vitest';
import { hostInternals } from '../../electron/host/host';
import type { CreditCertificatePreviewResult, CreditCertificatePrintResult } from '../../shared/contract/services/credit';
import { isValidVerificationCode, normalizeVerificationCode } from '../../shared/domain/verification-code';
import { PERSON, TAXPAYER_ID } from '../../backend/sandbox/seed-data';
import { useCertificateHost } from '../support/certificate-host-rig';
import { pdfText } from '../support/pdf-tools';
import { kioskctl } from '../unit/host/config-fixtures';
import { waitFor } from './sync-helpers';

/**
 * 纳税信用等级证明 end to end on the host (test/support/certificate-host-rig.ts,
 * as in the IIT certificate's test): simulated reader and printers, real
 * SQLite, the sandbox backend with its demo taxpayers. 测试甲 acts for
 * 示例科技有限公司 (grade A) and 示例建材有限公司 (grade D).
 */
const rig = useCertificateHost({ tmpPrefix: 'kiosk-credit-cert-', card: 'resident' });
const { call, raw, sims, withDb } = rig;

const GOOD = TAXPAYER_ID.multiAgentEnterprise;
const GRADE_D = TAXPAYER_ID.gradeDEnterprise;
const preview = (taxpayerId: string) => call<CreditCertificatePreviewResult>('credit.certificatePreview', { taxpayerId });
const print = (taxpayerId: string) => call<CreditCertificatePrintResult>('credit.certificatePrint', { taxpayerId });

const certificateRows = () =>
  withDb(
    (db) =>
      db.prepare("SELECT id, authority, payload FROM outbox WHERE kind = 'credit.certificate' ORDER BY id").all() as {
        id: string;
        authority: string;
        payload: string;
      }[],
  );

type Entry = { seq: number; kind: string; data: Record<string, unknown> };
async function trail(): Promise<Entry[]> {
  const r = await kioskctl('audit', 'tail', '-n', '500', '--json', '--data-dir', rig.dataDir);
  expect(r.code).toBe(0);
  return (r.json() as { entries: Entry[] }).entries;
}

describe('纳税信用等级证明 through the host', () => {
  it('previews what will be printed: the taxpayer, its grade and year, the bank, the issuer', async () => {
    const r = await preview(GOOD);
    expect(r).toMatchObject({
      outcome: 'ok',
      preview: { taxpayerId: GOOD, name: '示例科技有限公司', grade: 'A', bankName: '示范银行', issuer: '国家税务总局' },
    });
    if (r.outcome !== 'ok') return;
    expect(r.preview.issuedOn).toBe(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    expect(JSON.stringify(r)).not.toContain(PERSON.resident);
  });

  it('prints it on A4 with a verification code, registers the code (outbox + audit, masked) and the backend then verifies it', async () => {
    const pdfsBefore = sims().a4.printed().length;
    const r = await print(GRADE_D);
    expect(r).toMatchObject({ outcome: 'completed', grade: 'D' });
    if (r.outcome !== 'completed') return;
    expect(isValidVerificationCode(normalizeVerificationCode(r.verificationCode))).toBe(true);

    const pdfs = sims().a4.printed();
    expect(pdfs).toHaveLength(pdfsBefore + 1);
    const text = pdfText(pdfs[pdfs.length - 1]!).replace(/\s+/g, '');
    for (const expected of [
      '纳税信用等级证明',
      '示例建材有限公司',
      GRADE_D,
      `${r.year}年度纳税信用评价结果为D级`,
      '示范银行申请信用贷款',
      `验证码：${r.verificationCode}`,
    ]) {
      expect(text).toContain(expected);
    }

    const code = normalizeVerificationCode(r.verificationCode);
    const rows = certificateRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.authority).toBe('national');
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ schemaVersion: 1, verificationCode: code, taxpayerId: GRADE_D, grade: 'D', year: r.year });

    const entries = (await trail()).filter((e) => e.kind === 'credit.certificate');
    expect(entries.map((e) => e.data.step)).toEqual(['issued', 'printed']);
    for (const e of entries) {
      expect(e.data).toMatchObject({ outboxId: rows[0]!.id, maskedTaxpayer: '913701********035H', grade: 'D' });
      expect(JSON.stringify(e)).not.toContain(GRADE_D);
      expect(JSON.stringify(e)).not.toContain(code);
    }

    const sandbox = hostInternals(rig.host).sandbox;
    if (!sandbox) throw new Error('no sandbox');
    const answer = await waitFor(async () => {
      const a = await sandbox.creditCertificateVerify({ code });
      return a.outcome === 'found' ? a : undefined;
    }, 20_000);
    expect(answer).toMatchObject({ outcome: 'found', code, taxpayerId: GRADE_D, grade: 'D', year: r.year });

    const log = rig.kioskLog();
    expect(log).toContain('credit.certificatePrinted');
    for (const secret of [GRADE_D, PERSON.resident, '示例建材有限公司', '测试甲', code]) expect(log).not.toContain(secret);
  }, 60_000);

  it('refuses with printerNotReady when the A4 printer is out of paper: nothing registered, nothing printed', async () => {
    const before = certificateRows().length;
    const pdfs = sims().a4.printed().length;
    try {
      await rig.a4PaperOut();
      expect(await print(GOOD)).toEqual({ outcome: 'refused', refusal: { reason: 'printerNotReady', printer: 'a4', fault: 'paperOut' } });
      // The preview still shows: the screen's print button says why it is disabled.
      expect(await preview(GOOD)).toMatchObject({ outcome: 'ok' });
    } finally {
      await rig.a4Ready();
    }
    expect(certificateRows()).toHaveLength(before);
    expect(sims().a4.printed()).toHaveLength(pdfs);
  });

  it('fails clearly when the A4 printer faults as the job starts; the code stays registered', async () => {
    const before = certificateRows().length;
    sims().a4.setState('paper-out');
    // The host checks the status before the job: a fault reported only by the job itself is a failure.
    let r: CreditCertificatePrintResult;
    const status = sims().a4.status;
    try {
      // Say "ready" to the check, then fail the job (paper ran out between the two).
      Object.assign(sims().a4, { status: () => ({ ...status.call(sims().a4), paper: 'ok', device: 'online' }) });
      r = await print(GOOD);
    } finally {
      Object.assign(sims().a4, { status });
      await rig.a4Ready();
    }
    expect(r).toMatchObject({ outcome: 'failed' });
    expect(certificateRows()).toHaveLength(before + 1);
    const last = (await trail()).filter((e) => e.kind === 'credit.certificate').slice(-2);
    expect(last.map((e) => e.data.step)).toEqual(['issued', 'printFailed']);
  }, 60_000);

  it('refuses a second print while one runs', async () => {
    const [a, b] = await Promise.all([raw('credit.certificatePrint', { taxpayerId: GOOD }), raw('credit.certificatePrint', { taxpayerId: GOOD })]);
    expect([a, b].filter((x) => !x.ok).map((x) => (x.ok ? null : x.error.code))).toEqual(['conflict']);
  }, 60_000);

  it('refuses taxpayers the person does not act for, and a malformed id', async () => {
    expect(await preview(TAXPAYER_ID.naturalPerson)).toEqual({ outcome: 'refused', refusal: { reason: 'noTaxpayer' } });
    expect(await print(TAXPAYER_ID.suspendedIndividual)).toEqual({ outcome: 'refused', refusal: { reason: 'noTaxpayer' } });
    expect(await raw('credit.certificatePrint', { taxpayerId: 'not a code' })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
  });

  it('answers backendUnreachable and registers nothing', async () => {
    const sandbox = hostInternals(rig.host).sandbox;
    const before = certificateRows().length;
    sandbox?.setFault({ kind: 'unreachable' });
    try {
      expect(await preview(GOOD)).toEqual({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } });
      expect(await print(GOOD)).toEqual({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } });
    } finally {
      sandbox?.setFault({ kind: 'none' });
    }
    expect(certificateRows()).toHaveLength(before);
  });

  it('refuses every call without a visit', async () => {
    await rig.liftCard();
    expect(await raw('credit.certificatePrint', { taxpayerId: GOOD })).toMatchObject({ ok: false, error: { code: 'notAvailable' } });
  });
});
