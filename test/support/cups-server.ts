import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A private CUPS scheduler for tests: its own ServerRoot, spool, cache,
 * state and logs in a temp folder, listening on 127.0.0.1:<free port> and a
 * Unix socket in that folder, with no browsing or sharing. The system's
 * cupsd (if any) is never touched. Jobs go through real cupsd scheduling,
 * filters (pdftopdf, pdftops) and backends.
 *
 * The virtual printer is cups-pdf (printer-driver-cups-pdf). Its backend
 * must run as root (cupsd runs backends whose file mode is 0700 as root)
 * and it reads its settings from /etc/cups/cups-pdf.conf only (the path is
 * compiled in), so its output lands where that file's `Out` says, by
 * default `${HOME}/PDF` of the submitting user. `pdfOutDir` reads it, and
 * `stop()` removes the files cups-pdf wrote while this scheduler ran.
 */
export interface CupsServer {
  /** `127.0.0.1:PORT`, for `-h` / the driver's `server`. */
  readonly server: string;
  readonly root: string;
  /** Where cups-pdf writes the PDFs it "prints". */
  readonly pdfOutDir: string;
  /** Runs a CUPS tool against this scheduler (`-h server` prepended). */
  tool(command: string, args: string[]): Promise<ToolResult>;
  /** Adds an enabled, accepting queue. */
  addQueue(name: string, deviceUri: string, options?: string[]): Promise<void>;
  /** Adds a cups-pdf queue: its jobs come out as PDF files in `pdfOutDir`. */
  addPdfQueue(name: string, options?: string[]): Promise<void>;
  /** Ids of jobs CUPS has not finished on `queue`. */
  activeJobs(queue: string): Promise<number[]>;
  /** The cups-pdf output whose file name contains `token` (cups-pdf names files after the job title), other than `exclude`. */
  waitForOutput(token: string, options?: { timeoutMs?: number; exclude?: string[] }): Promise<string>;
  /** Output files whose name contains `token`, now. */
  outputs(token: string): string[];
  errorLog(): string;
  stop(): Promise<void>;
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

const PPD_CANDIDATES = ['/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd', '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd'];

/** Why the CUPS tests cannot run here, or null. */
export function cupsUnavailableReason(): string | null {
  for (const bin of ['/usr/sbin/cupsd', '/usr/sbin/lpadmin', '/usr/bin/lp', '/usr/bin/ipptool', '/usr/lib/cups/backend/cups-pdf']) {
    if (!fs.existsSync(bin)) return `${bin} missing (apt-get install cups printer-driver-cups-pdf)`;
  }
  if (!PPD_CANDIDATES.some((p) => fs.existsSync(p))) return 'cups-pdf PPD missing';
  if (process.getuid?.() !== 0) return 'cups-pdf runs only under a root cupsd';
  return null;
}

export async function startCupsServer(): Promise<CupsServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-cups-'));
  // Filters run as user lp: they must reach the PPDs under root and write temp files.
  fs.chmodSync(root, 0o755);
  for (const dir of ['spool', 'cache', 'state', 'log', 'tmp', 'ppd']) fs.mkdirSync(path.join(root, dir));
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  const port = await freePort();
  const server = `127.0.0.1:${port}`;
  const socket = path.join(root, 'cups.sock');

