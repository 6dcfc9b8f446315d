import type { PwaUser } from '../pwa/sw-protocol';
import { sw } from './sw-global';

/**
 * A new access token from the refresh cookie (HttpOnly, path /auth, SameSite=Strict: the worker's own
 * same-origin fetch carries it). This rotates the cookie, which the open tabs share; a 409 means another
 * tab rotated it at the same moment, and is tried once more, as the page does.
 */
export async function freshSession(): Promise<{ accessToken: string; user: PwaUser } | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await fetch('/auth/refresh', { method: 'POST', headers: { 'X-Session': 'cookie' }, credentials: 'same-origin' });
    if (res.status === 409) continue;
    if (!res.ok) return null;
    return (await res.json()) as { accessToken: string; user: PwaUser };
  }
  return null;
}

/** The token of an open console tab, if any answers within a second (no rotation of the shared cookie). */
export async function sessionOfOpenTab(): Promise<{ accessToken: string; user: PwaUser } | null> {
  const tabs = await sw.clients.matchAll({ type: 'window' });
  for (const tab of tabs) {
    const session = await new Promise<{ accessToken: string; user: PwaUser } | null>((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(null), 1_000);
      channel.port1.onmessage = (event: MessageEvent<{ accessToken: string; user: PwaUser } | null>) => {
        clearTimeout(timer);
        resolve(event.data?.accessToken ? event.data : null);
      };
      tab.postMessage({ type: 'SESSION_REQUEST' }, [channel.port2]);
    });
    if (session) return session;
  }
  return null;
}
