import { describe, expect, it } from 'vitest';
import { encodeTextBlock, parseTextBlock, TEXT_BLOCK_BYTES } from '../../../devices/idcard/text-block';
import type { IdCard } from '../../../shared/domain/idcard';

/**
 * Field by field: every offset, the trimming, the format checks and their typed errors,
 * and the encoder's bytes compared with blocks built by hand from the layout in
 * docs/devices.md (not by the encoder).
 */
type Spec = [offset: number, bytes: number, text: string];

/** UCS-2 LE fields on a block padded with `pad` (space, or NUL as some readers send). */
function hand(fields: Spec[], pad: 0x20 | 0x00 = 0x20): Uint8Array {
  const block = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) block[i] = pad;
  for (const [offset, bytes, text] of fields) {
    const encoded = Buffer.from(text, 'utf16le');
    expect(encoded.length).toBeLessThanOrEqual(bytes);
    block.set(encoded, offset);
  }
  return block;
}

/** Replaces (or adds) the field at `offset` in a field list. */
const withField = (fields: Spec[], offset: number, text: string): Spec[] => {
  const rest = fields.filter(([o]) => o !== offset);
  const bytes = fields.find(([o]) => o === offset)?.[1] ?? 2;
  return [...rest, [offset, bytes, text]];
};

const RESIDENT: Spec[] = [
  [0, 30, '测试乙'],
  [30, 2, '2'],
  [32, 4, '02'],
  [36, 16, '19600515'],
  [52, 70, '山东省济南市历下区示例街8号'],
  [122, 36, '370102196005150024'],
  [158, 30, '济南市公安局历下分局'],
  [188, 16, '20120301'],
  [204, 16, '20320301'],
];
const RESIDENT_CARD: IdCard = {
  cardType: 'resident',
  name: '测试乙',
  sex: 'female',
  nation: { code: '02', name: '蒙古' },
  birthDate: '1960-05-15',
  address: '山东省济南市历下区示例街8号',
  idNumber: '370102196005150024',
  issuer: '济南市公安局历下分局',
  validFrom: '2012-03-01',
  validTo: '2032-03-01',
};

const PERMIT: Spec[] = [
  [0, 30, '测试丁'],
  [30, 2, '1'],
  [36, 16, '19850707'],
  [52, 70, '广东省深圳市福田区示例大道100号'],
  [122, 36, '810000198507070011'],
  [158, 30, '深圳市公安局'],
  [188, 16, '20190101'],
  [204, 16, '20240101'],
  [220, 18, 'H12345678'],
  [238, 4, '03'],
  [248, 2, 'J'],
];
const PERMIT_CARD: IdCard = {
  cardType: 'hkMacauTaiwanPermit',
  name: '测试丁',
  sex: 'male',
  birthDate: '1985-07-07',
  address: '广东省深圳市福田区示例大道100号',
  idNumber: '810000198507070011',
  issuer: '深圳市公安局',
  validFrom: '2019-01-01',
  validTo: '2024-01-01',
  passNumber: 'H12345678',
  issueCount: 3,
};

const F2017: Spec[] = [
  [0, 120, 'SAMPLE, TESTER ONE'],
  [120, 2, '2'],
  [122, 30, 'USA110090010108'],
  [152, 6, 'USA'],
  [158, 30, '测试己'],
  [188, 16, '20170701'],
  [204, 16, '长期'],
  [220, 16, '19900101'],
  [240, 8, '1100'],
  [248, 2, 'I'],
];
const F2017_CARD: IdCard = {
  cardType: 'foreignPermanent2017',
  name: '测试己',
  sex: 'female',
  birthDate: '1990-01-01',
  idNumber: 'USA110090010108',
  issuer: '1100',
  validFrom: '2017-07-01',
  validTo: null,
  englishName: 'SAMPLE, TESTER ONE',
  nationality: 'USA',
};

// 35 characters fill the English name at 52; the rest continues at 220.
const LONG_ENGLISH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHI' + 'JKLMNOPQRST';
const F2023: Spec[] = [
  [0, 30, '测试庚'],
  [30, 2, '0'],
  [32, 4, '05'],
  [36, 16, '19920315'],
  [52, 70, LONG_ENGLISH.slice(0, 35)],
  [122, 36, '911840199203150019'],
  [158, 30, '国家移民管理局'],
  [188, 16, '20231201'],
  [204, 16, '20331201'],
  [220, 22, LONG_ENGLISH.slice(35)],
  [242, 6, 'GBR'],
  [248, 2, 'Y'],
];
const F2023_CARD: IdCard = {
  cardType: 'foreignPermanent2023',
  name: '测试庚',
  sex: 'unknown',
  birthDate: '1992-03-15',
  idNumber: '911840199203150019',
  issuer: '国家移民管理局',
  validFrom: '2023-12-01',
  validTo: '2033-12-01',
  englishName: LONG_ENGLISH,
  nationality: 'GBR',
  renewalCount: 5,
};