  fs.writeFileSync(
    path.join(root, 'cupsd.conf'),
    [
      'LogLevel warn',
      `Listen ${server}`,
      `Listen ${socket}`,
      'Browsing No',
      'BrowseLocalProtocols none',
      'DefaultShared No',
      'WebInterface No',
      'DefaultAuthType None',
      'PreserveJobHistory Yes',
      // Loopback and the socket only; anyone there (root, in tests) may submit and administer.
      '<Location />',
      '  Order allow,deny',
      '  Allow localhost',
      '</Location>',
      '<Policy default>',
      '  JobPrivateAccess all',
      '  JobPrivateValues none',
      '  SubscriptionPrivateAccess all',
      '  SubscriptionPrivateValues none',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(root, 'cups-files.conf'),
    [
      `ServerRoot ${root}`,
      `RequestRoot ${root}/spool`,
      `CacheDir ${root}/cache`,
      `StateDir ${root}/state`,
      `TempDir ${root}/tmp`,
      `AccessLog ${root}/log/access_log`,
      `ErrorLog ${root}/log/error_log`,
      `PageLog ${root}/log/page_log`,
      // No AppArmor/seccomp profile is written for a private root; relaxed is what Debian's own tests use.
      'Sandboxing relaxed',
      'FileDevice No',
      'SystemGroup root',
      '',
    ].join('\n'),
  );

  const child = spawn('/usr/sbin/cupsd', ['-f', '-c', path.join(root, 'cupsd.conf'), '-s', path.join(root, 'cups-files.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so stop() also ends the filters and backends it started.
    detached: true,
    env: { ...process.env, LC_ALL: 'C' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const tool = (command: string, args: string[]) => runTool(command, ['-h', server, ...args]);
  const errorLog = () => readOr(path.join(root, 'log', 'error_log'));
  const outDir = pdfOutDir();
  const startedAt = Date.now() - 1000;

  const handle: CupsServer = {
    server,
    root,
    pdfOutDir: outDir,
    tool,
    async addQueue(name, deviceUri, options = []) {
      const ppd = PPD_CANDIDATES.find((p) => fs.existsSync(p)) ?? '';
      const result = await tool('/usr/sbin/lpadmin', ['-p', name, '-E', '-v', deviceUri, '-P', ppd, ...options.flatMap((o) => ['-o', o])]);
      if (result.code !== 0) throw new Error(`lpadmin ${name}: ${result.stderr}`);
    },
    addPdfQueue(name, options = []) {
      return handle.addQueue(name, 'cups-pdf:/', options);
    },
    async activeJobs(queue) {
      const result = await tool('lpstat', ['-W', 'not-completed', '-o', queue]);
      return [...result.stdout.matchAll(new RegExp(`^${queue}-(\\d+)\\s`, 'gm'))].map((m) => Number(m[1]));
    },
    outputs(token) {
      const files = fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((f) => f.includes(token)) : [];
      return files.map((f) => path.join(outDir, f));
    },
    async waitForOutput(token, { timeoutMs = 15_000, exclude = [] } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = handle.outputs(token).filter((f) => f.endsWith('.pdf') && !exclude.includes(f));
        // cups-pdf writes through Ghostscript: wait until the file is whole (ends with %%EOF).
        const done = found.find((f) => readOr(f, 'latin1').trimEnd().endsWith('%%EOF'));
        if (done) return done;
        if (Date.now() > deadline) throw new Error(`no cups-pdf output named *${token}* in ${outDir}\n${errorLog()}`);
        await sleep(100);
      }
    },
    errorLog,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await tool('cancel', ['-a']).catch(() => undefined);
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      // Backends of canceled jobs may outlive cupsd for a moment; they share its process group.
      killGroup(child, 'SIGKILL');
      // Every PDF cups-pdf wrote while this scheduler ran (a failed test may never have asked for its file).
      for (const file of handle.outputs('job_')) {
        if (/job_\d+\.pdf$/.test(file) && (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= startedAt) fs.rmSync(file, { force: true });
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };

  try {
    await waitUntilRunning(server, child, () => stderr + errorLog());
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

async function waitUntilRunning(server: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cupsd exited with ${child.exitCode}:\n${log()}`);
    const result = await runTool('lpstat', ['-h', server, '-r']);
    if (/scheduler is running/.test(result.stdout)) return;
    if (Date.now() > deadline) throw new Error(`cupsd did not answer on ${server}:\n${log()}`);
    await sleep(100);
  }
}

/** cups-pdf's `Out` from /etc/cups/cups-pdf.conf (default `${HOME}/PDF`), for this user. */
export function pdfOutDir(): string {
  const conf = readOr('/etc/cups/cups-pdf.conf');
  const out = /^\s*Out\s+(\S.*?)\s*$/m.exec(conf)?.[1] ?? '${HOME}/PDF';
  const user = os.userInfo();
  return out.replace(/\$\{HOME\}/g, user.homedir).replace(/\$\{USER\}/g, user.username);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function runTool(command: string, args: string[]): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** A TCP port on 127.0.0.1 that nothing listens on (right after the call). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function readOr(file: string, encoding: BufferEncoding = 'utf8'): string {
  try {
    return fs.readFileSync(file, encoding);
  } catch {
    return '';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
