import crypto from 'node:crypto';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CONFIG_BUNDLE_FORMAT } from '../../../shared/config/config-bundle';
import { TaxConfig } from '../../../shared/config/tax-config';
import { catalogues, placeholdersOf, type MessageKey } from '../../../shared/i18n';
import { keyIdOf, type PinnedKey } from '../../../electron/host/config/bundle-keys';
import {
  MAX_SIGNED_FILE_BYTES,
  bundleBytes,
  bundleHash,
  describeBundleIssues,
  signBundle,
  verifySignedBundle,
} from '../../../electron/host/config/bundle-signature';
import { ConfigBundle } from '../../../shared/config/config-bundle';

/**
 * Every field of a config bundle is signed: the Ed25519 signature covers the
 * canonical JSON of the WHOLE bundle (format, version, issuedAt, expiresAt,
 * target, payload with each section), and the envelope's keyId picks the key.
 * Changing any of them after signing must be refused as badSignature (or
 * unknownKey) — before the target, expiry or schema are even looked at, so a
 * bundle re-targeted to another branch never verifies.
 */
const KIOSK = { kioskId: 'KIOSK-T-0001', branchId: 'BRANCH-JN-01' };
const NOW = new Date('2026-06-01T08:00:00Z');

function makeKey(): { privateKey: crypto.KeyObject; pinned: PinnedKey } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  return { privateKey, pinned: { keyId: keyIdOf(publicKey), key: publicKey, file: 'memory' } };
}
const admin = makeKey();
const second = makeKey();
const KEYS = [admin.pinned, second.pinned];

/** A catalogue key whose text has no placeholders: any plain override is valid for it. */
const TEXT_KEY = (Object.keys(catalogues['zh-CN']) as MessageKey[]).find((k) => placeholdersOf(catalogues['zh-CN'][k]).length === 0)!;

/** A bundle with every section, for this kiosk. */
function fullBundle(): ConfigBundle {
  return {
    format: CONFIG_BUNDLE_FORMAT,
    version: 12,
    issuedAt: '2026-05-31T08:00:00.000Z',
    expiresAt: '2026-06-07T08:00:00.000Z',
    target: { kioskIds: [KIOSK.kioskId] },
    payload: {
      taxRates: TaxConfig.parse({ levyRateBp: 100, location: 'county' }),
      invoiceStock: [{ type: 'ordinary', code: '1100261630', from: '00000001', to: '00000100' }],
      texts: { 'zh-CN': { [TEXT_KEY]: '请稍候' } },
      timeouts: { idleTimeoutMs: 90_000, elderlyByDefault: false },
      services: { invoiceCollection: true, invoiceIssue: true, iitCertificate: false },
      deviceMap: { mode: 'sim' },
    },
  };
}

type SignedFile = { bundle: Record<string, unknown>; signature: { alg: string; keyId: string; value: string } };

function signedFile(bundle: ConfigBundle = fullBundle(), key = admin.privateKey): SignedFile {
  return JSON.parse(JSON.stringify(signBundle(bundle, key))) as SignedFile;
}

function verify(file: SignedFile | string, ctx: Partial<Parameters<typeof verifySignedBundle>[1]> = {}) {
  const bytes = Buffer.from(typeof file === 'string' ? file : JSON.stringify(file));
  return verifySignedBundle(bytes, { keys: KEYS, now: NOW, kiosk: KIOSK, ...ctx });
}

/** The signed file with one change made after signing. */
function tampered(change: (file: SignedFile) => void): SignedFile {
  const file = signedFile();
  change(file);
  return file;
}

const payloadOf = (file: SignedFile) => file.bundle.payload as Record<string, Record<string, unknown> | unknown[]>;

describe('a signed bundle as signed', () => {
  it('verifies, with its hash over the canonical bytes and the key that signed it', () => {
    const result = verify(signedFile());
    expect(result).toMatchObject({ ok: true, keyId: admin.pinned.keyId, hash: bundleHash(fullBundle()) });
    expect(result.ok && result.bundle).toEqual(fullBundle());
    expect(bundleHash(fullBundle())).toBe(crypto.createHash('sha256').update(bundleBytes(fullBundle())).digest('hex'));
  });

  it('still verifies re-indented and with its keys in another order: the signature is over canonical JSON', () => {
    const file = signedFile();
    const reordered = { signature: file.signature, bundle: Object.fromEntries(Object.entries(file.bundle).reverse()) };
    expect(verify(JSON.stringify(reordered, null, 4))).toMatchObject({ ok: true });
  });

  it('signs canonical bytes that hold every field: target, version, dates and each section', () => {
    const text = bundleBytes(fullBundle()).toString('utf8');
    for (const part of ['"target":{"kioskIds":["KIOSK-T-0001"]}', '"version":12', '"expiresAt":"2026-06-07T08:00:00.000Z"', '"issuedAt":', '"format":']) {
      expect(text).toContain(part);
    }
    for (const section of ['taxRates', 'invoiceStock', 'texts', 'timeouts', 'services', 'deviceMap']) expect(text).toContain(`"${section}":`);
  });
});

