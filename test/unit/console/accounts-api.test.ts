import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../../backend/console/console';
import { verifyActionChain } from '../../../backend/console/store/action-log';
import { ActionEntry, ApiError, ConsoleSession, ConsoleToken, ConsoleUser } from '../../../shared/fleet/console-api';
import { ConsoleClient, testClock } from '../../support/console-fixtures';

/**
 * Users, tokens and sessions over the API: what an administrator does when a
 * laptop is stolen or a technician leaves.
 */
let dir: string;
let running: RunningConsole;
const clock = testClock();
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-accounts-'));
  running = await startConsole({
    amqpUrl: 'amqp://guest:guest@127.0.0.1:1',
    port: 0,
    dataDir: path.join(dir, 'data'),
    now: clock.now,
    sweepMs: 0,
    pageDir: path.join(dir, 'page'),
    log: () => undefined,
  });
  await running.auth.addUser('ada', 'admin', PASSWORD);
  await running.auth.addUser('otto', 'operator', PASSWORD);
  await running.auth.addUser('vera', 'viewer', PASSWORD);
}, 60_000);
afterAll(async () => {
  await running?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function loggedIn(name: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(running.url);
  expect((await client.login(name, PASSWORD)).status).toBe(200);
  return client;
}

function lastAction(): ActionEntry | undefined {
  return running.actions.list(1, null)[0];
}

describe('account management API', () => {
  it('only an admin lists users, tokens and removes them; others get 403, anonymous 401', async () => {
    const operator = await loggedIn('otto');
    for (const route of ['/api/users', '/api/tokens']) {
      expect((await operator.get(route)).status, route).toBe(403);
      expect((await new ConsoleClient(running.url).get(route)).status, route).toBe(401);
    }
    expect((await operator.request('DELETE', '/api/users/vera')).status).toBe(403);
    expect((await operator.request('DELETE', '/api/tokens/1')).status).toBe(403);
    expect((await new ConsoleClient(running.url).get('/api/sessions')).status).toBe(401);
  });

  it('lists users with their last login, never a password hash', async () => {
    const admin = await loggedIn('ada');
    const answer = await admin.get('/api/users');
    expect(answer.status).toBe(200);
    const users = ConsoleUser.array().parse(answer.body);
    expect(users.map((u) => [u.name, u.role])).toEqual([
      ['ada', 'admin'],
      ['otto', 'operator'],
      ['vera', 'viewer'],
    ]);
    expect(users.find((u) => u.name === 'ada')?.lastLoginAt).toBe(clock.now().toISOString());
    expect(JSON.stringify(answer.body)).not.toContain('scrypt');
  });

  it('a removed user is logged out at once (401) and cannot log in; needs CSRF; logged', async () => {
    await running.auth.addUser('tech', 'operator', PASSWORD);
    const tech = await loggedIn('tech');
    expect((await tech.get('/api/me')).status).toBe(200);
    const admin = await loggedIn('ada');
    expect((await admin.request('DELETE', '/api/users/tech', undefined, { csrf: false })).status).toBe(403);
    expect((await admin.request('DELETE', '/api/users/tech')).status).toBe(200);
    expect((await tech.get('/api/me')).status).toBe(401);
    expect((await new ConsoleClient(running.url).login('tech', PASSWORD)).status).toBe(401);
    expect(running.actions.list(5, null).find((e) => e.action === 'user.remove')).toMatchObject({
      actor: 'ada',
      detail: 'tech (operator); 1 session(s) ended',
    });
    const missing = await admin.request('DELETE', '/api/users/tech');
    expect(missing.status).toBe(404);
    expect(ApiError.parse(missing.body).error).toBe('no user tech');
  });

  it('the last admin cannot be removed: 409 with a clear error', async () => {
    const admin = await loggedIn('ada');
    const answer = await admin.request('DELETE', '/api/users/ada');
    expect(answer.status).toBe(409);
    expect(ApiError.parse(answer.body).error).toMatch(/last admin/);
    expect((await admin.get('/api/me')).status).toBe(200);
  });

  it('lists tokens without the secret; a revoked token gets 401 on its next request; revoking twice is 409', async () => {
    const token = running.auth.createToken('operator', 'nightly');
    const script = new ConsoleClient(running.url, token);
    expect((await script.get('/api/summary')).status).toBe(200);
    const admin = new ConsoleClient(running.url, running.auth.createToken('admin', 'ops'));
    const listed = await admin.get('/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const nightly = ConsoleToken.array()
      .parse(listed.body)
      .find((t) => t.name === 'nightly');
    expect(nightly).toMatchObject({ role: 'operator', lastUsedAt: clock.now().toISOString(), revokedAt: null });
    if (!nightly) throw new Error('nightly not listed');
    const revoked = await admin.request('DELETE', `/api/tokens/${nightly.id}`);
    expect(revoked.status).toBe(200);
    expect(ConsoleToken.parse(revoked.body).revokedAt).toBe(clock.now().toISOString());
    expect((await script.get('/api/summary')).status).toBe(401);
    expect((await admin.request('DELETE', `/api/tokens/${nightly.id}`)).status).toBe(409);
    expect((await admin.request('DELETE', '/api/tokens/99999')).status).toBe(404);
    expect((await admin.request('DELETE', '/api/tokens/abc')).status).toBe(404);
    expect(lastAction()).toMatchObject({ actor: 'token:ops', action: 'token.revoke', detail: `${nightly.id} nightly (operator)` });
  });

  it('records a token’s last use at most once a minute', async () => {
    const token = running.auth.createToken('viewer', 'poller');
    const lastUsed = () => (running.db.prepare("SELECT last_used_at FROM tokens WHERE name = 'poller'").get() as { last_used_at: string | null }).last_used_at;
    expect(lastUsed()).toBeNull();
    const first = clock.now().toISOString();
    running.auth.token(token);
    clock.advance(30_000);
    running.auth.token(token);
    expect(lastUsed()).toBe(first);
    clock.advance(31_000);
    running.auth.token(token);
    expect(lastUsed()).toBe(clock.now().toISOString());
  });

  it('sessions: an admin sees and ends anyone’s; others see and end only their own', async () => {
    const stolenLaptop = await loggedIn('vera');
    const vera = await loggedIn('vera');
    const otto = await loggedIn('otto');
    const admin = await loggedIn('ada');

    const all = ConsoleSession.array().parse((await admin.get('/api/sessions')).body);
    expect(new Set(all.map((s) => s.userName))).toEqual(new Set(['ada', 'otto', 'vera']));
    expect(all.filter((s) => s.current).map((s) => s.userName)).toEqual(['ada']);
    expect(JSON.stringify(all)).not.toContain(stolenLaptop.cookie?.split('=')[1] ?? 'no cookie');

    const own = ConsoleSession.array().parse((await vera.get('/api/sessions')).body);
    expect(own.every((s) => s.userName === 'vera')).toBe(true);
    expect(own).toHaveLength(2);
    const [other, mine] = [own.find((s) => !s.current), own.find((s) => s.current)];
    if (!other || !mine) throw new Error('vera should have two sessions');

    // Vera cannot end Otto's session (it looks unknown to her), but ends the one on her stolen laptop.
    const ottoSession = ConsoleSession.array()
      .parse((await otto.get('/api/sessions')).body)
      .find((s) => s.current);
    expect(all.map((s) => s.id)).toContain(ottoSession?.id);
    if (!ottoSession) throw new Error('otto has no session');
    expect((await vera.request('DELETE', `/api/sessions/${ottoSession.id}`)).status).toBe(404);
    expect((await vera.request('DELETE', `/api/sessions/${other.id}`, undefined, { csrf: false })).status).toBe(403);
    expect((await vera.request('DELETE', `/api/sessions/${other.id}`)).status).toBe(200);
    expect((await stolenLaptop.get('/api/me')).status).toBe(401);
    expect((await vera.get('/api/me')).status).toBe(200);
    expect(lastAction()).toMatchObject({ actor: 'vera', action: 'session.end', detail: 'a session of vera' });

    // The admin ends Otto's.
    expect((await admin.request('DELETE', `/api/sessions/${ottoSession.id}`)).status).toBe(200);
    expect((await otto.get('/api/me')).status).toBe(401);
    expect((await admin.request('DELETE', `/api/sessions/${ottoSession.id}`)).status).toBe(404);

    // Ending one's own current session is a logout: the cookie is cleared too.
    const ended = await vera.request('DELETE', `/api/sessions/${mine.id}`);
    expect(ended.headers.get('set-cookie')).toMatch(/^console_session=; .*Max-Age=0/);
    expect((await vera.get('/api/me')).status).toBe(401);
    expect(verifyActionChain(running.db)).toMatchObject({ ok: true });
  });
});
