import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicOverview, PublicPage } from '../../shared/contract/services/public-info';
import type { SessionView } from '../../shared/contract';
import { DEMO_SIGNING_DIR, PRIVATE_KEY_FILE } from '../../electron/host/config/bundle-keys';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { sandboxPublicContent } from '../../backend/sandbox/public-content-seed';
import { kioskctl } from '../unit/host/config-fixtures';
import { hostCalls } from './host-calls';

/**
 * 公开信息 through the contract, as the attract screen asks for it: no card on
 * the reader, no visit. The simulator-mode host signs and stores the sandbox
 * bureau's content at start; a tampered bundle applied while it runs is
 * refused and the lists stay as they were; a newer one replaces them at once.
 */
let host: KioskHost;
let dataDir: string;
const { raw, call } = hostCalls(() => host);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-public-info-'));
  host = await createHost({ dataDir, shell: 'chromium' });
  await host.start();
}, 30_000);
afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('public information with no card', () => {
  it('answers the overview and every list while the session is idle', async () => {
    expect((await call<SessionView>('session.get')).state).toBe('idle');
    const overview = await call<PublicOverview>('public.overview');
    expect(overview.available).toBe(true);
    const expected = sandboxPublicContent(new Date());
    if (!overview.available) return;
    expect(overview.counts).toEqual({
      guides: expected.guides.length,
      powers: expected.powers.length,
      arrears: expected.arrears.entries.length,
      quotas: expected.quotas.entries.length,
    });
    expect(overview.quotas.objectionDeadline).toBe(expected.quotas.objectionDeadline);
    for (const section of ['guides', 'powers', 'arrears', 'quotas'] as const) {
      const page = await call<PublicPage>('public.list', { section, page: 2, pageSize: 8 });
      expect(page.section).toBe(section);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.pages).toBeGreaterThanOrEqual(3);
    }
    const found = await call<PublicPage>('public.search', { section: 'powers', page: 1, pageSize: 10, query: '发票' });
    expect(found.total).toBe(expected.powers.filter((p) => JSON.stringify(p).includes('发票')).length);
  });

  it('refuses malformed requests at the contract (page size, unknown section, extra fields)', async () => {
    expect(await raw('public.list', { section: 'guides', page: 1, pageSize: 500 })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await raw('public.list', { section: 'secrets', page: 1, pageSize: 5 })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await raw('public.search', { section: 'arrears', page: 1, pageSize: 5, query: 'x', idNumber: '1' })).toMatchObject({
      ok: false,
      error: { code: 'invalidRequest' },
    });
  });

  it('keeps the lists when a tampered bundle is applied, and shows a newer genuine one at once', async () => {
    const before = await call<PublicOverview>('public.overview');
    if (!before.available) throw new Error('no content');
    const key = path.join(dataDir, DEMO_SIGNING_DIR, PRIVATE_KEY_FILE);
    const out = path.join(dataDir, 'content.json');
    const next = before.version + 1;
    expect((await kioskctl('content', 'sign', '--key', key, '--sample', '--out', out, '--target', 'all', '--version', String(next))).code).toBe(0);
    const tampered = path.join(dataDir, 'tampered.json');
    fs.writeFileSync(tampered, fs.readFileSync(out, 'utf8').replace(/"balanceFen":\d+/, '"balanceFen":1'));
    expect((await kioskctl('content', 'apply', tampered, '--data-dir', dataDir)).code).toBe(2);
    expect(await call<PublicOverview>('public.overview')).toEqual(before);
    expect((await kioskctl('content', 'apply', out, '--data-dir', dataDir)).code).toBe(0);
    expect(await call<PublicOverview>('public.overview')).toMatchObject({ version: next });
  });
});
