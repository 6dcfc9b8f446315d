import { Server } from 'node:http';
import request from 'supertest';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseExposition, total } from '../metrics/exposition';
import { LocalHttpServer } from '../support/local-http';
import { waitStarted } from '../support/process-api';
import { AppProcess, freePort } from '../support/processes';
import { startApiWithUser, TestApi } from '../support/test-app';
import { testRawEnv } from '../support/test-config';
import { activate, AuthHeader, createWorkflow, eventually } from '../support/workflows';

const FIRST_HOLD_MS = 2_000;
const CALLERS = 4; // over the FREE cap of 1: one runs inline, three queue and wait for their result
const WINDOW_MS = 1_000;

/**
 * Sync webhooks over the owner's concurrency cap are queued and answered when their run finishes:
 * the waiting requests are woken by the run's final event, not by reading the execution on a timer.
 * The API's own queries are counted (database_queries_total): the worker's writes are not reads.
 */
describe.each([
  ['the worker inside the API process', false],
  ['the worker in another process', true],
])('sync webhooks over the concurrency cap, with %s', (_label, separateWorker) => {
  let local: LocalHttpServer;
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;
  let worker: AppProcess | undefined;

  beforeAll(async () => {
    local = await LocalHttpServer.start();
    ({ api, server, auth } = await startApiWithUser({
      HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1',
      EXECUTION_CONCURRENCY_FREE: '1',
      WEBHOOK_SYNC_TIMEOUT_MS: '20000',
      WORKER_INLINE: String(!separateWorker),
    }));
    if (separateWorker) {
      const port = await freePort();
      worker = AppProcess.spawn(
        'worker',
        testRawEnv({
          WORKER_PORT: String(port),
          DATABASE_URL: api.config.database.DATABASE_URL,
          REDIS_URL: api.config.redis.REDIS_URL,
          REDIS_KEY_PREFIX: api.config.redis.REDIS_KEY_PREFIX,
          HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1',
          EXECUTION_CONCURRENCY_FREE: '1',
          MIGRATE_ON_START: 'false',
        }),
      );
      await waitStarted(worker, `http://127.0.0.1:${port}`, 'worker');
    }
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await local?.close();
  });

  /** Execution reads by the API (the group-commit writes of an inline worker are not reads). */
  const executionReads = async () => {
    const samples = parseExposition((await request(server).get('/metrics')).text);
    return (
      total(samples, 'database_queries_total', { model: 'Execution' }) -
      total(samples, 'database_queries_total', { model: 'Execution', operation: 'groupCommit' })
    );
  };

  it('every caller gets its own run’s answer when the run ends; no reads while they wait', async () => {
    // The first run holds the only slot for a while; the queued ones are quick once they get it.
    local.route('/hold', (_request, nth) => ({ delayMs: nth === 1 ? FIRST_HOLD_MS : 50, body: { ok: true } }));
    const path = `sync-wait-${separateWorker ? 'process' : 'inline'}`;
    const { id } = await createWorkflow(server, auth, {
      name: path,
      definition: {
        nodes: [
          { id: 'hook', type: 'trigger.webhook', params: { path } },
          { id: 'hold', type: 'http.request', params: { url: `${local.url('/hold')}?n={{ trigger.body.n }}` } },
          { id: 'reply', type: 'flow.respond', params: { status: 201, body: '{ "n": trigger.body.n }' } },
        ],
        edges: [
          { from: 'hook', to: 'hold' },
          { from: 'hold', to: 'reply' },
        ],
      },
    });
    await activate(server, auth, id);
    const readsBefore = await executionReads();

    const started = Date.now();
    const calls = Array.from({ length: CALLERS }, (_, n) =>
      request(server)
        .post(`/webhook/${path}`)
        .send({ n })
        .then((res) => ({ res, after: Date.now() - started })),
    );
    await eventually('the first run holds the slot', () => local.requestsTo('/hold').length === 1);
    const holdSeen = Date.now();
    // The other callers have queued their runs and read them once (a fixed pause was too short on a busy CI).
    await eventually('each queued caller read its run once', async () => (await executionReads()) - readsBefore >= CALLERS - 1);
    const windowStart = await executionReads();
    // The window closes well before the first run lets go of the slot, however long the callers took to queue.
    const windowMs = Math.min(WINDOW_MS, holdSeen + FIRST_HOLD_MS - 300 - Date.now());
    expect(windowMs).toBeGreaterThan(300);
    await sleep(windowMs);
    const windowReads = (await executionReads()) - windowStart;
    const answers = await Promise.all(calls);

    for (const [n, { res }] of answers.entries()) {
      expect([res.status, res.body]).toEqual([201, { n }]);
      expect(res.headers['x-execution-id']).toEqual(expect.any(String));
    }
    expect(new Set(answers.map(({ res }) => res.headers['x-execution-id'])).size).toBe(CALLERS);
    expect(local.peakConcurrency).toBe(1); // the cap held: the queued runs waited for the slot
    // The queued callers were answered only once their runs could run, after the first one ended.
    expect(answers.map(({ after }) => after >= FIRST_HOLD_MS)).toEqual(Array(CALLERS).fill(true));
    // Polling every 50 ms made about 20 reads per second per waiting caller.
    expect(windowReads).toBe(0);
    // Each queued caller read its execution when it started waiting and once when woken by the end.
    expect((await executionReads()) - readsBefore).toBeLessThanOrEqual(2 * (CALLERS - 1));
  }, 40_000);
});
