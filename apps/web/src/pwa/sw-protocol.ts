/** Messages between the console and its service worker (src/sw), both ways. */

export interface PwaUser {
  id: string;
  email: string;
  name: string;
}

/** A run or retry the worker holds until the connection returns. */
export interface PendingRequest {
  idempotencyKey: string;
  kind: 'run' | 'retry';
  /** The workflow (run) or the execution (retry). */
  targetId: string;
  queuedAt: number;
}

export type PageToWorker =
  | { type: 'SET_USER'; user: PwaUser }
  | { type: 'CLEAR_USER' }
  | { type: 'GET_USER' }
  | { type: 'GET_PENDING' }
  /** Back online: the page has just refreshed its session and lends its token (no second rotation of the cookie). */
  | { type: 'REPLAY'; session: { accessToken: string; user: PwaUser } | null }
  | { type: 'SKIP_WAITING' };

/** Broadcast on PWA_CHANNEL to every open tab. */
export type WorkerBroadcast =
  | { type: 'PENDING_CHANGED'; pending: PendingRequest[] }
  | { type: 'REPLAYED'; request: PendingRequest; status: number; executionId?: string }
  | { type: 'INBOX_REFRESHED'; unreadCount: number | null };

export const PWA_CHANNEL = 'workflow-console-pwa';

/** The paths whose POSTs the worker queues while offline (the page adds an Idempotency-Key first). */
export const QUEUED_POST = /^\/(?:workflows\/([0-9a-f-]{36})\/run|executions\/([0-9a-f-]{36})\/retry)$/;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
