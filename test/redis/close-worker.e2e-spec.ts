import { Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeWorker, redisUrlOptions } from '@app/redis';
import { deleteRedisKeys, TEST_REDIS_URL } from '../support/process-api';

/**
 * A worker closed while its connections are still being made (a boot refused a moment after start):
 * BullMQ's plain close() left an 'error' with no listener behind in about a third of such closes here.
 */
describe('closeWorker (real Redis)', () => {
  const prefix = `wp-close-worker-${randomBytes(4).toString('hex')}`;
  afterAll(() => deleteRedisKeys(prefix));

  it('closes workers at every moment of their start-up without an unhandled error', async () => {
    for (let i = 0; i < 60; i++) {
      const worker = new Worker('closing', async () => undefined, {
        connection: { ...redisUrlOptions(TEST_REDIS_URL), maxRetriesPerRequest: null },
        prefix,
        autorun: false,
      });
      worker.on('error', () => undefined);
      await sleep(i % 6); // from "just made" to "connected"
      await closeWorker(worker);
      expect(await worker.isRunning()).toBe(false);
    }
    await sleep(300); // a late start-up failure would surface here
  }, 60_000);
});
