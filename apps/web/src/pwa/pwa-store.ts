import { useSyncExternalStore } from 'react';
import type { PendingRequest } from './sw-protocol';

/** What the PWA parts show: connectivity, a waiting update, the runs queued in the worker. */
export interface PwaState {
  online: boolean;
  updateReady: boolean;
  pending: PendingRequest[];
}

let state: PwaState = { online: typeof navigator === 'undefined' ? true : navigator.onLine, updateReady: false, pending: [] };
const listeners = new Set<() => void>();

export const pwaStore = {
  get: (): PwaState => state,
  update(patch: Partial<PwaState>): void {
    state = { ...state, ...patch };
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function usePwaState(): PwaState {
  return useSyncExternalStore(pwaStore.subscribe, pwaStore.get);
}
