import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

/**
 * Children that die with the process that started them (issue 14: after a
 * host crash the simulators' socat and the kiosk's Chromium were adopted by
 * PID 1 and lived on, holding PTYs and the screen).
 *
 * A clean stop kills its children itself; a crash, an uncaught exception or a
 * SIGKILL runs no code at all. So the kernel does it: util-linux `setpriv
 * --pdeathsig KILL -- CMD` sets PR_SET_PDEATHSIG (prctl(2)) in the child and
 * then execs CMD; the setting survives the exec, and when the thread that
 * spawned it (Node's main thread, where libuv spawns) ends, for any reason,
 * the kernel sends CMD a SIGKILL. Debian 12 ships setpriv in util-linux
 * (Essential). Where it is missing the child is spawned as it is and the
 * caller is told (`tethered: false`); the packaged kiosk's systemd unit
 * (KillMode=control-group) still ends every process of its cgroup.
 */
export const SETPRIV_CANDIDATES = ['/usr/bin/setpriv', '/bin/setpriv'];

let cachedSetpriv: string | null | undefined;

/** The setpriv binary, or null when this system has none (looked up once). */
export function findSetpriv(): string | null {
  if (cachedSetpriv === undefined) cachedSetpriv = SETPRIV_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
  return cachedSetpriv;
}

/** The command line that runs `command args…` with a parent-death SIGKILL (pure: testable without spawning). */
export function tetheredCommand(command: string, args: readonly string[], setpriv: string | null): { command: string; args: string[]; tethered: boolean } {
  if (setpriv === null) return { command, args: [...args], tethered: false };
  return { command: setpriv, args: ['--pdeathsig', 'KILL', '--', command, ...args], tethered: true };
}

export interface TetheredChild {
  child: ChildProcess;
  /** False when setpriv was not found and the child is an ordinary one. */
  tethered: boolean;
}

/** `spawn`, with the child killed by the kernel when this process ends. */
export function spawnTethered(command: string, args: readonly string[], options: SpawnOptions = {}): TetheredChild {
  const line = tetheredCommand(command, args, findSetpriv());
  return { child: spawn(line.command, line.args, options), tethered: line.tethered };
}
