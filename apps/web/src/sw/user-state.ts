import type { PwaUser } from '../pwa/sw-protocol';

const STATE_CACHE = 'console-state';
const USER_KEY = '/app/__pwa/user';
export const API_CACHE_PREFIX = 'console-api-';

/** One API cache per user: a response is only ever stored under the user whose token fetched it. */
export const apiCacheName = (userId: string) => `${API_CACHE_PREFIX}${userId}`;

let current: PwaUser | null | undefined;

/** The signed-in user as the page last told us; kept in Cache Storage because the worker is stopped and restarted. */
export async function currentUser(): Promise<PwaUser | null> {
  if (current !== undefined) return current;
  const stored = await (await caches.open(STATE_CACHE)).match(USER_KEY);
  current = stored ? ((await stored.json()) as PwaUser) : null;
  return current;
}

/** A (new) user signed in: any other user's cached answers go, so they can never be shown to this one. */
export async function setCurrentUser(user: PwaUser): Promise<void> {
  current = user;
  await (await caches.open(STATE_CACHE)).put(USER_KEY, new Response(JSON.stringify(user)));
  await deleteApiCaches((name) => name !== apiCacheName(user.id));
}

/** Sign-out: no user, no cached API answers. */
export async function clearCurrentUser(): Promise<void> {
  current = null;
  await (await caches.open(STATE_CACHE)).delete(USER_KEY);
  await deleteApiCaches(() => true);
}

async function deleteApiCaches(select: (name: string) => boolean): Promise<void> {
  const names = (await caches.keys()).filter((name) => name.startsWith(API_CACHE_PREFIX) && select(name));
  await Promise.all(names.map((name) => caches.delete(name)));
}

/** The `sub` of a Bearer JWT (not verified: the API did that when it answered 200 to it). */
export function userIdOfAuthorization(header: string | null): string | null {
  const token = /^Bearer ([\w-]+)\.([\w-]+)\.[\w-]+$/.exec(header ?? '');
  if (!token) return null;
  try {
    const payload = JSON.parse(atob(token[2].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
