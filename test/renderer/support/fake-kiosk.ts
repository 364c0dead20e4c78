/**
 * A fake `window.kiosk` installed with `page.addInitScript`: exactly the path
 * the Electron preload takes. The test drives it through `window.__fake`.
 * Everything here runs in the page, so it must be self-contained.
 */
export type FakePrinterKind = 'receipt' | 'invoice' | 'a4';
export type FakePrinterState = 'ready' | 'paper-low' | 'paper-out' | 'cover-open' | 'jam' | 'offline';

export interface FakeOptions {
  simulators: boolean;
  defaultLang: 'zh-CN' | 'en';
  reader: 'online' | 'offline';
  /** Printers' states at start (each `ready` unless given). */
  printers?: Partial<Record<FakePrinterKind, FakePrinterState>>;
  /** `app.info`'s voice settings (absent = the host sends none). */
  voice?: { enabled: boolean; volume: number };
  /** Keep the first `devices.status` pending until `release('devices.status')`: the devices still "checking". */
  holdDevices?: boolean;
}

/** Scripted answers for the invoice collection methods (plain JSON, as the host would send). */
export interface FakeCollection {
  taxpayers: unknown;
  options: unknown;
  /** `collection.pickup`: what a 取票码 would dispense (the confirmation screen), or a refusal. */
  pickup: unknown;
  collect: unknown;
  /** `service.progress` payloads pushed while `collection.collect` runs, in order. */
  progress: unknown[];
  /** Keep `collection.collect` pending (after the progress) until `releaseCollect()`. */
  holdCollect: boolean;
}

export interface FakeCall {
  method: string;
  payload: unknown;
}

export interface FakeHandle {
  calls: FakeCall[];
  session: unknown;
  push(name: string, payload: unknown): void;
  /** Puts a printer in a state as the host would, and pushes `device.printer`. */
  setPrinter(kind: FakePrinterKind, state: FakePrinterState): void;
  /** What the collection methods answer; tests change it before tapping. */
  collection: FakeCollection;
  /** Lets a held `collection.collect` answer. */
  releaseCollect(): void;
  /** Answers for methods not scripted above (method → JSON as the host would send); tests change it before tapping. */
  answers: Record<string, unknown>;
  /** Methods in `answers` whose answer waits for `release(method)`. */
  held: string[];
  release(method: string): void;
}

export type FakeWindow = Window & { __fake: FakeHandle };

