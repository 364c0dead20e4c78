import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../../backend/console/console';
import { ConsoleClient } from '../../support/console-fixtures';

/** A console module (the rollouts) mounts its routes with the console's auth and is closed with it. */
let dir: string;
let running: RunningConsole | null = null;

afterEach(async () => {
  await running?.close();
  running = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('console modules', () => {
  it('routes registered by a module get the same auth, roles and CSRF; its cleanup runs on close', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-ext-'));
    const events: string[] = [];
    running = await startConsole({
      amqpUrl: 'amqp://guest:guest@127.0.0.1:1',
      port: 0,
      dataDir: dir,
      sweepMs: 0,
      log: () => undefined,
      extensions: [
        ({ router, actions }) => {
          router.add('GET', '/api/rollouts', 'viewer', () => ({ status: 200, body: [] }));
          router.add('POST', '/api/rollouts/:id/abort', 'admin', (req) => {
            actions.append(req.principal?.name ?? '?', 'rollout.abort', `rollout ${req.params.id ?? ''}`);
            return { status: 200, body: { aborted: Number(req.params.id) } };
          });
          events.push('mounted');
          return () => void events.push('closed');
        },
      ],
    });
    expect(events).toEqual(['mounted']);
    expect((await new ConsoleClient(running.url).get('/api/rollouts')).status).toBe(401);
    const viewer = new ConsoleClient(running.url, running.auth.createToken('viewer', 'v'));
    expect(await viewer.get('/api/rollouts')).toMatchObject({ status: 200, body: [] });
    expect((await viewer.request('POST', '/api/rollouts/3/abort', {})).status).toBe(403);
    const admin = new ConsoleClient(running.url, running.auth.createToken('admin', 'a'));
    expect(await admin.request('POST', '/api/rollouts/3/abort', {})).toMatchObject({ status: 200, body: { aborted: 3 } });
    expect(running.actions.list(1, null)[0]).toMatchObject({ actor: 'token:a', action: 'rollout.abort' });
    expect((await admin.request('DELETE', '/api/rollouts/3/abort')).status).toBe(405);
    await running.close();
    running = null;
    expect(events).toEqual(['mounted', 'closed']);
  });
});
