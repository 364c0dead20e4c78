import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(rel);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [rel] : [];
  });
}

describe('one assertNever', () => {
  it('is defined once, in shared/assert-never.ts', () => {
    const defining = ['shared', 'devices', 'electron', 'renderer', 'scripts', 'test']
      .flatMap(sourceFiles)
      .filter((file) =>
        /\bfunction\s+(assertNever|missingCase|unreachable)\b|\b(assertNever|missingCase)\s*=\s*\(/.test(fs.readFileSync(path.join(root, file), 'utf8')),
      );
    expect(defining).toEqual([path.join('shared', 'assert-never.ts')]);
  });
});
