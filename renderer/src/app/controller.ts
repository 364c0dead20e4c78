import { createClient, type KioskClient } from '../../../shared/contract/client';
import type { RequestOf } from '../../../shared/contract/methods';
import type { SessionView } from '../../../shared/contract/session';
import type { PrinterKind } from '../../../shared/domain/device-status';
import type { Bridge } from '../bridge/types';
import type { KioskStore } from '../store';
import { touchCounts } from '../flow/visit';
import type { CollectionEvent, CollectionState } from '../flow/collection';

/** A state the simulator can put a printer in. */
export type SimPrinterState = RequestOf<'sim.printer.setState'>['state'];

/** What the screens may ask of the host; the only place that calls it. */
export interface Controller {
  /** A touch somewhere on the screen: throttled. */
  touch(): void;
  /** "Continue" on the countdown: not throttled. */
  keepAlive(): void;
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
  stop(): void;
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

  const unsubscribers = [
    client.on('session.changed', (view) => {
      sessionEpoch++;
      apply(view);
    }),
    client.on('device.idcard', (status) => store.getState().setReader(status)),
    client.on('device.printer', (status) => {
      printersSinceSync.add(status.kind);
      store.getState().setPrinter(status);
    }),
    client.on('service.progress', (progress) => collectionEvent({ type: 'progress', progress })),
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
    const [info, session, devices] = await Promise.allSettled([
      client.call('app.info', {}),
      client.call('session.get', {}),
      client.call('devices.status', {}),
    ]);
    if (info.status === 'fulfilled') store.getState().setInfo(info.value);
    if (session.status === 'fulfilled' && epoch === sessionEpoch) apply(session.value);
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
    endSession() {
      client.call('session.end', {}).then(apply, ignore);
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
    stop() {
      for (const off of unsubscribers) off();
    },
  };
}
