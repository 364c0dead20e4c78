import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_BUNDLE_FORMAT, ContentBundle, POWER_CATEGORIES, PublicContent } from '../../../shared/content/public-content';
import { readPrivateKey } from '../../../electron/host/config/bundle-keys';
import { signContentBundle } from '../../../electron/host/content/content-signature';
import { ContentService } from '../../../electron/host/content/content-service';
import { AuditLog } from '../../../electron/host/audit/audit-log';
import { openDatabase, type Db } from '../../../electron/host/db/database';
import { silentLogger } from '../../../electron/host/logger';
import { sandboxContentBundle, sandboxPublicContent } from '../../../backend/sandbox/public-content-seed';
import { KIOSK, kioskctl, makeKey, makeKioskDir, tempDir, type TestKey } from '../host/config-fixtures';

/**
 * 公开信息 content bundles: signed like config bundles, stored on the kiosk,
 * and refused — with the previous content kept — when tampered with, expired,
 * for another branch, older than what is stored, or carrying what a bureau
 * never publishes (a person's whole ID number).
 */
const NOW = new Date();

let root: string;
let dataDir: string;
let admin: TestKey;
let stranger: TestKey;
let db: Db;
let service: ContentService;

function signed(bundle: unknown, key: TestKey = admin): Buffer {
  return Buffer.from(JSON.stringify(signContentBundle(bundle as ContentBundle, readPrivateKey(key.privateFile))));
}

function withVersion(version: number, extra: Partial<ContentBundle> = {}): ContentBundle {
  return { ...sandboxContentBundle(NOW, { version }), ...extra };
}

