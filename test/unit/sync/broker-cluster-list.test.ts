import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalConfig } from '../../../shared/config/local-config';
import { parseBrokerList } from '../../../shared/config/broker-list';
import { BrokerRotation, seededShuffle } from '../../../electron/host/sync/broker-rotation';
import { redactUrl } from '../../../electron/host/sync/publisher';
import { withTlsParams } from '../../../electron/host/sync/amqp-tls';
import { amqpFromEnv } from '../../../electron/host/sync/rpc-config';
import { loadLocalConfig } from '../../../electron/host/local-config';
import { amqpGiven } from '../../../electron/kioskctl/amqp-flag';
import { UsageError } from '../../../electron/kioskctl/command';
import { withoutSecrets } from '../../../electron/host/diagnostics/diag-bundle';

const A = 'amqp://kiosk:s3cret@127.0.0.1:5672/tax';
const B = 'amqp://kiosk:s3cret@127.0.0.2:5672/tax';
const C = 'amqp://kiosk:s3cret@localhost:5673/tax';

describe('a cluster in kiosk.json (backend.url as a list)', () => {
  it('takes one URL as before, an array, or one string with commas; all become the same comma-joined list', () => {
    const parse = (url: unknown) => LocalConfig.parse({ backend: { transport: 'amqp', url } }).backend.url;
    expect(parse(A)).toBe(A);
    expect(parse([A, B, C])).toBe(`${A},${B},${C}`);
    expect(parse(`${A}, ${B} ,${C}`)).toBe(`${A},${B},${C}`);
  });

  it('refuses a bad entry by its position, never echoing the URL (it holds the password)', () => {
    for (const [url, problem] of [
      [[A, 'http://kiosk:s3cret@broker'], 'broker address 2 of 2 is not an amqp:// or amqps:// URL'],
      [`${A},,${B}`, 'broker address 2 of 3 is empty'],
      [[A, A], 'broker address 2 of 2 repeats an earlier one'],
      [[], 'no broker address'],
    ] as const) {
      const result = LocalConfig.safeParse({ backend: { transport: 'amqp', url } });
      expect(result.success).toBe(false);
      const text = JSON.stringify(result.error?.issues);
      expect(text).toContain(problem);
      expect(text).not.toContain('s3cret');
    }
  });

  it('asks every node off this machine for amqps://, and backend.tls for amqps:// on every node', () => {
    const offsite = 'amqp://kiosk:s3cret@broker.example:5672/tax';
    expect(LocalConfig.safeParse({ backend: { transport: 'amqp', url: [A, offsite] } }).success).toBe(false);
    expect(LocalConfig.safeParse({ backend: { transport: 'amqp', url: [A, offsite], allowPlaintext: true } }).success).toBe(true);
    const tls = { caFile: '/etc/ca.pem' };
    expect(LocalConfig.safeParse({ backend: { transport: 'amqp', url: ['amqps://k:p@n1:5671/', A], tls } }).success).toBe(false);
    const both = LocalConfig.parse({ backend: { transport: 'amqp', url: ['amqps://k:p@n1:5671/', 'amqps://k:p@n2:5671/'], tls } }).backend;
    expect(withTlsParams(both.url ?? '', both.tls)).toBe('amqps://k:p@n1:5671/?cacertfile=%2Fetc%2Fca.pem,amqps://k:p@n2:5671/?cacertfile=%2Fetc%2Fca.pem');
  });
});

describe('KIOSK_AMQP_URL and --amqp with several nodes', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('KIOSK_AMQP_URL takes a comma-separated list; a bad entry stops the kiosk with its position', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-cluster-cfg-'));
    dirs.push(dir);
    expect(loadLocalConfig(dir, amqpFromEnv({ KIOSK_AMQP_URL: `${A},${B}` })).backend).toMatchObject({ transport: 'amqp', url: `${A},${B}` });
    let message = '';
    try {
      loadLocalConfig(dir, amqpFromEnv({ KIOSK_AMQP_URL: `${A},ftp://kiosk:s3cret@x` }));
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain('broker address 2 of 2');
    expect(message).not.toContain('s3cret');
  });

  it('--amqp given once is the broker as before; repeated it lists the nodes; a bad one is a usage error', () => {
    expect(amqpGiven({ amqp: [A] })).toBe(A);
    expect(amqpGiven({ amqp: [A, B] })).toBe(`${A},${B}`);
    expect(amqpGiven({ amqp: [`${A},${B}`, C] })).toBe(`${A},${B},${C}`);
    expect(amqpGiven({}, { KIOSK_AMQP_URL: `${B},${C}` })).toBe(`${B},${C}`);
    expect(amqpGiven({ amqp: [A] }, { KIOSK_AMQP_URL: B })).toBe(A);
    expect(amqpGiven({})).toBeUndefined();
    expect(() => amqpGiven({ amqp: [A, 'kiosk:s3cret@host'] })).toThrow(UsageError);
    expect(() => amqpGiven({ amqp: [A, 'kiosk:s3cret@host'] })).toThrow(/^--amqp: broker address 2 of 2 is not an amqp/);
  });

  it('the diagnostics bundle never carries a password, whichever node', () => {
    const config = LocalConfig.parse({ backend: { transport: 'amqp', url: [A, B, C] } });
    const scrubbed = JSON.stringify(withoutSecrets(config));
    expect(scrubbed).not.toContain('s3cret');
    expect(scrubbed).toContain('amqp://kiosk:[removed]@127.0.0.2:5672/tax');
  });

  it('logs never show a password, whichever node', () => {
    expect(redactUrl(`${A},${B}`)).toBe('amqp://kiosk:***@127.0.0.1:5672/tax,amqp://kiosk:***@127.0.0.2:5672/tax');
    expect(new BrokerRotation(`${A},${B},${C}`, 'K1').describe()).not.toContain('s3cret');
  });
});

describe('which node a kiosk uses', () => {
  it('each kiosk has its own fixed order over the nodes, and moves to the next on loss, wrapping round', () => {
    const rotation = new BrokerRotation(`${A},${B},${C}`, 'KIOSK-0042');
    const again = new BrokerRotation(`${A},${B},${C}`, 'KIOSK-0042');
    expect(again.order).toEqual(rotation.order);
    expect([...rotation.order].sort()).toEqual([A, B, C].sort());
    const seen = [rotation.current, rotation.advance(), rotation.advance(), rotation.advance()];
    expect(seen).toEqual([...rotation.order, rotation.order[0]]);
  });

  it('a single URL stays put', () => {
    const rotation = new BrokerRotation(A, 'K');
    expect([rotation.current, rotation.advance()]).toEqual([A, A]);
  });

  it('2,000 kiosks spread over three nodes instead of all starting on the first', () => {
    const firsts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const first = seededShuffle(['n1', 'n2', 'n3'], `KIOSK-${String(i).padStart(4, '0')}`)[0] ?? '';
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    // An even spread is 667 each; a fair shuffle stays well within ±15 %.
    for (const node of ['n1', 'n2', 'n3']) expect(firsts.get(node) ?? 0).toBeGreaterThan(560);
  });

  it('refuses a bad list when a link is made from it', () => {
    expect(() => new BrokerRotation(`${A},nope`, 'K')).toThrow('broker address 2 of 2 is not an amqp:// or amqps:// URL');
    expect(parseBrokerList([A, B])).toEqual([A, B]);
  });
});
