import { describe, expect, it } from 'vitest';
import { birthDateFromIdNumber, compactDateToIso, gb11643CheckCharacter, hasValidCheckCharacter } from '../../../shared/domain/id-number';
import { checkCard, rejectionFor } from '../../../shared/domain/card-checks';
import { profileCard } from '../../../devices/simulators/idcard/profiles';

describe('GB 11643 check character', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['110105194912310021', false],
    ['370102196005150024', true],
    ['440304197808080038', true],
    ['440304197808080039', false],
    ['11010519491231002', false],
    ['1101051949123100AX', false],
  ])('%s valid=%s', (id, valid) => {
    expect(hasValidCheckCharacter(id)).toBe(valid);
  });
  it('computes the character from 17 digits', () => {
    expect(gb11643CheckCharacter('11010519491231002')).toBe('X');
    expect(gb11643CheckCharacter('1101051949123100')).toBeNull();
  });
  it('reads the birth date from positions 7–14', () => {
    expect(birthDateFromIdNumber('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromIdNumber('110105194913310021')).toBeNull();
    expect(birthDateFromIdNumber('USA110090010108')).toBeNull();
    expect(compactDateToIso('20240229')).toBe('2024-02-29');
    expect(compactDateToIso('20230229')).toBeNull();
  });
});

describe('checkCard and rejectionFor', () => {
  const today = '2026-06-01';
  it('accepts an ordinary card', () => {
    const checks = checkCard(profileCard('resident'), today);
    expect(checks).toEqual({ checkCharacter: 'pass', birthDateMatchesNumber: 'pass', notExpired: 'pass' });
    expect(rejectionFor(checks)).toBeNull();
  });
  it('never expires a 长期 card', () => {
    expect(checkCard(profileCard('resident-long-term'), '2999-12-31').notExpired).toBe('pass');
  });
  it('is valid through its last day and expired the day after', () => {
    const card = { ...profileCard('resident'), validTo: '2026-06-01' };
    expect(checkCard(card, '2026-06-01').notExpired).toBe('pass');
    expect(rejectionFor(checkCard(card, '2026-06-02'))).toBe('expired');
  });
  it('refuses the expired and the bad-check profiles', () => {
    expect(rejectionFor(checkCard(profileCard('resident-expired'), today))).toBe('expired');
    expect(rejectionFor(checkCard(profileCard('resident-bad-check'), today))).toBe('badCheckCharacter');
  });
  it('reports a birth date that disagrees with the number', () => {
    const card = { ...profileCard('resident'), birthDate: '1949-12-30' };
    expect(rejectionFor(checkCard(card, today))).toBe('birthDateMismatch');
  });
  it('orders badCheckCharacter before birthDateMismatch before expired', () => {
    expect(rejectionFor({ checkCharacter: 'fail', birthDateMatchesNumber: 'fail', notExpired: 'fail' })).toBe('badCheckCharacter');
    expect(rejectionFor({ checkCharacter: 'pass', birthDateMatchesNumber: 'fail', notExpired: 'fail' })).toBe('birthDateMismatch');
  });
  it('marks the 15-character 2017 foreign permit number notApplicable', () => {
    expect(checkCard(profileCard('foreign-2017'), today)).toEqual({
      checkCharacter: 'notApplicable',
      birthDateMatchesNumber: 'notApplicable',
      notExpired: 'pass',
    });
  });
  it('checks the 18-character permits', () => {
    expect(rejectionFor(checkCard(profileCard('hk-macau-taiwan'), today))).toBeNull();
    expect(rejectionFor(checkCard(profileCard('foreign-2023'), today))).toBeNull();
  });
});