describe('a bundle changed after signing is refused as badSignature', () => {
  const cases: [string, (file: SignedFile) => void][] = [
    ['target re-aimed at every kiosk', (f) => void (f.bundle.target = { all: true })],
    ['target re-aimed at a branch', (f) => void (f.bundle.target = { branch: KIOSK.branchId })],
    ['target with one more kiosk', (f) => void (f.bundle.target = { kioskIds: [KIOSK.kioskId, 'KIOSK-T-0002'] })],
    ['expiry pushed out a year', (f) => void (f.bundle.expiresAt = '2027-06-07T08:00:00.000Z')],
    ['issue date moved', (f) => void (f.bundle.issuedAt = '2026-05-30T08:00:00.000Z')],
    ['version raised (replay as newer)', (f) => void (f.bundle.version = 13)],
    ['version lowered', (f) => void (f.bundle.version = 11)],
    ['format changed', (f) => void (f.bundle.format = 'tax-kiosk/config-bundle@2')],
    ['taxRates: levy rate', (f) => void ((payloadOf(f).taxRates as Record<string, unknown>).levyRateBp = 300)],
    ['taxRates: location', (f) => void ((payloadOf(f).taxRates as Record<string, unknown>).location = 'city')],
    ['invoiceStock: range end', (f) => void ((payloadOf(f).invoiceStock as Record<string, unknown>[])[0]!.to = '00009999')],
    [
      'invoiceStock: one more range',
      (f) => void (payloadOf(f).invoiceStock as unknown[]).push({ type: 'ordinary', code: '1100261630', from: '00000101', to: '00000200' }),
    ],
    ['texts: an override', (f) => void ((payloadOf(f).texts as Record<string, Record<string, string>>)['zh-CN']![TEXT_KEY] = '暂停服务')],
    ['timeouts: idle timeout', (f) => void ((payloadOf(f).timeouts as Record<string, unknown>).idleTimeoutMs = 600_000)],
    ['services: a service switched', (f) => void ((payloadOf(f).services as Record<string, unknown>).iitCertificate = true)],
    ['deviceMap: mode', (f) => void ((payloadOf(f).deviceMap as Record<string, unknown>).mode = 'real')],
    ['a section removed', (f) => void delete payloadOf(f).services],
    ['a field added', (f) => void ((payloadOf(f).timeouts as Record<string, unknown>).idleWarnMs = 5000)],
    ['signature bytes', (f) => void (f.signature.value = `${f.signature.value[0] === 'A' ? 'B' : 'A'}${f.signature.value.slice(1)}`)],
    ['keyId switched to the other pinned key', (f) => void (f.signature.keyId = second.pinned.keyId)],
  ];

  it.each(cases)('%s', (_name, change) => {
    const result = verify(tampered(change));
    expect(result).toMatchObject({ ok: false, reason: 'badSignature' });
  });

  it('every leaf of the bundle, changed alone, breaks the signature (exhaustive)', () => {
    const leaves: string[][] = [];
    const walk = (value: unknown, at: string[]) => {
      if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
      else leaves.push(at);
    };
    walk(signedFile().bundle, []);
    expect(leaves.length).toBeGreaterThan(30);
    for (const leaf of leaves) {
      const file = tampered((f) => {
        const parent = leaf.slice(0, -1).reduce<Record<string, unknown>>((node, k) => node[k] as Record<string, unknown>, f.bundle);
        const key = leaf.at(-1)!;
        const old = parent[key];
        parent[key] = typeof old === 'number' ? old + 1 : typeof old === 'boolean' ? !old : typeof old === 'string' ? `${old}0` : 0;
      });
      expect(verify(file), leaf.join('.')).toMatchObject({ ok: false, reason: 'badSignature' });
    }
  });
});