beforeEach(() => {
  root = tempDir('content-');
  admin = makeKey(path.join(root, 'admin'));
  stranger = makeKey(path.join(root, 'stranger'));
  dataDir = makeKioskDir(root, [admin]);
  db = openDatabase(dataDir);
  service = new ContentService({ db, dataDir, kiosk: KIOSK, audit: new AuditLog(db), log: silentLogger(), now: () => NOW });
});
afterEach(() => {
  db.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const firstArrears = () => service.list({ section: 'arrears', page: 1, pageSize: 5 }).items[0];

describe('the sandbox bureau content', () => {
  it('has dozens of items in every list, several pages each, and is the same for the same day', () => {
    const content = sandboxPublicContent(NOW);
    expect(PublicContent.safeParse(content).success).toBe(true);
    expect(content.guides.length).toBeGreaterThanOrEqual(20);
    expect(content.powers.length).toBeGreaterThanOrEqual(30);
    expect(content.arrears.entries.length).toBeGreaterThanOrEqual(48);
    expect(content.quotas.entries.length).toBeGreaterThanOrEqual(48);
    expect(new Set(content.powers.map((p) => p.category))).toEqual(new Set(POWER_CATEGORIES));
    expect(new Set(content.guides.map((g) => g.service))).toEqual(new Set(['invoiceCollection', 'invoiceIssue', 'iitCertificate', 'general']));
    expect(JSON.stringify(sandboxPublicContent(NOW))).toBe(JSON.stringify(content));
    // Every title has its English rendering; every guide says it is free.
    for (const item of [...content.guides, ...content.powers]) expect(item.title.en.length).toBeGreaterThan(3);
    for (const g of content.guides) expect(g.fees.zh).toContain('不收取');
  });

  it('publishes people\u2019s ID numbers only partly hidden, and the schema refuses a whole one', () => {
    const content = sandboxPublicContent(NOW);
    for (const e of content.arrears.entries) expect(e.representativeId).toMatch(/\*{8}/);
    const leaked = structuredClone(content);
    const first = leaked.arrears.entries[0];
    if (!first) throw new Error('no entries');
    first.representativeId = '11010519491231002X';
    expect(PublicContent.safeParse(leaked).success).toBe(false);
  });
});

describe('applying content bundles', () => {
  it('stores a signed bundle and serves its lists in pages', () => {
    const outcome = service.applyBytes(signed(withVersion(3)), 'file');
    expect(outcome).toMatchObject({ outcome: 'applied', version: 3, previousVersion: 0 });
    const overview = service.overview();
    expect(overview.available).toBe(true);
    if (!overview.available) return;
    const total = overview.counts.arrears;
    const pages = service.list({ section: 'arrears', page: 1, pageSize: 10 });
    expect(pages.total).toBe(total);
    expect(pages.pages).toBe(Math.ceil(total / 10));
    // Every item is on exactly one page: paging hides nothing.
    const ids = Array.from({ length: pages.pages }, (_, i) => service.list({ section: 'arrears', page: i + 1, pageSize: 10 }).items.map((e) => e.id)).flat();
    expect(new Set(ids).size).toBe(total);
  });

  it('refuses a bundle altered after signing, and keeps the content it had', () => {
    service.applyBytes(signed(withVersion(3)), 'file');
    const before = firstArrears();
    const file = JSON.parse(signed(withVersion(4)).toString()) as { bundle: ContentBundle };
    const entry = file.bundle.content.arrears.entries[0];
    if (!entry) throw new Error('no entries');
    entry.balanceFen = 1;
    const outcome = service.applyBytes(Buffer.from(JSON.stringify(file)), 'file');
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'badSignature' });
    expect(firstArrears()).toEqual(before);
    expect(service.overview()).toMatchObject({ version: 3 });
  });

  it('refuses an unknown key, an expired bundle, another branch, and an older version', () => {
    service.applyBytes(signed(withVersion(5)), 'file');
    expect(service.applyBytes(signed(withVersion(6), stranger), 'file')).toMatchObject({ outcome: 'refused', reason: 'unknownKey' });
    const past = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
    expect(service.applyBytes(signed(withVersion(6, { effectiveFrom: past(30), expiresAt: past(1) })), 'file')).toMatchObject({
      outcome: 'refused',
      reason: 'expired',
    });
    expect(service.applyBytes(signed(withVersion(6, { target: { branch: 'BRANCH-OTHER' } })), 'file')).toMatchObject({
      outcome: 'refused',
      reason: 'wrongTarget',
      detail: expect.stringContaining('BRANCH-OTHER'),
    });
    expect(service.applyBytes(signed(withVersion(4)), 'file')).toMatchObject({ outcome: 'refused', reason: 'rollback' });
    expect(service.overview()).toMatchObject({ version: 5 });
  });

  it('refuses a content bundle that does not fit the schema even when signed', () => {
    const bad = withVersion(2) as unknown as { content: { guides: unknown[] } };
    bad.content.guides = [{ id: 'x' }];
    expect(service.applyBytes(signed(bad), 'file')).toMatchObject({ outcome: 'refused', reason: 'schema' });
    expect(service.overview()).toEqual({ available: false });
  });

  it('keeps showing the current content until a newer bundle\u2019s effectiveFrom comes', () => {
    service.applyBytes(signed(withVersion(1)), 'file');
    const later = new Date(NOW.getTime() + 7 * 86_400_000);
    expect(service.applyBytes(signed(withVersion(2, { effectiveFrom: later.toISOString() })), 'file')).toMatchObject({ outcome: 'applied' });
    expect(service.overview()).toMatchObject({ version: 1 });
    const afterwards = new ContentService({
      db,
      dataDir,
      kiosk: KIOSK,
      audit: new AuditLog(db),
      log: silentLogger(),
      now: () => new Date(later.getTime() + 1000),
    });
    expect(afterwards.overview()).toMatchObject({ version: 2 });
  });

  it('audits each apply and refusal', () => {
    service.applyBytes(signed(withVersion(1)), 'file');
    service.applyBytes(signed(withVersion(1)), 'file');
    const kinds = db.prepare("SELECT kind, data FROM audit_log WHERE kind LIKE 'content.%' ORDER BY seq").all() as Array<{ kind: string; data: string }>;
    expect(kinds.map((k) => k.kind)).toEqual(['content.applied', 'content.refused']);
    expect(JSON.parse(kinds[1]?.data ?? '{}')).toMatchObject({ reason: 'rollback' });
  });
});

