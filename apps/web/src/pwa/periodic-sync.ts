import { SW_SCOPE } from './service-worker-client';

/** The worker's tag (src/sw/periodic-inbox-sync.ts). */
const INBOX_SYNC_TAG = 'refresh-inbox';

interface PeriodicSyncManager {
  register(tag: string, options: { minInterval: number }): Promise<void>;
}

/**
 * Where the browser grants it (Chromium, installed app with engagement), refresh the unread count and
 * the latest executions in the background about every 12 hours; everything works the same without it.
 */
export async function registerPeriodicInboxSync(): Promise<void> {
  try {
    const status = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (status.state !== 'granted') return;
    const registration = await navigator.serviceWorker.getRegistration(SW_SCOPE);
    const periodicSync = (registration as (ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager }) | undefined)?.periodicSync;
    await periodicSync?.register(INBOX_SYNC_TAG, { minInterval: 12 * 60 * 60 * 1000 });
  } catch {
    // Not supported here (the permission name is unknown outside Chromium).
  }
}
