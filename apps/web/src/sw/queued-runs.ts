import { Queue } from 'workbox-background-sync';
import { registerRoute } from 'workbox-routing';
import { IDEMPOTENCY_HEADER, type PendingRequest, QUEUED_POST, type WorkerBroadcast } from '../pwa/sw-protocol';
import { broadcast } from './broadcast';
import { freshSession, sessionOfOpenTab } from './fresh-token';
import { sw } from './sw-global';
import { currentUser } from './user-state';

interface QueuedMetadata extends PendingRequest {
  userId: string;
}

/** Runs and retries sent while offline, replayed (oldest first) when the connection returns. */
const queue = new Queue('console-runs', { maxRetentionTime: 24 * 60, onSync: () => replayQueued() });

export async function pendingRequests(): Promise<PendingRequest[]> {
  return (await queue.getAll()).map((entry) => publicPart(entry.metadata as QueuedMetadata));
}

function publicPart({ idempotencyKey, kind, targetId, queuedAt }: QueuedMetadata): PendingRequest {
  return { idempotencyKey, kind, targetId, queuedAt };
}

async function announcePending(): Promise<void> {
  broadcast({ type: 'PENDING_CHANGED', pending: await pendingRequests() });
}

/** Sign-out: another user must never send (or see) this one's queued runs. */
export async function dropQueued(): Promise<void> {
  while (await queue.shiftRequest());
  await announcePending();
}

/** A send that has not answered by then is queued too: its key makes a late arrival harmless. */
const SEND_TIMEOUT_MS = 15_000;

/**
 * Online: the POST goes through. Offline (the fetch fails or hangs): it is queued with its
 * Idempotency-Key and without its (soon stale) token, and answered 202 `{queued: true}`.
 */
async function sendOrQueue({ request, url }: { request: Request; url: URL }): Promise<Response> {
  const match = QUEUED_POST.exec(url.pathname);
  const user = await currentUser();
  if (!match || !user) return fetch(request);
  // The console's buttons set the key; for any other caller the worker picks one before the first attempt.
  const headers = new Headers(request.headers);
  const key = headers.get(IDEMPOTENCY_HEADER) ?? crypto.randomUUID();
  headers.set(IDEMPOTENCY_HEADER, key);
  // A buffered body: Chromium may stall a fetch that streams the page's body while offline.
  const body = await request.arrayBuffer();
  try {
    return await fetch(new Request(request.url, { method: 'POST', headers, body, credentials: 'same-origin' }), {
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch {
    headers.delete('Authorization');
    const metadata: QueuedMetadata = {
      idempotencyKey: key,
      kind: match[1] ? 'run' : 'retry',
      targetId: match[1] ?? match[2],
      queuedAt: Date.now(),
      userId: user.id,
    };
    await queue.pushRequest({ request: new Request(request.url, { method: 'POST', headers, body, credentials: 'same-origin' }), metadata });
    await announcePending();
    return Response.json({ queued: true, idempotencyKey: key, status: 'PENDING' }, { status: 202 });
  }
}

let replaying: Promise<void> | null = null;

type Session = { accessToken: string; user: { id: string } };

/**
 * One replay at a time (the sync event and the page's "back online" message may both ask). The page lends
 * its fresh token; otherwise (a sync with no tab open) the worker refreshes the session itself.
 */
export function replayQueued(lent: Session | null = null): Promise<void> {
  replaying ??= replayAll(lent).finally(() => (replaying = null));
  return replaying;
}

async function replayAll(lent: Session | null): Promise<void> {
  if ((await queue.size()) === 0) return;
  // Each rotation of the refresh cookie is a chance to lose it to a dropped answer: borrow a tab's token first.
  const session = lent?.accessToken ? lent : ((await sessionOfOpenTab()) ?? (await freshSession().catch(() => null)));
  // No session (signed out, or still offline): keep everything for the next sync.
  if (!session) throw new Error('no session to replay the queued requests with');
  let entry: Awaited<ReturnType<Queue['shiftRequest']>>;
  while ((entry = await queue.shiftRequest())) {
    const metadata = entry.metadata as QueuedMetadata;
    if (metadata.userId !== session.user.id) continue; // queued by a user who is gone: dropped
    const headers = new Headers(entry.request.headers);
    headers.set('Authorization', `Bearer ${session.accessToken}`);
    let response: Response;
    try {
      response = await fetch(new Request(entry.request, { headers }));
    } catch (error) {
      await queue.unshiftRequest(entry);
      await announcePending();
      throw error;
    }
    // Any answer is final: the key makes a repeat of a run that did start return that same run.
    const body = (await response.json().catch(() => null)) as { id?: string } | null;
    const replayed: WorkerBroadcast = { type: 'REPLAYED', request: publicPart(metadata), status: response.status, executionId: body?.id };
    broadcast(replayed);
  }
  await announcePending();
}

export function registerQueuedRuns(): void {
  registerRoute(({ url }) => url.origin === sw.location.origin && QUEUED_POST.test(url.pathname), sendOrQueue, 'POST');
}
