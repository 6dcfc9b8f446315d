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

/** POST /auth/refresh with the cookie; one refresh at a time, and 409 (another tab rotated it) is retried once. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await fetch('/auth/refresh', { method: 'POST', headers: { 'X-Session': 'cookie' }, credentials: 'same-origin' });
        if (res.status === 409) continue;
        if (!res.ok) break;
        sessionStore.set((await res.json()) as Session);
        return true;
      }
      sessionStore.set(null);
      return false;
    } catch {
      sessionStore.set(null);
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}
