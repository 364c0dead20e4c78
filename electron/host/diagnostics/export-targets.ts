import fs from 'node:fs';
import path from 'node:path';
import type { DiagExportTarget } from '../../../shared/contract/services/diagnostics';

/**
 * Where the diagnostics screen may write a bundle or read a config file: the
 * data dir's `diag-exports` folder, the folders in `diagnostics.exportDirs`,
 * and on Linux every mounted removable medium (a USB stick the desktop
 * mounted under /media/<user>/<label> or /run/media/<user>/<label>).
 * The screen can only choose from this list, never type a path.
 */
export function dataExportDir(dataDir: string): string {
  return path.join(dataDir, 'diag-exports');
}

/** Mount points under /media and /run/media, from /proc/mounts (octal escapes decoded). */
export function removableMounts(mountsText: string): string[] {
  return mountsText
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((p): p is string => typeof p === 'string' && /^\/(run\/)?media\/./.test(p))
    .map((p) => p.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8))));
}

function readMounts(): string {
  try {
    return fs.readFileSync('/proc/mounts', 'utf8');
  } catch {
    return '';
  }
}

export function exportTargets(dataDir: string, configured: readonly string[], mounts: () => string = readMounts): DiagExportTarget[] {
  const targets: DiagExportTarget[] = [{ path: dataExportDir(dataDir), kind: 'data' }];
  for (const dir of configured) targets.push({ path: path.resolve(dir), kind: 'configured' });
  if (process.platform === 'linux') for (const dir of removableMounts(mounts())) targets.push({ path: dir, kind: 'removable' });
  const seen = new Set<string>();
  return targets.filter((t) => (seen.has(t.path) ? false : (seen.add(t.path), true)));
}

/** Config bundle files (`*.json`, top level) in the targets that exist. */
export function configFilesIn(targets: readonly DiagExportTarget[]): string[] {
  const files: string[] = [];
  for (const target of targets) {
    let names: string[];
    try {
      names = fs.readdirSync(target.path);
    } catch {
      continue;
    }
    for (const name of names.sort()) if (name.endsWith('.json')) files.push(path.join(target.path, name));
  }
  return files;
}
