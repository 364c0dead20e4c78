import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  mimeTypeFor,
  resolveAppPath,
  serveAppRequest,
} from '../../../electron/shell-electron/app-protocol';

const root = path.resolve('/opt/TaxKiosk/resources/app.asar/dist/renderer');

function refused(url: string): boolean {
  return !resolveAppPath(root, url).ok;
}

describe('resolveAppPath', () => {
  it('maps / (and the bare origin) to index.html', () => {
    for (const url of ['app://kiosk/', 'app://kiosk/?lang=zh', 'app://kiosk/#/start']) {
      expect(resolveAppPath(root, url)).toEqual({ ok: true, filePath: path.join(root, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    }
  });

  it('maps files under the renderer folder', () => {
    expect(resolveAppPath(root, 'app://kiosk/assets/index-abc123.js?v=2')).toEqual({
      ok: true,
      filePath: path.join(root, 'assets', 'index-abc123.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    const font = resolveAppPath(root, 'app://kiosk/assets/noto-sans-sc-chinese-simplified-400-normal.woff2');
    expect(font.ok && font.mimeType).toBe('font/woff2');
    const spaced = resolveAppPath(root, 'app://kiosk/assets/a%20b.png');
    expect(spaced.ok && spaced.filePath).toBe(path.join(root, 'assets', 'a b.png'));
  });

  it.each([
    'app://kiosk/../../etc/passwd',
    'app://kiosk/assets/../../../etc/passwd',
    'app://kiosk/./index.html',
    'app://kiosk/%2e%2e/%2e%2e/etc/passwd',
    'app://kiosk/%2E%2E/secret',
    'app://kiosk/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://kiosk/..%2f..%2fetc%2fpasswd',
    'app://kiosk/..%5c..%5cwindows%5cwin.ini',
    'app://kiosk/assets\\..\\..\\secret',
    'app://kiosk/%2fetc%2fpasswd',
    'app://kiosk//etc/passwd',
    'app://kiosk/C:%5cWindows%5cwin.ini',
    'app://kiosk/C:/Windows/win.ini',
    'app://kiosk/index.html%00.png',
    'app://kiosk/index.html\u0000',
    'app://kiosk/%ZZ',
    'app://kiosk/.env',
    'app://kiosk/.vite/manifest.json',
  ])('refuses %s', (url) => {
    expect(refused(url)).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://kiosk.evil/index.html',
    'app://kiosk:1/index.html',
    'file:///etc/passwd',
    'https://kiosk/index.html',
    'app://u@kiosk/',
  ])('refuses other origins: %s', (url) => {
    const result = resolveAppPath(root, url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toBe(403);
  });
});

describe('mimeTypeFor', () => {
  it('knows the renderer build output and defaults to octet-stream', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('x.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.mp3')).toBe('audio/mpeg');
    expect(mimeTypeFor('a.exe')).toBe('application/octet-stream');
  });
});

describe('CSP and scheme', () => {
  it('is the strict policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('registers app as a standard, secure scheme that does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, bypassCSP: false });
    expect(APP_INDEX_URL).toBe('app://kiosk/index.html');
  });
});

describe('serveAppRequest', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-renderer-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`), 'secret');
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`), { force: true });
  });

  it('serves index.html for / with CSP, MIME type and nosniff', async () => {
    const response = await serveAppRequest({ url: 'app://kiosk/', method: 'GET' }, dir);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>kiosk</title>');
  });

  it('serves assets', async () => {
    const response = await serveAppRequest({ url: 'app://kiosk/assets/app.js', method: 'GET' }, dir);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body', async () => {
    const response = await serveAppRequest({ url: 'app://kiosk/index.html', method: 'HEAD' }, dir);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('404s a missing file and a directory', async () => {
    expect((await serveAppRequest({ url: 'app://kiosk/missing.js', method: 'GET' }, dir)).status).toBe(404);
    expect((await serveAppRequest({ url: 'app://kiosk/assets', method: 'GET' }, dir)).status).toBe(404);
  });

  it('refuses traversal to a sibling file, with the CSP still set', async () => {
    const url = `app://kiosk/%2e%2e/${path.basename(dir)}-secret.txt`;
    const response = await serveAppRequest({ url, method: 'GET' }, dir);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await serveAppRequest({ url: 'app://kiosk/index.html', method: 'POST' }, dir);
    expect(response.status).toBe(405);
  });

  it('answers 500 on an unexpected read error', async () => {
    const failing = () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
    expect((await serveAppRequest({ url: 'app://kiosk/index.html', method: 'GET' }, dir, failing)).status).toBe(500);
  });
});
