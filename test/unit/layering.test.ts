import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'layering-'));
afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
  fs.writeFileSync(path.join(fixture, file), text);
}

function cruise(): { status: number | null; out: string } {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      'shared',
      'devices',
      'electron',
      'renderer',
    ],
    { cwd: fixture, encoding: 'utf8' },
  );
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('layering check (npm run layering)', () => {
  it('fails on each wrong-way import and names the rule', () => {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(fixture, 'node_modules'));
    fs.copyFileSync(path.join(root, 'tsconfig.json'), path.join(fixture, 'tsconfig.json'));
    write('devices/reader.ts', 'export const reader = 1;\n');
    write('shared/ok.ts', "import { z } from 'zod';\nexport const s = z.string();\n");
    write('shared/bad.ts', "import { reader } from '../devices/reader';\nimport fs from 'node:fs';\nexport const x = [reader, fs];\n");
    write('renderer/bad.ts', "import { SerialPort } from 'serialport';\nimport { reader } from '../devices/reader';\nexport const y = [SerialPort, reader];\n");
    write('electron/host/bad.ts', "import { app } from 'electron';\nexport const z = app;\n");
    write('electron/main.ts', "import { app } from 'electron';\nexport const m = app;\n");
    const { status, out } = cruise();
    expect(status).not.toBe(0);
    expect(out).toContain('shared-imports-nothing-of-ours: shared/bad.ts');
    expect(out).toContain('shared-is-runtime-neutral: shared/bad.ts');
    expect(out).toContain('renderer-imports-shared-only: renderer/bad.ts');
    expect(out).toMatch(/native-packages-[a-z-]+: renderer\/bad\.ts/);
    expect(out).toContain('only-main-and-preload-import-electron: electron/host/bad.ts');
    expect(out).not.toContain('electron/main.ts →');
    expect(out).not.toContain('shared/ok.ts');
  });
});
