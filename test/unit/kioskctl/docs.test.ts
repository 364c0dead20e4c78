import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/kioskctl/registry';
import { EXIT } from '../../../electron/kioskctl/command';

const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/kioskctl.md'), 'utf8');

describe('kioskctl documentation (a public interface)', () => {
  it('lists every registered command', () => {
    for (const command of commands) expect(doc, command.path.join(' ')).toContain(`\`kioskctl ${command.path.join(' ')}\``);
  });

  it('documents every exit code', () => {
    for (const code of new Set(Object.values(EXIT))) expect(doc).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it('gives every command a help text that names its exit codes or its usage', () => {
    for (const command of commands) expect(command.help, command.path.join(' ')).toMatch(/Usage: kioskctl /);
  });
});