describe('search and filters', () => {
  beforeEach(() => {
    service.applyBytes(signed(withVersion(1)), 'file');
  });

  it('finds arrears by a part of the name or the credit code, and nothing for a name not published', () => {
    const content = sandboxPublicContent(NOW);
    const target = content.arrears.entries[7];
    if (!target) throw new Error('no entries');
    const byCode = service.search({ section: 'arrears', page: 1, pageSize: 10, query: target.creditCode.toLowerCase() });
    expect(byCode.items.map((e) => e.id)).toEqual([target.id]);
    const word = target.taxpayerName.slice(3, 5);
    const byName = service.search({ section: 'arrears', page: 1, pageSize: 50, query: word });
    const expected = content.arrears.entries.filter((e) => [e.taxpayerName, e.creditCode, e.representative, e.place, ...e.taxTypes].join(' ').includes(word));
    expect(byName.total).toBe(expected.length);
    expect(service.search({ section: 'arrears', page: 1, pageSize: 10, query: '不存在的公司名' }).total).toBe(0);
  });

  it('lists powers of one category, and guides of one service', () => {
    const penalties = service.list({ section: 'powers', page: 1, pageSize: 50, category: 'penalty' });
    expect(penalties.total).toBeGreaterThan(0);
    expect(penalties.section === 'powers' && penalties.items.every((p) => p.category === 'penalty')).toBe(true);
    const issue = service.list({ section: 'guides', page: 1, pageSize: 50, service: 'invoiceIssue' });
    expect(issue.section === 'guides' && issue.items.every((g) => g.service === 'invoiceIssue')).toBe(true);
  });
});

describe('kioskctl content', () => {
  it('signs the sample, applies it, and shows what is in force (and refuses a tampered file)', async () => {
    db.close();
    const out = path.join(root, 'content.signed.json');
    const sign = await kioskctl(
      'content',
      'sign',
      '--key',
      admin.privateFile,
      '--sample',
      '--out',
      out,
      '--target',
      `branch:${KIOSK.branchId}`,
      '--version',
      '7',
      '--json',
    );
    expect(sign.code).toBe(0);
    expect(sign.json()).toMatchObject({ signed: { version: 7, target: { branch: KIOSK.branchId } } });
    const tampered = path.join(root, 'tampered.json');
    fs.writeFileSync(tampered, fs.readFileSync(out, 'utf8').replace('示例市', '样例市'));
    const refused = await kioskctl('content', 'apply', tampered, '--data-dir', dataDir, '--json');
    expect(refused.code).toBe(2);
    expect(refused.json()).toMatchObject({ refused: { reason: 'badSignature' } });
    const applied = await kioskctl('content', 'apply', out, '--data-dir', dataDir, '--json');
    expect(applied.code).toBe(0);
    expect(applied.json()).toMatchObject({ applied: { version: 7, previousVersion: 0 } });
    const show = await kioskctl('content', 'show', '--data-dir', dataDir, '--json');
    expect(show.code).toBe(0);
    const shown = show.json() as { inForce: { version: number; counts: Record<string, number> } };
    expect(shown.inForce.version).toBe(7);
    expect(shown.inForce.counts.arrears).toBe(sandboxPublicContent(new Date()).arrears.entries.length);
    const text = await kioskctl('content', 'show', '--data-dir', dataDir);
    expect(text.out.join('\n')).toContain('content version 7');
    db = openDatabase(dataDir);
  });

  it('refuses to sign content that does not fit the schema', async () => {
    const input = path.join(root, 'bad.json');
    fs.writeFileSync(input, JSON.stringify({ guides: [], powers: [] }));
    const result = await kioskctl(
      'content',
      'sign',
      '--key',
      admin.privateFile,
      '--in',
      input,
      '--out',
      path.join(root, 'x.json'),
      '--target',
      'all',
      '--json',
    );
    expect(result.code).toBe(2);
    expect(result.json()).toMatchObject({ refused: { reason: 'schema' } });
  });
});

it('names its format so a kiosk can tell a content bundle from a config bundle', () => {
  expect(CONTENT_BUNDLE_FORMAT).toBe('tax-kiosk/content-bundle@1');
});
