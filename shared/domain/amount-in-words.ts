/**
 * 中文大写金额 (the amount in capitals printed in 价税合计(大写) on an invoice).
 *
 * Rules, after 财政部《会计基础工作规范》(财会字〔1996〕19号) 第五十二条:
 * - (三) digits are 零壹贰叁肆伍陆柒捌玖 with the units 拾佰仟万亿; an amount that
 *   stops at 元 or 角 ends with 整; an amount with 分 has nothing after 分.
 *   So 10.50 → 壹拾元伍角整, 10.00 → 壹拾元整, 0.11 → 壹角壹分.
 * - (五) a 0 between digits is written 零; a run of 0s is written as one 零.
 *   When the 元 digit is 0 but 角 is not, 零 "may be written or left out": we
 *   leave it out (101.50 → 壹佰零壹元伍角整, 100.50 → 壹佰元伍角整). A 0 in 角 between
 *   元 and a non-zero 分 is a 0 in the middle, so 零 is written (425.03 → 肆佰贰拾伍元零叁分).
 * - A leading 0 is not "in the middle": 0.01 is 壹分, not 零元壹分 (the form the
 *   national invoice systems print). Only an amount of nothing at all is 零元整.
 * - 10 is 壹拾, never 拾 (the leading 壹 stops anyone prefixing a digit).
 * - Zeros across a 万/亿 boundary are still zeros in the middle, one 零 per run:
 *   10,300 → 壹万零叁佰, 107,000 → 壹拾万零柒仟 (one of the two forms 中国人民银行
 *   《支付结算办法》附件一 accepts for ¥107,000.53), 1,000,001 → 壹佰万零壹,
 *   100,010,000 → 壹亿零壹万; trailing zeros are silent: 100,000 → 壹拾万.
 *
 * Input is integer fen (money is never a float here). Negative, fractional or
 * unsafe numbers are refused with a RangeError: an invoice never shows them.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const SMALL_UNITS = ['仟', '佰', '拾', ''] as const;

/** Every character `amountInWords` can produce (for checks on the output). */
export const AMOUNT_IN_WORDS_CHARS = '零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整';

function digit(n: number): string {
  return DIGITS[n] ?? '';
}

/** 1..9999 with inner zero runs as one 零 and trailing zeros silent. */
function group(n: number): string {
  const digits = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const d = digits[i] ?? 0;
    if (d === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += digit(d) + (SMALL_UNITS[i] ?? '');
  }
  return out;
}

/** A positive integer of 元 in capitals; recursive over 亿 so any safe integer works (万亿 = 壹万亿). */
function integerWords(n: number): string {
  if (n >= 1e8) {
    const high = Math.floor(n / 1e8);
    const low = n % 1e8;
    const head = integerWords(high) + '亿';
    if (low === 0) return head;
    return head + (high % 10 === 0 || low < 1e7 ? '零' : '') + integerWords(low);
  }
  if (n >= 1e4) {
    const high = Math.floor(n / 1e4);
    const low = n % 1e4;
    const head = group(high) + '万';
    if (low === 0) return head;
    return head + (high % 10 === 0 || low < 1000 ? '零' : '') + group(low);
  }
  return group(n);
}

export function amountInWords(fen: number): string {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen) || fen < 0) {
    throw new RangeError(`amountInWords: expected a non-negative safe integer of fen, got ${String(fen)}`);
  }
  if (fen === 0) return '零元整';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = yuan > 0 ? integerWords(yuan) + '元' : '';
  if (jiao > 0) out += digit(jiao) + '角';
  if (cents === 0) return out + '整';
  // 第五十二条(五): a 0 角 between 元 and 分 is a 0 in the middle.
  if (jiao === 0 && yuan > 0) out += '零';
  return out + digit(cents) + '分';
}
