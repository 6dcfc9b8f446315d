import { cleanupOutdatedCaches, type PrecacheEntry, precacheAndRoute } from 'workbox-precaching';
import type { PageToWorker } from '../pwa/sw-protocol';
import { registerApiReads } from './api-reads';
import { registerNavigation } from './navigation';
import { registerPeriodicInboxSync } from './periodic-inbox-sync';
import { registerPushHandlers } from './push-handlers';
import { dropQueued, pendingRequests, registerQueuedRuns, replayQueued } from './queued-runs';
import { sw } from './sw-global';
import { clearCurrentUser, currentUser, setCurrentUser } from './user-state';

// The shell and the hashed assets: cache first (precache), the network only for what is missing.
precacheAndRoute((self as unknown as { __WB_MANIFEST: PrecacheEntry[] }).__WB_MANIFEST); // the build's injection point, spelled exactly
cleanupOutdatedCaches();
registerNavigation();
registerApiReads();
registerQueuedRuns();
registerPushHandlers();
registerPeriodicInboxSync();

// A new version waits until the page says so ("A new version is ready — Reload"), then takes over at once.
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));

async function answer(message: PageToWorker): Promise<unknown> {
  switch (message.type) {
    case 'SET_USER':
      return setCurrentUser(message.user);
    case 'CLEAR_USER':
      await clearCurrentUser();
      return dropQueued();
    case 'GET_USER':
      return currentUser();
    case 'GET_PENDING':
      return pendingRequests();
    case 'REPLAY':
      return replayQueued(message.session).catch(() => undefined);
    case 'SKIP_WAITING':
      return sw.skipWaiting();
  }
}

// Each message is answered on its MessageChannel port (if any) once done: the page can wait for a cache clear.
sw.addEventListener('message', (event) => {
  const message = event.data as PageToWorker;
  const port = event.ports[0];
  event.waitUntil(
    answer(message).then(
      (result) => port?.postMessage({ ok: true, result: result ?? null }),
      (error: unknown) => port?.postMessage({ ok: false, error: String(error) }),
    ),
  );
});
