import { sw } from './sw-global';

interface PushPayload {
  title?: string;
  body?: string;
  url?: string;
  tag?: string;
  notificationId?: string;
}

function payloadOf(event: PushEvent): PushPayload {
  try {
    return (event.data?.json() ?? {}) as PushPayload;
  } catch {
    return { body: event.data?.text() };
  }
}

/** Only the console's own pages are opened from a notification, whatever the payload says. */
export function consoleUrl(url: string | undefined): string {
  const fallback = new URL('/app/notifications', sw.location.origin);
  if (!url) return fallback.href;
  try {
    const target = new URL(url, sw.location.origin);
    return target.origin === sw.location.origin && target.pathname.startsWith('/app/') ? target.href : fallback.href;
  } catch {
    return fallback.href;
  }
}

async function focusOrOpen(url: string): Promise<void> {
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => client.url === url) ?? windows.find((client) => new URL(client.url).pathname.startsWith('/app'));
  if (open) {
    const focused = await open.focus();
    if (focused.url !== url) await focused.navigate(url);
    return;
  }
  await sw.clients.openWindow(url);
}

export function registerPushHandlers(): void {
  sw.addEventListener('push', (event) => {
    const payload = payloadOf(event);
    event.waitUntil(
      sw.registration.showNotification(payload.title || 'Workflow platform', {
        body: payload.body ?? '',
        tag: payload.tag,
        icon: '/app/icons/icon-192.png',
        badge: '/app/icons/icon-maskable-192.png',
        data: { url: consoleUrl(payload.url), notificationId: payload.notificationId ?? null },
      }),
    );
  });
  sw.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const { url } = (event.notification.data ?? {}) as { url?: string };
    event.waitUntil(focusOrOpen(consoleUrl(url)));
  });
}
