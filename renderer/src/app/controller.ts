import { createClient, type KioskClient } from '../../../shared/contract/client';
import type { DiagCall } from './diagnostics-call';
import type { RequestOf, ResultOf } from '../../../shared/contract/methods';
import type { SessionView } from '../../../shared/contract/session';
import type { PrinterKind } from '../../../shared/domain/device-status';
import type { Bridge } from '../bridge/types';
import type { KioskStore } from '../store';
import { touchCounts } from '../flow/visit';
import type { CollectionEvent, CollectionState } from '../flow/collection';
import type { CertificateEvent } from '../flow/certificate';
import { createCertificateDriver } from './certificate-controller';
import { createCreditDriver } from './credit-controller';
import type { CreditEvent } from '../flow/credit';
import type { IssuanceEvent } from '../flow/issuance';
import { createIssuanceDriver } from './issuance-controller';

/** A state the simulator can put a printer in. */
export type SimPrinterState = RequestOf<'sim.printer.setState'>['state'];

/** What the screens may ask of the host; the only place that calls it. */
export interface Controller {
  /** A touch somewhere on the screen: throttled. */
  touch(): void;
  /** "Continue" on the countdown: not throttled. */
  keepAlive(): void;
  /** The 长辈模式 switch: the screen at once, and the host (longer idle timeout) while a visit is on. */
  setElderly(on: boolean): void;
  endSession(): void;
  loadSimProfiles(): void;
  simPlace(profile: string): void;
  simLift(): void;
  /** Simulator only: paper out, cover open... on one printer. The host answers with `device.printer`. */
  simPrinterState(printer: PrinterKind, state: SimPrinterState): void;
  /** The 发票领用 tile: opens the flow and asks for the taxpayers. */
  startCollection(): void;
  /** A step of the collection flow; the calls it needs (options, collect) follow from the new state. */
  collection(event: CollectionEvent): void;
  /** The 完税证明打印 tile: opens the flow and asks for the periods. */
  startCertificate(): void;
  /** A step of the certificate flow; the calls it needs (records, print) follow from the new state. */
  certificate(event: CertificateEvent): void;
  /** The 纳税信用 tile: opens the credit flow and asks for the view. */
  startCredit(): void;
  /** A step of the credit flow; the calls it needs (authorize, revoke) follow from the new state. */
  credit(event: CreditEvent): void;
  /** The 发票代开 tile: opens the flow and asks who the person may issue for. */
  startIssuance(): void;
  /** A step of the issuance flow; the calls it needs (quote, pay, poll, print) follow from the new state. */
  issuance(event: IssuanceEvent): void;
  /** Simulator only: the taxpayer "pays" the QR code on screen. */
  simConfirmPayment(): void;
  /** 公开信息: the host's published lists, with or without a visit; null when the host could not answer. */
  publicInfo: PublicInfoCalls;
  /** The technicians' diagnostics screen (screens/diagnostics): its calls, refused by the host unless a PIN opened it. */
  diag: DiagCall;
  stop(): void;
}

export interface PublicInfoCalls {
  overview(): Promise<ResultOf<'public.overview'> | null>;
  list(request: RequestOf<'public.list'>): Promise<ResultOf<'public.list'> | null>;
  search(request: RequestOf<'public.search'>): Promise<ResultOf<'public.search'> | null>;
}

export interface ControllerOptions {
  touchThrottleMs?: number;
  now?: () => number;
}

