import { describe, expect, it } from 'vitest';
import { LocalConfig } from '../../../shared/config/local-config';
import { redactUrl, withHeartbeat } from '../../../electron/host/sync/publisher';

describe('backend config (kiosk.json "backend")', () => {
  it('defaults to the in-process sandbox, so npm start needs no broker', () => {
    expect(LocalConfig.parse({}).backend).toEqual({
      transport: 'sandbox',
      heartbeatSeconds: 30,
      confirmTimeoutMs: 10_000,
      declareTopology: true,
      queryTimeoutMs: 8000,
    });
  });

  it('needs a broker URL with amqp, and refuses other schemes and heartbeats outside 30–60 s', () => {
    expect(LocalConfig.safeParse({ backend: { transport: 'amqp' } }).success).toBe(false);
    expect(LocalConfig.safeParse({ backend: { transport: 'amqp', url: 'http://broker' } }).success).toBe(false);
    expect(LocalConfig.safeParse({ backend: { transport: 'amqp', url: 'amqp://k:p@broker/tax', heartbeatSeconds: 5 } }).success).toBe(false);
    expect(LocalConfig.parse({ backend: { transport: 'amqp', url: 'amqps://k:p@broker:5671/tax' } }).backend.url).toBe('amqps://k:p@broker:5671/tax');
  });
});

describe('broker URLs', () => {
  it('ask for our heartbeat unless the URL names one', () => {
    expect(withHeartbeat('amqp://k:p@broker:5672/tax', 30)).toBe('amqp://k:p@broker:5672/tax?heartbeat=30');
    expect(withHeartbeat('amqp://broker/tax?heartbeat=45', 30)).toBe('amqp://broker/tax?heartbeat=45');
  });

  it('never show the password', () => {
    expect(redactUrl('amqp://kiosk:s3cret@broker:5672/tax')).toBe('amqp://kiosk:***@broker:5672/tax');
    expect(redactUrl('not a url')).not.toContain('not a url');
  });
});