const badField = (field: string, detail: string) => ({ ok: false, error: { code: 'badField', field, detail: `${field}: ${detail}` } });

describe('text block: each card type, every field at its offset', () => {
  it.each([
    ['resident', RESIDENT, RESIDENT_CARD],
    ['hkMacauTaiwanPermit', PERMIT, PERMIT_CARD],
    ['foreignPermanent2017', F2017, F2017_CARD],
    ['foreignPermanent2023', F2023, F2023_CARD],
  ] as const)('%s: decodes the hand-built block, and the encoder writes exactly those bytes', (_, fields, card) => {
    expect(parseTextBlock(hand(fields))).toEqual({ ok: true, card });
    expect(Array.from(encodeTextBlock(card))).toEqual(Array.from(hand(fields)));
  });

  it('reads a block padded with NUL instead of spaces', () => {
    expect(parseTextBlock(hand(RESIDENT, 0x00))).toEqual({ ok: true, card: RESIDENT_CARD });
    expect(parseTextBlock(hand(F2023, 0x00))).toEqual({ ok: true, card: F2023_CARD });
  });

  it('trims leading and trailing blanks but keeps the spaces inside a field', () => {
    const r = parseTextBlock(hand(withField(withField(RESIDENT, 0, ' \u0000测试乙'), 52, '山东省 济南市\u0000 ')));
    expect(r.ok && r.card).toMatchObject({ name: '测试乙', address: '山东省 济南市' });
  });

  it('trims the joined 2023 English name at both ends only', () => {
    const fields = withField(withField(F2023, 52, '  SAMPLE,'), 220, ' TESTER');
    const r = parseTextBlock(hand(fields));
    // 35-character first part: "  SAMPLE," then 26 spaces, then " TESTER" at 220.
    expect(r.ok && r.card.cardType === 'foreignPermanent2023' && r.card.englishName).toBe('SAMPLE,' + ' '.repeat(27) + 'TESTER');
  });

  it('maps the sex codes of GB/T 2261.1: 1 male, 2 female, 0 and 9 unknown', () => {
    const sexOf = (code: string) => {
      const r = parseTextBlock(hand(withField(RESIDENT, 30, code)));
      return r.ok ? r.card.sex : r.error.detail;
    };
    expect(['1', '2', '0', '9', '3', 'M'].map(sexOf)).toEqual(['male', 'female', 'unknown', 'unknown', 'sex: not a sex code', 'sex: not a sex code']);
  });

  it('reads 长期 as no expiry and any other validTo as a date', () => {
    const r = parseTextBlock(hand(withField(RESIDENT, 204, '长期')));
    expect(r.ok && r.card.validTo).toBeNull();
    expect(parseTextBlock(hand(withField(RESIDENT, 204, '长')))).toEqual(badField('validTo', 'not a YYYYMMDD date'));
  });

  it('gives no issuer (null) when the issuer field is blank, on every card type', () => {
    for (const [fields, offset] of [
      [RESIDENT, 158],
      [PERMIT, 158],
      [F2017, 240],
      [F2023, 158],
    ] as const) {
      const r = parseTextBlock(hand(withField(fields, offset, '')));
      expect(r.ok && r.card.issuer).toBeNull();
    }
  });

  it('reads one- and two-digit counts', () => {
    const r = parseTextBlock(hand(withField(PERMIT, 238, '12')));
    expect(r.ok && r.card.cardType === 'hkMacauTaiwanPermit' && r.card.issueCount).toBe(12);
    const r2 = parseTextBlock(hand(withField(F2023, 32, '7')));
    expect(r2.ok && r2.card.cardType === 'foreignPermanent2023' && r2.card.renewalCount).toBe(7);
  });
});

