import type { Worker } from 'bullmq';
import { withTimeout } from '@app/common';

/** Long enough for a healthy Redis; a worker whose Redis is down is closed without waiting longer. */
const CONNECT_WAIT_MS = 2_000;

/**
 * Closes a BullMQ worker once its connections have finished connecting. BullMQ 5.81 closes a
 * still-connecting connection by removing all its listeners, and its failed start-up then emits
 * 'error' with none left: an unhandled error, seen when a boot was refused (prefix claimed by another
 * database) a moment after the worker was made.
 */
export async function closeWorker(worker: Worker | undefined): Promise<void> {
  if (!worker) return;
  await withTimeout(worker.waitUntilReady(), CONNECT_WAIT_MS, 'worker connection').catch(() => undefined);
  await worker.close();
}
