import { Workbox } from 'workbox-window';
import { serviceWorkerSupported, SW_SCOPE, SW_URL } from './service-worker-client';
import { pwaStore } from './pwa-store';

let workbox: Workbox | null = null;

/** Registers the worker; a new version waits for the user ("A new version is ready — Reload"). */
export function registerServiceWorker(): void {
  if (!serviceWorkerSupported()) return;
  workbox = new Workbox(SW_URL, { scope: SW_SCOPE, type: 'classic' });
  workbox.addEventListener('waiting', () => pwaStore.update({ updateReady: true }));
  void workbox.register().catch(() => undefined);
}

/** The user chose to reload: the waiting worker takes over, then the page reloads once under it. */
export function applyUpdate(): void {
  if (!workbox) return window.location.reload();
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}
