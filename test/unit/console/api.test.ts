import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../../backend/console/console';
import { verifyActionChain } from '../../../backend/console/store/action-log';
import { ActionEntry, Alert, AlertRule, ApiError, KioskDetail, KioskList, Me, Summary } from '../../../shared/fleet/console-api';
import { ConsoleClient, heartbeat, testClock, withPaper } from '../../support/console-fixtures';

/**
 * The console's HTTP API and its auth, without a broker (heartbeats go in
 * through the fleet model; ingest from RabbitMQ is test/integration/console.test.ts).
 */
let dir: string;
let pageDir: string;
let running: RunningConsole;
const clock = testClock();
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-api-'));
  pageDir = path.join(dir, 'page');
  running = await startConsole({
    amqpUrl: 'amqp://guest:guest@127.0.0.1:1',
    port: 0,
    dataDir: path.join(dir, 'data'),
    now: clock.now,
    sweepMs: 0,
    pageDir,
    log: () => undefined,
  });
  await running.auth.addUser('ada', 'admin', PASSWORD);
  await running.auth.addUser('otto', 'operator', PASSWORD);
  await running.auth.addUser('vera', 'viewer', PASSWORD);
  const t = clock.now();
  running.fleet.ingest([
    heartbeat('K-001', t),
    withPaper(heartbeat('K-002', t), 'receipt', 'out'),
    withPaper(withPaper(heartbeat('K-003', t, { branchId: 'BRANCH-QD-02' }), 'receipt', 'out'), 'invoice', 'out'),
    heartbeat('K-004', new Date(t.getTime() - 10 * 60_000), { branchId: 'BRANCH-QD-02' }),
  ]);
}, 60_000);
afterAll(async () => {
  await running?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('console API', () => {
  it('answers 401 with { error } without a session or token, and for a wrong token', async () => {
    for (const route of ['/api/summary', '/api/kiosks', '/api/kiosks/K-001', '/api/alerts', '/api/rules', '/api/audit', '/api/me']) {
      const answer = await new ConsoleClient(running.url).get(route);
      expect(answer.status, route).toBe(401);
      expect(ApiError.parse(answer.body).code, route).toBe('unauthenticated');
    }
    const wrongToken = await new ConsoleClient(running.url, 'ktc_not-a-token').get('/api/summary');
    expect(wrongToken.status).toBe(401);
    expect(ApiError.parse(wrongToken.body).code).toBe('invalidToken');
  });

  it('summary counts by health and branch with the reasons, per the shared judgement', async () => {
    const client = new ConsoleClient(running.url, running.auth.createToken('viewer', 'test'));
    const summary = Summary.parse((await client.get('/api/summary')).body);
    expect(summary.kiosks).toBe(4);
    expect(summary.byHealth).toEqual({ ok: 1, visit: 1, down: 1, stale: 1 });
    expect(summary.byBranch.map((b) => [b.branchId, b.kiosks, b.byHealth.down])).toEqual([
      ['BRANCH-JN-01', 2, 0],
      ['BRANCH-QD-02', 2, 1],
    ]);
    expect(summary.byReason).toMatchObject({ paperOut: 2, heartbeatMissed: 1 });
    expect(summary.openAlerts).toBe(4); // paper out ×3 (two printers of K-003), heartbeat missed ×1
  });

  it('lists kiosks worst first and filters by branch, state, reason and id', async () => {
    const client = new ConsoleClient(running.url, running.auth.createToken('viewer', 'list'));
    const ids = async (query: string) => KioskList.parse((await client.get(`/api/kiosks${query}`)).body).kiosks.map((k) => k.kioskId);
    expect(await ids('')).toEqual(['K-003', 'K-004', 'K-002', 'K-001']);
    expect(await ids('?branch=BRANCH-QD-02')).toEqual(['K-003', 'K-004']);
    expect(await ids('?state=visit')).toEqual(['K-002']);
    expect(await ids('?reason=paperOut')).toEqual(['K-003', 'K-002']);
    expect(await ids('?q=k-00&limit=2&offset=1')).toEqual(['K-004', 'K-002']);
    const broken = await client.get('/api/kiosks?state=broken');
    expect(broken.status).toBe(400);
    // The English for scripts, and a code for the page (with the English as its detail).
    expect(ApiError.parse(broken.body)).toEqual({
      error: 'state must be one of ok, visit, down, stale',
      code: 'invalidRequest',
      params: { detail: 'state must be one of ok, visit, down, stale' },
    });
    expect((await client.get('/api/kiosks?limit=-1')).status).toBe(400);
  });

  it('shows one kiosk with its heartbeat, audit head and timeline; 404 for an unknown one', async () => {
    const client = new ConsoleClient(running.url, running.auth.createToken('viewer', 'detail'));
    const detail = KioskDetail.parse((await client.get('/api/kiosks/K-002')).body);
    expect(detail.row).toMatchObject({ health: 'visit', reasons: [{ code: 'paperOut', subject: 'receipt' }] });
    expect(detail.heartbeat.devices.printers.receipt?.paper).toBe('out');
    expect(detail.audit).toEqual({ head: { seq: 10, hash: 'a'.repeat(64) }, continuous: true });
    expect(detail.timeline.map((t) => t.kind)).toContain('seen');
    const missing = await client.get('/api/kiosks/K-999');
    expect(missing.status).toBe(404);
    expect(ApiError.parse(missing.body).code).toBe('notFound');
  });

  it('logs in with a session cookie (HttpOnly, SameSite=Strict) and refuses a wrong password', async () => {
    const client = new ConsoleClient(running.url);
    const wrong = await client.login('ada', 'wrong password!');
    expect(wrong.status).toBe(401);
    expect(ApiError.parse(wrong.body)).toMatchObject({ error: 'wrong name or password', code: 'wrongLogin' });
    const answer = await client.login('ada', PASSWORD);
    expect(answer.status).toBe(200);
    expect(Me.parse(answer.body)).toMatchObject({ name: 'ada', role: 'admin' });
    expect(answer.headers.get('set-cookie')).toMatch(/^console_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    expect(Me.parse((await client.get('/api/me')).body).name).toBe('ada');
    expect((await client.request('POST', '/api/logout', {})).status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('an operator acknowledges an alert (kept with who, when and note); a viewer gets 403; a write without the CSRF header 403', async () => {
    const list = await new ConsoleClient(running.url, running.auth.createToken('viewer', 'a')).get('/api/alerts?open=1');
    const open = Alert.array().parse(list.body);
    expect(list.headers.get('x-total-count')).toBe(String(open.length));
    const paper = open.find((a) => a.kioskId === 'K-002' && a.kind === 'paperOut');
    if (!paper) throw new Error('no paperOut alert for K-002');
    // The detail also as codes, for the page to say in words.
    expect(paper).toMatchObject({ detail: 'paperOut receipt', reason: { code: 'paperOut', subject: 'receipt', value: null } });

    const viewer = new ConsoleClient(running.url);
    await viewer.login('vera', PASSWORD);
    expect((await viewer.request('POST', `/api/alerts/${paper.id}/ack`, { note: 'x' })).status).toBe(403);

    const operator = new ConsoleClient(running.url);
    await operator.login('otto', PASSWORD);
    expect((await operator.request('POST', `/api/alerts/${paper.id}/ack`, { note: 'x' }, { csrf: false })).status).toBe(403);
    expect((await operator.request('POST', `/api/alerts/${paper.id}/ack`, { note: 'x' }, { headers: { 'x-csrf-token': 'forged' }, csrf: false })).status).toBe(
      403,
    );
    expect((await operator.request('POST', `/api/alerts/${paper.id}/ack`, { note: 42 })).status).toBe(400);
    const acked = await operator.request('POST', `/api/alerts/${paper.id}/ack`, { note: 'technician sent' });
    expect(acked.status).toBe(200);
    expect(Alert.parse(acked.body).ack).toEqual({ by: 'otto', at: clock.now().toISOString(), note: 'technician sent' });
    expect((await operator.request('POST', `/api/alerts/${paper.id}/ack`, { note: 'again' })).status).toBe(409);
    expect((await operator.request('POST', '/api/alerts/99999/ack', { note: '' })).status).toBe(404);

    const admin = new ConsoleClient(running.url);
    await admin.login('ada', PASSWORD);
    const audit = ActionEntry.array().parse((await admin.get('/api/audit')).body);
    expect(audit.find((e) => e.action === 'alert.ack')).toMatchObject({ actor: 'otto', detail: `alert ${paper.id} paperOut K-002: technician sent` });
    expect(verifyActionChain(running.db)).toMatchObject({ ok: true });
  });

  it('rules: anyone reads them, only an admin changes one; a bad threshold is 400; the change is logged', async () => {
    const operator = new ConsoleClient(running.url);
    await operator.login('otto', PASSWORD);
    const rules = AlertRule.array().parse((await operator.get('/api/rules')).body);
    expect(rules.map((r) => r.kind)).toEqual([
      'heartbeatMissed',
      'paperLow',
      'paperOut',
      'deviceDown',
      'stockLow',
      'outboxOld',
      'configRefused',
      'auditRegressed',
    ]);
    expect((await operator.request('PUT', '/api/rules/stockLow', { threshold: 20 })).status).toBe(403);

    const admin = new ConsoleClient(running.url);
    await admin.login('ada', PASSWORD);
    expect((await admin.request('PUT', '/api/rules/stockLow', { threshold: 'many' })).status).toBe(400);
    expect((await admin.request('PUT', '/api/rules/heartbeatMissed', { threshold: 1 })).status).toBe(400);
    expect((await admin.request('PUT', '/api/rules/stockLow', { webhookUrl: 'file:///etc/passwd' })).status).toBe(400);
    expect((await admin.request('PUT', '/api/rules/nope', { enabled: false })).status).toBe(404);
    const changed = await admin.request('PUT', '/api/rules/stockLow', { threshold: 20, webhookUrl: 'https://pager.bank.example/hook?key=secret' });
    expect(AlertRule.parse(changed.body)).toMatchObject({ threshold: 20 });
    const entry = ActionEntry.array().parse((await admin.get('/api/audit')).body)[0];
    expect(entry).toMatchObject({ actor: 'ada', action: 'rule.update' });
    expect(entry?.detail).not.toContain('secret');
  });

  it('refuses bodies that are too large, not JSON, or of the wrong shape', async () => {
    const admin = new ConsoleClient(running.url);
    await admin.login('ada', PASSWORD);
    const big = { threshold: 20, pad: 'x'.repeat(70 * 1024) };
    expect((await admin.request('PUT', '/api/rules/stockLow', big)).status).toBe(413);
    expect((await admin.request('PUT', '/api/rules/stockLow', { threshold: 20, extra: 1 })).status).toBe(400);
    const notJson = await fetch(new URL('/api/login', running.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await new ConsoleClient(running.url).request('POST', '/api/login', { name: 'ada' })).status).toBe(400);
  });

  it('throttles a name after repeated failed logins, even for the right password', async () => {
    const client = new ConsoleClient(running.url);
    for (let i = 0; i < 5; i++) expect((await client.login('vera', `wrong password ${i}`)).status).toBe(401);
    expect((await client.login('vera', PASSWORD)).status).toBe(429);
    clock.advance(2_000);
    expect((await client.login('vera', PASSWORD)).status).toBe(200);
  });

  it('serves a placeholder page with security headers until the page is built, then the page and its assets', async () => {
    const first = await fetch(running.url);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('dist/console-page');
    expect(first.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    fs.mkdirSync(path.join(pageDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(pageDir, 'index.html'), '<!doctype html><title>console</title>');
    fs.writeFileSync(path.join(pageDir, 'assets', 'app.js'), 'console.log(1)');
    expect(await (await fetch(running.url)).text()).toContain('<title>console</title>');
    const asset = await fetch(new URL('/assets/app.js', running.url));
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(new URL('/assets/..%2F..%2Fdata%2Fconsole.sqlite', running.url))).status).toBe(404);
    expect((await fetch(new URL('/api/nothing', running.url))).status).toBe(404);
  });
  it('a session ends after 12 hours', async () => {
    const client = new ConsoleClient(running.url);
    expect((await client.login('otto', PASSWORD)).status).toBe(200);
    clock.advance(12 * 3_600_000 - 1000);
    expect((await client.get('/api/me')).status).toBe(200);
    clock.advance(1000);
    expect((await client.get('/api/me')).status).toBe(401);
  });
});
