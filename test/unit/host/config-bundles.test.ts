import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TaxConfig } from '../../../shared/config/tax-config';
import { ActiveConfig } from '../../../electron/host/config/active-config';
import { openDatabase } from '../../../electron/host/db/database';
import { loadLocalConfig } from '../../../electron/host/local-config';
import { listRanges, loadStock } from '../../../electron/host/stock/stock-store';
import { pendingKioskOutbox } from '../../../electron/host/transactions/kiosk-outbox';
import { KIOSK, bundle, kioskctl, makeKey, makeKioskDir, pin, tempDir, unpin, writeSigned } from './config-fixtures';

const roots: string[] = [];
function root(): string {
  const dir = tempDir('kiosk-config-');
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
});

// 2028-01-01: after the reduced period, so the default config quotes the statutory 3 % and a pushed 1 % shows.
const quoteArgs = ['tax', 'quote', '--gross', '10300.00', '--month-to-date', '100000', '--date', '2028-01-01', '--json'];
type Quote = { vatFen: number; netFen: number };
type Refused = { refused: { reason: string; detail: string; version: number | null } };

async function appliedVersion(dataDir: string): Promise<number | null> {
  const shown = (await kioskctl('config', 'show', '--json', '--data-dir', dataDir)).json() as { applied: { version: number } | null };
  return shown.applied?.version ?? null;
}

async function lastAudit(dataDir: string): Promise<{ kind: string; actor: string; data: Record<string, unknown> }> {
  const tail = (await kioskctl('audit', 'tail', '-n', '1', '--json', '--data-dir', dataDir)).json() as {
    entries: Array<{ kind: string; actor: string; data: Record<string, unknown> }>;
  };
  const entry = tail.entries[0];
  if (!entry) throw new Error('no audit entry');
  return entry;
}

/** Applies `file` and expects the refusal `reason`: exit 2, nothing applied, an audit entry saying why. */
async function expectRefused(dataDir: string, file: string, reason: string, versionBefore: number | null): Promise<Refused['refused']> {
  const r = await kioskctl('config', 'apply', file, '--json', '--data-dir', dataDir);
  expect(r.code, r.err.join('\n')).toBe(2);
  const { refused } = r.json() as Refused;
  expect(refused.reason).toBe(reason);
  expect(refused.detail.length).toBeGreaterThan(10);
  expect(await appliedVersion(dataDir)).toBe(versionBefore);
  const audit = await lastAudit(dataDir);
  expect(audit).toMatchObject({ kind: 'config.refused', data: { reason, source: 'file' } });
  expect(audit.actor).toMatch(/^kioskctl:/);
  return refused;
}

