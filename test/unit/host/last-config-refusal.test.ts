import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/host/db/database';
import { LastConfigRefusal } from '../../../electron/host/config/last-config-refusal';
import { bundle, kioskctl, makeKey, makeKioskDir, tempDir, writeSigned } from './config-fixtures';

/**
 * What the heartbeat reports as `config.refused`: the last refusal since the
 * last apply, read from the audit trail (so a restart keeps it), cleared by an
 * apply, and not raised by a second delivery of the bundle in force.
 */
const root = tempDir('kiosk-last-refusal-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function apply(dataDir: string, file: string): Promise<number> {
  return (await kioskctl('config', 'apply', file, '--json', '--data-dir', dataDir)).code;
}

describe('the last config refusal', () => {
  it('is the newest refusal until an apply, survives a reopen, and ignores a redelivery of the bundle in force', async () => {
    const key = makeKey(path.join(root, 'keys'));
    const stranger = makeKey(path.join(root, 'stranger'));
    const dataDir = makeKioskDir(root, [key]);
    const db = openDatabase(dataDir);
    try {
      const last = new LastConfigRefusal(db);
      expect(last.current()).toBeNull();

      expect(await apply(dataDir, writeSigned(path.join(root, 'rogue-v2.json'), bundle({ version: 2 }), stranger))).toBe(2);
      const refused = last.current();
      expect(refused).toMatchObject({ version: 2, reason: expect.stringMatching(/^unknownKey: \S/) });
      expect(Date.parse(refused?.at ?? '')).not.toBeNaN();
      // A host started later (a new reader on the same trail) reports the same refusal.
      expect(new LastConfigRefusal(db).current()).toEqual(refused);

      const good = writeSigned(path.join(root, 'good-v2.json'), bundle({ version: 2 }), key);
      expect(await apply(dataDir, good)).toBe(0);
      expect(last.current()).toBeNull();

      // The same bundle delivered again is refused as a rollback, but there is nothing to act on.
      expect(await apply(dataDir, good)).toBe(2);
      expect(last.current()).toBeNull();
      expect(new LastConfigRefusal(db).current()).toBeNull();

      // An older bundle is a real rollback attempt: reported.
      expect(await apply(dataDir, writeSigned(path.join(root, 'old-v1.json'), bundle({ version: 1 }), key))).toBe(2);
      expect(last.current()).toMatchObject({ version: 1, reason: expect.stringMatching(/^rollback: /) });
    } finally {
      db.close();
    }
  });
});
