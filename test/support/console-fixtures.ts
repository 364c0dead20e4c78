import { HEARTBEAT_FORMAT, type Heartbeat } from '../../shared/fleet/heartbeat';

/** A healthy v2 heartbeat of `kioskId` sent at `sentAt`; `over` replaces parts of it. */
export function heartbeat(kioskId: string, sentAt: Date, over: Partial<Heartbeat> = {}): Heartbeat {
  return {
    format: HEARTBEAT_FORMAT,
    kioskId,
    branchId: 'BRANCH-JN-01',
    sentAt: sentAt.toISOString(),
    appVersion: '0.1.0',
    uptimeSeconds: 3600,
    config: { version: 3, hash: 'ab'.repeat(32), refused: null },
    stock: [{ type: 'vat-normal', remaining: 400 }],
    audit: { seq: 10, hash: 'a'.repeat(64) },
    devices: {
      idcard: { device: 'online', media: 'notPresent' },
      printers: {
        receipt: { device: 'online', paper: 'full', coverOpen: false, detail: null },
        invoice: { device: 'online', paper: 'full', coverOpen: false, detail: null },
      },
    },
    outbox: { pending: 0, oldestAgeSeconds: null, dead: 0 },
    ...over,
  };
}

/** The same heartbeat with one printer's paper state changed (as the driver reports it: offline on paper out). */
export function withPaper(beat: Heartbeat, printer: 'receipt' | 'invoice', paper: 'full' | 'low' | 'out'): Heartbeat {
  const current = beat.devices.printers[printer];
  if (!current) throw new Error(`no ${printer} printer in the heartbeat`);
  return {
    ...beat,
    devices: {
      ...beat.devices,
      printers: { ...beat.devices.printers, [printer]: { ...current, paper, device: paper === 'out' ? 'offline' : 'online' } },
    },
  };
}

/** A clock the test moves. */
export function testClock(start = new Date('2026-12-07T10:00:00.000Z')): { now: () => Date; advance: (ms: number) => void; set: (d: Date) => void } {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms), set: (d) => void (t = d.getTime()) };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A small client of the console API keeping one session (cookie + CSRF), or a bearer token. */
export class ConsoleClient {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(
    readonly baseUrl: string,
    readonly bearer: string | null = null,
  ) {}

  async request(method: string, path: string, body?: unknown, options: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrf && (options.csrf ?? true) && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON (the page) */
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  get(path: string): Promise<HttpAnswer> {
    return this.request('GET', path);
  }

  async login(name: string, password: string): Promise<HttpAnswer> {
    const answer = await this.request('POST', '/api/login', { name, password });
    const setCookie = answer.headers.get('set-cookie');
    if (answer.status === 200 && setCookie) {
      this.cookie = setCookie.split(';')[0] ?? null;
      this.csrf = (answer.body as { csrf: string }).csrf;
    }
    return answer;
  }
}