describe('config bundles: the administrator builds and signs, the kiosk verifies and applies', () => {
  it('a rate change built, signed, verified and applied from a file is used by the next tax quote, without a restart', async () => {
    const dir = root();
    const admin = path.join(dir, 'admin');
    const gen = await kioskctl('keys', 'generate', '--out', admin, '--json');
    expect(gen.code).toBe(0);
    const key = gen.json() as { keyId: string; privateKey: string; publicKey: string };
    expect(fs.statSync(key.privateKey).mode & 0o077).toBe(0);
    // A second generate never overwrites the private key.
    expect((await kioskctl('keys', 'generate', '--out', admin)).code).toBe(2);

    const dataDir = makeKioskDir(dir, [{ keyId: key.keyId, privateFile: key.privateKey, publicFile: key.publicKey }]);
    fs.writeFileSync(path.join(dir, 'rates.json'), JSON.stringify({ taxRates: { levyRateBp: 100 }, timeouts: { idleTimeoutMs: 60_000 } }));

    const before = (await kioskctl(...quoteArgs, '--data-dir', dataDir)).json() as Quote;
    expect(before.vatFen).toBe(30_000);

    // The running kiosk's view of its config, held across the apply (no restart).
    const hostDb = openDatabase(dataDir);
    const active = new ActiveConfig(hostDb, loadLocalConfig(dataDir));
    const changes: Array<number | null> = [];
    active.onChange((now) => changes.push(now.version));
    expect(active.taxConfig().levyRateBp).toBe(300);

    const built = await kioskctl(
      'config',
      'build',
      '--in',
      path.join(dir, 'rates.json'),
      '--out',
      path.join(dir, 'bundle.json'),
      '--target',
      `branch:${KIOSK.branchId}`,
      '--version',
      '7',
      '--json',
    );
    expect(built.code, built.err.join('\n')).toBe(0);
    expect(built.json()).toMatchObject({ built: { version: 7, target: { branch: KIOSK.branchId }, sections: ['taxRates', 'timeouts'] } });
    const signed = await kioskctl(
      'config',
      'sign',
      '--key',
      key.privateKey,
      '--in',
      path.join(dir, 'bundle.json'),
      '--out',
      path.join(dir, 'signed.json'),
      '--json',
    );
    expect(signed.code, signed.err.join('\n')).toBe(0);
    const verified = await kioskctl(
      'config',
      'verify',
      '--keys',
      admin,
      path.join(dir, 'signed.json'),
      '--kiosk',
      KIOSK.kioskId,
      '--branch',
      KIOSK.branchId,
      '--json',
    );
    expect(verified.code, verified.out.join('\n')).toBe(0);
    expect(verified.json()).toMatchObject({ valid: { version: 7, keyId: key.keyId } });

    const applied = await kioskctl('config', 'apply', path.join(dir, 'signed.json'), '--json', '--data-dir', dataDir);
    expect(applied.code, applied.err.join('\n') + applied.out.join('\n')).toBe(0);
    const result = (applied.json() as { applied: { version: number; previousVersion: number; hash: string; sections: string[] } }).applied;
    expect(result).toMatchObject({ version: 7, previousVersion: 0, sections: ['taxRates', 'timeouts'] });

    // The next quote (kioskctl and the host's own view) uses 1 %.
    const after = (await kioskctl(...quoteArgs, '--data-dir', dataDir)).json() as Quote;
    // 10,300.00 tax included at 1 %: net = round(10,300.00 / 1.01) = 10,198.02, VAT 101.98.
    expect(after.vatFen).toBe(10_198);
    expect(after.vatFen).toBeLessThan(before.vatFen);
    expect(active.taxConfig().levyRateBp).toBe(100);
    // Timeouts reach the host on its next poll, with a change notification.
    expect(active.timeouts().idleTimeoutMs).toBe(90_000);
    expect(active.refresh()).toBe(true);
    expect(active.timeouts().idleTimeoutMs).toBe(60_000);
    expect(changes).toEqual([7]);
    hostDb.close();

    // Reported to the backend, and in the audit trail.
    expect(await lastAudit(dataDir)).toMatchObject({
      kind: 'config.applied',
      data: { version: 7, hash: result.hash, keyId: key.keyId, sections: ['taxRates', 'timeouts'] },
    });
    const db = openDatabase(dataDir);
    const rows = pendingKioskOutbox(db, { authority: 'national', limit: 100 });
    db.close();
    expect(rows.filter((r) => r.kind === 'config.applied').map((r) => r.payload)).toEqual([
      expect.objectContaining({ schemaVersion: 1, version: 7, hash: result.hash, keyId: key.keyId, source: 'file' }),
    ]);
    expect(rows.filter((r) => r.kind === 'audit.entry')).toHaveLength(1);
    const show = await kioskctl('config', 'show', '--data-dir', dataDir);
    expect(show.out.join('\n')).toMatch(/config version 7 .*\n.*branch BRANCH-JN-01[\s\S]*levy 1%/);
  });

  it('refuses each bad bundle with its reason and an audit entry, and applies nothing', async () => {
    const dir = root();
    const pinned = makeKey(path.join(dir, 'pinned'));
    const stranger = makeKey(path.join(dir, 'stranger'));
    const dataDir = makeKioskDir(dir, [pinned]);
    const file = (name: string) => path.join(dir, `${name}.json`);

    // A good one first, so rollback has something to roll back from.
    writeSigned(file('v5'), bundle({ version: 5 }), pinned);
    expect((await kioskctl('config', 'apply', file('v5'), '--data-dir', dataDir)).code).toBe(0);

    // Wrong key: signed by a key this kiosk does not pin.
    writeSigned(file('stranger'), bundle({ version: 6 }), stranger);
    expect((await expectRefused(dataDir, file('stranger'), 'unknownKey', 5)).detail).toContain(stranger.keyId);

    // The stranger's signature passed off under the pinned key's id.
    const forged = JSON.parse(fs.readFileSync(file('stranger'), 'utf8')) as { signature: { keyId: string } };
    forged.signature.keyId = pinned.keyId;
    fs.writeFileSync(file('forged'), JSON.stringify(forged));
    await expectRefused(dataDir, file('forged'), 'badSignature', 5);

    // One byte changed after signing: 1 % became 9 %.
    writeSigned(file('good6'), bundle({ version: 6, payload: { taxRates: TaxConfig.parse({ levyRateBp: 100 }) } }), pinned);
    const text = fs.readFileSync(file('good6'), 'utf8');
    expect(text).toContain('"levyRateBp": 100,');
    fs.writeFileSync(file('tampered'), text.replace('"levyRateBp": 100,', '"levyRateBp": 900,'));
    await expectRefused(dataDir, file('tampered'), 'badSignature', 5);
    // Reformatting is not tampering: the signature covers canonical JSON, not spacing.
    fs.writeFileSync(file('reformatted'), JSON.stringify(JSON.parse(text)));
    expect((await kioskctl('config', 'verify', '--keys', path.join(dataDir, 'keys', 'config'), file('reformatted'))).code).toBe(0);

    // Rollback: an older version, and a replay of the applied one.
    writeSigned(file('v4'), bundle({ version: 4 }), pinned);
    expect((await expectRefused(dataDir, file('v4'), 'rollback', 5)).detail).toMatch(/4 is not above the applied version 5/);
    await expectRefused(dataDir, file('v5'), 'rollback', 5);

    // Replay to another kiosk or branch.
    writeSigned(file('other-kiosk'), bundle({ version: 8, target: { kioskIds: ['KIOSK-T-0002', 'KIOSK-T-0003'] } }), pinned);
    expect((await expectRefused(dataDir, file('other-kiosk'), 'wrongTarget', 5)).detail).toContain(KIOSK.kioskId);
    writeSigned(file('other-branch'), bundle({ version: 8, target: { branch: 'BRANCH-QD-02' } }), pinned);
    await expectRefused(dataDir, file('other-branch'), 'wrongTarget', 5);

    // Expired.
    writeSigned(file('expired'), bundle({ version: 8, issuedAt: '2024-01-01T00:00:00Z', expiresAt: '2024-02-01T00:00:00Z' }), pinned);
    expect((await expectRefused(dataDir, file('expired'), 'expired', 5)).detail).toContain('2024-02-01');

    // Schema: signed correctly, but a field this kiosk does not know and a rate that is not a number.
    writeSigned(file('schema'), { ...bundle({ version: 8 }), payload: { taxRates: { levyRateBp: 'three' }, lotteryOdds: 3 } }, pinned);
    expect((await expectRefused(dataDir, file('schema'), 'schema', 5)).detail).toMatch(/taxRates\.levyRateBp/);

    // Not a signed bundle at all.
    fs.writeFileSync(file('garbage'), '{"bundle": {"version": 9}');
    await expectRefused(dataDir, file('garbage'), 'malformed', 5);

    // After all that, the good v6 (and this kiosk's own list and branch) still apply.
    expect((await kioskctl('config', 'apply', file('good6'), '--data-dir', dataDir)).code).toBe(0);
    writeSigned(file('mine'), bundle({ version: 9, target: { kioskIds: ['KIOSK-T-0009', KIOSK.kioskId] } }), pinned);
    expect((await kioskctl('config', 'apply', file('mine'), '--data-dir', dataDir)).code).toBe(0);
    writeSigned(file('my-branch'), bundle({ version: 10, target: { branch: KIOSK.branchId } }), pinned);
    expect((await kioskctl('config', 'apply', file('my-branch'), '--data-dir', dataDir)).code).toBe(0);
    expect(await appliedVersion(dataDir)).toBe(10);

    // Every refusal and apply is in a chain that still verifies.
    const verdict = await kioskctl('audit', 'verify', '--json', '--data-dir', dataDir);
    expect(verdict.code).toBe(0);
    expect(verdict.json()).toMatchObject({ ok: true, entries: 14 });
  });

  it('rotates keys: two pinned keys both apply; once the old one is unpinned its bundles are refused', async () => {
    const dir = root();
    const oldKey = makeKey(path.join(dir, 'old'));
    const newKey = makeKey(path.join(dir, 'new'));
    const dataDir = makeKioskDir(dir, [oldKey]);
    const file = (name: string) => path.join(dir, `${name}.json`);

    writeSigned(file('v1-old'), bundle({ version: 1 }), oldKey);
    writeSigned(file('v2-new'), bundle({ version: 2 }), newKey);
    expect((await kioskctl('config', 'apply', file('v1-old'), '--data-dir', dataDir)).code).toBe(0);
    // The new key is not pinned yet.
    await expectRefused(dataDir, file('v2-new'), 'unknownKey', 1);

    pin(dataDir, newKey); // rotation: both pinned
    const shown = (await kioskctl('config', 'show', '--json', '--data-dir', dataDir)).json() as { pinnedKeys: Array<{ keyId: string }> };
    expect(shown.pinnedKeys.map((k) => k.keyId).sort()).toEqual([oldKey.keyId, newKey.keyId].sort());
    expect((await kioskctl('config', 'apply', file('v2-new'), '--data-dir', dataDir)).code).toBe(0);
    writeSigned(file('v3-old'), bundle({ version: 3 }), oldKey);
    expect((await kioskctl('config', 'apply', file('v3-old'), '--data-dir', dataDir)).code).toBe(0);

    unpin(dataDir, oldKey); // rotation done
    writeSigned(file('v4-old'), bundle({ version: 4 }), oldKey);
    await expectRefused(dataDir, file('v4-old'), 'unknownKey', 3);
    writeSigned(file('v4-new'), bundle({ version: 4 }), newKey);
    expect((await kioskctl('config', 'apply', file('v4-new'), '--data-dir', dataDir)).code).toBe(0);

    // A private key dropped into the pinned directory is a fault, not a key to trust.
    fs.copyFileSync(newKey.privateFile, path.join(dataDir, 'keys', 'config', 'oops.pem'));
    writeSigned(file('v5-new'), bundle({ version: 5 }), newKey);
    const r = await kioskctl('config', 'apply', file('v5-new'), '--data-dir', dataDir);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/PRIVATE key/);
  });

  it("loads a bundle's invoice stock through the stock store, all or nothing with the version", async () => {
    const dir = root();
    const key = makeKey(path.join(dir, 'k'));
    const dataDir = makeKioskDir(dir, [key]);
    const db = openDatabase(dataDir);
    loadStock(db, { type: 'vatOrdinary', code: '1370001230', from: '00000001', to: '00000100' }, { loadedBy: 'test' });
    db.close();
    const file = (name: string) => path.join(dir, `${name}.json`);

    const ranges = (second: string) => [
      { type: 'vatOrdinary', code: '1370001231', from: '00000001', to: '00000050' },
      { type: 'vatOrdinary', code: '1370001230', from: second, to: '00000300' },
    ];
    // The second range overlaps the loaded one: the first must not stay loaded either.
    writeSigned(file('overlap'), bundle({ version: 2, payload: { invoiceStock: ranges('00000090') } }), key);
    expect((await expectRefused(dataDir, file('overlap'), 'stockRefused', null)).detail).toMatch(/overlaps/);
    const check = openDatabase(dataDir);
    expect(listRanges(check).map((r) => r.code)).toEqual(['1370001230']);
    check.close();

    writeSigned(file('ok'), bundle({ version: 2, payload: { invoiceStock: ranges('00000101') } }), key);
    expect((await kioskctl('config', 'apply', file('ok'), '--data-dir', dataDir)).code).toBe(0);
    const stock = (await kioskctl('stock', 'show', '--json', '--data-dir', dataDir)).json() as {
      ranges: Array<{ code: string; first: string; loadedBy: string }>;
    };
    expect(stock.ranges.map((r) => [r.code, r.first, r.loadedBy])).toEqual([
      ['1370001230', '00000001', 'test'],
      ['1370001230', '00000101', 'config:v2'],
      ['1370001231', '00000001', 'config:v2'],
    ]);
  });

  it('config build refuses an invalid input with the fields named, and asks for a target', async () => {
    const dir = root();
    fs.writeFileSync(path.join(dir, 'in.json'), JSON.stringify({ services: { invoiceCollection: 'yes' }, texts: { en: { 'no.such.key': 'x' } } }));
    const r = await kioskctl('config', 'build', '--in', path.join(dir, 'in.json'), '--out', path.join(dir, 'out.json'), '--target', 'all', '--json');
    expect(r.code).toBe(2);
    const detail = (r.json() as { refused: { detail: string } }).refused.detail;
    expect(detail).toContain('payload.services.invoiceCollection');
    expect(detail).toContain('payload.texts.en.no.such.key');
    expect(fs.existsSync(path.join(dir, 'out.json'))).toBe(false);
    fs.writeFileSync(path.join(dir, 'ok.json'), JSON.stringify({ services: { invoiceCollection: true, invoiceIssue: false, iitCertificate: true } }));
    expect((await kioskctl('config', 'build', '--in', path.join(dir, 'ok.json'), '--out', path.join(dir, 'out.json'))).code).toBe(64);
    expect((await kioskctl('config', 'build', '--in', path.join(dir, 'ok.json'), '--out', path.join(dir, 'out.json'), '--target', 'kiosks:A,B')).code).toBe(0);
    // An unsigned bundle is not applied anywhere.
    const dataDir = makeKioskDir(dir, []);
    await expectRefused(dataDir, path.join(dir, 'out.json'), 'malformed', null);
  });
});
