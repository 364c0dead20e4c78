import { IdCard, type Sex } from '../../shared/domain/idcard';
import { compactDateToIso } from '../../shared/domain/id-number';
import { nationName } from './nations';
import { assertNever } from '../../shared/assert-never';

/**
 * The 256-byte text block of "read text + photo" (30 01): UCS-2 little endian,
 * space padded. Offsets in bytes (docs/devices.md). Byte 248 names the card type:
 * 'J' 港澳台居民居住证, 'I' 2017 外国人永久居留身份证, 'Y' 2023 外国人永久居留身份证,
 * anything else 居民身份证.
 */
export const TEXT_BLOCK_BYTES = 256;
const TYPE_OFFSET = 248;
const LONG_TERM = '长期';

type Field = readonly [offset: number, bytes: number];
/** 居民身份证; 港澳台居民居住证 shares 0–220 (nation blank) and adds pass number and issue count. */
const RESIDENT = {
  name: [0, 30],
  sex: [30, 2],
  nation: [32, 4],
  birth: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  issuer: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  passNumber: [220, 18],
  issueCount: [238, 4],
} as const satisfies Record<string, Field>;
/** 2017 foreign permanent resident card; issuing office code at 240 (public layout, 8 bytes). */
const FOREIGN_2017 = {
  englishName: [0, 120],
  sex: [120, 2],
  idNumber: [122, 30],
  nationality: [152, 6],
  name: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  birth: [220, 16],
  issuer: [240, 8],
} as const satisfies Record<string, Field>;
/** 2023 foreign permanent resident ID; the English name continues at 220. */
const FOREIGN_2023 = {
  name: [0, 30],
  sex: [30, 2],
  renewalCount: [32, 4],
  birth: [36, 16],
  englishName: [52, 70],
  idNumber: [122, 36],
  issuer: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  englishName2: [220, 22],
  nationality: [242, 6],
} as const satisfies Record<string, Field>;

export type TextBlockError = { code: 'badLength' | 'badField' | 'schema'; field: string | null; detail: string };
export type TextBlockResult = { ok: true; card: IdCard } | { ok: false; error: TextBlockError };

/** Raised inside the parser; turned into a TextBlockError. Details name the field, never its content. */
class FieldError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(detail);
  }
}

const utf16 = new TextDecoder('utf-16le');

function raw(block: Uint8Array, [offset, bytes]: Field): string {
  return utf16.decode(block.subarray(offset, offset + bytes));
}

/** A trimmed text field; control characters or broken UCS-2 mean the block is not text. */
function text(block: Uint8Array, field: Field, key: string): string {
  const value = raw(block, field).replace(/^[\s\u0000]+|[\s\u0000]+$/g, '');
  if (/[\u0000-\u001f\u007f\ufffd\ud800-\udfff]/.test(value)) throw new FieldError(key, 'not text');
  return value;
}

function date(block: Uint8Array, field: Field, key: string): string {
  const iso = compactDateToIso(text(block, field, key));
  if (!iso) throw new FieldError(key, 'not a YYYYMMDD date');
  return iso;
}

function validTo(block: Uint8Array, field: Field): string | null {
  return text(block, field, 'validTo') === LONG_TERM ? null : date(block, field, 'validTo');
}

function sex(block: Uint8Array, field: Field): Sex {
  const v = text(block, field, 'sex');
  // GB/T 2261.1: 1 male, 2 female, 0 unknown, 9 not stated.
  if (v === '1') return 'male';
  if (v === '2') return 'female';
  if (v === '0' || v === '9') return 'unknown';
  throw new FieldError('sex', 'not a sex code');
}

function matching(block: Uint8Array, field: Field, key: string, re: RegExp): string {
  const v = text(block, field, key);
  if (!re.test(v)) throw new FieldError(key, 'unexpected format');
  return v;
}

function count(block: Uint8Array, field: Field, key: string): number {
  return Number(matching(block, field, key, /^\d{1,2}$/));
}

const ID18 = /^\d{17}[\dX]$/;

function parseFields(block: Uint8Array): unknown {
  const typeChar = raw(block, [TYPE_OFFSET, 2]);
  if (typeChar === 'I') {
    const f = FOREIGN_2017;
    return {
      cardType: 'foreignPermanent2017',
      name: text(block, f.name, 'name'),
      sex: sex(block, f.sex),
      birthDate: date(block, f.birth, 'birthDate'),
      idNumber: matching(block, f.idNumber, 'idNumber', /^[A-Z]{3}\d{12}$/),
      issuer: text(block, f.issuer, 'issuer') || null,
      validFrom: date(block, f.validFrom, 'validFrom'),
      validTo: validTo(block, f.validTo),
      englishName: text(block, f.englishName, 'englishName'),
      nationality: matching(block, f.nationality, 'nationality', /^[A-Z]{3}$/),
    };
  }
  if (typeChar === 'Y') {
    const f = FOREIGN_2023;
    const english = (raw(block, f.englishName) + raw(block, f.englishName2)).replace(/^[\s\u0000]+|[\s\u0000]+$/g, '');
    if (/[\u0000-\u001f\ufffd]/.test(english)) throw new FieldError('englishName', 'not text');
    return {
      cardType: 'foreignPermanent2023',
      name: text(block, f.name, 'name'),
      sex: sex(block, f.sex),
      birthDate: date(block, f.birth, 'birthDate'),
      idNumber: matching(block, f.idNumber, 'idNumber', ID18),
      issuer: text(block, f.issuer, 'issuer') || null,
      validFrom: date(block, f.validFrom, 'validFrom'),
      validTo: validTo(block, f.validTo),
      englishName: english,
      nationality: matching(block, f.nationality, 'nationality', /^[A-Z]{3}$/),
      renewalCount: count(block, f.renewalCount, 'renewalCount'),
    };
  }
  const f = RESIDENT;
  const common = {
    name: text(block, f.name, 'name'),
    sex: sex(block, f.sex),
    birthDate: date(block, f.birth, 'birthDate'),
    address: text(block, f.address, 'address'),
    idNumber: matching(block, f.idNumber, 'idNumber', ID18),
    issuer: text(block, f.issuer, 'issuer') || null,
    validFrom: date(block, f.validFrom, 'validFrom'),
    validTo: validTo(block, f.validTo),
  };
  if (typeChar === 'J') {
    return {
      cardType: 'hkMacauTaiwanPermit',
      ...common,
      passNumber: matching(block, f.passNumber, 'passNumber', /^[A-Z0-9]{6,9}$/),
      issueCount: count(block, f.issueCount, 'issueCount'),
    };
  }
  const code = text(block, f.nation, 'nation');
  const name = nationName(code);
  if (name === null) throw new FieldError('nation', 'unknown nation code');
  return { cardType: 'resident', ...common, nation: { code, name } };
}

