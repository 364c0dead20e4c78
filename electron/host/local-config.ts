import fs from 'node:fs';
import { z } from 'zod';
import path from 'node:path';
import { LocalConfig } from '../../shared/config/local-config';
import { describeIssues } from '../../shared/contract/router';
import { FileInputError, readBoundedText } from './bounded-file';

/** kiosk.json is a few kilobytes; the bound keeps a wrong file (a device, a log) from being read whole. */
export const MAX_LOCAL_CONFIG_BYTES = 1024 * 1024;

export const LOCAL_CONFIG_FILE = 'kiosk.json';

export class ConfigError extends Error {}

/** Reads `kiosk.json` from the data dir (absent = defaults) and applies overrides. */
export function loadLocalConfig(dataDir: string, overrides: Partial<LocalConfig> = {}): LocalConfig {
  const file = path.join(dataDir, LOCAL_CONFIG_FILE);
  let raw: unknown = {};
  if (fs.existsSync(file)) {
    let text: string;
    try {
      text = readBoundedText(file, MAX_LOCAL_CONFIG_BYTES);
    } catch (error) {
      if (error instanceof FileInputError) throw new ConfigError(error.message);
      throw error;
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const merged = deepMerge(raw, overrides);
  const parsed = LocalConfig.safeParse(merged);
  if (!parsed.success) throw new ConfigError(`${file} is invalid: ${describeConfigIssues(parsed.error)}`);
  return parsed.data;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}

/**
 * Like describeIssues (the path and the kind, never the value), plus the text of
 * our own refinements ("broker address 2 of 3 is empty"): written by us, they
 * never quote the input — a broker URL holds its password.
 */
function describeConfigIssues(error: z.ZodError): string {
  const custom = error.issues.filter((issue) => issue.code === 'custom');
  const rest = error.issues.filter((issue) => issue.code !== 'custom');
  const ours = custom.slice(0, 5).map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  return [...ours, ...(rest.length > 0 ? [describeIssues(new z.ZodError(rest))] : [])].join('; ');
}
