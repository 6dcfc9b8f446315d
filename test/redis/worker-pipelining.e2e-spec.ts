import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { RedisEnv } from '@app/config';
import { redisOptions } from '@app/redis';
import { deleteRedisKeys, TEST_REDIS_URL } from '../support/process-api';
import { eventually } from '../support/workflows';

const JOBS = 20;

/**
 * The execution worker's connection options ('worker'): the jobs that one grouped commit ends in the same
 * turn finish in one write to Redis, and the blocking connection (same options) still waits for new jobs.
 */
describe("BullMQ workers on the 'worker' Redis options (real Redis)", () => {
  const prefix = `wp-worker-pipelining-${randomBytes(4).toString('hex')}`;
  const env = Object.assign(new RedisEnv(), { REDIS_URL: TEST_REDIS_URL });
  const connection = redisOptions(env, 'worker');
  let queue: Queue;
  let worker: Worker;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started = new Set<string>();
  const done = new Set<string>();

  beforeAll(async () => {
    queue = new Queue('pipelined', { connection: redisOptions(env, 'producer'), prefix });
    worker = new Worker(
      'pipelined',
      async (job) => {
        started.add(job.id!);
        if (job.name === 'held') await gate;
        return job.id;
      },
      { connection, prefix, concurrency: JOBS },
    );
    worker.on('completed', (job) => done.add(job.id!));
    await worker.waitUntilReady();
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await deleteRedisKeys(prefix);
  });

  it('finishes the jobs one turn ends in a single write', async () => {
    await queue.addBulk(Array.from({ length: JOBS }, () => ({ name: 'held', data: {} })));
    await eventually(`all ${JOBS} jobs running`, async () => started.size === JOBS);

    const socket = ((await worker.client) as unknown as { stream: Socket }).stream;
    const write = socket.write;
    let writes = 0;
    socket.write = ((...args: Parameters<Socket['write']>) => (writes++, write.apply(socket, args))) as Socket['write'];
    release(); // every job's processor returns in this turn, as a grouped commit's runs do
    await eventually(`all ${JOBS} jobs completed`, async () => done.size === JOBS);
    socket.write = write;

    // Without auto-pipelining each moveToFinished is a write of its own (20 here).
    expect(writes).toBeLessThanOrEqual(2);
  });

  it('still takes a job added while it waits on its blocking connection', async () => {
    const job = await queue.add('next', {});
    await eventually('the later job completed', async () => done.has(job.id!));
  });
});
