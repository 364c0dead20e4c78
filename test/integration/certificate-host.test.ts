import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostInternals } from '../../electron/host/host';
import type { EventName } from '../../shared/contract';
import type { CertificateBounds, CertificatePrintResult, CertificateRecords } from '../../shared/contract/services/certificate';
import { periodBounds, shiftMonth } from '../../shared/domain/certificate-period';
import { isValidVerificationCode, normalizeVerificationCode } from '../../shared/domain/verification-code';
import { groupedYuan } from '../../electron/host/documents/iit-certificate';
import { useCertificateHost } from '../support/certificate-host-rig';
import { pdfText } from '../support/pdf-tools';
import { waitFor } from './sync-helpers';

/**
 * IIT payment certificate end to end (test/support/certificate-host-rig.ts):
 * simulated reader and printers, real SQLite, the sandbox backend with its
 * demo people (backend/sandbox/README.md).
 */
const seen: { name: EventName; payload: unknown }[] = [];
const rig = useCertificateHost({
  tmpPrefix: 'kiosk-cert-',
  card: 'resident-long-term',
  beforeStart: (host) => host.events.subscribe((name, payload) => seen.push({ name, payload })),
});
const { call, raw, sims, placeCard, withDb } = rig;

const LONG_TERM_ID = '370102196005150024'; // 测试乙: 30 months of records
const LONG_TERM_MASKED = '370102********0024';
const NO_RECORDS_ID = '810000199901010014'; // 测试戊: none

const print = (period: { from: string; to: string; idNumberShown?: 'full' | 'partlyHidden' }) => call<CertificatePrintResult>('certificate.print', period);
const records = (period: { from: string; to: string }) => call<CertificateRecords>('certificate.records', period);

const transactionCount = () => withDb((db) => (db.prepare("SELECT COUNT(*) AS n FROM transactions WHERE kind = 'iitCertificate'").get() as { n: number }).n);

const bounds = () => periodBounds(new Date());
const lastTwelve = () => {
  const preset = bounds().presets.find((p) => p.id === 'last12Months');
  if (!preset) throw new Error('no preset');
  return { from: preset.from, to: preset.to };
};

