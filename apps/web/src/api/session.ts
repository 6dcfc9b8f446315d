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
 * Start-up and "back online" both ask for a refresh: moments after one landed, no second rotation (every
 * rotation is one more chance to lose the cookie to a dropped answer).
 */
const FRESH_FOR_MS = 5_000;

/**
 * POST /auth/refresh with the cookie; one refresh at a time, and 409 (another tab rotated it) is retried once.
 * `refusedToken`: the token a 401 answered; when a refresh has replaced it since, the caller just retries.
 * A token that is still current was refused for a reason (e.g. its session was revoked): refresh for real.
 */
export function refreshSession(refusedToken?: string): Promise<boolean> {
  const current = sessionStore.get()?.accessToken;
  const fresh = refusedToken === undefined ? !!current && Date.now() - refreshedAt < FRESH_FOR_MS : !!current && current !== refusedToken;
  if (fresh) return Promise.resolve(true);
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
