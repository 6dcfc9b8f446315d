import { refreshApiRead } from './api-reads';
import { broadcast } from './broadcast';
import { freshSession } from './fresh-token';
import { sw } from './sw-global';
import { apiCacheName, currentUser } from './user-state';

export const INBOX_SYNC_TAG = 'refresh-inbox';

/** Chromium's periodicsync event (not in TypeScript's lib yet). */
interface PeriodicSyncEvent extends ExtendableEvent {
  tag: string;
}

/** The lists refreshed: those the user has opened (their cache keys carry the console's own query). */
const REFRESHED_LISTS = new Set(['/executions', '/notifications']);
const MAX_LISTS = 10;

/** Fills the signed-in user's cache with the unread count and the latest executions, for the next open. */
async function refreshInbox(): Promise<void> {
  const user = await currentUser();
  if (!user) return;
  const session = await freshSession();
  if (!session || session.user.id !== user.id) return;
  const headers = { Authorization: `Bearer ${session.accessToken}` };
  const cached = await (await caches.open(apiCacheName(user.id))).keys();
  const lists = cached
    .map((request) => new URL(request.url))
    .filter((url) => REFRESHED_LISTS.has(url.pathname))
    .map((url) => url.pathname + url.search)
    .slice(0, MAX_LISTS);
  const [unread] = await Promise.all(
    ['/notifications/unread-count', ...lists].map((path) => refreshApiRead(new Request(path, { headers }), user.id)),
  );
  const count = unread.ok ? ((await unread.json()) as { count?: number }).count : undefined;
  broadcast({ type: 'INBOX_REFRESHED', unreadCount: count ?? null });
}

export function registerPeriodicInboxSync(): void {
  sw.addEventListener('periodicsync' as 'message', (event) => {
    const periodic = event as unknown as PeriodicSyncEvent;
    if (periodic.tag === INBOX_SYNC_TAG) periodic.waitUntil(refreshInbox().catch(() => undefined));
  });
}
