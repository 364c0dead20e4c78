import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { CertificatePrintResult, IdNumberShown } from '../../../shared/contract/services/certificate';
import type { EventOf } from '../../../shared/contract/events';
import type { IitRecord } from '../../../shared/backend';
import { formatVerificationCode, makeVerificationCode, VERIFICATION_CODE_RANDOM_BYTES } from '../../../shared/domain/verification-code';
import { maskName } from '../../../shared/domain/pii';
import { translateWith, type TextOverrides } from '../../../shared/i18n';
import type { Lang } from '../../../shared/i18n/lang';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { Printers } from '../devices/device-manager';
import type { TransactionStore } from '../transactions/transaction-store';
import { renderIitCertificate } from '../documents/iit-certificate';
import { certificateReceipt } from './iit-certificate-receipt';

export interface CertificatePrintDeps {
  db: Db;
  store: TransactionStore;
  printers: Printers;
  log: Logger;
  kioskId: () => string;
  lang: () => Lang;
  /** The administrators' text overrides in force (config bundles); none = the catalogues. */
  texts?: () => TextOverrides;
  progress: (event: EventOf<'certificate.progress'>) => void;
  now?: () => Date;
}

export interface CertificateJob {
  /**
   * Plaintext in memory only, never logged. The PDF prints the name in full
   * and the ID number as `idNumberShown` says (the holder's own proof); the
   * receipt prints both masked; the store keeps the ID number encrypted and
   * the name not at all.
   */
  idNumber: string;
  name: string;
  idNumberShown: IdNumberShown;
  from: string;
  to: string;
  records: readonly IitRecord[];
}

/** Shown to the A4 queue and the spooler's log: never a name or an ID number. */
const JOB_TITLE = 'iit-certificate';

/**
 * Makes the PDF, records the certificate, prints it, then the receipt.
 * The PDF is made first (a rendering fault stores nothing); the transaction
 * and its local-authority outbox row (`local.iit.certificate`) commit in one
 * SQLite transaction, already `printing`, before the PDF goes to the printer:
 * after a crash a `printing` certificate may be on paper (needs attention,
 * never a blind reprint with another code).
 */
export async function printCertificate(deps: CertificatePrintDeps, job: CertificateJob): Promise<CertificatePrintResult> {
  const { store, log } = deps;
  const now = deps.now?.() ?? new Date();
  const lang = deps.lang();
  const texts = deps.texts?.();
  const totalFen = job.records.reduce((sum, r) => sum + r.amountFen, 0);
  const code = makeVerificationCode(randomBytes(VERIFICATION_CODE_RANDOM_BYTES));
  const printedCode = formatVerificationCode(code);

  deps.progress({ step: 'rendering' });
  const latest = job.records.reduce<IitRecord | undefined>((a, r) => (!a || r.paidOn >= a.paidOn ? r : a), undefined);
  const pdf = await renderIitCertificate({
    taxpayer: { name: job.name, idNumber: job.idNumber },
    nameShown: 'full',
    idNumberShown: job.idNumberShown,
    from: job.from,
    to: job.to,
    records: job.records,
    issuedAt: now,
    issuer: latest?.authority ?? translateWith(texts, lang, 'certificate.issuer.default'),
    verificationCode: printedCode,
    lang,
    texts,
    kioskId: deps.kioskId(),
  });
  const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();

  const transactionId = deps.db
    .transaction(() => {
      const payload = { schemaVersion: 1 as const, from: job.from, to: job.to, recordCount: job.records.length, totalFen, verificationCode: code };
      const { id } = store.createTransaction(
        { kind: 'iitCertificate', taxpayerId: null, personIdNumber: job.idNumber, nationalFen: 0, localFen: 0, payload },
        [],
      );
      store.transition(id, {
        from: 'created',
        to: 'printing',
        legs: [
          {
            kind: 'iit.certificate',
            authority: 'local',
            // What certificate.verify answers; the holder masked (the answer goes to whoever holds the code).
            payload: {
              schemaVersion: 2,
              from: job.from,
              to: job.to,
              recordCount: job.records.length,
              totalFen,
              issuedAt: now.toISOString(),
              holderMaskedName: maskName(job.name),
              verificationCode: code,
            },
          },
        ],
      });
      return id;
    })
    .immediate();
  log.info({ event: 'certificate.recorded', transactionId, from: job.from, to: job.to, recordCount: job.records.length, pages }, 'certificate recorded');

  deps.progress({ step: 'printing' });
  const printed = await deps.printers.a4
    .printPdf(pdf, JOB_TITLE)
    .catch((error: unknown) => ({ ok: false as const, code: 'hardwareError' as const, fault: null, detail: String(error) }));
  if (!printed.ok) {
    // A page may be out (CUPS aborts mid-job) or not: staff look, then settle it.
    store.transition(transactionId, { from: 'printing', to: 'needsAttention', error: `A4 ${printed.code}: ${printed.fault ?? 'no fault reported'}` });
    log.warn({ event: 'certificate.failed', transactionId, code: printed.code, fault: printed.fault, detail: printed.detail }, 'certificate not printed');
    return { outcome: 'failed', transactionId, fault: printed.fault };
  }
  store.transition(transactionId, { from: 'printing', to: 'printed' });

  deps.progress({ step: 'printingReceipt' });
  const receipt = certificateReceipt({
    lang,
    texts,
    name: job.name,
    idNumber: job.idNumber,
    from: job.from,
    to: job.to,
    recordCount: job.records.length,
    totalFen,
    pages,
    verificationCode: printedCode,
    at: now,
    kioskId: deps.kioskId(),
    transactionId,
  });
  const receiptOut = await deps.printers.receipt.printReceipt(receipt).catch((error: unknown) => ({ ok: false as const, detail: String(error) }));
  if (!receiptOut.ok) log.warn({ event: 'certificate.receiptFailed', transactionId, detail: receiptOut.detail }, 'receipt not printed');

  // The certificate is in the taxpayer's hands: done even without a receipt.
  store.transition(transactionId, { from: 'printed', to: 'completed' });
  log.info({ event: 'certificate.completed', transactionId, recordCount: job.records.length, pages, receiptPrinted: receiptOut.ok }, 'certificate completed');
  return {
    outcome: 'completed',
    transactionId,
    from: job.from,
    to: job.to,
    recordCount: job.records.length,
    totalFen,
    pages,
    verificationCode: printedCode,
    receiptPrinted: receiptOut.ok,
  };
}
