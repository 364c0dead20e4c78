import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_SECTIONS } from '../../../shared/config/config-bundle';
import { bundle, kioskctl, makeKey, makeKioskDir, tempDir, writeSigned, type TestKey } from '../host/config-fixtures';

/**
 * Issue 18 item 7: `config show --json` said `session` and `devices` while
 * bundles say `timeouts` and `deviceMap`, so what a kiosk showed could not be
 * edited and built. One set of names now; --sections prints build input.
 */
let root: string;
let key: TestKey;
let dataDir: string;
beforeAll(async () => {
  root = tempDir('config-sections-');
  key = makeKey(root);
  dataDir = makeKioskDir(root, [key]);
  const signed = writeSigned(
    path.join(root, 'b.json'),
    bundle({ version: 5, payload: { timeouts: { idleTimeoutMs: 30_000 }, services: { invoiceCollection: true, invoiceIssue: false, iitCertificate: true } } }),
    key,
  );
  const applied = await kioskctl('config', 'apply', signed, '--data-dir', dataDir);
  expect(applied.code, applied.err.join('\n')).toBe(0);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('config show speaks the bundle vocabulary (issue 18)', () => {
  it('--sections prints exactly the settable sections of a bundle, with the values in force', async () => {
    const r = await kioskctl('config', 'show', '--sections', '--data-dir', dataDir);
    expect(r.code).toBe(0);
    const sections = r.json() as Record<string, Record<string, unknown>>;
    expect(Object.keys(sections).sort()).toEqual(CONFIG_SECTIONS.filter((s) => s !== 'invoiceStock').sort());
    expect(sections.timeouts).toMatchObject({ idleTimeoutMs: 30_000, idleWarnMs: 15_000 });
    expect(sections.services).toEqual({ invoiceCollection: true, invoiceIssue: false, iitCertificate: true });
    expect(sections.deviceMap).toMatchObject({ mode: 'sim' });
  });

  it('what --sections prints builds as it is, and with one section edited and the rest deleted', async () => {
    const shown = (await kioskctl('config', 'show', '--sections', '--data-dir', dataDir)).json() as Record<string, Record<string, unknown>>;
    const whole = path.join(root, 'whole.json');
    fs.writeFileSync(whole, JSON.stringify(shown));
    const built = await kioskctl('config', 'build', '--in', whole, '--out', path.join(root, 'whole.bundle'), '--target', 'all', '--json');
    expect(built.code, built.out.join('\n')).toBe(0);
    expect((built.json() as { built: { sections: string[] } }).built.sections.sort()).toEqual(Object.keys(shown).sort());

    const one = path.join(root, 'one.json');
    fs.writeFileSync(one, JSON.stringify({ timeouts: { ...shown.timeouts, idleTimeoutMs: 45_000 } }));
    const out = path.join(root, 'one.bundle');
    const edited = await kioskctl('config', 'build', '--in', one, '--out', out, '--target', 'all');
    expect(edited.code, edited.err.join('\n')).toBe(0);
    const payload = (JSON.parse(fs.readFileSync(out, 'utf8')) as { payload: Record<string, Record<string, unknown>> }).payload;
    expect(Object.keys(payload)).toEqual(['timeouts']);
    expect(payload.timeouts).toMatchObject({ idleTimeoutMs: 45_000, idleWarnMs: 15_000 });
  });

  it('--json names the sections as bundles do, and keeps the old names with the same values', async () => {
    const json = (await kioskctl('config', 'show', '--json', '--data-dir', dataDir)).json() as { effective: Record<string, unknown> };
    expect(json.effective.timeouts).toMatchObject({ idleTimeoutMs: 30_000 });
    expect(json.effective.deviceMap).toMatchObject({ mode: 'sim' });
    expect(json.effective.session).toEqual(json.effective.timeouts);
    expect(json.effective.devices).toEqual(json.effective.deviceMap);
  });

  it('--json and --sections together are a usage error', async () => {
    expect((await kioskctl('config', 'show', '--json', '--sections', '--data-dir', dataDir)).code).toBe(64);
  });
});
