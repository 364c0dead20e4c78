import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleDb } from '../../../backend/console/store/console-db';
import { verifyActionChain } from '../../../backend/console/store/action-log';
import { Auth } from '../../../backend/console/auth';

/** `npm run console -- …` as an administrator types it: the bundled dist/console.cjs entry, built from the sources here. */
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-cli-'));
  bundle = path.join(dir, 'console.cjs');
  await build({
    entryPoints: [path.resolve(__dirname, '../../../backend/console/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: bundle,
    logLevel: 'error',
  });
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function run(args: string[], stdin = '', until?: RegExp): Promise<Run> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [bundle, ...args], {
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../../node_modules'), KIOSK_AMQP_URL: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let signalled = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (!signalled && until?.test(out)) {
        signalled = true;
        proc.kill('SIGTERM');
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    proc.once('close', (code) => resolve({ code, out, err }));
    proc.stdin.end(stdin);
  });
}

describe('npm run console', () => {
  it('user add reads the password from stdin; a short password or a taken name fails with a clear message', async () => {
    const data = path.join(dir, 'users');
    expect(await run(['user', 'add', 'ada', '--role', 'admin', '--data-dir', data], 'a long enough password\n')).toMatchObject({
      code: 0,
      out: 'user ada added as admin\n',
    });
    const short = await run(['user', 'add', 'bob', '--role', 'viewer', '--data-dir', data], 'short\n');
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/at least 10 characters/);
    expect((await run(['user', 'add', 'ada', '--role', 'viewer', '--data-dir', data], 'another long password')).err).toMatch(/already exists/);
    const db = openConsoleDb(data);
    try {
      expect(await new Auth(db, () => new Date()).checkPassword('ada', 'a long enough password')).toEqual({ name: 'ada', role: 'admin' });
      expect(JSON.stringify(db.prepare('SELECT * FROM users').all())).not.toContain('a long enough password');
    } finally {
      db.close();
    }
  }, 30_000);

  it('token create prints the token once; it is stored only as its hash, and the creation is logged', async () => {
    const data = path.join(dir, 'tokens');
    const created = await run(['token', 'create', '--role', 'operator', '--name', 'nightly', '--data-dir', data]);
    expect(created.code).toBe(0);
    const token = created.out.trim();
    expect(token).toMatch(/^ktc_[A-Za-z0-9_-]{43}$/);
    const db = openConsoleDb(data);
    try {
      expect(new Auth(db, () => new Date()).token(token)).toMatchObject({ name: 'token:nightly', role: 'operator', via: 'token' });
      expect(JSON.stringify(db.prepare('SELECT * FROM tokens').all())).not.toContain(token);
      expect(db.prepare('SELECT actor, action, detail FROM actions').all()).toEqual([{ actor: 'cli', action: 'token.create', detail: 'nightly as operator' }]);
      expect(verifyActionChain(db)).toMatchObject({ ok: true, entries: 1 });
    } finally {
      db.close();
    }
  }, 30_000);

  it('user list, passwd and remove: a new password ends the user’s sessions, removing ends them too; each change is logged', async () => {
    const data = path.join(dir, 'manage');
    await run(['user', 'add', 'ada', '--role', 'admin', '--data-dir', data], 'a long enough password\n');
    await run(['user', 'add', 'tech', '--role', 'operator', '--data-dir', data], 'a long enough password\n');
    let db = openConsoleDb(data);
    const sessionOf = (name: string) => new Auth(db, () => new Date()).createSession(name).id;
    let techSession = sessionOf('tech');
    db.close();

    const listed = await run(['user', 'list', '--data-dir', data]);
    expect(listed.code).toBe(0);
    const lines = listed.out.trimEnd().split('\n');
    expect(lines[0]).toBe('NAME\tROLE\tCREATED\tLAST LOGIN');
    expect(lines.slice(1).map((line) => line.split('\t').slice(0, 2))).toEqual([
      ['ada', 'admin'],
      ['tech', 'operator'],
    ]);
    expect(lines[2]?.split('\t')[3]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lines[1]?.split('\t')[3]).toBe('-');
    expect(listed.out).not.toContain('scrypt');

    expect(await run(['user', 'passwd', 'tech', '--data-dir', data], 'a brand new password\n')).toMatchObject({
      code: 0,
      out: 'password of tech changed; 1 session(s) ended\n',
    });
    expect((await run(['user', 'passwd', 'tech', '--data-dir', data], 'short\n')).code).toBe(1);
    db = openConsoleDb(data);
    try {
      expect(new Auth(db, () => new Date()).session(techSession)).toBeNull();
      expect(await new Auth(db, () => new Date()).checkPassword('tech', 'a brand new password')).toEqual({ name: 'tech', role: 'operator' });
      techSession = sessionOf('tech');
    } finally {
      db.close();
    }

    expect(await run(['user', 'remove', 'tech', '--data-dir', data])).toMatchObject({ code: 0, out: 'user tech removed; 1 session(s) ended\n' });
    const lastAdmin = await run(['user', 'remove', 'ada', '--data-dir', data]);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.err).toMatch(/ada is the last admin/);
    for (const args of [
      ['user', 'remove', 'tech'],
      ['user', 'passwd', 'ghost'],
    ]) {
      const unknown = await run([...args, '--data-dir', data], 'a long enough password\n');
      expect(unknown.code, args.join(' ')).toBe(1);
      expect(unknown.err, args.join(' ')).toMatch(/^console: no user (tech|ghost)\n$/);
    }
    db = openConsoleDb(data);
    try {
      expect(new Auth(db, () => new Date()).session(techSession)).toBeNull();
      expect(db.prepare("SELECT action, detail FROM actions WHERE action IN ('user.passwd', 'user.remove')").all()).toEqual([
        { action: 'user.passwd', detail: 'tech; 1 session(s) ended' },
        { action: 'user.remove', detail: 'tech (operator); 1 session(s) ended' },
      ]);
      expect(verifyActionChain(db)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  }, 60_000);

  it('token list shows id, name, role and last use but never the token; token revoke refuses its next use', async () => {
    const data = path.join(dir, 'revoke');
    const token = (await run(['token', 'create', '--role', 'admin', '--name', 'laptop', '--data-dir', data])).out.trim();
    await run(['token', 'create', '--role', 'viewer', '--name', 'wallboard', '--data-dir', data]);
    let db = openConsoleDb(data);
    new Auth(db, () => new Date()).token(token);
    db.close();

    const listed = await run(['token', 'list', '--data-dir', data]);
    expect(listed.code).toBe(0);
    const rows = listed.out
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows[0]).toEqual(['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      ['1', 'laptop', 'admin', '-'],
      ['2', 'wallboard', 'viewer', '-'],
    ]);
    expect(rows[1]?.[4]).toMatch(/^\d{4}-/);
    expect(rows[2]?.[4]).toBe('-');
    expect(listed.out).not.toContain(token);
    expect(listed.out).not.toContain(token.slice(4, 20));

    expect(await run(['token', 'revoke', '1', '--data-dir', data])).toMatchObject({ code: 0, out: 'token 1 (laptop) revoked\n' });
    const again = await run(['token', 'revoke', '1', '--data-dir', data]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/token 1 was already revoked/);
    const unknown = await run(['token', 'revoke', '42', '--data-dir', data]);
    expect(unknown).toMatchObject({ code: 1, err: 'console: no token 42\n' });
    expect((await run(['token', 'list', '--data-dir', data])).out.split('\n')[1]?.split('\t')[5]).toMatch(/^\d{4}-/);
    db = openConsoleDb(data);
    try {
      expect(new Auth(db, () => new Date()).token(token)).toBeNull();
      expect(db.prepare("SELECT actor, detail FROM actions WHERE action = 'token.revoke'").all()).toEqual([{ actor: 'cli', detail: '1 laptop (admin)' }]);
    } finally {
      db.close();
    }
  }, 60_000);

  it('exits 64 with the usage on a usage error', async () => {
    for (const args of [
      ['serve'],
      ['frob'],
      ['token', 'create', '--role', 'boss'],
      ['user', 'add'],
      ['user', 'remove'],
      ['user', 'passwd'],
      ['user', 'list', 'extra'],
      ['token', 'revoke'],
      ['token', 'revoke', 'abc'],
      ['token', 'list', 'extra'],
      ['--port', 'x', '--amqp', 'amqp://h'],
      ['--amqp', 'http://h'],
    ]) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(64);
      expect(result.err, args.join(' ')).toMatch(/Usage:/);
    }
  }, 60_000);

  it('serve prints its URL once listening (any free port with --port 0), and stops on SIGTERM', async () => {
    const result = await run(
      ['--amqp', 'amqp://guest:guest@127.0.0.1:1', '--port', '0', '--data-dir', path.join(dir, 'serve')],
      '',
      /console: http:\/\/127\.0\.0\.1:\d+\/\n/,
    );
    expect(result.out).toMatch(/^console: http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(result.out).not.toContain('guest:guest');
    expect(result.code).toBe(0);
  }, 30_000);
  it('says which port is taken, exit 1', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const result = await run(['--amqp', 'amqp://guest:guest@127.0.0.1:1', '--port', String(port), '--data-dir', path.join(dir, 'busy')]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      server.close();
    }
  }, 30_000);
});
