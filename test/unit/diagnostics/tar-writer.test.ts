import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tar, tarGz } from '../../../electron/host/diagnostics/tar-writer';
import { scrubLog } from '../../../electron/host/diagnostics/log-scrub';

describe('diagnostics tar writer', () => {
  it('writes an archive that the system tar lists and extracts byte for byte (Chinese names and text too)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-writer-'));
    try {
      const big = Buffer.alloc(1500, 7);
      const file = path.join(dir, 'b.tar.gz');
      fs.writeFileSync(
        file,
        tarGz([
          { name: 'manifest.json', content: '{"a":1}\n' },
          { name: 'logs/读卡器.log', content: '读卡器 就绪\n' },
          { name: 'blob.bin', content: big },
          { name: 'empty.txt', content: '' },
        ]),
      );
      expect(execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual([
        'manifest.json',
        'logs/读卡器.log',
        'blob.bin',
        'empty.txt',
      ]);
      execFileSync('tar', ['-xzf', file, '-C', dir]);
      expect(fs.readFileSync(path.join(dir, 'logs/读卡器.log'), 'utf8')).toBe('读卡器 就绪\n');
      expect(fs.readFileSync(path.join(dir, 'blob.bin')).equals(big)).toBe(true);
      expect(fs.statSync(path.join(dir, 'empty.txt')).size).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pads every entry to 512-byte blocks and ends with two zero blocks', () => {
    const bytes = tar([{ name: 'a', content: 'x' }]);
    expect(bytes.length).toBe(512 * 4);
    expect(bytes.subarray(1024).every((b) => b === 0)).toBe(true);
  });

  it('refuses names that would escape the folder the technician extracts into', () => {
    expect(() => tar([{ name: '../etc/passwd', content: '' }])).toThrow(/relative/);
    expect(() => tar([{ name: '/abs', content: '' }])).toThrow(/relative/);
    expect(() => tar([{ name: 'x'.repeat(101), content: '' }])).toThrow(/1–100 bytes/);
  });
});

describe('log scrubbing for the bundle', () => {
  it('drops personal fields from JSON lines and masks ID numbers in any line', () => {
    const lines = [
      JSON.stringify({ level: 30, msg: 'card read', name: '张三', idNumber: '11010519491231002X', card: { address: '北京' }, event: 'idcard.read' }),
      JSON.stringify({ level: 50, msg: 'failed for 11010519491231002X', nested: { buyerName: '李四', ok: true } }),
      'plain text line with 11010519491231002X in it',
      '',
    ].join('\n');
    const out = scrubLog(lines);
    expect(out).not.toContain('张三');
    expect(out).not.toContain('李四');
    expect(out).not.toContain('北京');
    expect(out).not.toContain('11010519491231002X');
    expect(out).toContain('110105********002X');
    expect(out).toContain('"event":"idcard.read"');
    expect(out.split('\n')).toHaveLength(4);
  });
});
