import { z } from 'zod';
import { CalendarDate } from './calendar-date';

/** Calendar date as it crosses boundaries: ISO `YYYY-MM-DD`, a real one (calendar-date.ts). */
export const IsoDate = CalendarDate;

export const Sex = z.enum(['male', 'female', 'unknown']);
export type Sex = z.infer<typeof Sex>;

export const CardType = z.enum([
  'resident', // 居民身份证
  'hkMacauTaiwanPermit', // 港澳台居民居住证, text byte 248 = 'J'
  'foreignPermanent2017', // 外国人永久居留身份证 (2017), byte 248 = 'I'
  'foreignPermanent2023', // 外国人永久居留身份证 (2023), byte 248 = 'Y'
]);
export type CardType = z.infer<typeof CardType>;

const common = {
  /** Chinese name as printed (for 2017 foreign cards: the Chinese name, may be empty). */
  name: z.string(),
  sex: Sex,
  birthDate: IsoDate,
  /** ID number / permit number. Sensitive: never log, mask on screen. */
  idNumber: z.string(),
  issuer: z.string().nullable(),
  validFrom: IsoDate,
  /** null means 长期 (no expiry). */
  validTo: IsoDate.nullable(),
};

export const Nation = z.object({ code: z.string(), name: z.string() });

export const ResidentCard = z.object({
  cardType: z.literal('resident'),
  ...common,
  nation: Nation,
  address: z.string(),
});

export const HkMacauTaiwanPermit = z.object({
  cardType: z.literal('hkMacauTaiwanPermit'),
  ...common,
  address: z.string(),
  /** 通行证号码 */
  passNumber: z.string(),
  issueCount: z.number().int().nonnegative(),
});

export const ForeignPermanent2017 = z.object({
  cardType: z.literal('foreignPermanent2017'),
  ...common,
  englishName: z.string(),
  /** ISO 3166-1 alpha-3 as on the card. */
  nationality: z.string(),
});

export const ForeignPermanent2023 = z.object({
  cardType: z.literal('foreignPermanent2023'),
  ...common,
  englishName: z.string(),
  nationality: z.string(),
  renewalCount: z.number().int().nonnegative(),
});

export const IdCard = z.discriminatedUnion('cardType', [ResidentCard, HkMacauTaiwanPermit, ForeignPermanent2017, ForeignPermanent2023]);
export type IdCard = z.infer<typeof IdCard>;

export const CheckOutcome = z.enum(['pass', 'fail', 'notApplicable']);
export type CheckOutcome = z.infer<typeof CheckOutcome>;

/** Outcome of each check on what was read (GB 11643 check character, birth date, expiry). */
export const CardChecks = z.object({
  checkCharacter: CheckOutcome,
  birthDateMatchesNumber: CheckOutcome,
  notExpired: CheckOutcome,
});
export type CardChecks = z.infer<typeof CardChecks>;

/** Why a card is refused for a session; each has a catalogue text for the taxpayer. */
export const CardRejection = z.enum(['expired', 'badCheckCharacter', 'birthDateMismatch', 'readFailed', 'unsupportedCard']);
export type CardRejection = z.infer<typeof CardRejection>;
