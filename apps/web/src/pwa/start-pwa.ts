import { keys } from '../api/keys';
import { refreshSession, sessionStore } from '../api/session';
import { queryClient } from '../app/query-client';
import { followConnectivity } from './connectivity';
import { pwaStore } from './pwa-store';
import { registerServiceWorker } from './register-service-worker';
import { askWorker } from './service-worker-client';
import { type PendingRequest, PWA_CHANNEL, type WorkerBroadcast } from './sw-protocol';
import { registerPeriodicInboxSync } from './periodic-sync';

/**
 * The page's side of the service worker: who is signed in (the worker caches API answers per user and
 * drops them on sign-out), connectivity, and what the worker broadcasts about queued runs.
 */
export function startPwa(): void {
  registerServiceWorker();
  followSession();
  followConnectivity(onOnline);
  new BroadcastChannel(PWA_CHANNEL).onmessage = (event: MessageEvent<WorkerBroadcast>) => onBroadcast(event.data);
  void askWorker<PendingRequest[]>({ type: 'GET_PENDING' }).then((pending) => pwaStore.update({ pending: pending ?? [] }));
}

function tellWorker(session: ReturnType<typeof sessionStore.get>): void {
  if (session) {
    void askWorker({ type: 'SET_USER', user: session.user });
    void registerPeriodicInboxSync();
  } else void askWorker({ type: 'CLEAR_USER' });
}

/** The worker learns every change of user, and who is signed in whenever a (new) worker takes control. */
function followSession(): void {
  let userId: string | null = null;
  sessionStore.subscribe(() => {
    const session = sessionStore.get();
    if ((session?.user.id ?? null) === userId) return;
    userId = session?.user.id ?? null;
    tellWorker(session);
  });
  // The worker replaying queued runs borrows the page's token rather than rotating the cookie itself.
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    const session = sessionStore.get();
    if (event.data?.type === 'SESSION_REQUEST') event.ports[0]?.postMessage(session?.accessToken ? session : null);
  });
  navigator.serviceWorker?.addEventListener('controllerchange', () => {
    const session = sessionStore.get();
    if (session) tellWorker(session);
  });
}

/** Back online: a session restored offline has no token yet; then what was queued goes out and lists refetch. */
function onOnline(): void {
  void refreshSession().then((refreshed) => {
    void askWorker({ type: 'REPLAY', session: refreshed ? sessionStore.get() : null }, 30_000);
    void queryClient.invalidateQueries();
  });
}

function onBroadcast(message: WorkerBroadcast): void {
  if (message.type === 'PENDING_CHANGED') pwaStore.update({ pending: message.pending });
  if (message.type === 'REPLAYED') void queryClient.invalidateQueries({ queryKey: keys.executions.all });
  if (message.type === 'INBOX_REFRESHED') void queryClient.invalidateQueries({ queryKey: ['notifications'] });
}
