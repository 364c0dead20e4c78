import type { IdCard } from '../../../shared/domain/idcard';

/**
 * Card profiles for the simulator. Every person, address and number here is
 * fictional (names are 测试 + a cyclic character); numbers carry valid GB 11643
 * check characters except in `resident-bad-check`.
 */
export const CARD_PROFILES = {
  resident: {
    cardType: 'resident',
    name: '测试甲',
    sex: 'male',
    nation: { code: '01', name: '汉' },
    birthDate: '1949-12-31',
    address: '北京市东城区示例路1号测试小区2号楼',
    idNumber: '11010519491231002X',
    issuer: '北京市公安局东城分局',
    validFrom: '2016-01-01',
    validTo: '2036-01-01',
  },
  'resident-long-term': {
    cardType: 'resident',
    name: '测试乙',
    sex: 'female',
    nation: { code: '03', name: '回' },
    birthDate: '1960-05-15',
    address: '山东省济南市历下区示例街8号',
    idNumber: '370102196005150024',
    issuer: '济南市公安局历下分局',
    validFrom: '2012-03-01',
    validTo: null,
  },
  'resident-expired': {
    cardType: 'resident',
    name: '测试丙',
    sex: 'male',
    nation: { code: '56', name: '基诺' },
    birthDate: '1985-06-30',
    address: '山东省济南市历下区示例街9号',
    idNumber: '370102198506300018',
    issuer: '济南市公安局历下分局',
    validFrom: '2010-06-30',
    validTo: '2020-06-30',
  },
  'resident-bad-check': {
    cardType: 'resident',
    name: '测试丁',
    sex: 'female',
    nation: { code: '01', name: '汉' },
    birthDate: '1978-08-08',
    address: '广东省深圳市福田区示例大道3号',
    idNumber: '440304197808080039',
    issuer: '深圳市公安局福田分局',
    validFrom: '2018-08-08',
    validTo: '2038-08-08',
  },
  'hk-macau-taiwan': {
    cardType: 'hkMacauTaiwanPermit',
    name: '测试戊',
    sex: 'male',
    birthDate: '1999-01-01',
    address: '广东省深圳市南山区示例路5号',
    idNumber: '810000199901010014',
    issuer: '深圳市公安局',
    validFrom: '2019-01-01',
    validTo: '2029-01-01',
    passNumber: 'H00000001',
    issueCount: 1,
  },
  'foreign-2017': {
    cardType: 'foreignPermanent2017',
    name: '测试己',
    sex: 'female',
    birthDate: '1990-01-01',
    idNumber: 'USA110090010108',
    issuer: '1100',
    validFrom: '2017-07-01',
    validTo: '2027-07-01',
    englishName: 'SAMPLE, TESTER ONE',
    nationality: 'USA',
  },
  'foreign-2023': {
    cardType: 'foreignPermanent2023',
    name: '测试庚',
    sex: 'male',
    birthDate: '1992-03-15',
    idNumber: '911840199203150019',
    issuer: '国家移民管理局',
    validFrom: '2023-12-01',
    validTo: '2033-12-01',
    // Longer than the 35 characters at offset 52: the rest goes to offset 220.
    englishName: 'SAMPLE, TESTER ALEXANDER MAXIMILIAN JONATHAN',
    nationality: 'USA',
    renewalCount: 0,
  },
} as const satisfies Record<string, IdCard>;

export type ProfileName = keyof typeof CARD_PROFILES;
export const PROFILE_NAMES = Object.keys(CARD_PROFILES) as ProfileName[];

export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(CARD_PROFILES, name);
}

export function profileCard(name: ProfileName): IdCard {
  return structuredClone(CARD_PROFILES[name]) as IdCard;
}
