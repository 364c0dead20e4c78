import type { CardChecks, CardRejection, CheckOutcome, IdCard } from './idcard';
import { birthDateFromIdNumber, hasValidCheckCharacter } from './id-number';

/**
 * Checks on what a reader read (docs/devices.md "Checks on what was read"). Numbers
 * that are not 18 characters (the 2017 foreign permanent resident card's
 * 15-character permit number) have no GB 11643 check character and no birth
 * date in a known position: those checks are `notApplicable`, not failures.
 *
 * @param today local calendar date `YYYY-MM-DD` (injected: the kiosk's clock).
 */
export function checkCard(card: IdCard, today: string): CardChecks {
  const applicable = card.idNumber.length === 18;
  const checkCharacter: CheckOutcome = applicable ? (hasValidCheckCharacter(card.idNumber) ? 'pass' : 'fail') : 'notApplicable';
  let birthDateMatchesNumber: CheckOutcome = 'notApplicable';
  if (applicable) birthDateMatchesNumber = birthDateFromIdNumber(card.idNumber) === card.birthDate ? 'pass' : 'fail';
  // A card is valid through the last day printed on it; 长期 (null) never expires.
  // ISO dates compare correctly as strings.
  const notExpired: CheckOutcome = card.validTo === null || today <= card.validTo ? 'pass' : 'fail';
  return { checkCharacter, birthDateMatchesNumber, notExpired };
}

/**
 * Why the kiosk refuses the card, or null when it accepts it. The order is
 * fixed: a wrong check character means the number itself is unreliable, so it
 * is reported before the birth date mismatch, and both before expiry.
 */
export function rejectionFor(checks: CardChecks): CardRejection | null {
  if (checks.checkCharacter === 'fail') return 'badCheckCharacter';
  if (checks.birthDateMatchesNumber === 'fail') return 'birthDateMismatch';
  if (checks.notExpired === 'fail') return 'expired';
  return null;
}
