import { Server } from 'node:http';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import { ConcurrencyLimiter, EXECUTION_QUEUE } from '@app/executions';
import { parseExposition, total } from '../metrics/exposition';
import { startApiWithUser, TestApi } from '../support/test-app';
import { activate, AuthHeader, chain, chainFrom, createWorkflow, eventually, getExecution, waitForExecution } from '../support/workflows';

/** Pure nodes that take a few hundred milliseconds each: two outlive the 202's 100 ms by far. */
const SLOW_SUM = '$reduce([1..200000], function($a, $b) { $a + $b })';
const slowSums = [1, 2].map((n) => ({ id: `sum${n}`, type: 'data.transform', params: { expression: SLOW_SUM } }));

const asyncHook = (path: string, ...nodes: Parameters<typeof chain>) =>
  chainFrom({ id: 'hook', type: 'trigger.webhook', params: { path, mode: 'async' } }, ...nodes);

const double = { id: 'double', type: 'data.transform', params: { expression: '{ "twice": trigger.body.n * 2 }' } };

async function startWith(overrides: Record<string, string> = {}) {
  const { api, server, auth, user } = await startApiWithUser(overrides);
  const queue = api.app.get<Queue>(getQueueToken(EXECUTION_QUEUE));
  const hook = async (definition: object) => {
    const { id } = await createWorkflow(server, auth, { name: `eager ${Math.random()}`, definition });
    await activate(server, auth, id);
  };
  return { api, server, auth, user, queue, hook };
}

describe('async webhooks: eager start of pure workflows', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;
  let queue: Queue;
  let hook: (definition: object) => Promise<void>;
  let userId: string;

  beforeAll(async () => {
    let user: { id: string };
    ({ api, server, auth, queue, hook, user } = await startWith());
    userId = user.id;
  });
  afterAll(() => api?.close());

  it('a pure workflow has run when its 202 goes out: the final status, recorded with its steps, no queue job', async () => {
    await hook(asyncHook('eager-pure', double));
    const res = await request(server).post('/webhook/eager-pure').send({ n: 21 }).expect(202);
    expect(res.body).toEqual({ executionId: expect.any(String), status: 'SUCCEEDED' });
    expect(res.headers.location).toBe(`/executions/${res.body.executionId}`);
    const execution = await getExecution(server, auth, res.body.executionId);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { twice: 42 } });
    expect(execution.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ['hook', 'SUCCEEDED'],
      ['double', 'SUCCEEDED'],
    ]);
    expect(await queue.getJob(res.body.executionId)).toBeUndefined();
  });

  it('a pure workflow that fails: 202 with status FAILED, the error recorded', async () => {
    await hook(asyncHook('eager-fail', { id: 'stop', type: 'flow.fail', params: { message: 'refused on purpose' } }));
    const res = await request(server).post('/webhook/eager-fail').send({}).expect(202);
    expect(res.body.status).toBe('FAILED');
    const execution = await getExecution(server, auth, res.body.executionId);
    expect(execution).toMatchObject({ status: 'FAILED', error: expect.stringContaining('refused on purpose') });
  });

  it('a workflow with a node that does I/O is queued: 202 QUEUED, then the worker runs it', async () => {
    await hook(asyncHook('eager-io', { id: 'js', type: 'code', params: { code: 'return { seen: $trigger.body.n };' } }));
    const res = await request(server).post('/webhook/eager-io').send({ n: 5 }).expect(202);
    expect(res.body).toEqual({ executionId: expect.any(String), status: 'QUEUED' });
    expect(await waitForExecution(server, auth, res.body.executionId)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('a pure run that outlives the answer budget: 202 QUEUED before its end (recorded QUEUED, no queue job), then SUCCEEDED', async () => {
    await hook(asyncHook('eager-slow', ...slowSums));
    const res = await request(server).post('/webhook/eager-slow').send({}).expect(202);
    expect(res.body).toEqual({ executionId: expect.any(String), status: 'QUEUED' });
    const id = res.body.executionId;
    expect((await getExecution(server, auth, id)).status).toBe('QUEUED');
    expect(await queue.getJob(id)).toBeUndefined(); // if this process died now, the reconciler would queue it
    expect(await waitForExecution(server, auth, id)).toMatchObject({ status: 'SUCCEEDED', output: 20000100000 });
  });

  it('the tier cap holds: beyond the owner’s slots (FREE: 2) async runs go to the queue and wait there', async () => {
    await hook(asyncHook('eager-cap', ...slowSums));
    const limiter = api.app.get(ConcurrencyLimiter);
    await eventually('the earlier runs’ slots are free', async () => (await limiter.running(userId)) === 0);
    const answers = await Promise.all([1, 2, 3, 4].map(() => request(server).post('/webhook/eager-cap').send({}).expect(202)));
    const ids = answers.map((a) => a.body.executionId as string);
    const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
    expect(jobs.filter(Boolean)).toHaveLength(2); // two ran eagerly, two were queued behind them
    expect(await limiter.running(userId)).toBeLessThanOrEqual(2);
    for (const id of ids) expect(await waitForExecution(server, auth, id)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('webhook_async_starts_total{start} counts how each async run above started', async () => {
    const metrics = parseExposition((await request(server).get('/metrics')).text);
    const started = (start: string) => total(metrics, 'webhook_async_starts_total', { start });
    // eager: the pure run and the failing one; eager_background: the slow run and two of the capped ones;
    // queued: the run with I/O and the other two capped ones.
    expect([started('eager'), started('eager_background'), started('queued')]).toEqual([2, 3, 3]);
  });
});

describe('async webhooks with WEBHOOK_ASYNC_EAGER_CONCURRENCY=0', () => {
  let started: Awaited<ReturnType<typeof startWith>>;

  beforeAll(async () => (started = await startWith({ WEBHOOK_ASYNC_EAGER_CONCURRENCY: '0' })));
  afterAll(() => started?.api.close());

  it('every async run goes through the queue, pure or not', async () => {
    const { server, auth, queue, hook } = started;
    await hook(asyncHook('queued-pure', double));
    await queue.pause(); // so the job is still there to be seen
    try {
      const res = await request(server).post('/webhook/queued-pure').send({ n: 4 }).expect(202);
      expect(res.body).toEqual({ executionId: expect.any(String), status: 'QUEUED' });
      expect(await queue.getJob(res.body.executionId)).toBeDefined();
      await queue.resume();
      expect(await waitForExecution(server, auth, res.body.executionId)).toMatchObject({ status: 'SUCCEEDED', output: { twice: 8 } });
    } finally {
      await queue.resume();
    }
  });
});