describe('text block: a field out of format names the field and the problem, never its content', () => {
  it.each([
    ['name with a control character', RESIDENT, 0, '测\u0001试', 'name', 'not text'],
    ['name with DEL', RESIDENT, 0, '测\u007f试', 'name', 'not text'],
    ['address with U+FFFD', RESIDENT, 52, '山东\ufffd', 'address', 'not text'],
    ['birth date that does not exist', RESIDENT, 36, '19600230', 'birthDate', 'not a YYYYMMDD date'],
    ['validFrom not digits', RESIDENT, 188, '2012O301', 'validFrom', 'not a YYYYMMDD date'],
    ['id number with a lower-case x', RESIDENT, 122, '11010519491231002x', 'idNumber', 'unexpected format'],
    ['id number of 17 characters', RESIDENT, 122, '37010219600515002', 'idNumber', 'unexpected format'],
    ['id number with a letter inside', RESIDENT, 122, '3701021960051500A4', 'idNumber', 'unexpected format'],
    ['unknown nation code', RESIDENT, 32, '57', 'nation', 'unknown nation code'],
    ['blank nation', RESIDENT, 32, '', 'nation', 'unknown nation code'],
    ['pass number in lower case', PERMIT, 220, 'h12345678', 'passNumber', 'unexpected format'],
    ['pass number of 5 characters', PERMIT, 220, 'H1234', 'passNumber', 'unexpected format'],
    ['pass number with a dash', PERMIT, 220, 'H1234-567', 'passNumber', 'unexpected format'],
    ['issue count not a number', PERMIT, 238, 'A1', 'issueCount', 'unexpected format'],
    ['blank issue count', PERMIT, 238, '', 'issueCount', 'unexpected format'],
    ['2017 id number of 2 letters', F2017, 122, 'US1100900101080', 'idNumber', 'unexpected format'],
    ['2017 id number of 11 digits', F2017, 122, 'USA11009001010', 'idNumber', 'unexpected format'],
    ['2017 id number in lower case', F2017, 122, 'usa110090010108', 'idNumber', 'unexpected format'],
    ['2017 nationality of 2 letters', F2017, 152, 'US', 'nationality', 'unexpected format'],
    ['2017 nationality in lower case', F2017, 152, 'usa', 'nationality', 'unexpected format'],
    ['2017 birth date', F2017, 220, '19901301', 'birthDate', 'not a YYYYMMDD date'],
    ['2017 English name with a control character', F2017, 0, 'SAMPLE\u0007', 'englishName', 'not text'],
    ['2023 English name with a control character', F2023, 52, 'SAMPLE\u0002', 'englishName', 'not text'],
    ['2023 English name (second part) with U+FFFD', F2023, 220, 'X\ufffd', 'englishName', 'not text'],
    ['2023 nationality blank', F2023, 242, '', 'nationality', 'unexpected format'],
    ['2023 id number', F2023, 122, 'USA110090010108', 'idNumber', 'unexpected format'],
    ['2023 renewal count', F2023, 32, 'X', 'renewalCount', 'unexpected format'],
  ] as const)('%s', (_, fields, offset, text, field, detail) => {
    const r = parseTextBlock(hand(withField(fields as unknown as Spec[], offset, text)));
    expect(r).toEqual(badField(field, detail));
  });

  it('reads broken UCS-2 (a lone surrogate) as not text', () => {
    const block = hand(RESIDENT);
    block.set([0x00, 0xd8, 0x41, 0x00], 0); // D800 then 'A'
    expect(parseTextBlock(block)).toEqual(badField('name', 'not text'));
  });

  it('refuses a block of any length but 256 bytes, saying how long it was', () => {
    const block = hand(RESIDENT);
    for (const length of [0, 255, 257]) {
      const b = new Uint8Array(length);
      b.set(block.subarray(0, Math.min(length, 256)));
      expect(parseTextBlock(b)).toEqual({ ok: false, error: { code: 'badLength', field: null, detail: `text block is ${length} bytes, expected 256` } });
    }
    expect(TEXT_BLOCK_BYTES).toBe(256);
  });
});