describe('refusals that come before and after the signature', () => {
  it('keyId of a key this kiosk does not pin: unknownKey; no keys pinned at all: unknownKey', () => {
    expect(verify(tampered((f) => void (f.signature.keyId = '0123456789abcdef')))).toMatchObject({ ok: false, reason: 'unknownKey', version: 12 });
    expect(verify(signedFile(), { keys: [] })).toMatchObject({ ok: false, reason: 'unknownKey', detail: expect.stringContaining('no config key') });
  });

  it('signed by the second pinned key: valid, and names that key', () => {
    expect(verify(signedFile(fullBundle(), second.privateKey))).toMatchObject({ ok: true, keyId: second.pinned.keyId });
  });

  it('a correctly signed bundle for another kiosk or branch: wrongTarget, with the version it claims', () => {
    const other = { ...fullBundle(), target: { kioskIds: ['KIOSK-T-0002'] } };
    expect(verify(signedFile(other))).toMatchObject({ ok: false, reason: 'wrongTarget', version: 12, detail: expect.stringContaining('KIOSK-T-0001') });
    expect(verify(signedFile({ ...fullBundle(), target: { branch: 'BRANCH-XX' } }))).toMatchObject({ ok: false, reason: 'wrongTarget' });
    // Without a kiosk (the administrator's `config verify`) the target is not checked.
    expect(verify(signedFile(other), { kiosk: undefined })).toMatchObject({ ok: true });
  });

  it('expired: refused from the second of expiry on, valid the millisecond before', () => {
    const file = signedFile();
    expect(verify(file, { now: new Date('2026-06-07T08:00:00.000Z') })).toMatchObject({ ok: false, reason: 'expired', version: 12 });
    expect(verify(file, { now: new Date('2026-06-07T07:59:59.999Z') })).toMatchObject({ ok: true });
  });

  it('schema errors are named only after the signature holds', () => {
    const bad = { ...fullBundle(), payload: { timeouts: { idleTimeoutMs: 5 } } };
    expect(verify(signedFile(bad as ConfigBundle))).toMatchObject({
      ok: false,
      reason: 'schema',
      detail: expect.stringContaining('payload.timeouts.idleTimeoutMs'),
    });
  });

  it('not JSON, not UTF-8, not an envelope, too big, or not canonical-JSON-able: malformed', () => {
    expect(verify('{"bundle":')).toMatchObject({ ok: false, reason: 'malformed', version: null });
    expect(verifySignedBundle(Buffer.from([0x7b, 0xff, 0x7d]), { keys: KEYS, now: NOW })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(JSON.stringify({ bundle: fullBundle() }))).toMatchObject({ ok: false, reason: 'malformed', detail: expect.stringContaining('signature') });
    const huge = Buffer.alloc(MAX_SIGNED_FILE_BYTES + 1, 0x20);
    expect(verifySignedBundle(huge, { keys: KEYS, now: NOW })).toMatchObject({
      ok: false,
      reason: 'malformed',
      detail: expect.stringContaining(String(MAX_SIGNED_FILE_BYTES)),
    });
    // A number JSON.parse turns into Infinity cannot be canonical: refused, not signed over a rewritten value.
    const file = signedFile();
    const text = JSON.stringify(file).replace('"version":12', '"version":1e999');
    expect(verify(text)).toMatchObject({ ok: false, reason: 'malformed', version: null });
  });

  it('the refusal names the file by the hash of its bytes when it cannot be read', () => {
    const bytes = Buffer.from('not json');
    const r = verifySignedBundle(bytes, { keys: KEYS, now: NOW });
    expect(r).toMatchObject({ ok: false, hash: crypto.createHash('sha256').update(bytes).digest('hex') });
  });
});

