import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseIppResponse, parseJobAttributes, parsePrinterAttributes, parseRequestId, type CupsJob, type CupsQueue } from './ipp-attributes';

export type { CupsJob, CupsQueue };

/**
 * A thin wrapper over the CUPS command-line tools: `lp` to submit, `cancel`,
 * and `ipptool` (cups-ipp-utils, a hard dependency of `cups` through
 * cups-filters) to ask the scheduler for a job's or a queue's state.
 *
 * Why ipptool and not `lpstat` for the job state: `lpstat -W completed`
 * lists every finished job alike, completed, canceled and aborted; and the
 * `Alerts:` of `lpstat -l` are `job-state-reasons`, which CUPS 2.4 leaves
 * at e.g. `processing-to-stop-point` on a job that completed (seen on
 * Debian 12's cupsd 2.4.2). Only the IPP attribute `job-state` (RFC 8011
 * §5.3.7: 3 pending … 9 completed) says "completed" and nothing else, so
 * the driver reads it with Get-Job-Attributes (RFC 8011 §4.3.4), and the
 * queue with Get-Printer-Attributes (§4.2.5), whose `printer-state-reasons`
 * are keywords (`media-empty-error`), not localised text.
 *
 * Every call runs through `execFile` (never a shell) with a timeout and the
 * C locale, so `lp`'s "request id is …" is English.
 */

