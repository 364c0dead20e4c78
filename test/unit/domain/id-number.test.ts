import { describe, expect, it } from 'vitest';
import { birthDateFromIdNumber, compactDateToIso, gb11643CheckCharacter, hasValidCheckCharacter } from '../../../shared/domain/id-number';
import { prng, randomInt } from '../../support/prng';

/**
 * GB 11643 check characters against an oracle written from the standard's own
 * definition (weight of position i = 2^(17 − i) mod 11; check = (12 − sum mod 11)
 * mod 11, 10 written X), not the code's tables.
 */
function oracleCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

describe('GB 11643 check character', () => {
  it("agrees with the standard's definition on random numbers (seeded)", () => {
    const rand = prng(11643);
    for (let i = 0; i < 3000; i++) {
      const first17 = Array.from({ length: 17 }, () => String(randomInt(rand, 10))).join('');
      expect(gb11643CheckCharacter(first17), first17).toBe(oracleCheck(first17));
      expect(hasValidCheckCharacter(first17 + oracleCheck(first17)), first17).toBe(true);
    }
  });

  it('accepts the published example, with x for X, and refuses every single-digit change', () => {
    expect(hasValidCheckCharacter('11010519491231002X')).toBe(true);
    expect(hasValidCheckCharacter('11010519491231002x')).toBe(true);
    const valid = '110102198001010017';
    for (let i = 0; i < 18; i++) {
      for (const d of '0123456789X') {
        if (d === valid[i] || (i < 17 && d === 'X')) continue;
        const changed = valid.slice(0, i) + d + valid.slice(i + 1);
        expect(hasValidCheckCharacter(changed), changed).toBe(false);
      }
    }
  });

  it('has no check character for anything but 17 digits, and no validity for anything but 18 characters', () => {
    for (const bad of ['', '1101051949123100', '110105194912310021', 'A11010519491231002', '1101051949123100A', '11010519491231 02'])
      expect(gb11643CheckCharacter(bad), bad).toBeNull();
    expect(hasValidCheckCharacter('11010519491231002')).toBe(false);
    expect(hasValidCheckCharacter('11010519491231002X0')).toBe(false);
    expect(hasValidCheckCharacter('A1010519491231002X')).toBe(false);
  });
});

describe('dates in ID numbers', () => {
  it('takes real calendar dates only', () => {
    expect(compactDateToIso('19491231')).toBe('1949-12-31');
    expect(compactDateToIso('20000229')).toBe('2000-02-29');
    for (const bad of [
      '00990101',
      'x20230101',
      '19000229',
      '20230229',
      '20231301',
      '20230001',
      '20230100',
      '20230431',
      '2023011',
      '202301011',
      'abcdefgh',
      '2023-1-1',
    ]) {
      expect(compactDateToIso(bad), bad).toBeNull();
    }
  });

  it('reads the birth date at positions 7–14 of an 18-character number only', () => {
    expect(birthDateFromIdNumber('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromIdNumber('110105194912310')).toBeNull();
    expect(birthDateFromIdNumber('11010519491331002X')).toBeNull();
  });
});
