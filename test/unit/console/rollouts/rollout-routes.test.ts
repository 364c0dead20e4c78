import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, Rollout, RolloutTarget, type Role } from '../../../../shared/fleet/console-api';
import { rolloutRoutes, type RouteResponse } from '../../../../backend/console/rollouts/rollout-routes';
import { signedBundle } from './bundle-fixtures';
import { rig, seededFleet, type Rig } from './rollout-fixtures';

/**
 * The rollout API as the console server will mount it: each route matched by
 * method and pattern, called with the caller's role, answering the console
 * API's shapes or `{ error }` with a status.
 */
function api(r: Rig) {
  const routes = rolloutRoutes(r.engine);
  return async (method: string, url: string, options: { body?: unknown; role?: Role } = {}): Promise<RouteResponse> => {
    const [path = '', search = ''] = url.split('?');
    for (const route of routes) {
      const names: string[] = [];
      const pattern = new RegExp('^' + route.path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)')) + '$');
      const match = pattern.exec(path);
      if (route.method !== method || !match) continue;
      const params = Object.fromEntries(names.map((n, i) => [n, match[i + 1] ?? '']));
      return route.handle({
        method,
        path,
        params,
        query: Object.fromEntries(new URLSearchParams(search)),
        body: options.body,
        actor: { name: `someone-${options.role ?? 'admin'}`, role: options.role ?? 'admin' },
      });
    }
    throw new Error(`no route for ${method} ${path}`);
  };
}

const fleet = seededFleet(41, 3, 30);

describe('the rollout API', () => {
  it('creates a rollout from a base64 bundle and forwards its bytes unchanged; reads it back in the API shapes', async () => {
    const r = rig(fleet);
    const call = api(r);
    const file = signedBundle(3);
    const created = await call('POST', '/api/rollouts', { body: { bundle: file.toString('base64'), waves: [{ kind: 'branch', branchId: 'BRANCH-02' }] } });
    expect(created.status).toBe(201);
    const rollout = Rollout.parse(created.body);
    expect(rollout).toMatchObject({ configVersion: 3, state: 'running', createdBy: 'someone-admin', silentAfterSeconds: 900, maxSilentPercent: 10 });
    expect(r.published.length).toBeGreaterThan(0);
    expect(r.published.every((p) => p.body.equals(file))).toBe(true);

    const list = await call('GET', '/api/rollouts', { role: 'viewer' });
    expect(list.status).toBe(200);
    expect(
      z
        .array(Rollout)
        .parse(list.body)
        .map((x) => x.id),
    ).toEqual([rollout.id]);
    expect(Rollout.parse((await call('GET', `/api/rollouts/${rollout.id}`, { role: 'viewer' })).body).id).toBe(rollout.id);
    const pending = await call('GET', `/api/rollouts/${rollout.id}/targets?state=pending`, { role: 'viewer' });
    expect(z.array(RolloutTarget).parse(pending.body)).toHaveLength(fleet.filter((k) => k.branchId === 'BRANCH-02').length);
    expect((await call('GET', `/api/rollouts/${rollout.id}/targets?state=applied`, { role: 'viewer' })).body).toEqual([]);
  });

  it('takes the signed bundle as a JSON object too', async () => {
    const r = rig(fleet);
    const object: unknown = JSON.parse(signedBundle(4).toString('utf8'));
    const created = await api(r)('POST', '/api/rollouts', { body: { bundle: object, waves: [{ kind: 'all' }], silentAfterSeconds: 60, maxSilentPercent: 0 } });
    expect(created.status).toBe(201);
    expect(Rollout.parse(created.body)).toMatchObject({ configVersion: 4, silentAfterSeconds: 60, maxSilentPercent: 0 });
    expect(JSON.parse(r.published[0]?.body.toString('utf8') ?? 'null')).toEqual(object);
  });

  it('answers 400 with a clear message for a body that is no rollout or a bundle that does not verify', async () => {
    const call = api(rig(fleet));
    const bad = async (body: unknown) => {
      const res = await call('POST', '/api/rollouts', { body });
      expect(res.status).toBe(400);
      return ApiError.parse(res.body).error;
    };
    expect(await bad({ bundle: signedBundle(3).toString('base64') })).toMatch(/not a rollout: .*waves/s);
    expect(await bad({ bundle: signedBundle(3).toString('base64'), waves: [{ kind: 'everyone' }] })).toMatch(/waves/);
    expect(await bad({ bundle: signedBundle(3).toString('base64'), waves: [{ kind: 'all' }], silentAfterSeconds: 1 })).toMatch(/silentAfterSeconds/);
    expect(await bad({ bundle: 'not base64!', waves: [{ kind: 'all' }] })).toMatch(/bundle/);
    expect(await bad(undefined)).toMatch(/not a rollout/);
    const tampered = signedBundle(3).toString('utf8').replace('"version": 3', '"version": 33');
    expect(await bad({ bundle: Buffer.from(tampered).toString('base64'), waves: [{ kind: 'all' }] })).toMatch(/^the bundle does not verify: badSignature/);
  });

  it('lets only an admin create, resume and abort; a viewer reads', async () => {
    const r = rig(fleet);
    const call = api(r);
    const body = { bundle: signedBundle(3).toString('base64'), waves: [{ kind: 'all' }] };
    for (const role of ['viewer', 'operator'] as const) {
      const res = await call('POST', '/api/rollouts', { body, role });
      expect(res).toEqual({ status: 403, body: { error: 'this needs the admin role', code: 'forbidden', params: { role: 'admin' } } });
    }
    expect(r.engine.list()).toEqual([]);
    const created = Rollout.parse((await call('POST', '/api/rollouts', { body })).body);
    expect((await call('POST', `/api/rollouts/${created.id}/abort`, { role: 'operator' })).status).toBe(403);
    expect(r.engine.get(created.id)?.state).toBe('running');
  });

  it('answers 404 for no such rollout, 409 for a state that does not allow the action or a version not above a running one', async () => {
    const r = rig(fleet);
    const call = api(r);
    expect((await call('GET', '/api/rollouts/99', { role: 'viewer' })).status).toBe(404);
    expect((await call('GET', '/api/rollouts/abc', { role: 'viewer' })).status).toBe(404);
    expect((await call('GET', '/api/rollouts/99/targets', { role: 'viewer' })).status).toBe(404);
    expect((await call('POST', '/api/rollouts/99/resume')).status).toBe(404);
    const body = { bundle: signedBundle(3).toString('base64'), waves: [{ kind: 'all' }] };
    const created = Rollout.parse((await call('POST', '/api/rollouts', { body })).body);
    expect((await call('GET', `/api/rollouts/${created.id}/targets?state=gone`, { role: 'viewer' })).status).toBe(400);
    const again = await call('POST', '/api/rollouts', { body });
    expect(again.status).toBe(409);
    expect(ApiError.parse(again.body).error).toMatch(/needs a version above it/);
    expect((await call('POST', `/api/rollouts/${created.id}/resume`)).status).toBe(409);
    const aborted = await call('POST', `/api/rollouts/${created.id}/abort`);
    expect(aborted.status).toBe(200);
    expect(Rollout.parse(aborted.body)).toMatchObject({ state: 'aborted', haltReason: 'aborted by someone-admin' });
    expect((await call('POST', `/api/rollouts/${created.id}/abort`)).status).toBe(409);
  });
});