describe('IIT payment certificate through the host', () => {
  it('offers the last 36 months up to this month, at most 12 per certificate, with presets', async () => {
    const b = await call<CertificateBounds>('certificate.periods');
    expect(b).toEqual(bounds());
    expect(b.historyMonths).toBe(36);
    expect(b.maxSpanMonths).toBe(12);
    expect(b.earliest).toBe(shiftMonth(b.latest, -35));
    expect(b.presets.map((p) => p.id)).toEqual(['last12Months', 'thisYear', 'lastYear']);
  });

  it('previews the card holder’s records with their total, and never echoes the ID number', async () => {
    const r = await records(lastTwelve());
    expect(r.outcome).toBe('ok');
    if (r.outcome !== 'ok') return;
    expect(r.records.length).toBeGreaterThanOrEqual(12);
    expect(r.totalFen).toBe(r.records.reduce((s, x) => s + x.amountFen, 0));
    expect(new Set(r.records.map((x) => x.item))).toContain('工资薪金所得');
    for (const x of r.records) expect(x.period >= r.from && x.period <= r.to).toBe(true);
    expect(JSON.stringify(r)).not.toContain(LONG_TERM_ID);
  });

  it('refuses a period outside what can be certified, and a reversed one as invalid', async () => {
    const b = bounds();
    const outside = { reason: 'periodOutOfRange', earliest: b.earliest, latest: b.latest, maxSpanMonths: 12 };
    expect(await records({ from: shiftMonth(b.earliest, -1), to: shiftMonth(b.earliest, 5) })).toEqual({ outcome: 'refused', refusal: outside });
    expect(await records({ from: b.latest, to: shiftMonth(b.latest, 1) })).toEqual({ outcome: 'refused', refusal: outside });
    expect(await print({ from: shiftMonth(b.latest, -12), to: b.latest })).toEqual({ outcome: 'refused', refusal: outside });
    expect(await raw('certificate.records', { from: b.latest, to: shiftMonth(b.latest, -1) })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
  });

  it('prints the certificate on A4 (the holder in full) and a masked receipt; the transaction and its local outbox row are stored, the ID only encrypted', async () => {
    const period = lastTwelve();
    const preview = await records(period);
    if (preview.outcome !== 'ok') throw new Error('no records');
    const pdfsBefore = sims().a4.printed().length;
    const receiptsBefore = sims().receipt.printed().length;
    seen.length = 0;

    const r = await print(period);
    expect(r).toMatchObject({
      outcome: 'completed',
      from: period.from,
      to: period.to,
      recordCount: preview.records.length,
      totalFen: preview.totalFen,
      receiptPrinted: true,
    });
    if (r.outcome !== 'completed') return;
    expect(isValidVerificationCode(normalizeVerificationCode(r.verificationCode))).toBe(true);
    const progress = seen.filter((e) => e.name === 'certificate.progress').map((e) => (e.payload as { step: string }).step);
    expect(progress).toEqual(['fetching', 'rendering', 'printing', 'printingReceipt']);

    const pdfs = sims().a4.printed();
    expect(pdfs).toHaveLength(pdfsBefore + 1);
    const text = pdfText(pdfs[pdfs.length - 1]!);
    expect(text).toContain('个人所得税完税证明');
    // The holder's own proof: the name and, by default, the ID number in full.
    expect(text).toContain('测试乙');
    expect(text).toContain(LONG_TERM_ID);
    expect(text).not.toContain('测*乙');
    expect(text).not.toContain(LONG_TERM_MASKED);
    expect(text).toContain(`¥${groupedYuan(preview.totalFen)}`);
    expect(text).toContain(r.verificationCode);
    expect(text.replace(/\s+/g, '')).toContain(`第1页/共${r.pages}页`);

    const receipt = await waitFor(() => sims().receipt.printed()[receiptsBefore]);
    const lines = receipt.lines.join('\n');
    expect(lines).toContain('完税证明打印凭条');
    expect(lines).toContain('测*乙');
    expect(lines).toContain(LONG_TERM_MASKED);
    expect(lines).toContain(`${preview.records.length} 条`);
    expect(lines).toContain(`¥${groupedYuan(preview.totalFen)}`);
    expect(lines).toContain(r.verificationCode);
    expect(lines).not.toContain(LONG_TERM_ID);
    expect(lines).not.toContain('测试乙');
    expect(receipt.qr).toContain(r.transactionId);

    withDb((db) => {
      const tx = db.prepare('SELECT kind, state, taxpayer_id, payload FROM transactions WHERE id = ?').get(r.transactionId) as Record<string, string | null>;
      expect(tx).toMatchObject({ kind: 'iitCertificate', state: 'completed', taxpayer_id: null });
      expect(JSON.parse(tx.payload!)).toEqual({
        schemaVersion: 1,
        from: period.from,
        to: period.to,
        recordCount: preview.records.length,
        totalFen: preview.totalFen,
        verificationCode: normalizeVerificationCode(r.verificationCode),
      });
      const rows = db.prepare('SELECT authority, kind, payload FROM outbox WHERE transaction_id = ?').all(r.transactionId) as {
        authority: string;
        kind: string;
        payload: string;
      }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ authority: 'local', kind: 'iit.certificate' });
      expect(JSON.parse(rows[0]!.payload)).toMatchObject({ from: period.from, to: period.to, recordCount: preview.records.length });
    });
    for (const file of fs.readdirSync(rig.dataDir).filter((f) => f.startsWith('kiosk.sqlite'))) {
      expect(fs.readFileSync(path.join(rig.dataDir, file)).includes(Buffer.from(LONG_TERM_ID))).toBe(false);
    }
    const log = rig.kioskLog();
    expect(log).toContain('certificate.completed');
    expect(log).not.toContain(LONG_TERM_ID);
    expect(log).not.toContain('测试乙');
  }, 60_000);

  it('the backend answers the printed verification code with the facts, the holder masked, once the leg is delivered', async () => {
    const period = lastTwelve();
    const r = await print(period);
    if (r.outcome !== 'completed') throw new Error('not printed');
    const sandbox = hostInternals(rig.host).sandbox;
    if (!sandbox) throw new Error('no sandbox');
    const code = normalizeVerificationCode(r.verificationCode);
    const answer = await waitFor(async () => {
      const a = await sandbox.certificateVerify({ code });
      return a.outcome === 'found' ? a : undefined;
    }, 20_000);
    expect(answer).toMatchObject({
      outcome: 'found',
      code,
      from: period.from,
      to: period.to,
      recordCount: r.recordCount,
      totalFen: r.totalFen,
      holderMaskedName: '测*乙',
    });
    expect(Math.abs(Date.parse(answer.issuedAt) - Date.now())).toBeLessThan(60_000);
    expect(JSON.stringify(answer)).not.toContain(LONG_TERM_ID);
    expect(JSON.stringify(answer)).not.toContain('测试乙');
  }, 60_000);

  it('prints the ID number partly hidden when the holder chose so, the name still in full', async () => {
    const r = await print({ ...lastTwelve(), idNumberShown: 'partlyHidden' });
    expect(r).toMatchObject({ outcome: 'completed' });
    const pdfs = sims().a4.printed();
    const text = pdfText(pdfs[pdfs.length - 1]!);
    expect(text).toContain('测试乙');
    expect(text).toContain(LONG_TERM_MASKED);
    expect(text).not.toContain(LONG_TERM_ID);
    const log = rig.kioskLog();
    expect(log).not.toContain(LONG_TERM_ID);
    expect(log).not.toContain('测试乙');
  }, 60_000);

  it('refuses an unknown way of showing the ID number', async () => {
    expect(await raw('certificate.print', { ...lastTwelve(), idNumberShown: 'hidden' })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
  });

  it('answers backendUnreachable, for the preview and the print, and stores nothing', async () => {
    const sandbox = hostInternals(rig.host).sandbox;
    const before = transactionCount();
    const pdfs = sims().a4.printed().length;
    sandbox?.setFault({ kind: 'unreachable' });
    try {
      expect(await records(lastTwelve())).toEqual({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } });
      expect(await print(lastTwelve())).toEqual({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } });
    } finally {
      sandbox?.setFault({ kind: 'none' });
    }
    expect(transactionCount()).toBe(before);
    expect(sims().a4.printed()).toHaveLength(pdfs);
  });

  it('refuses with printerNotReady when the A4 printer is out of paper, storing nothing', async () => {
    const before = transactionCount();
    try {
      await rig.a4PaperOut();
      expect(await print(lastTwelve())).toEqual({ outcome: 'refused', refusal: { reason: 'printerNotReady', printer: 'a4', fault: 'paperOut' } });
    } finally {
      await rig.a4Ready();
    }
    expect(transactionCount()).toBe(before);
  });

  it('fails clearly when the A4 printer faults as the job starts: the recorded certificate needs attention', async () => {
    const receipts = sims().receipt.printed().length;
    // Paper runs out between the commit and the job: the moment the host says "printing".
    const off = rig.host.events.subscribe((name, payload) => {
      if (name === 'certificate.progress' && (payload as { step: string }).step === 'printing') sims().a4.setState('paper-out');
    });
    let r: CertificatePrintResult;
    try {
      r = await print(lastTwelve());
    } finally {
      off();
      await rig.a4Ready();
    }
    expect(r).toMatchObject({ outcome: 'failed', fault: 'paperOut' });
    if (r.outcome !== 'failed' || r.transactionId === null) throw new Error('expected a kept transaction');
    withDb((db) => {
      const tx = db.prepare('SELECT state, last_error FROM transactions WHERE id = ?').get(r.transactionId) as { state: string; last_error: string };
      expect(tx.state).toBe('needsAttention');
      expect(tx.last_error).toContain('paperOut');
      // Committed before the job: the local authority hears of the code whatever the printer did.
      expect((db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE transaction_id = ?').get(r.transactionId) as { n: number }).n).toBe(1);
    });
    expect(sims().receipt.printed()).toHaveLength(receipts);
  }, 60_000);

  it('refuses a second print while one runs', async () => {
    const [a, b] = await Promise.all([raw('certificate.print', lastTwelve()), raw('certificate.print', lastTwelve())]);
    expect([a, b].filter((x) => !x.ok).map((x) => (x.ok ? null : x.error.code))).toEqual(['conflict']);
  }, 60_000);

  it('says when a person has no records in the period, and still prints a certificate that says so', async () => {
    await placeCard('hk-macau-taiwan');
    const period = lastTwelve();
    expect(await records(period)).toEqual({ outcome: 'noRecords', from: period.from, to: period.to });
    const r = await print({ ...period, idNumberShown: 'partlyHidden' });
    expect(r).toMatchObject({ outcome: 'completed', recordCount: 0, totalFen: 0, pages: 1 });
    const pdfs = sims().a4.printed();
    const text = pdfText(pdfs[pdfs.length - 1]!);
    expect(text).toContain('无缴税记录');
    expect(text).toContain('810000********0014');
    expect(text).not.toContain(NO_RECORDS_ID);
  }, 60_000);

  it('refuses every call without a visit', async () => {
    await rig.liftCard();
    for (const method of ['certificate.periods', 'certificate.records', 'certificate.print']) {
      const payload = method === 'certificate.periods' ? {} : lastTwelve();
      expect(await raw(method, payload)).toMatchObject({ ok: false, error: { code: 'notAvailable' } });
    }
  });
});
