import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import Ajv, { type ErrorObject } from 'ajv';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

type Config = Record<string, unknown>;

function readConfig(): Config {
  const parsed: unknown = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('electron-builder.yml is not a mapping');
  return parsed as Config;
}

function section(config: Config, key: string): Config {
  const value = config[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${key} is not a mapping`);
  return value as Config;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** electron-builder's own schema, compiled with the options electron-builder uses (schemaValidator.js). */
function schemaValidator(): (data: unknown) => ErrorObject[] {
  const schemePath = require.resolve('app-builder-lib/scheme.json', { paths: [ROOT] });
  const schema: unknown = JSON.parse(fs.readFileSync(schemePath, 'utf8'));
  const ajv = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false });
  const validate = ajv.compile(schema as object);
  return (data) => (validate(structuredClone(data)) ? [] : [...(validate.errors ?? [])]);
}

interface AfterPackModule {
  (context: AfterPackContext): Promise<void>;
  fuseSettings(platform: string): Record<string, boolean>;
}
interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName: string; appInfo: { productFilename: string } };
}

describe('electron-builder.yml', () => {
  const config = readConfig();
  const validate = schemaValidator();

  it("validates against electron-builder's JSON schema with zero errors", () => {
    expect(validate(config)).toEqual([]);
  });

  it('the validator rejects a wrong key (negative control)', () => {
    const wrongRoot = validate({ ...config, afterPackk: './scripts/after-pack.cjs' });
    expect(wrongRoot.some((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'afterPackk')).toBe(true);
    const wrongDeb = validate({ ...config, deb: { ...section(config, 'deb'), dependz: ['libnss3'] } });
    expect(wrongDeb.some((e) => e.instancePath === '/deb' && e.params.additionalProperty === 'dependz')).toBe(true);
  });

  it('builds a .deb for Linux', () => {
    const targets = section(config, 'linux').target;
    expect(Array.isArray(targets)).toBe(true);
    const names = (targets as unknown[]).map((t) => (typeof t === 'string' ? t : (t as { target?: unknown }).target));
    expect(names).toContain('deb');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(typeof config.productName).toBe('string');
  });

  it('does not write packages into dist/, which is the build output it packs', () => {
    const output = section(config, 'directories').output;
    expect(typeof output).toBe('string');
    expect(path.normalize(output as string)).not.toBe('dist');
  });

  it('packs the built app and unpacks native addons from the asar', () => {
    const files = strings(config.files);
    expect(files).toContain('dist/**/*');
    expect(files).toContain('package.json');
    expect(files).toContain('node_modules/**/*');
    expect(config.asar).toBe(true);
    expect(strings(config.asarUnpack)).toContain('**/*.node');
  });

  it('depends on the libraries the card reader and Chromium need', () => {
    const depends = strings(section(config, 'deb').depends);
    for (const required of ['libusb-1.0-0', 'udev', 'libnss3']) expect(depends).toContain(required);
  });

  it('ships the udev rule as a resource and installs it from the deb scripts', () => {
    const resources = config.extraResources as Array<{ from: string; to: string }>;
    const rule = resources.find((r) => r.from === 'build/udev/99-tax-kiosk.rules');
    expect(rule?.to).toBe('udev/99-tax-kiosk.rules');
    expect(fs.existsSync(path.join(ROOT, rule?.from ?? 'missing'))).toBe(true);

    const deb = section(config, 'deb');
    const install = fs.readFileSync(path.join(ROOT, String(deb.afterInstall)), 'utf8');
    expect(install).toContain('resources/udev/99-tax-kiosk.rules');
    expect(install).toContain('/lib/udev/rules.d/99-tax-kiosk.rules');
    expect(install).toContain('udevadm control --reload-rules');
    const remove = fs.readFileSync(path.join(ROOT, String(deb.afterRemove)), 'utf8');
    expect(remove).toContain('/lib/udev/rules.d/99-tax-kiosk.rules');
  });

  it('deb scripts are valid bash and only use macros electron-builder defines', () => {
    const deb = section(config, 'deb');
    // FpmTarget.js: executable, sanitizedProductName, productFilename, plus the linux options' keys;
    // any other ${name} aborts the build with "Macro name is not defined".
    const known = new Set(['executable', 'sanitizedProductName', 'productFilename', ...Object.keys(section(config, 'linux'))]);
    for (const script of [deb.afterInstall, deb.afterRemove]) {
      const file = path.join(ROOT, String(script));
      const text = fs.readFileSync(file, 'utf8');
      const macros = [...text.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]);
      expect(macros.filter((m) => m !== undefined && !known.has(m))).toEqual([]);
      const rendered = text.replace(/\$\{([a-zA-Z]+)\}/g, (_m, name: string) => (name === 'executable' ? 'tax-kiosk' : 'TaxKiosk'));
      execFileSync('bash', ['-n'], { input: rendered });
    }
  });

  it('udev rule gives the kiosk group hidraw and ttyUSB access', () => {
    const rules = fs
      .readFileSync(path.join(ROOT, 'build/udev/99-tax-kiosk.rules'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    // Every rule is a comma-separated list of KEY{attr}=="value" / KEY="value" / KEY+="value".
    const pair = /^[A-Z_]+(\{[A-Za-z_]+\})?(==|!=|=|\+=|:=)"[^"]*"$/;
    for (const line of rules) {
      for (const part of line.split(/,\s*/)) expect(part, line).toMatch(pair);
    }
    const hidraw = rules.filter((l) => l.includes('SUBSYSTEM=="hidraw"'));
    const ttyUsb = rules.filter((l) => l.includes('SUBSYSTEM=="tty"') && l.includes('ttyUSB'));
    expect(hidraw.length).toBeGreaterThan(0);
    expect(ttyUsb.length).toBeGreaterThan(0);
    for (const line of [...hidraw, ...ttyUsb]) {
      expect(line).toContain('GROUP="taxkiosk"');
      expect(line).toContain('MODE="0660"');
      expect(line).toMatch(/ATTRS\{idVendor\}=="[0-9a-f]{4}"/);
    }
  });
});

describe('afterPack: scripts/after-pack.cjs', () => {
  const config = readConfig();
  const hookPath = path.join(ROOT, String(config.afterPack));
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-fuses-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('points to an existing file', () => {
    expect(fs.existsSync(hookPath)).toBe(true);
  });

  it('names only fuses that @electron/fuses knows', () => {
    const hook = require(hookPath) as AfterPackModule;
    for (const platform of ['linux', 'darwin', 'win32']) {
      for (const name of Object.keys(hook.fuseSettings(platform))) {
        expect(typeof FuseV1Options[name as keyof typeof FuseV1Options], name).toBe('number');
      }
    }
    // Embedded ASAR integrity is not implemented on Linux: not flipped there.
    expect(hook.fuseSettings('linux')).not.toHaveProperty('EnableEmbeddedAsarIntegrityValidation');
    expect(hook.fuseSettings('darwin').EnableEmbeddedAsarIntegrityValidation).toBe(true);
  });

  it('flips the fuses of a (fake) packed Electron binary: three off, cookie encryption and asar-only on', async () => {
    const hook = require(hookPath) as AfterPackModule;
    // The fuse wire as Electron lays it out: sentinel, version, length, one byte per fuse.
    // Electron's defaults: RunAsNode, NODE_OPTIONS, --inspect and file privileges on.
    const defaults = [1, 0, 1, 1, 0, 0, 0, 1, 1].map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE));
    const binary = Buffer.concat([
      Buffer.alloc(4096, 0x7f),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, defaults.length, ...defaults]),
      Buffer.alloc(4096, 0x7f),
    ]);
    fs.writeFileSync(path.join(dir, 'tax-kiosk'), binary);

    await hook({
      appOutDir: dir,
      electronPlatformName: 'linux',
      packager: { executableName: 'tax-kiosk', appInfo: { productFilename: 'TaxKiosk' } },
    });

    const wire = (await getCurrentFuseWire(path.join(dir, 'tax-kiosk'))) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // Untouched on Linux.
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
  });
});

describe('package.json', () => {
  it('has the dist:deb script', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['dist:deb']).toBe('npm run build && electron-builder --linux deb');
  });
});
