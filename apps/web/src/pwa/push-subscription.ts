import { apiErrorOf } from '../api/api-error';
import { refreshSession, sessionStore } from '../api/session';
import { SW_SCOPE } from './service-worker-client';

/** JSON call with the session's token (refreshed once on 401); throws the console's ApiError otherwise. */
async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const send = () =>
    fetch(path, {
      ...init,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStore.get()?.accessToken ?? ''}`, ...init.headers },
    });
  let res = await send();
  if (res.status === 401 && (await refreshSession())) res = await send();
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw apiErrorOf(res, body);
  return body as T;
}

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(bytes, (c) => c.charCodeAt(0));
}

export const pushSupported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/**
 * Asks the permission, subscribes this browser with the server's VAPID key and registers the subscription:
 * from then on the user's PUSH channels reach this device.
 */
export async function enablePushOnThisDevice(deviceName: string): Promise<void> {
  if ((await Notification.requestPermission()) !== 'granted')
    throw new Error('Notifications are blocked for this site in the browser settings');
  const registration = await navigator.serviceWorker.getRegistration(SW_SCOPE);
  if (!registration) throw new Error('The console is not installed in this browser yet: reload the page and try again');
  const { publicKey } = await call<{ publicKey: string }>('/notifications/push/public-key');
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) }));
  await call('/notifications/push/subscriptions', { method: 'POST', body: JSON.stringify({ ...subscription.toJSON(), deviceName }) });
}

/** True when this browser already has a push subscription (registered with the API earlier). */
export async function subscribedOnThisDevice(): Promise<boolean> {
  if (!pushSupported() || Notification.permission !== 'granted') return false;
  const registration = await navigator.serviceWorker.getRegistration(SW_SCOPE);
  return Boolean(await registration?.pushManager.getSubscription());
}
