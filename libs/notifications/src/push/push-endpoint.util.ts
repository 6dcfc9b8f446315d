import { SsrfGuard } from '@app/common';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Outside production, endpoints on this machine are accepted over http: tests serve their own push service. */
export function isLocalTestEndpoint(url: URL, production: boolean): boolean {
  return !production && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Why the server must not POST to this push endpoint, or null. Real push services (FCM, Mozilla, Apple)
 * are public https hosts; the endpoint comes from the browser, i.e. from the user, so it gets the same
 * SSRF policy as webhook channels.
 */
export function pushEndpointRefusal(raw: string, production: boolean, guard: SsrfGuard): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'endpoint is not a URL';
  }
  if (isLocalTestEndpoint(url, production)) return null;
  if (url.protocol !== 'https:') return 'endpoint must use https';
  const refusal = guard.urlRefusal(url);
  return refusal ? `endpoint: ${refusal}` : null;
}
