import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { sw } from './sw-global';
import { apiCacheName, currentUser, userIdOfAuthorization } from './user-state';

/** The API reads the console shows offline; event streams (…/events) are never cached. */
const API_READ = /^\/(?:(?:workflows|executions|notifications)(?:\/.*)?|node-types|auth\/me)$/;

const strategies = new Map<string, NetworkFirst>();
function strategyFor(userId: string): NetworkFirst {
  let strategy = strategies.get(userId);
  if (!strategy) {
    strategy = new NetworkFirst({ cacheName: apiCacheName(userId), networkTimeoutSeconds: 6, matchOptions: { ignoreVary: true } });
    strategies.set(userId, strategy);
  }
  return strategy;
}

export function isCachedApiRead(url: URL, request: Request): boolean {
  return (
    url.origin === sw.location.origin &&
    request.method === 'GET' &&
    API_READ.test(url.pathname) &&
    !url.pathname.endsWith('/events') &&
    !(request.headers.get('Accept') ?? '').includes('text/event-stream')
  );
}

const offline = () =>
  new Response(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'You are offline and this was not seen before' }), {
    status: 503,
    headers: { 'Content-Type': 'application/json', 'X-Served-By': 'service-worker' },
  });

/**
 * Network first, the last good answer when the network fails. Answers are stored under the user the
 * token names; the fallback only reads the cache of the user signed in now (the page tells us who).
 */
async function handleApiRead({ request, event }: { request: Request; event: ExtendableEvent }): Promise<Response> {
  const user = await currentUser();
  const tokenUser = userIdOfAuthorization(request.headers.get('Authorization'));
  if (!user || (tokenUser && tokenUser !== user.id)) return fetch(request).catch(offline);
  try {
    return await strategyFor(user.id).handle({ request, event });
  } catch {
    return offline();
  }
}

export function registerApiReads(): void {
  registerRoute(({ url, request }) => isCachedApiRead(url, request), handleApiRead, 'GET');
}

/** Refetches a read into the signed-in user's cache (periodic sync). */
export async function refreshApiRead(request: Request, userId: string): Promise<Response> {
  const response = await fetch(request);
  if (response.ok) await (await caches.open(apiCacheName(userId))).put(request.url, response.clone());
  return response;
}
