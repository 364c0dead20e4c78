import { describe, expect, it } from 'vitest';
import { encodeTextBlock, parseTextBlock } from '../../../devices/idcard/text-block';
import { NATIONS, nationName } from '../../../devices/idcard/nations';
import { CARD_PROFILES, PROFILE_NAMES, profileCard } from '../../../devices/simulators/idcard/profiles';

/** Hand-built block, independent of encodeTextBlock: UCS-2 LE fields padded with spaces. */
function handBlock(fields: [offset: number, bytes: number, text: string][]): Uint8Array {
  const block = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) block[i] = 0x20;
  for (const [offset, bytes, text] of fields) {
    const encoded = Buffer.from(text, 'utf16le');
    expect(encoded.length).toBeLessThanOrEqual(bytes);
    block.set(encoded, offset);
  }
  return block;
}

describe('text block: hand-built bytes', () => {
  it('parses a resident card with 长期 validity', () => {
    const block = handBlock([
      [0, 30, '测试甲'],
      [30, 2, '1'],
      [32, 4, '01'],
      [36, 16, '19491231'],
      [52, 70, '北京市东城区示例路1号'],
      [122, 36, '11010519491231002X'],
      [158, 30, '北京市公安局东城分局'],
      [188, 16, '20160101'],
      [204, 16, '长期'],
    ]);
    const r = parseTextBlock(block);
    expect(r).toEqual({
      ok: true,
      card: {
        cardType: 'resident',
        name: '测试甲',
        sex: 'male',
        nation: { code: '01', name: '汉' },
        birthDate: '1949-12-31',
        address: '北京市东城区示例路1号',
        idNumber: '11010519491231002X',
        issuer: '北京市公安局东城分局',
        validFrom: '2016-01-01',
        validTo: null,
      },
    });
  });

  it('parses a 2017 foreign permanent resident card by byte 248 = I', () => {
    const block = handBlock([
      [0, 120, 'SAMPLE, TESTER ONE'],
      [120, 2, '2'],
      [122, 30, 'USA110090010108'],
      [152, 6, 'USA'],
      [158, 30, '测试己'],
      [188, 16, '20170701'],
      [204, 16, '20270701'],
      [220, 16, '19900101'],
      [240, 8, '1100'],
      [248, 2, 'I'],
    ]);
    const r = parseTextBlock(block);
    expect(r.ok && r.card).toMatchObject({
      cardType: 'foreignPermanent2017',
      englishName: 'SAMPLE, TESTER ONE',
      sex: 'female',
      idNumber: 'USA110090010108',
      nationality: 'USA',
      name: '测试己',
      birthDate: '1990-01-01',
      validTo: '2027-07-01',
    });
  });

  it('joins the 2023 English name across offsets 52 and 220', () => {
    const block = handBlock([
      [0, 30, '测试庚'],
      [30, 2, '1'],
      [32, 4, '02'],
      [36, 16, '19920315'],
      [52, 70, 'SAMPLE, TESTER ALEXANDER MAXIMILIAN'],
      [122, 36, '911840199203150019'],
      [158, 30, '国家移民管理局'],
      [188, 16, '20231201'],
      [204, 16, '20331201'],
      [220, 22, ' JONATHAN'],
      [242, 6, 'USA'],
      [248, 2, 'Y'],
    ]);
    const r = parseTextBlock(block);
    expect(r.ok && r.card).toMatchObject({
      cardType: 'foreignPermanent2023',
      englishName: 'SAMPLE, TESTER ALEXANDER MAXIMILIAN JONATHAN',
      renewalCount: 2,
      nationality: 'USA',
      idNumber: '911840199203150019',
    });
  });
});

describe('text block: every profile round-trips', () => {
  it.each(PROFILE_NAMES)('%s', (name) => {
    const card = profileCard(name);
    const block = encodeTextBlock(card);
    expect(block.length).toBe(256);
    expect(parseTextBlock(block)).toEqual({ ok: true, card: CARD_PROFILES[name] });
  });
  it('puts the card type at byte 248', () => {
    expect(encodeTextBlock(profileCard('hk-macau-taiwan'))[248]).toBe(0x4a); // 'J'
    expect(encodeTextBlock(profileCard('resident'))[248]).toBe(0x20); // space: resident
  });
});

describe('text block: malformed input is a typed error', () => {
  const good = encodeTextBlock(profileCard('resident'));
  it('wrong length', () => {
    expect(parseTextBlock(good.subarray(0, 200))).toMatchObject({ ok: false, error: { code: 'badLength' } });
  });
  it('bad date', () => {
    const b = good.slice();
    b.set(Buffer.from('19491331', 'utf16le'), 36);
    expect(parseTextBlock(b)).toMatchObject({ ok: false, error: { code: 'badField', field: 'birthDate' } });
  });
  it('unknown nation code', () => {
    const b = good.slice();
    b.set(Buffer.from('77', 'utf16le'), 32);
    expect(parseTextBlock(b)).toMatchObject({ ok: false, error: { code: 'badField', field: 'nation' } });
  });
  it('all zero bytes', () => {
    expect(parseTextBlock(new Uint8Array(256)).ok).toBe(false);
  });
  it('random bytes never give a card', () => {
    let seed = 7;
    for (let i = 0; i < 500; i++) {
      const b = Uint8Array.from({ length: 256 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
      expect(parseTextBlock(b).ok).toBe(false);
    }
  });
  it('error details name the field, not its content', () => {
    const b = good.slice();
    b.set(Buffer.from('X', 'utf16le'), 30);
    const r = parseTextBlock(b);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('测试甲');
  });
});

describe('nation codes', () => {
  it('has 01..56, 97 and 98', () => {
    expect(NATIONS.size).toBe(58);
    expect(nationName('01')).toBe('汉');
    expect(nationName('02')).toBe('蒙古');
    expect(nationName('05')).toBe('维吾尔');
    expect(nationName('10')).toBe('朝鲜');
    expect(nationName('37')).toBe('仡佬');
    expect(nationName('56')).toBe('基诺');
    expect(nationName('97')).toBe('其他');
    expect(nationName('98')).toBe('外国血统中国籍');
    expect(nationName('57')).toBeNull();
    expect(nationName('00')).toBeNull();
  });
});
