import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../../../shared/config/canonical-json';
import { prng, randomInt } from '../../support/prng';

/**
 * Canonical JSON is what config bundles are signed over and audit entries
 * hashed over: the same value must give the same bytes whatever the key order,
 * and a value JSON cannot carry faithfully must be refused, never rewritten.
 */
describe('canonical JSON', () => {
  it('writes each JSON type as JSON.stringify does, with no whitespace', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-12.5)).toBe('-12.5');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson('税 "q" \\ \n')).toBe('"税 \\"q\\" \\\\ \\n"');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([1, [true, null], { a: 'x' }])).toBe('[1,[true,null],{"a":"x"}]');
  });

  it('sorts object keys by UTF-16 code unit at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 3 }, A: 0, 税: 1, '10': 2, '9': 3 })).toBe(
      '{"10":2,"9":3,"A":0,"a":{"c":3,"d":[{"y":2,"z":1}]},"b":1,"税":1}',
    );
  });

  it('gives the same bytes for the same value whatever the insertion order (seeded)', () => {
    const rand = prng(0xc0de);
    for (let i = 0; i < 200; i++) {
      const keys = Array.from({ length: 1 + randomInt(rand, 8) }, (_, k) => `k${randomInt(rand, 50)}_${k}`);
      const value = Object.fromEntries(keys.map((k) => [k, randomInt(rand, 3) === 0 ? { [k]: k } : randomInt(rand, 1000)]));
      const shuffled = Object.fromEntries([...keys].reverse().map((k) => [k, value[k]]));
      expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
      expect(JSON.parse(canonicalJson(value))).toEqual(value);
    }
  });

  it('accepts an object without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });

  it('refuses what JSON cannot carry faithfully, naming where it is', () => {
    const refused = (value: unknown) => {
      try {
        canonicalJson(value);
      } catch (error) {
        expect(error).toBeInstanceOf(CanonicalJsonError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refused(Number.NaN)).toBe('$: NaN is not canonical JSON');
    expect(refused(Number.POSITIVE_INFINITY)).toBe('$: Infinity is not canonical JSON');
    expect(refused({ a: [1, -0] })).toBe('$.a[1]: 0 is not canonical JSON');
    expect(refused({ a: { b: Number.NEGATIVE_INFINITY } })).toBe('$.a.b: -Infinity is not canonical JSON');
    expect(refused({ when: new Date(0) })).toBe('$.when: not a plain object');
    expect(refused([new Map()])).toBe('$[0]: not a plain object');
    expect(refused({ x: undefined })).toBe('$.x: a undefined is not JSON');
    expect(refused({ f: () => 1 })).toBe('$.f: a function is not JSON');
    expect(refused(10n)).toBe('$: a bigint is not JSON');
    expect(refused([Symbol('s')])).toBe('$[0]: a symbol is not JSON');
  });

  it('keeps 0 and refuses only negative zero', () => {
    expect(canonicalJson([0, 0.0])).toBe('[0,0]');
    expect(() => canonicalJson(-0)).toThrow(CanonicalJsonError);
  });
});