/** Queue names we accept: CUPS allows more, but these can never be read as an option. */
export const QUEUE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,126}$/;
/** `host`, `host:port`, `[v6]:port` or an absolute Unix socket path. */
const SERVER = /^(\/[A-Za-z0-9_./-]+|[A-Za-z0-9][A-Za-z0-9.-]*(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?)$/;

export class CupsError extends Error {
  constructor(
    message: string,
    /** `unreachable`: no scheduler answered; `timeout`: the command overran; `refused`: CUPS said no. */
    readonly reason: 'unreachable' | 'timeout' | 'refused' | 'failed',
  ) {
    super(message);
    this.name = 'CupsError';
  }
}

export interface CupsClientOptions {
  /** `host:port` or a socket path; defaults to `CUPS_SERVER`, else the system default (localhost). */
  server?: string;
  /** Limit of every command. Defaults to 10 000 ms. */
  timeoutMs?: number;
}

export interface CupsClient {
  readonly server: string | null;
  /** Submits a PDF through lp's stdin (the kiosk writes no temp copy; CUPS spools it like any job); resolves the job id. */
  submit(queue: string, pdf: Uint8Array, title: string): Promise<number>;
  /** The job as the scheduler sees it; null when it does not know the job (never was, or purged). */
  job(queue: string, jobId: number): Promise<CupsJob | null>;
  /** The queue; null when there is no such queue. */
  queue(queue: string): Promise<CupsQueue | null>;
  cancel(queue: string, jobId: number): Promise<void>;
}

export function isValidQueueName(name: string): boolean {
  return QUEUE_NAME.test(name);
}
export function isValidServer(server: string): boolean {
  return SERVER.test(server);
}

// Get-Job-Attributes / Get-Printer-Attributes requests in ipptool's test-file
// language; `$uri` and `$job_id` are ipptool variables. ipptool reads tests
// from files only (Node's stdin pipes are socketpairs, which /dev/stdin
// cannot open), so they are written to a private folder (ippTestFile).
const GET_JOB = `{
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job_id
  ATTR keyword requested-attributes job-id,job-state,job-state-reasons,job-printer-state-message
}
`;
const GET_PRINTER = `{
  OPERATION Get-Printer-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR keyword requested-attributes printer-state,printer-state-reasons,printer-state-message,printer-is-accepting-jobs,printer-make-and-model
}
`;

const IPP_TESTS = { 'get-job': GET_JOB, 'get-printer': GET_PRINTER };

/**
 * The test file for `name`, in one folder per user under the temp dir,
 * named after its content: reused across processes (nothing piles up) and
 * rewritten if a temp cleaner removed it.
 */
function ippTestFile(name: keyof typeof IPP_TESTS): string {
  const text = IPP_TESTS[name];
  const uid = process.getuid?.() ?? null;
  const dir = path.join(os.tmpdir(), `kiosk-ipptool-${uid ?? 'user'}`);
  const file = path.join(dir, `${name}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.test`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The temp dir is shared: use the folder only if it is a real folder of ours.
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || (uid !== null && st.uid !== uid)) throw new CupsError(`unsafe folder ${dir}`, 'failed');
  const temp = `${file}.${process.pid}`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
  return file;
}

export function createCupsClient(options: CupsClientOptions = {}): CupsClient {
  const server = options.server ?? cleanEnvServer(process.env.CUPS_SERVER);
  if (server !== null && !isValidServer(server)) throw new CupsError(`invalid CUPS server ${JSON.stringify(server)}`, 'failed');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const hostArgs = server ? ['-h', server] : [];

  const printerUri = (queue: string): string => {
    checkQueue(queue);
    // ipptool needs a URI: a socket path goes percent-encoded in the host part (CUPS's httpSeparateURI decodes it).
    const host = server === null ? 'localhost' : server.startsWith('/') ? encodeURIComponent(server) : server;
    return `ipp://${host}/printers/${queue}`;
  };

  const ipp = async (uri: string, test: keyof typeof IPP_TESTS, vars: string[]) => {
    const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
    const out = await run('ipptool', ['-T', seconds, '-t', '-v', ...vars, uri, ippTestFile(test)], timeoutMs);
    const response = parseIppResponse(out.stdout);
    if (!response) throw new CupsError(`ipptool: ${firstLine(out.stderr) || 'no response'}`, 'unreachable');
    return response;
  };

  return {
    server,
    async submit(queue, pdf, title) {
      checkQueue(queue);
      // `-h` before `-d`: lp looks the destination up on the server set so far.
      // media=A4 so a printer whose default is Letter neither shrinks nor crops the page.
      const args = [...hostArgs, '-d', queue, '-t', cleanTitle(title), '-o', 'document-format=application/pdf', '-o', 'media=A4'];
      const out = await run('lp', args, timeoutMs, pdf);
      if (out.code !== 0) throw new CupsError(firstLine(out.stderr) || `lp exited ${out.code}`, 'refused');
      const id = parseRequestId(out.stdout, queue);
      if (id === null) throw new CupsError(`lp said: ${firstLine(out.stdout)}`, 'failed');
      return id;
    },
    async job(queue, jobId) {
      const response = await ipp(printerUri(queue), 'get-job', ['-d', `job_id=${jobId}`]);
      if (response.status === 'client-error-not-found') return null;
      if (!response.status.startsWith('successful-')) throw new CupsError(`Get-Job-Attributes: ${response.status}`, 'failed');
      return parseJobAttributes(jobId, response.attributes);
    },
    async queue(queue) {
      const response = await ipp(printerUri(queue), 'get-printer', []);
      if (response.status === 'client-error-not-found') return null;
      if (!response.status.startsWith('successful-')) throw new CupsError(`Get-Printer-Attributes: ${response.status}`, 'failed');
      return parsePrinterAttributes(queue, response.attributes);
    },
    async cancel(queue, jobId) {
      checkQueue(queue);
      const out = await run('cancel', [...hostArgs, `${queue}-${jobId}`], timeoutMs);
      if (out.code !== 0) throw new CupsError(firstLine(out.stderr) || `cancel exited ${out.code}`, 'refused');
    },
  };
}

function checkQueue(queue: string): void {
  if (!isValidQueueName(queue)) throw new CupsError(`invalid queue name ${JSON.stringify(queue)}`, 'failed');
}

/** `CUPS_SERVER` may carry `/version=1.1`; an unusable value means the default. */
function cleanEnvServer(value: string | undefined): string | null {
  if (!value) return null;
  const host = value.startsWith('/') ? value : (value.split('/')[0] ?? '');
  return isValidServer(host) ? host : null;
}

/** CUPS logs job names and cups-pdf names files after them: no control characters, bounded length. */
function cleanTitle(title: string): string {
  const clean = title
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 127);
  return clean || 'kiosk document';
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CUPS tool; resolves with its exit code, rejects only on timeout or a missing binary. */
function run(command: string, args: string[], timeoutMs: number, input?: string | Uint8Array): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } },
      (error, stdout, stderr) => {
        if (error && (error as { killed?: boolean }).killed) {
          reject(new CupsError(`${command} gave no answer within ${timeoutMs} ms`, 'timeout'));
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        if (code === null) {
          reject(new CupsError(`${command}: ${error?.message ?? 'failed'}`, 'failed'));
          return;
        }
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    // A tool that exits before reading all its input closes the pipe: that is its answer, not a crash.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}
