import { queryClient } from '../app/query-client';
import { pwaStore } from './pwa-store';

const PROBE_EVERY_MS = 3_000;
let probeTimer: ReturnType<typeof setTimeout> | undefined;
let onBackOnline: () => void = () => undefined;

function stopProbing(): void {
  clearTimeout(probeTimer);
  probeTimer = undefined;
}

/** Once per outage, however it ends (the browser's event or our probe): a second refresh would only rotate the cookie again. */
function backOnline(): void {
  stopProbing();
  if (pwaStore.get().online) return;
  pwaStore.update({ online: true });
  onBackOnline();
}

/**
 * A fetch failed outright (TypeError): the network or the server is gone, whatever navigator.onLine says
 * (it only knows about the device's link). Probed until the API answers again.
 */
export function markUnreachable(): void {
  pwaStore.update({ online: false });
  if (probeTimer !== undefined) return;
  const probe = async () => {
    const reachable =
      navigator.onLine &&
      (await fetch('/health/live', { cache: 'no-store' }).then(
        (res) => res.ok,
        () => false,
      ));
    if (probeTimer === undefined) return; // the browser said "online" meanwhile
    if (reachable) backOnline();
    else probeTimer = setTimeout(() => void probe(), PROBE_EVERY_MS);
  };
  probeTimer = setTimeout(() => void probe(), PROBE_EVERY_MS);
}

/** Online/offline from the browser's events, and from queries or mutations whose fetch itself failed. */
export function followConnectivity(onOnline: () => void): void {
  onBackOnline = onOnline;
  window.addEventListener('offline', () => pwaStore.update({ online: false }));
  window.addEventListener('online', backOnline);
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error' && event.action.error instanceof TypeError) markUnreachable();
  });
  queryClient.getMutationCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error' && event.action.error instanceof TypeError) markUnreachable();
  });
}
