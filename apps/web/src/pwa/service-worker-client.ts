import type { PageToWorker } from './sw-protocol';

/** Scope and URL of the console's worker (the API serves it; `npm run dev:web` has none). */
export const SW_URL = '/app/sw.js';
export const SW_SCOPE = '/app/';

// MODE, not DEV: a build run with NODE_ENV=test (the e2e setup) has DEV true, yet serves the built worker.
export const serviceWorkerSupported = () => 'serviceWorker' in navigator && import.meta.env.MODE !== 'development';

async function activeWorker(): Promise<ServiceWorker | null> {
  if (!serviceWorkerSupported()) return null;
  if (navigator.serviceWorker.controller) return navigator.serviceWorker.controller;
  return (await navigator.serviceWorker.getRegistration(SW_SCOPE))?.active ?? null;
}

/**
 * Sends a message to the active worker and waits for its answer (null without a worker or after the
 * timeout: callers carry on, the worker is an enhancement).
 */
export async function askWorker<T = unknown>(message: PageToWorker, timeoutMs = 3_000): Promise<T | null> {
  const worker = await activeWorker().catch(() => null);
  if (!worker) return null;
  return new Promise<T | null>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), timeoutMs);
    channel.port1.onmessage = (event: MessageEvent<{ ok: boolean; result?: T }>) => {
      clearTimeout(timer);
      resolve(event.data.ok ? (event.data.result ?? null) : null);
    };
    worker.postMessage(message, [channel.port2]);
  });
}
