/**
 * Child process for config-apply-crash.test.ts, bundled with esbuild to a temp
 * .cjs and run with plain node. It applies a signed bundle to the kiosk
 * database like `kioskctl config apply` does, and stops at one step (inside the
 * SQLite transaction, or just after its commit) to wait for SIGKILL.
 */
import fs from 'node:fs';
import { AuditLog } from '../../electron/host/audit/audit-log';
import { loadKeysFromDir, pinnedKeysDir } from '../../electron/host/config/bundle-keys';
import { applyConfigBundle, type ApplyStep } from '../../electron/host/config/config-apply';
import { openDatabase } from '../../electron/host/db/database';

type Mode = ApplyStep | 'committed';
const [dataDir = '', signedFile = '', modeArg = 'committed'] = process.argv.slice(2);
const mode = modeArg as Mode;

const db = openDatabase(dataDir);
const say = (value: unknown) => fs.writeSync(1, `${JSON.stringify(value)}\n`);
/** Blocks the thread without spinning until SIGKILL arrives. */
const hang = (): never => {
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};

const outcome = applyConfigBundle(fs.readFileSync(signedFile), {
  db,
  audit: new AuditLog(db, { actor: 'crash-test' }),
  keys: loadKeysFromDir(pinnedKeysDir(dataDir)),
  kiosk: { kioskId: 'KIOSK-T-0001', branchId: 'BRANCH-JN-01' },
  source: 'file',
  actor: 'crash-test',
  afterStep: (step) => {
    if (step !== mode) return;
    say({ step: 'ready', at: step });
    hang();
  },
});
say({ step: mode === 'committed' ? 'ready' : 'finished', outcome });
hang();