/** Parses a text block. A malformed block gives a typed error naming the field, never a half-filled card. */
export function parseTextBlock(block: Uint8Array): TextBlockResult {
  if (block.length !== TEXT_BLOCK_BYTES) {
    return { ok: false, error: { code: 'badLength', field: null, detail: `text block is ${block.length} bytes, expected ${TEXT_BLOCK_BYTES}` } };
  }
  let fields: unknown;
  try {
    fields = parseFields(block);
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, error: { code: 'badField', field: error.field, detail: `${error.field}: ${error.message}` } };
    throw error;
  }
  const parsed = IdCard.safeParse(fields);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? null;
    return { ok: false, error: { code: 'schema', field, detail: `schema check failed at ${field ?? '?'}` } };
  }
  return { ok: true, card: parsed.data };
}

// ---- encoder (for the simulator and tests) ----

function put(block: Uint8Array, [offset, bytes]: Field, value: string): void {
  if (value.length * 2 > bytes) throw new RangeError(`text field at ${offset} holds ${bytes / 2} characters, got ${value.length}`);
  for (let i = 0; i < bytes / 2; i++) {
    const code = i < value.length ? value.charCodeAt(i) : 0x20;
    if (code >= 0xd800 && code <= 0xdfff) throw new RangeError('UCS-2 cannot hold characters outside the BMP');
    block[offset + i * 2] = code & 0xff;
    block[offset + i * 2 + 1] = code >> 8;
  }
}

const compact = (iso: string) => iso.replaceAll('-', '');
const sexCode = (s: Sex) => (s === 'male' ? '1' : s === 'female' ? '2' : '0');
const two = (n: number) => String(n).padStart(2, '0');

/** The inverse of parseTextBlock. Throws RangeError when a field does not fit. */
export function encodeTextBlock(card: IdCard): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_BYTES);
  put(block, [0, TEXT_BLOCK_BYTES], '');
  const to = card.validTo === null ? LONG_TERM : compact(card.validTo);
  switch (card.cardType) {
    case 'resident':
    case 'hkMacauTaiwanPermit': {
      const f = RESIDENT;
      put(block, f.name, card.name);
      put(block, f.sex, sexCode(card.sex));
      put(block, f.birth, compact(card.birthDate));
      put(block, f.address, card.address);
      put(block, f.idNumber, card.idNumber);
      put(block, f.issuer, card.issuer ?? '');
      put(block, f.validFrom, compact(card.validFrom));
      put(block, f.validTo, to);
      if (card.cardType === 'resident') {
        put(block, f.nation, card.nation.code);
      } else {
        put(block, f.passNumber, card.passNumber);
        put(block, f.issueCount, two(card.issueCount));
        put(block, [TYPE_OFFSET, 2], 'J');
      }
      return block;
    }
    case 'foreignPermanent2017': {
      const f = FOREIGN_2017;
      put(block, f.englishName, card.englishName);
      put(block, f.sex, sexCode(card.sex));
      put(block, f.idNumber, card.idNumber);
      put(block, f.nationality, card.nationality);
      put(block, f.name, card.name);
      put(block, f.validFrom, compact(card.validFrom));
      put(block, f.validTo, to);
      put(block, f.birth, compact(card.birthDate));
      put(block, f.issuer, card.issuer ?? '');
      put(block, [TYPE_OFFSET, 2], 'I');
      return block;
    }
    case 'foreignPermanent2023': {
      const f = FOREIGN_2023;
      const first = f.englishName[1] / 2;
      put(block, f.name, card.name);
      put(block, f.sex, sexCode(card.sex));
      put(block, f.renewalCount, two(card.renewalCount));
      put(block, f.birth, compact(card.birthDate));
      put(block, f.englishName, card.englishName.slice(0, first));
      put(block, f.englishName2, card.englishName.slice(first));
      put(block, f.idNumber, card.idNumber);
      put(block, f.issuer, card.issuer ?? '');
      put(block, f.validFrom, compact(card.validFrom));
      put(block, f.validTo, to);
      put(block, f.nationality, card.nationality);
      put(block, [TYPE_OFFSET, 2], 'Y');
      return block;
    }
    default:
      return assertNever(card, 'card type');
  }
}
