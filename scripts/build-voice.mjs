// `npm run build:voice` (and the first half of `npm run build:renderer`):
// renders every voice prompt listed in shared/i18n/voice-prompts.ts, in every
// language, with espeak-ng (a Debian package; no network, no OS speech
// service at run time) into renderer/public/voice/<lang>/<name>.wav, which
// Vite copies into dist/renderer/voice. The texts come from the catalogues,
// bundled here with esbuild. Each WAV is cached in node_modules/.cache/voice
// under a hash of what made it (engine version, voice, speed, text, and the
// shipping encoding of scripts/voice-encode.mjs: 16 kHz μ-law, ~a third of
// espeak's 22 kHz 16-bit), so a rebuild only speaks the prompts whose text
// or settings changed.
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENCODING, encodeForKiosk } from './voice-encode.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, 'node_modules/.cache/voice');
const outDir = join(root, 'renderer/public/voice');

/**
 * espeak-ng voice and speed (words a minute; espeak's default is 175) per
 * catalogue language: a little slower than the default, for older listeners.
 * espeak counts each Mandarin syllable as a word and is slow already, so
 * Mandarin is slowed less than English.
 */
const VOICES = { 'zh-CN': { voice: 'cmn', speed: 165 }, en: { voice: 'en', speed: 150 } };

const started = Date.now();

function fail(message) {
  console.error(`build-voice: ${message}`);
  process.exit(1);
}

const probe = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  fail(
    'espeak-ng was not found or does not run. The voice prompts are synthesised at build time with it.\n' +
      '  Install it with: sudo apt-get install espeak-ng   (or scripts/install-system-deps.sh)',
  );
}
const engine = probe.stdout.trim().split('\n')[0];
for (const { voice } of Object.values(VOICES)) {
  const listed = spawnSync('espeak-ng', [`--voices=${voice}`], { encoding: 'utf8' });
  if (
    listed.status !== 0 ||
    !listed.stdout
      .split('\n')
      .slice(1)
      .some((line) => line.trim() !== '')
  ) {
    fail(`espeak-ng has no "${voice}" voice (espeak-ng-data is incomplete?)`);
  }
}

// The prompt list and the catalogues, bundled from TypeScript (zod stays a package import).
mkdirSync(cacheDir, { recursive: true });
const bundle = join(cacheDir, 'prompts.mjs');
await build({
  stdin: {
    contents: "export { VOICE_KEYS, VOICE_DIR, voiceFile } from './shared/i18n/voice-prompts';\nexport { catalogues } from './shared/i18n/index';\n",
    resolveDir: root,
    loader: 'ts',
    sourcefile: 'voice-entry.ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  outfile: bundle,
});
const { VOICE_KEYS, voiceFile, catalogues } = await import(`${pathToFileURL(bundle).href}?t=${Date.now()}`);

/** One job per (language, key): where its audio is cached and where it goes. */
const jobs = [];
for (const [lang, { voice, speed }] of Object.entries(VOICES)) {
  for (const key of VOICE_KEYS) {
    const text = catalogues[lang][key];
    if (typeof text !== 'string' || text.trim() === '') fail(`no ${lang} text for ${key}`);
    const hash = createHash('sha256')
      .update(JSON.stringify({ engine, voice, speed, text, encoding: ENCODING }))
      .digest('hex')
      .slice(0, 24);
    jobs.push({ lang, key, voice, speed, text, cached: join(cacheDir, `${hash}.wav`), file: voiceFile(lang, key) });
  }
}

function speak(job) {
  return new Promise((resolve, reject) => {
    const partial = `${job.cached}.${process.pid}.part`;
    // `--` keeps a text that starts with "-" from being read as an option.
    const child = spawn('espeak-ng', ['-v', job.voice, '-s', String(job.speed), '-w', partial, '--', job.text], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || !existsSync(partial) || statSync(partial).size <= 44) {
        rmSync(partial, { force: true });
        reject(new Error(`espeak-ng failed for ${job.lang} ${job.key} (exit ${code}): ${stderr.trim()}`));
        return;
      }
      try {
        // Encoded before the rename: the cache only ever holds finished, shippable files.
        writeFileSync(partial, encodeForKiosk(readFileSync(partial)));
        renameSync(partial, job.cached);
        resolve();
      } catch (error) {
        rmSync(partial, { force: true });
        reject(new Error(`encoding ${job.lang} ${job.key} failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    });
  });
}

const toRender = jobs.filter((job) => !existsSync(job.cached));
let next = 0;
const workers = Array.from({ length: Math.max(1, Math.min(availableParallelism(), 4)) }, async () => {
  while (next < toRender.length) await speak(toRender[next++]);
});
try {
  await Promise.all(workers);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

// Copy into the renderer's public folder; unchanged files keep their mtime (Vite and the tests see no change).
const wanted = new Set();
let bytes = 0;
const manifest = { engine, voices: VOICES, encoding: ENCODING, prompts: {} };
for (const job of jobs) {
  const target = join(outDir, ...job.file.split('/').slice(1));
  wanted.add(target);
  mkdirSync(dirname(target), { recursive: true });
  const audio = readFileSync(job.cached);
  bytes += audio.length;
  if (!existsSync(target) || !readFileSync(target).equals(audio)) copyFileSync(job.cached, target);
  (manifest.prompts[job.lang] ??= {})[job.key] = { file: job.file, text: job.text, bytes: audio.length };
}
wanted.add(join(outDir, 'manifest.json'));
// Prompts that were removed from the list leave no file behind.
for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
  const path = join(entry.parentPath, entry.name);
  if (entry.isFile() && !wanted.has(path)) rmSync(path);
}
const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
const manifestPath = join(outDir, 'manifest.json');
if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== manifestText) writeFileSync(manifestPath, manifestText);

// The cache keeps only what this list makes: an edited text leaves no old audio behind.
const used = new Set(jobs.map((job) => job.cached));
for (const name of readdirSync(cacheDir)) {
  if (name.endsWith('.wav') && !used.has(join(cacheDir, name))) rmSync(join(cacheDir, name));
}

const mb = (bytes / 1024 / 1024).toFixed(1);
console.log(
  `build-voice: ${jobs.length} prompts (${VOICE_KEYS.length} × ${Object.keys(VOICES).length} languages), ` +
    `${toRender.length} synthesised, ${jobs.length - toRender.length} cached, ${mb} MB in ${relative(root, outDir)} (${Date.now() - started} ms)`,
);