describe('text block encoder: what does not fit is refused', () => {
  it('refuses a field longer than its room, naming the offset and sizes', () => {
    const card = { ...RESIDENT_CARD, name: '测'.repeat(16) };
    expect(() => encodeTextBlock(card)).toThrow(new RangeError('text field at 0 holds 15 characters, got 16'));
    expect(encodeTextBlock({ ...RESIDENT_CARD, name: '测'.repeat(15) }).length).toBe(256);
  });

  it('refuses characters outside the BMP, and keeps those just around the surrogates', () => {
    expect(() => encodeTextBlock({ ...RESIDENT_CARD, name: '𠀀' })).toThrow(new RangeError('UCS-2 cannot hold characters outside the BMP'));
    expect(() => encodeTextBlock({ ...RESIDENT_CARD, name: '\ud800' })).toThrow(RangeError);
    expect(() => encodeTextBlock({ ...RESIDENT_CARD, name: '\udfff' })).toThrow(RangeError);
    const block = encodeTextBlock({ ...RESIDENT_CARD, name: '\ud7ff\ue000' });
    expect(Array.from(block.subarray(0, 6))).toEqual([0xff, 0xd7, 0x00, 0xe0, 0x20, 0x00]);
  });

  it('writes an unknown sex as 0 and a one-digit count with a leading zero', () => {
    const block = encodeTextBlock({ ...PERMIT_CARD, sex: 'unknown', issueCount: 4 });
    expect(Buffer.from(block.subarray(30, 32)).toString('utf16le')).toBe('0');
    expect(Buffer.from(block.subarray(238, 242)).toString('utf16le')).toBe('04');
  });
});

describe('text block: a broken field is named, whichever it is', () => {
  // Every field each card type reads, by offset: a control character there must name that field
  // (a technician's raw-frame view and the reader's fault log say which field the reader got wrong).
  const FIELDS = {
    resident: [
      RESIDENT,
      { 0: 'name', 30: 'sex', 32: 'nation', 36: 'birthDate', 52: 'address', 122: 'idNumber', 158: 'issuer', 188: 'validFrom', 204: 'validTo' },
    ],
    hkMacauTaiwanPermit: [
      PERMIT,
      {
        0: 'name',
        30: 'sex',
        36: 'birthDate',
        52: 'address',
        122: 'idNumber',
        158: 'issuer',
        188: 'validFrom',
        204: 'validTo',
        220: 'passNumber',
        238: 'issueCount',
      },
    ],
    foreignPermanent2017: [
      F2017,
      { 0: 'englishName', 120: 'sex', 122: 'idNumber', 152: 'nationality', 158: 'name', 188: 'validFrom', 204: 'validTo', 220: 'birthDate', 240: 'issuer' },
    ],
    foreignPermanent2023: [
      F2023,
      {
        0: 'name',
        30: 'sex',
        32: 'renewalCount',
        36: 'birthDate',
        52: 'englishName',
        122: 'idNumber',
        158: 'issuer',
        188: 'validFrom',
        204: 'validTo',
        220: 'englishName',
        242: 'nationality',
      },
    ],
  } as const satisfies Record<string, [Spec[], Record<number, string>]>;

  for (const [cardType, [fields, names]] of Object.entries(FIELDS)) {
    it(`${cardType}: a control character in each field gives badField with that field's name`, () => {
      for (const [offset, name] of Object.entries(names)) {
        const r = parseTextBlock(hand(withField(fields, Number(offset), '\u0001')));
        expect(r.ok ? 'decoded' : [r.error.code, r.error.field], `field at ${offset}`).toEqual(['badField', name]);
      }
    });
  }

  it('a count with a letter after or before its digits is out of format (not NaN)', () => {
    for (const count of ['1X', 'X1']) {
      expect(parseTextBlock(hand(withField(PERMIT, 238, count)))).toEqual(badField('issueCount', 'unexpected format'));
      expect(parseTextBlock(hand(withField(F2023, 32, count)))).toEqual(badField('renewalCount', 'unexpected format'));
    }
  });

  it('a pass number with a character out of its alphabet after six good ones is out of format', () => {
    expect(parseTextBlock(hand(withField(PERMIT, 220, 'H123456-X')))).toEqual(badField('passNumber', 'unexpected format'));
    expect(parseTextBlock(hand(withField(PERMIT, 220, 'H12345')))).toMatchObject({ ok: true, card: { passNumber: 'H12345' } });
  });

  it('the encoder writes a missing issuer as blanks, on every card type', () => {
    for (const [fields, card, offset] of [
      [RESIDENT, RESIDENT_CARD, 158],
      [PERMIT, PERMIT_CARD, 158],
      [F2017, F2017_CARD, 240],
      [F2023, F2023_CARD, 158],
    ] as const) {
      const encoded = encodeTextBlock({ ...card, issuer: null });
      expect(Array.from(encoded), card.cardType).toEqual(Array.from(hand(withField(fields, offset, ''))));
      expect(parseTextBlock(encoded)).toEqual({ ok: true, card: { ...card, issuer: null } });
    }
  });
});
