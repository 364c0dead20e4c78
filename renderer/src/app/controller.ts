import { createClient, type KioskClient } from '../../../shared/contract/client';
import type { SessionView } from '../../../shared/contract/session';
import type { Bridge } from '../bridge/types';
import type { KioskStore } from '../store';
import { touchCounts } from '../flow/visit';

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

  const apply = (view: SessionView) => store.getState().applySession(view);
  const ignore = () => undefined;

  const unsubscribers = [
    client.on('session.changed', (view) => {
      sessionEpoch++;
      apply(view);
    }),
    client.on('device.idcard', (status) => store.getState().setReader(status)),
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
    const [info, session, devices] = await Promise.allSettled([
      client.call('app.info', {}),
      client.call('session.get', {}),
      client.call('devices.status', {}),
    ]);
    if (info.status === 'fulfilled') store.getState().setInfo(info.value);
    if (session.status === 'fulfilled' && epoch === sessionEpoch) apply(session.value);
    if (devices.status === 'fulfilled') store.getState().setReader(devices.value.idcard);
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
    stop() {
      for (const off of unsubscribers) off();
    },
  };
}