describe('what a refusal tells the technician', () => {
  it('names the key that signed and the keys pinned, when the key is unknown', () => {
    const r = verify(tampered((f) => void (f.signature.keyId = '0123456789abcdef')));
    expect(r).toMatchObject({
      ok: false,
      reason: 'unknownKey',
      detail: `signed with key 0123456789abcdef, which this kiosk does not pin (pinned: ${admin.pinned.keyId}, ${second.pinned.keyId})`,
    });
  });

  it('says the content does not match the key, and names the altered bundle by the hash of what it now says', () => {
    const file = tampered((f) => void (f.bundle.version = 13));
    const r = verify(file);
    expect(r).toMatchObject({
      ok: false,
      reason: 'badSignature',
      version: 13,
      detail: `the signature does not match the content for key ${admin.pinned.keyId}: the file was altered or signed with another key`,
      hash: bundleHash(file.bundle),
    });
  });

  it('gives the version and the moment of expiry, and JSON errors as the parser says them', () => {
    expect(verify(signedFile(), { now: new Date('2026-06-08T00:00:00Z') })).toMatchObject({ detail: 'version 12 expired at 2026-06-07T08:00:00.000Z' });
    const r = verify('{"bundle":');
    expect(r.ok === false && r.detail).toMatch(/^not a JSON file: \S/);
    const other = verify(signedFile({ ...fullBundle(), target: { kioskIds: ['KIOSK-T-0002'] } }));
    expect(other).toMatchObject({ detail: 'version 12 is for kiosks KIOSK-T-0002, not KIOSK-T-0001' });
  });

  it('claims no version for a bundle without a usable one', () => {
    expect(verify(tampered((f) => void delete f.bundle.version))).toMatchObject({ ok: false, reason: 'badSignature', version: null });
    expect(verify(tampered((f) => void (f.bundle.version = '12')))).toMatchObject({ ok: false, reason: 'badSignature', version: null });
    expect(verify(tampered((f) => void (f.bundle.version = 1.5)))).toMatchObject({ ok: false, reason: 'badSignature', version: null });
    const notAnObject = { bundle: 'a string', signature: signedFile().signature };
    expect(verify(JSON.stringify(notAnObject))).toMatchObject({ ok: false, reason: 'badSignature', version: null });
    const nullBundle = { bundle: null, signature: signedFile().signature };
    expect(verify(JSON.stringify(nullBundle))).toMatchObject({ ok: false, reason: 'badSignature', version: null });
  });

  it('lists at most eight schema issues, with their paths, and how many more', () => {
    const parsed = ConfigBundle.safeParse({});
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const text = describeBundleIssues(parsed.error);
    expect(text.split('; ')[0]).toMatch(/^format: /);
    const ten = z.strictObject(Object.fromEntries('abcdefghij'.split('').map((k) => [k, z.string()]))).safeParse({});
    if (ten.success) throw new Error('parsed');
    expect(ten.error.issues).toHaveLength(10);
    expect(describeBundleIssues(ten.error)).toBe(
      'a: ' +
        ten.error.issues[0]!.message +
        '; ' +
        ten.error.issues
          .slice(1, 8)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ') +
        '; and 2 more',
    );
    const root = ConfigBundle.safeParse('not an object');
    if (root.success) throw new Error('parsed');
    expect(describeBundleIssues(root.error)).toMatch(/^\(root\): /);
  });
});

describe('file-level edges', () => {
  it('takes a file of exactly the size limit, and refuses one byte more for its size', () => {
    const bytes = Buffer.from(JSON.stringify(signedFile()));
    const exact = Buffer.concat([bytes, Buffer.alloc(MAX_SIGNED_FILE_BYTES - bytes.length, 0x20)]);
    expect(exact.length).toBe(MAX_SIGNED_FILE_BYTES);
    expect(verifySignedBundle(exact, { keys: KEYS, now: NOW, kiosk: KIOSK })).toMatchObject({ ok: true });
    const over = Buffer.concat([exact, Buffer.from(' ')]);
    expect(verifySignedBundle(over, { keys: KEYS, now: NOW, kiosk: KIOSK })).toMatchObject({
      ok: false,
      reason: 'malformed',
      detail: `the file is ${MAX_SIGNED_FILE_BYTES + 1} bytes, more than ${MAX_SIGNED_FILE_BYTES}`,
    });
  });

  it('refuses bytes that are not UTF-8 even inside a string, as not JSON (never read with replacement characters)', () => {
    const text = Buffer.from(JSON.stringify(signedFile()));
    const at = text.indexOf(Buffer.from('请稍候'));
    expect(at).toBeGreaterThan(0);
    const broken = Buffer.concat([text.subarray(0, at), Buffer.from([0xff]), text.subarray(at)]);
    const r = verifySignedBundle(broken, { keys: KEYS, now: NOW, kiosk: KIOSK });
    expect(r).toMatchObject({ ok: false, reason: 'malformed' });
    expect(r.ok === false && r.detail).toMatch(/^not a JSON file: /);
  });

  it('adds no "and 0 more" when there are exactly eight issues', () => {
    const eight = z.strictObject(Object.fromEntries('abcdefgh'.split('').map((k) => [k, z.string()]))).safeParse({});
    if (eight.success) throw new Error('parsed');
    expect(eight.error.issues).toHaveLength(8);
    expect(describeBundleIssues(eight.error)).toBe(eight.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  });
});
