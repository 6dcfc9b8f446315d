import { useSyncExternalStore } from 'react';
import { sessionStore } from '../api/session';

export function useSession() {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
