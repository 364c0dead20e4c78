import { z } from 'zod';
import { CalendarDate } from '../domain/calendar-date';
import { isValidCreditCode } from '../domain/credit-code';

/**
 * The taxpayer as the backend describes it to the kiosk (a trust boundary: the
 * kiosk validates every reply against these schemas before using it).
 */

/** Integer fen (分), never negative here: amounts owed, invoiced or paid. */
export const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `YYYY-MM` (a tax period, a calendar month). */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month such as 2024-05');
/** `YYYY-MM-DD`. */
/** A real calendar date (shared/domain/calendar-date.ts): 2024-02-30 is refused. */
export const IsoDate = CalendarDate;
/** Full ISO timestamp with a time zone (`2024-05-15T08:30:00.000Z`). */
export const IsoDateTime = z.string().datetime({ offset: true });

/**
 * GB 11643 identity number (18), or the 15-character 2017 foreign permanent
 * resident permit number. The kiosk has checked the card already; the backend
 * only needs the shape.
 */
export const IdNumber = z.string().regex(/^([0-9]{17}[0-9X]|[A-Z]{3}[0-9]{12})$/, 'an identity document number');

/**
 * 统一社会信用代码: 18 characters of the GB 32100-2015 alphabet (digits and
 * capitals without I, O, S, V, Z), positions 3–8 a division code, and a right
 * check character — a backend answering a corrupt code is answering garbage.
 */
export const CreditCode = z
  .string()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'a unified social credit code')
  .refine(isValidCreditCode, { message: 'the GB 32100 check character does not match' });

/** Invoice type code: kebab-case, e.g. `ordinary-paper-10` (十万元版: the suffix is the amount version in 万元). */
export const InvoiceTypeCode = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(40);

/**
 * Who the taxpayer is (docs/tax-rules.md, "Seller kinds"): `individual` is an
 * individual business (个体工商户), `enterprise` a company (企业), and
 * `naturalPerson` a person issuing on their own behalf (自然人代开, listed only
 * to that person). The tax rules read it: no IIT is withheld for an
 * enterprise; a natural person pays VAT per time.
 */
export const TaxpayerKind = z.enum(['individual', 'enterprise', 'naturalPerson']);
export type TaxpayerKind = z.infer<typeof TaxpayerKind>;

/** 正常 / 停业 (suspended) / 注销 (deregistered). Only `registered` may collect invoices. */
export const RegistrationStatus = z.enum(['registered', 'suspended', 'deregistered']);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

/** 纳税信用等级. */
export const CreditGrade = z.enum(['A', 'B', 'M', 'C', 'D']);
export type CreditGrade = z.infer<typeof CreditGrade>;

/** 票种核定: one approved invoice type with its monthly quota (份) and this month's use. */
export const ApprovedInvoiceType = z
  .object({
    code: InvoiceTypeCode,
    name: z.string().min(1).max(60),
    monthlyQuota: z.number().int().min(0),
    usedThisMonth: z.number().int().min(0),
  })
  .strict();
export type ApprovedInvoiceType = z.infer<typeof ApprovedInvoiceType>;

export const Taxpayer = z
  .object({
    id: CreditCode,
    name: z.string().min(1).max(100),
    kind: TaxpayerKind,
    registration: RegistrationStatus,
    creditGrade: CreditGrade,
    arrears: z.object({ owed: z.boolean(), amountFen: Fen }).strict(),
    approvedInvoiceTypes: z.array(ApprovedInvoiceType),
    /** Invoices collected earlier whose use has not been reported yet (验旧). */
    unverifiedInvoices: z.number().int().min(0),
  })
  .strict()
  .refine((t) => t.arrears.owed === t.arrears.amountFen > 0, { message: 'arrears.owed must match amountFen > 0' });
export type Taxpayer = z.infer<typeof Taxpayer>;

/** One IIT payment record (个人所得税 纳税记录). */
export const IitRecord = z
  .object({
    period: Month,
    /** Tax item, e.g. 工资薪金所得. */
    item: z.string().min(1).max(40),
    /** Withholding agent (扣缴义务人) name. */
    agent: z.string().min(1).max(100),
    amountFen: Fen,
    paidOn: IsoDate,
    /** Tax authority that received it. */
    authority: z.string().min(1).max(100),
  })
  .strict();
export type IitRecord = z.infer<typeof IitRecord>;
