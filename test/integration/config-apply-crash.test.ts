import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxConfig } from '../../shared/config/tax-config';
import { AuditLog, verifyAuditChain } from '../../electron/host/audit/audit-log';
import { loadKeysFromDir, pinnedKeysDir } from '../../electron/host/config/bundle-keys';
import { applyConfigBundle } from '../../electron/host/config/config-apply';
import { appliedVersion, readActiveTaxConfig, readAppliedSections } from '../../electron/host/config/config-store';
import { openDatabase } from '../../electron/host/db/database';
import { listRanges } from '../../electron/host/stock/stock-store';
import { KIOSK, bundle, makeKey, makeKioskDir, tempDir, writeSigned } from '../unit/host/config-fixtures';

/**
 * A kiosk killed (SIGKILL) in the middle of applying a config bundle comes
 * back on the old version or the new one, never a mix: a real child process
 * and a real database file, killed inside the apply's SQLite transaction at
 * each step and once just after its commit.
 */
const ROOT = path.resolve(__dirname, '../..');
let work = '';
let child = '';

beforeAll(async () => {
  work = tempDir('kiosk-config-crash-');
  child = path.join(work, 'child.cjs');
  await build({
    entryPoints: [path.join(__dirname, 'config-apply-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: child,
    logLevel: 'error',
  });
});
afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function applyAndKill(dataDir: string, signed: string, mode: string): Promise<void> {
  const proc = spawn(process.execPath, [child, dataDir, signed, mode], {
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<NodeJS.Signals | null>((resolve) => proc.on('close', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n').slice(0, -1)) {
        const said = JSON.parse(line) as { step: string };
        if (said.step === 'ready') resolve();
        else reject(new Error(`child did not stop at ${mode}: ${line}`));
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    proc.on('close', () => reject(new Error(`child exited before ${mode}: ${stderr}`)));
  });
  proc.kill('SIGKILL');
  expect(await exit).toBe('SIGKILL');
}

/** Everything the apply touches, as one picture. */
function snapshot(dataDir: string) {
  const db = openDatabase(dataDir); // the restart
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const chain = verifyAuditChain(db);
    expect(chain.ok).toBe(true);
    return {
      version: appliedVersion(db),
      levyRateBp: readActiveTaxConfig(db, new Date()).levyRateBp,
      idleTimeoutMs: readAppliedSections(db).timeouts?.idleTimeoutMs ?? null,
      stockCodes: listRanges(db).map((r) => r.code),
      appliedMessages: (db.prepare("SELECT payload FROM outbox WHERE kind = 'config.applied' ORDER BY id").all() as Array<{ payload: string }>).map(
        (r) => (JSON.parse(r.payload) as { version: number }).version,
      ),
      auditKinds: (db.prepare('SELECT kind FROM audit_log ORDER BY seq').all() as Array<{ kind: string }>).map((r) => r.kind),
    };
  } finally {
    db.close();
  }
}

describe('config apply across a crash', () => {
  it('comes back on the old or the new version after SIGKILL at each step, never a mix', async () => {
    const key = makeKey(path.join(work, 'admin'));
    const dataDir = makeKioskDir(work, [key]);
    const v1 = writeSigned(
      path.join(work, 'v1.json'),
      bundle({ version: 1, payload: { taxRates: TaxConfig.parse({ levyRateBp: 300 }), timeouts: { idleTimeoutMs: 90_000 } } }),
      key,
    );
    const v2 = writeSigned(
      path.join(work, 'v2.json'),
      bundle({
        version: 2,
        target: { branch: KIOSK.branchId },
        payload: {
          taxRates: TaxConfig.parse({ levyRateBp: 100 }),
          timeouts: { idleTimeoutMs: 60_000 },
          invoiceStock: [
            { type: 'vatOrdinary', code: '1370001230', from: '00000001', to: '00000100' },
            { type: 'vatOrdinary', code: '1370001231', from: '00000001', to: '00000100' },
          ],
        },
      }),
      key,
    );
    const db = openDatabase(dataDir);
    const first = applyConfigBundle(fs.readFileSync(v1), {
      db,
      audit: new AuditLog(db),
      keys: loadKeysFromDir(pinnedKeysDir(dataDir)),
      kiosk: KIOSK,
      source: 'file',
      actor: 'test',
    });
    db.close();
    expect(first.outcome).toBe('applied');

    const old = { version: 1, levyRateBp: 300, idleTimeoutMs: 90_000, stockCodes: [], appliedMessages: [1], auditKinds: ['config.applied'] };
    for (const step of ['versionWritten', 'stockLoaded', 'recorded']) {
      await applyAndKill(dataDir, v2, step);
      expect(snapshot(dataDir), `killed at ${step}`).toEqual(old);
    }

    await applyAndKill(dataDir, v2, 'committed');
    expect(snapshot(dataDir)).toEqual({
      version: 2,
      levyRateBp: 100,
      idleTimeoutMs: 60_000,
      stockCodes: ['1370001230', '1370001231'],
      appliedMessages: [1, 2],
      auditKinds: ['config.applied', 'config.applied'],
    });
  }, 60_000);
});
