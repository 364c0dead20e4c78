import './diagnostics.css';
import { useEffect, useRef, useState } from 'react';
import { useController, useKiosk } from '../../app/context';
import { addTap } from '../../flow/diag-gesture';
import { selectSessionState } from '../../store/selectors';
import { PinPad } from './PinPad';
import { DiagnosticsScreen } from './DiagnosticsScreen';

/** Where the hidden gesture is tapped: the status bar's kiosk label. */
const GESTURE_TARGET = '.status-kiosk';

/** No touch for this long closes diagnostics (a technician who walked away leaves a working kiosk). */
const IDLE_EXIT_MS = 10 * 60_000;

type Mode = { name: 'closed' } | { name: 'pin' } | { name: 'open'; demoPin: boolean };

/**
 * The technicians' diagnostics mode over the whole screen: a hidden gesture
 * (five taps on the kiosk label within 3 s, only with no visit on), the PIN
 * pad, then the diagnostics screen. Whether diagnostics is open is the host's
 * to decide; this only shows it.
 */
export function DiagnosticsMode() {
  const controller = useController();
  const sessionState = useKiosk(selectSessionState);
  const [mode, setMode] = useState<Mode>({ name: 'closed' });
  const taps = useRef<number[]>([]);
  const exitRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (mode.name !== 'closed' || sessionState !== 'idle') {
      taps.current = [];
      return;
    }
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target === null || target.closest(GESTURE_TARGET) === null) {
        taps.current = [];
        return;
      }
      const next = addTap(taps.current, event.timeStamp);
      taps.current = next.taps;
      if (next.complete) setMode({ name: 'pin' });
    };
    document.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
    return () => document.removeEventListener('pointerdown', onPointerDown, { capture: true });
  }, [mode.name, sessionState]);

  const exit = () => {
    setMode({ name: 'closed' });
    controller.diag('diag.exit', {}).catch(() => undefined);
  };

  useEffect(() => {
    if (mode.name === 'closed') return;
    let timer = setTimeout(() => exitRef.current(), IDLE_EXIT_MS);
    const onPointerDown = () => {
      clearTimeout(timer);
      timer = setTimeout(() => exitRef.current(), IDLE_EXIT_MS);
    };
    document.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', onPointerDown, { capture: true });
    };
  }, [mode.name]);

  exitRef.current = exit;

  switch (mode.name) {
    case 'closed':
      return null;
    case 'pin':
      return <PinPad onAccepted={(demoPin) => setMode({ name: 'open', demoPin })} onCancel={() => setMode({ name: 'closed' })} />;
    case 'open':
      return <DiagnosticsScreen demoPin={mode.demoPin} onExit={exit} />;
  }
}
