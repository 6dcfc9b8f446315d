import { createHandlerBoundToURL, matchPrecache } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

const SHELL = '/app/index.html';
const OFFLINE_PAGE = '/app/offline.html';

/**
 * Every navigation under /app/ gets the precached index.html (the SPA routes it), online or not; if the
 * shell is somehow not cached, the network, and failing that the offline page.
 */
export function registerNavigation(): void {
  let shell: ReturnType<typeof createHandlerBoundToURL> | null = null;
  const handler: Parameters<typeof registerRoute>[1] = async (options) => {
    try {
      shell ??= createHandlerBoundToURL(SHELL);
      return await shell(options);
    } catch {
      try {
        return await fetch(options.request);
      } catch {
        return (
          (await matchPrecache(OFFLINE_PAGE)) ?? new Response('You are offline', { status: 503, headers: { 'Content-Type': 'text/plain' } })
        );
      }
    }
  };
  registerRoute(
    new NavigationRoute(handler, {
      allowlist: [/^\/app(\/|$)/],
      denylist: [/^\/app\/(sw\.js|config\.json|manifest\.webmanifest|icons\/)/],
    }),
  );
}
