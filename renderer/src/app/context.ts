import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Controller } from './controller';
import type { KioskState, KioskStore } from '../store';

export interface AppContextValue {
  store: KioskStore;
  controller: Controller;
}

export const AppContext = createContext<AppContextValue | null>(null);

function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('AppContext missing');
  return value;
}

export function useKiosk<T>(selector: (state: KioskState) => T): T {
  return useStore(useApp().store, selector);
}

export function useController(): Controller {
  return useApp().controller;
}

/** Store actions (stable references). */
export function useActions(): KioskState {
  return useApp().store.getState();
}
