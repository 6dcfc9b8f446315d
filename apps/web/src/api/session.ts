import { markUnreachable } from '../pwa/connectivity';
import { askWorker } from '../pwa/service-worker-client';

/** The signed-in user and their short-lived access token, in memory only (the refresh token is an HttpOnly cookie). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

interface Session {
  accessToken: string;
  user: SessionUser;
}

let current: Session | null = null;
const listeners = new Set<() => void>();

export const sessionStore = {
  get: (): Session | null => current,
  set(session: Session | null): void {
    current = session;
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

let refreshing: Promise<boolean> | null = null;
let refreshedAt = 0;
/**
 * A 401 for a request sent just before a refresh landed (e.g. with the empty token of a session restored
 * offline) needs no second rotation: every rotation is one more chance to lose the cookie to a dropped answer.
 */
const FRESH_FOR_MS = 5_000;

/** POST /auth/refresh with the cookie; one refresh at a time, and 409 (another tab rotated it) is retried once. */
export function refreshSession(): Promise<boolean> {
  if (sessionStore.get()?.accessToken && Date.now() - refreshedAt < FRESH_FOR_MS) return Promise.resolve(true);
  refreshing ??= (async () => {
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await fetch('/auth/refresh', { method: 'POST', headers: { 'X-Session': 'cookie' }, credentials: 'same-origin' });
        if (res.status === 409) continue;
        if (!res.ok) break;
        sessionStore.set((await res.json()) as Session);
        refreshedAt = Date.now();
        return true;
      }
      sessionStore.set(null);
      return false;
    } catch {
      // The request itself failed (offline): that is no sign-out. Keep the session, or restore the user the
      // service worker remembers so the console shows what it cached; a token comes when the network does.
      markUnreachable();
      if (!sessionStore.get()) {
        const user = await askWorker<SessionUser>({ type: 'GET_USER' });
        sessionStore.set(user ? { accessToken: '', user } : null);
      }
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}
