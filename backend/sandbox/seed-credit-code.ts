import { creditCodeCheckChar } from '../../shared/domain/credit-code';

/**
 * Builds valid 统一社会信用代码 for the seed data, so the demo taxpayers pass
 * every GB 32100 check the kiosk applies. The check character comes from the
 * kiosk's own rule (shared/domain/credit-code.ts); the GB 11714 check inside the
 * organisation code is added too, so the codes also look right to a stricter reader.
 *
 * Layout (GB 32100-2015 §4): 1 registration authority, 1 organisation type,
 * 6 administrative division, 9 organisation code (8 + GB 11714 check), 1 check.
 */
/** GB 11714-1997: weights of the 8 body characters of the organisation code. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

function orgCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i] ?? '0';
    // GB 11714: digits are their value, capitals A=10 … Z=35.
    const value = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * @param prefix registration authority + organisation type, e.g. `91` (enterprise), `92` (个体工商户)
 * @param division 6-digit administrative division code, e.g. `370102`
 * @param body8 8 characters of the organisation code, from the GB 32100 alphabet
 */
export function makeCreditCode(prefix: string, division: string, body8: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}$/.test(prefix) || !/^\d{6}$/.test(division) || !/^[0-9A-HJ-NPQRTUWXY]{8}$/.test(body8)) {
    throw new Error('bad credit code parts');
  }
  const first17 = prefix + division + body8 + orgCodeCheck(body8);
  const check = creditCodeCheckChar(first17);
  if (check === null) throw new Error('bad credit code parts');
  return first17 + check;
}