export function installFakeKiosk(options: FakeOptions): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const idleSession = { state: 'idle', sessionId: null, person: null, rejection: null, idle: null };
  let placed: string | null = null;
  let reader = {
    device: options.reader,
    media: 'notPresent',
    port: '/dev/ttySIM0',
    model: 'SIM',
    detail: null,
  };

  /** The host's PrinterStatus for a simulator state (as devices/ would report it). */
  const printerStatus = (kind: FakePrinterKind, state: FakePrinterState) => ({
    kind,
    device: state === 'offline' ? 'offline' : 'online',
    paper: state === 'paper-low' ? 'low' : state === 'paper-out' ? 'out' : state === 'jam' ? 'jammed' : state === 'offline' ? 'unknown' : 'full',
    coverOpen: state === 'cover-open',
    cutterError: false,
    port: kind === 'a4' ? 'SIM_A4' : `/dev/ttySIM-${kind}`,
    model: 'SIM',
    detail: null,
  });
  type Printer = ReturnType<typeof printerStatus>;
  const start = options.printers ?? {};
  const printers: Record<FakePrinterKind, Printer> = {
    receipt: printerStatus('receipt', start.receipt ?? 'ready'),
    invoice: printerStatus('invoice', start.invoice ?? 'ready'),
    a4: printerStatus('a4', start.a4 ?? 'ready'),
  };

  let release: (() => void) | null = null;
  let devicesAnswered = false;
  const waiting = new Map<string, () => void>();
  const fake: FakeHandle = {
    answers: {},
    held: [],
    release(method) {
      const go = waiting.get(method);
      waiting.delete(method);
      go?.();
    },
    collection: {
      taxpayers: { outcome: 'ok', taxpayers: [] },
      options: { outcome: 'ok', types: [] },
      pickup: { outcome: 'refused', refusal: { reason: 'pickupNotFound' } },
      collect: { outcome: 'failed', transactionId: null, formsOut: 0, fault: null },
      progress: [],
      holdCollect: false,
    },
    releaseCollect() {
      const go = release;
      release = null;
      go?.();
    },
    calls: [],
    session: idleSession,
    push(name, payload) {
      if (name === 'session.changed') fake.session = payload;
      if (name === 'device.idcard') reader = payload as typeof reader;
      if (name === 'device.printer') {
        const status = payload as Printer;
        printers[status.kind] = status;
      }
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    setPrinter(kind, state) {
      fake.push('device.printer', printerStatus(kind, state));
    },
  };

  const activeFor = (id: string) => ({
    state: 'active',
    sessionId: id,
    person: { cardType: 'resident', maskedName: '张*三', maskedId: '110105********002X', sex: 'male' },
    rejection: null,
    idle: { deadline: Date.now() + 90_000, warnMs: 15_000 },
  });

  function answer(method: string, payload: unknown): unknown {
    const session = fake.session as { state: string; idle: unknown };
    switch (method) {
      case 'app.info':
        return {
          version: '0.0.0-test',
          shell: 'electron',
          defaultLang: options.defaultLang,
          simulators: options.simulators,
          kioskId: 'KIOSK-TEST-0001',
          ...(options.voice ? { voice: options.voice } : {}),
        };
      case 'session.get':
        return fake.session;
      case 'session.touch':
        if (session.state === 'active') fake.session = { ...session, idle: { deadline: Date.now() + 90_000, warnMs: 15_000 } };
        return fake.session;
      case 'session.setElderly':
        // The host's longer timeout for a visit in elderly mode (180 s by default).
        if (session.state === 'active') {
          const ms = (payload as { elderly: boolean }).elderly ? 180_000 : 90_000;
          fake.session = { ...session, idle: { deadline: Date.now() + ms, warnMs: 15_000 } };
        }
        return fake.session;
      case 'session.end':
        setTimeout(() => fake.push('session.changed', idleSession), 0);
        return idleSession;
      case 'devices.status':
        if (options.holdDevices && !devicesAnswered) {
          devicesAnswered = true;
          return new Promise((resolve) => waiting.set('devices.status', () => resolve({ idcard: reader, ...printers })));
        }
        return { idcard: reader, ...printers };
      case 'sim.idcard.profiles':
        return { profiles: ['valid', 'expired', 'bad-check'], placed };
      case 'sim.idcard.place': {
        placed = (payload as { profile: string }).profile;
        const profile = placed;
        fake.push('session.changed', { ...idleSession, state: 'reading', sessionId: 'sim-1' });
        setTimeout(() => {
          if (profile === 'valid') fake.push('session.changed', activeFor('sim-1'));
          else
            fake.push('session.changed', {
              ...idleSession,
              state: 'cardRejected',
              sessionId: 'sim-1',
              rejection: profile === 'expired' ? 'expired' : 'badCheckCharacter',
            });
        }, 150);
        return {};
      }
      case 'sim.printer.setState': {
        const { printer, state } = payload as { printer: FakePrinterKind; state: FakePrinterState };
        setTimeout(() => fake.setPrinter(printer, state), 0);
        return {};
      }
      case 'taxpayers.list':
        return fake.collection.taxpayers;
      case 'collection.options':
        return fake.collection.options;
      case 'collection.pickup':
        return fake.collection.pickup;
      case 'collection.collect':
        return new Promise((resolve) => {
          const script = fake.collection;
          // Progress first, each on its own tick, as the host reports forms coming out.
          script.progress.forEach((p, i) => setTimeout(() => fake.push('service.progress', p), 10 * (i + 1)));
          setTimeout(
            () => {
              if (script.holdCollect) release = () => resolve(script.collect);
              else resolve(script.collect);
            },
            10 * (script.progress.length + 1),
          );
        });
      case 'sim.idcard.lift':
        placed = null;
        setTimeout(() => fake.push('session.changed', idleSession), 0);
        return {};
      default: {
        if (!Object.prototype.hasOwnProperty.call(fake.answers, method)) return undefined;
        if (!fake.held.includes(method)) return fake.answers[method];
        return new Promise((resolve) => waiting.set(method, () => resolve(fake.answers[method])));
      }
    }
  }

  const kiosk = {
    invoke(method: string, payload?: unknown) {
      fake.calls.push({ method, payload });
      return Promise.resolve(answer(method, payload)).then((value) => {
        if (value === undefined) return { ok: false, error: { code: 'unknownMethod', message: method } };
        return { ok: true, value: JSON.parse(JSON.stringify(value)) as unknown };
      });
    },
    on(event: string, listener: Listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };

  Object.defineProperty(window, 'kiosk', { value: Object.freeze(kiosk), configurable: false });
  (window as unknown as FakeWindow).__fake = fake;
}
