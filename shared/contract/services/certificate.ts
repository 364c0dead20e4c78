import { z } from 'zod';
import { IitRecord, Month } from '../../backend/taxpayer';
import { PrinterFault } from '../../domain/device-status';

/**
 * IIT payment certificate (个人所得税完税证明) as the renderer sees it. The
 * certificate is always for the person on the card: the host takes the ID
 * number from the active visit, never from the screen, and answers with the
 * records (business data: agents are companies) but never the number itself.
 */

export const CertificatePeriod = z
  .object({ from: Month, to: Month })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from must not be after to' });
export type CertificatePeriod = z.infer<typeof CertificatePeriod>;

/**
 * How the ID number is printed on the certificate, the holder's choice on the
 * preview (as the national IIT app offers): in full (the default: the
 * certificate is the holder's own proof), or partly hidden like
 * `110105********002X`. The name is always printed in full; the screen and
 * the receipt stay masked whatever is chosen.
 */
export const IdNumberShown = z.enum(['full', 'partlyHidden']);
export type IdNumberShown = z.infer<typeof IdNumberShown>;

/** The print: the period, and how the ID number is printed (absent = in full). */
export const CertificatePrintRequest = z
  .object({ from: Month, to: Month, idNumberShown: IdNumberShown.optional() })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from must not be after to' });
export type CertificatePrintRequest = z.infer<typeof CertificatePrintRequest>;

export const PeriodPreset = z.object({ id: z.enum(['last12Months', 'thisYear', 'lastYear']), from: Month, to: Month }).strict();
export type PeriodPreset = z.infer<typeof PeriodPreset>;

/** What may be picked now (shared/domain/certificate-period.ts decides). */
export const CertificateBounds = z
  .object({
    earliest: Month,
    latest: Month,
    historyMonths: z.number().int().min(1),
    maxSpanMonths: z.number().int().min(1),
    presets: z.array(PeriodPreset),
  })
  .strict();
export type CertificateBounds = z.infer<typeof CertificateBounds>;

/** One payment as the preview table shows it (the same data the PDF prints). */
export const CertificateRecord = IitRecord;
export type CertificateRecord = z.infer<typeof CertificateRecord>;

/** Every reason the kiosk cannot go on, each with a catalogue text saying what to do next. */
export const CertificateRefusal = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('backendUnreachable') }).strict(),
  z.object({ reason: z.literal('periodOutOfRange'), earliest: Month, latest: Month, maxSpanMonths: z.number().int().min(1) }).strict(),
  z.object({ reason: z.literal('printerNotReady'), printer: z.enum(['a4', 'receipt']), fault: PrinterFault }).strict(),
]);
export type CertificateRefusal = z.infer<typeof CertificateRefusal>;

export const CertificateRecords = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('ok'),
      from: Month,
      to: Month,
      records: z.array(CertificateRecord).min(1),
      totalFen: z.number().int().min(0),
    })
    .strict(),
  /** Nothing paid in the period: the screen offers another period, or a certificate that says so. */
  z.object({ outcome: z.literal('noRecords'), from: Month, to: Month }).strict(),
  z.object({ outcome: z.literal('refused'), refusal: CertificateRefusal }).strict(),
]);
export type CertificateRecords = z.infer<typeof CertificateRecords>;

export const CertificatePrintResult = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('completed'),
      transactionId: z.string(),
      from: Month,
      to: Month,
      recordCount: z.number().int().min(0),
      totalFen: z.number().int().min(0),
      pages: z.number().int().min(1),
      /** As printed: groups of four with hyphens. */
      verificationCode: z.string(),
      /** False when the certificate came out but the receipt could not be printed (the screen says so). */
      receiptPrinted: z.boolean(),
    })
    .strict(),
  z.object({ outcome: z.literal('refused'), refusal: CertificateRefusal }).strict(),
  /**
   * The A4 printer did not finish the certificate. The transaction is kept
   * (needs attention) for staff, who can see whether anything came out.
   */
  z.object({ outcome: z.literal('failed'), transactionId: z.string().nullable(), fault: PrinterFault.nullable() }).strict(),
]);
export type CertificatePrintResult = z.infer<typeof CertificatePrintResult>;

export const certificateMethods = {
  /** The months that may be picked now, and the ready-made periods. */
  'certificate.periods': { request: z.object({}).strict(), result: CertificateBounds },
  /** The card holder's IIT payments in the period, for the preview. */
  'certificate.records': { request: CertificatePeriod, result: CertificateRecords },
  /** Fetches the records again, makes the PDF, prints it on the A4 printer, then the receipt. Resolves when done. */
  'certificate.print': { request: CertificatePrintRequest, result: CertificatePrintResult },
} as const;
