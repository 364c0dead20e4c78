import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnTethered } from '../process/tethered-spawn';

/**
 * A linked pair of real pseudo-terminals, made by socat:
 *   socat -d -d PTY,raw,echo=0,link=A PTY,raw,echo=0,link=B
 * Bytes written to one end come out of the other, and both ends are real
 * `/dev/pts/N` devices, so the kiosk's real `serialport` code opens them.
 * Killing socat hangs both ends up: the kiosk sees a disconnect, as when a
 * USB-serial reader is unplugged. Generic: every device simulator uses it.
 */
export interface PtyPair {
  /** Symlink to the first end (give this one to the kiosk). */
  readonly a: string;
  /** Symlink to the second end (the simulator opens it). */
  readonly b: string;
  /** Whether socat is still running. */
  alive(): boolean;
  /** Called when socat exits for any reason. */
  onExit(listener: () => void): void;
  /** Kills socat and waits for it; removes the links. Harmless twice. */
  close(): Promise<void>;
}

export interface PtyPairOptions {
  /** Link paths; default: two fresh names in a new temp directory. */
  a?: string;
  b?: string;
  /** How long to wait for socat to set up both ends. Defaults to 5000 ms. */
  startTimeoutMs?: number;
}

/** A fresh temp directory for a pair's links (removed by the caller when done). */
export function makeLinkDir(prefix = 'kiosk-pty-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function unlinkQuiet(p: string): void {
  try {
    if (fs.lstatSync(p).isSymbolicLink()) fs.unlinkSync(p);
  } catch {
    /* already gone */
  }
}

export async function createPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const dir = options.a && options.b ? null : makeLinkDir();
  const a = options.a ?? path.join(dir ?? os.tmpdir(), 'kiosk');
  const b = options.b ?? path.join(dir ?? os.tmpdir(), 'device');
  // A stale link from a killed run would make us think the pair is up.
  unlinkQuiet(a);
  unlinkQuiet(b);
  // Tethered (setpriv --pdeathsig): socat dies with the process that made the pair, even when that one is
  // SIGKILLed or crashes and its close() never runs; an orphan would hold the PTY for good.
  const child: ChildProcess = spawnTethered('socat', ['-d', '-d', `PTY,raw,echo=0,link=${a}`, `PTY,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  }).child;
  let exited = false;
  const exitListeners: (() => void)[] = [];
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      unlinkQuiet(a);
      unlinkQuiet(b);
      for (const l of exitListeners) l();
      resolve();
    });
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`socat did not start within ${options.startTimeoutMs ?? 5000} ms: ${log.trim()}`)),
      options.startTimeoutMs ?? 5000,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.once('error', (error) => fail(new Error(`cannot run socat: ${error.message}`)));
    child.once('exit', (code) => fail(new Error(`socat exited (${code}) during start: ${log.trim()}`)));
    // "starting data transfer loop" is printed once both PTYs and links exist.
    child.stderr?.on('data', (chunk: Buffer) => {
      if (log.length < 4000) log += chunk.toString();
      if (log.includes('starting data transfer loop') && fs.existsSync(a) && fs.existsSync(b)) {
        clearTimeout(timer);
        child.removeAllListeners('error');
        resolve();
      }
    });
  });
  child.stderr?.removeAllListeners('data');
  child.stderr?.resume(); // keep draining so socat never blocks on a full pipe

  return {
    a,
    b,
    alive: () => !exited,
    onExit: (listener) => {
      if (exited) queueMicrotask(listener);
      else exitListeners.push(listener);
    },
    async close() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exitedPromise;
        clearTimeout(timer);
      }
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