export function createController(bridge: Bridge, store: KioskStore, options: ControllerOptions = {}): Controller {
  const client: KioskClient = createClient(bridge.api);
  const throttleMs = options.touchThrottleMs ?? 2000;
  const now = options.now ?? (() => Date.now());
  let lastTouch = Number.NEGATIVE_INFINITY;
  /** Bumped by each `session.changed`, so a slower `session.get` cannot overwrite a newer event. */
  let sessionEpoch = 0;
  /** Printers a `device.printer` event has spoken for since the last sync began: fresher than its answer. */
  const printersSinceSync = new Set<PrinterKind>();

  const apply = (view: SessionView) => store.getState().applySession(view);
  const ignore = () => undefined;

  const certificate = createCertificateDriver(client, store);
  const issuance = createIssuanceDriver(client, store);
  const credit = createCreditDriver(client, store);

  const unsubscribers = [
    client.on('session.changed', (view) => {
      sessionEpoch++;
      const before = store.getState().session.sessionId;
      apply(view);
      // A mode chosen on the attract screen (or not the kiosk default) is the visit's from its first second.
      const { elderly, elderlyDefault } = store.getState();
      if (view.state === 'active' && view.sessionId !== before && elderly !== elderlyDefault) tellElderly(elderly);
    }),
    client.on('device.idcard', (status) => store.getState().setReader(status)),
    client.on('device.printer', (status) => {
      printersSinceSync.add(status.kind);
      store.getState().setPrinter(status);
    }),
    client.on('service.progress', (progress) => {
      collectionEvent({ type: 'progress', progress });
      issuance.event({ type: 'progress', progress });
    }),
    client.on('certificate.progress', ({ step }) => certificate.event({ type: 'progress', step })),
    // A bundle applied while the kiosk runs: services offered, texts, elderly default, without a restart.
    client.on('config.changed', (view) => store.getState().applyConfig(view)),
    bridge.onStatus((status) => {
      store.getState().setHost(status);
      if (status === 'open') void sync();
      // Without the host nobody can be served: take the person off the screen.
      // A short blip costs nothing, the resync brings the visit back.
      if (status === 'closed') store.getState().reset();
    }),
  ];

  async function sync(): Promise<void> {
    const epoch = sessionEpoch;
    printersSinceSync.clear();
    const [info, session, devices, config] = await Promise.allSettled([
      client.call('app.info', {}),
      client.call('session.get', {}),
      client.call('devices.status', {}),
      client.call('config.get', {}),
    ]);
    if (info.status === 'fulfilled') {
      store.getState().setInfo(info.value);
      store.getState().setElderlyDefault(info.value.elderlyDefault === true);
    }
    if (session.status === 'fulfilled' && epoch === sessionEpoch) apply(session.value);
    if (config.status === 'fulfilled') store.getState().applyConfig(config.value);
    if (devices.status === 'fulfilled') {
      const { idcard, ...answered } = devices.value;
      store.getState().setReader(idcard);
      const current = store.getState().printers;
      const fresher = (kind: PrinterKind) => (printersSinceSync.has(kind) ? current[kind] : answered[kind]);
      store.getState().setPrinters({ receipt: fresher('receipt'), invoice: fresher('invoice'), a4: fresher('a4') });
    }
  }

  /** Moves the flow, then makes the call the new state waits for (once, on entering it). */
  function collectionEvent(event: CollectionEvent): void {
    const before = store.getState().collection;
    store.getState().collectionEvent(event);
    const after = store.getState().collection;
    if (after !== null && after !== before && after.name !== before?.name) enter(after);
  }

  function enter(state: CollectionState): void {
    const failed = () => collectionEvent({ type: 'callFailed' });
    switch (state.name) {
      case 'loadingTaxpayers':
        client.call('taxpayers.list', {}).then((result) => collectionEvent({ type: 'taxpayersLoaded', result }), failed);
        return;
      case 'loadingOptions': {
        const taxpayerId = state.taxpayer.id;
        client.call('collection.options', { taxpayerId }).then((result) => collectionEvent({ type: 'optionsLoaded', taxpayerId, result }), failed);
        return;
      }
      case 'loadingPickup': {
        const code = state.code;
        client.call('collection.pickup', { pickupCode: code }).then((result) => collectionEvent({ type: 'pickupLoaded', code, result }), failed);
        return;
      }
      case 'collecting':
        client.call('collection.collect', state.request).then((result) => collectionEvent({ type: 'collected', result }), failed);
        return;
      default:
        return;
    }
  }

  store.getState().setHost(bridge.status());
  if (bridge.status() === 'open') void sync();

  function loadSimProfiles(): void {
    client.call('sim.idcard.profiles', {}).then((profiles) => store.getState().setSimProfiles(profiles), ignore);
  }

  function tellElderly(elderly: boolean): void {
    client.call('session.setElderly', { elderly }).then(apply, ignore);
  }

  function sendTouch(): void {
    lastTouch = now();
    client.call('session.touch', {}).then(apply, ignore);
  }

  return {
    touch() {
      if (!touchCounts(store.getState().session.state)) return;
      if (now() - lastTouch < throttleMs) return;
      sendTouch();
    },
    keepAlive() {
      sendTouch();
    },
    setElderly(on) {
      store.getState().setElderly(on);
      if (store.getState().session.state === 'active') tellElderly(on);
    },
    endSession() {
      // A QR code on screen is cancelled before the visit ends (never an open order behind the person).
      void issuance.beforeExit().finally(() => client.call('session.end', {}).then(apply, ignore));
    },
    loadSimProfiles,
    simPlace(profile) {
      client.call('sim.idcard.place', { profile }).then(loadSimProfiles, ignore);
    },
    simLift() {
      client.call('sim.idcard.lift', {}).then(loadSimProfiles, ignore);
    },
    simPrinterState(printer, state) {
      client.call('sim.printer.setState', { printer, state }).then(ignore, ignore);
    },
    startCollection() {
      store.getState().startCollection();
      const state = store.getState().collection;
      if (state !== null) enter(state);
    },
    collection: collectionEvent,
    startCertificate: () => certificate.start(),
    certificate: (event) => certificate.event(event),
    startCredit: () => credit.start(),
    credit: (event) => credit.event(event),
    startIssuance: () => issuance.start(),
    issuance: (event) => issuance.event(event),
    simConfirmPayment() {
      client.call('sim.payment.confirm', {}).then(ignore, ignore);
    },
    publicInfo: {
      overview: () => client.call('public.overview', {}).catch(() => null),
      list: (request) => client.call('public.list', request).catch(() => null),
      search: (request) => client.call('public.search', request).catch(() => null),
    },
    diag: (method, request) => client.call(method, request),
    stop() {
      issuance.stop();
      for (const off of unsubscribers) off();
    },
  };
}
