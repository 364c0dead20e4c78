import { EXIT, UsageError, intOption, type Command } from '../command';
import { CONFIG_BUNDLE_FORMAT, CONFIG_SECTIONS, ConfigBundle, describeTarget, type ConfigTarget } from '../../../shared/config/config-bundle';
import { describeBundleIssues } from '../../host/config/bundle-signature';
import { FileInputError, readJsonFile, requiredString, writeFileAtomic } from './config-io';

const HELP = `Usage: kioskctl config build --in FILE.json --out BUNDLE [--target T] [--version N]
                            [--valid-days N | --expires-at ISO] [--json]

Builds an unsigned config bundle from FILE.json: checks it against the bundle
schema (shared/config/config-bundle.ts) and fills in what the administrator
need not type. Sign it next with kioskctl config sign.

FILE.json is either {"payload": {SECTIONS}, "version"?, "target"?, "expiresAt"?}
or just {SECTIONS}. Sections (each optional, at least one):
  taxRates      the full tax config (shared/config/tax-config.ts; defaults filled in)
  invoiceStock  [{"type","code","from","to"}]: ranges ADDED to the kiosk's stock
  texts         {"zh-CN": {KEY: TEXT}, "en": {...}}: overrides of catalogue texts (screen,
                receipts, PDFs); known keys only, plain text, the catalogue's {placeholders} only
  timeouts      {"idleTimeoutMs","idleWarnMs","rejectedDisplayMs","elderlyIdleTimeoutMs",
                "elderlyByDefault"}
  services      {"invoiceCollection","invoiceIssue","iitCertificate"}: true = on
  deviceMap     {"mode","idcard","receiptPrinter","invoicePrinter","a4Printer"} as in kiosk.json
A section in a bundle replaces that section on the kiosk; absent ones keep theirs.

Filled in:
  version    --version, else the file's, else the current Unix time in seconds (so a
             later build is always newer; kiosks refuse a version not above theirs)
  issuedAt   now
  expiresAt  --expires-at, else the file's, else now + --valid-days (default 30)
  target     --target, else the file's; required: all | branch:ID | kiosks:ID[,ID...]

Options:
  --in FILE.json    the administrator's input
  --out BUNDLE      where the bundle (JSON) is written
  --target T        all, branch:BRANCH-ID, or kiosks:KIOSK-ID,KIOSK-ID
  --version N       the bundle version, a positive integer
  --valid-days N    days until it expires (1..3650, default 30)
  --expires-at ISO  expiry as an ISO date-time with offset (2025-01-31T00:00:00+08:00)
  --json            one JSON object: {"built":{"version","issuedAt","expiresAt","target","sections"}}
                    or, refused, {"refused":{"reason":"schema|input","detail"}}

Exit codes:
  0   written
  2   refused: the input is not JSON or not a valid bundle (the fields named); nothing written
  64  a flag missing or malformed`;

export function parseTarget(raw: string): ConfigTarget {
  if (raw === 'all') return { all: true };
  const [kind, rest] = [raw.slice(0, raw.indexOf(':')), raw.slice(raw.indexOf(':') + 1)];
  if (kind === 'branch' && rest) return { branch: rest };
  if (kind === 'kiosks' && rest) return { kioskIds: rest.split(',').filter(Boolean) };
  throw new UsageError(`--target must be all, branch:ID or kiosks:ID[,ID...] (got ${raw})`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const configBuildCommand: Command = {
  path: ['config', 'build'],
  summary: 'build an unsigned config bundle from a JSON file (schema-checked)',
  help: HELP,
  options: {
    in: { type: 'string' },
    out: { type: 'string' },
    target: { type: 'string' },
    version: { type: 'string' },
    'valid-days': { type: 'string' },
    'expires-at': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const input = requiredString(values, 'in');
    const out = requiredString(values, 'out');
    const version = values.version === undefined ? undefined : intOption(values, 'version', 0, 1, Number.MAX_SAFE_INTEGER);
    const validDays = intOption(values, 'valid-days', 30, 1, 3650);
    const flagTarget = typeof values.target === 'string' ? parseTarget(values.target) : undefined;
    const refuse = (reason: 'schema' | 'input', detail: string) => {
      if (values.json) io.out(JSON.stringify({ refused: { reason, detail } }));
      else io.err(`kioskctl config build: refused: ${detail}`);
      return EXIT.refused;
    };

    let raw: unknown;
    try {
      raw = readJsonFile(input);
    } catch (error) {
      if (error instanceof FileInputError) return refuse('input', error.message);
      throw error;
    }
    if (!isRecord(raw)) return refuse('input', `${input} must hold a JSON object`);
    const file = 'payload' in raw ? raw : { payload: raw };
    const target = flagTarget ?? file.target;
    if (target === undefined) throw new UsageError('the target is required: --target all|branch:ID|kiosks:ID[,ID...] (or "target" in the file)');
    const now = new Date();
    const issuedAt = now.toISOString();
    const expiresAt =
      typeof values['expires-at'] === 'string' ? values['expires-at'] : (file.expiresAt ?? new Date(now.getTime() + validDays * 86_400_000).toISOString());
    const candidate = {
      format: CONFIG_BUNDLE_FORMAT,
      version: version ?? file.version ?? Math.floor(now.getTime() / 1000),
      issuedAt,
      expiresAt,
      target,
      payload: file.payload,
    };
    const parsed = ConfigBundle.safeParse(candidate);
    if (!parsed.success) return refuse('schema', describeBundleIssues(parsed.error));
    const bundle = parsed.data;
    writeFileAtomic(out, `${JSON.stringify(bundle, null, 2)}\n`);
    const sections = CONFIG_SECTIONS.filter((s) => bundle.payload[s] !== undefined);
    if (values.json) io.out(JSON.stringify({ built: { version: bundle.version, issuedAt, expiresAt: bundle.expiresAt, target: bundle.target, sections } }));
    else io.out(`built version ${bundle.version} for ${describeTarget(bundle.target)}, expires ${bundle.expiresAt}, sections: ${sections.join(', ')} → ${out}`);
    return EXIT.ok;
  },
};
