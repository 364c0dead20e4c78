import type { StateCreator } from 'zustand/vanilla';
import { COLLECTION_START, collectionStep, type CollectionEvent, type CollectionState } from '../flow/collection';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

export interface CollectionSlice {
  /** The invoice collection flow; null while the menu shows. Holds taxpayer data: `reset()` clears it. */
  collection: CollectionState | null;
  startCollection(): void;
  /** Feeds one event to the flow machine; `null` from it leaves the flow. */
  collectionEvent(event: CollectionEvent): void;
}

export const initialCollectionState: SliceData<CollectionSlice> = { collection: null };
/** The flow holds the person's data: a record of the visit. */
export const collectionVisit: SliceVisit<CollectionSlice> = { records: initialCollectionState, kioskFacts: [] };

export const createCollectionSlice: StateCreator<KioskState, [], [], CollectionSlice> = (set, get) => ({
  ...initialCollectionState,
  startCollection: () => set({ collection: COLLECTION_START, notice: null }),
  collectionEvent(event) {
    const current = get().collection;
    if (current === null) return;
    const next = collectionStep(current, event);
    if (next !== current) set({ collection: next });
  },
});
