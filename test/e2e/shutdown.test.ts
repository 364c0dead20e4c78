import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startKiosk } from '../support/kiosk-process';

/**
 * `systemctl stop` (SIGTERM) can come at any moment of a start, also while
 * the devices are still opening after the screen is served. Whenever it
 * comes, the kiosk exits cleanly and leaves no simulator PTY process (socat)
 * behind: an orphan would hold its PTY and confuse the next start.
 */
const tmpRoots: string[] = [];
afterAll(() => {
  for (const dir of tmpRoots) fs.rmSync(dir, { recursive: true, force: true });
});

/** socat processes whose command line names `dir` (the kiosk's TMPDIR, where its PTY links live). */
function socatUnder(dir: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.startsWith('socat') && cmdline.includes(dir)) found.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

async function until(probe: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return probe();
}

describe('stopping the kiosk while it starts', () => {
  for (const delayMs of [0, 300, 1500]) {
    it(`SIGTERM ${delayMs} ms after the screen is served: clean exit, no socat left`, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-stop-'));
      tmpRoots.push(tmp);
      const kiosk = await startKiosk({}, 30_000, { TMPDIR: tmp });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const exited = new Promise<number | null>((resolve) => kiosk.child.once('exit', (code) => resolve(code)));
      kiosk.child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000))]);
      if (code === 'hung') kiosk.child.kill('SIGKILL');
      expect(code, kiosk.stdout()).toBe(0);
      // Children die with their parent's cleanup; give the kernel a moment to reap them.
      expect(await until(() => socatUnder(tmp).length === 0, 3000), `socat left: ${socatUnder(tmp).join(', ')}`).toBe(true);
      await kiosk.stop();
    }, 60_000);
  }
});
