import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from './host/data-dir';
import { runChromiumShell, type ChromiumShell } from './shell-chromium/run-chromium-shell';
import { tlsFromFlags, withTlsParams } from './host/sync/amqp-tls';

/**
 * `npm start`: picks the shell. Electron when its binary is installed (it
 * cannot be downloaded everywhere), else the Chromium shell over the same
 * host and contract. `--shell electron|chromium` forces one. `--amqp URL`
 * talks to the backend over RabbitMQ instead of the in-process sandbox.
 */
function electronBinary(): string | null {
  // Read what `require('electron')` would, without its lazy download (which
  // reaches the internet at every start on machines that have none).
  try {
    const pkgDir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(pkgDir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const relative = fs.readFileSync(pathFile, 'utf8').trim();
    const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
    const binary = path.join(base, relative);
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      shell: { type: 'string', default: 'auto' },
      'data-dir': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      dev: { type: 'boolean', default: false },
      // The backend broker (queries and outbox over AMQP); the host reads it as KIOSK_AMQP_URL, which the Electron child inherits.
      // Repeatable: a cluster's nodes, joined into KIOSK_AMQP_URL's comma-separated list (checked by kiosk.json's schema).
      amqp: { type: 'string', multiple: true },
      // amqps: the broker's CA and the kiosk's client certificate (PEM files), merged into the URL (amqp-tls.ts).
      'amqp-ca': { type: 'string' },
      'amqp-cert': { type: 'string' },
      'amqp-key': { type: 'string' },
    },
    strict: true,
  });
  if (values.amqp !== undefined && values.amqp.length > 0) process.env.KIOSK_AMQP_URL = withTlsParams(values.amqp.join(','), tlsFromFlags(values));
  const shell = values.shell;
  if (shell !== 'auto' && shell !== 'electron' && shell !== 'chromium') {
    throw new Error(`--shell must be auto, electron or chromium (got ${shell})`);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  const electron = shell === 'chromium' ? null : electronBinary();
  if (shell === 'electron' && !electron) {
    throw new Error('the Electron binary is not installed (npm i with internet access, or use --shell chromium)');
  }
  process.stdout.write(`data dir: ${dataDir}\n`);
  if (electron) {
    const args = [path.join(__dirname, 'electron', 'main.cjs'), '--data-dir', dataDir, ...(values.dev ? ['--dev'] : [])];
    const child = spawn(electron, args, { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 1));
    return;
  }
  process.stdout.write(shell === 'chromium' ? 'shell: chromium\n' : 'shell: chromium (Electron binary not installed)\n');
  // Signals are taken before the shell exists: a SIGTERM while the devices
  // open (simulator PTYs, serial probes) must still close them, not orphan them.
  let kiosk: ChromiumShell | null = null;
  let stopRequested = false;
  const stopAndExit = (): void => {
    kiosk?.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopRequested) return;
      stopRequested = true;
      stopAndExit();
    });
  }
  kiosk = await runChromiumShell({ dataDir, open: values['no-open'] ? 'never' : 'auto' });
  if (stopRequested) return stopAndExit();
  await kiosk.started;
}

main().catch((error: unknown) => {
  process.stderr.write(`kiosk: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
