import { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import { createHttpApp, startHttpApp } from '@app/http';
import { AppModule } from '../../apps/api/src/app.module';
import { registerUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { startTestApi, TestApi } from '../support/test-app';
import { testConfig } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { AuthHeader, chain, createWorkflow, runOnce, runWorkflow, waitForExecution } from '../support/workflows';

const DATA_MAX_BYTES = 2_048;
const http = (id: string, url: string, extra: object = {}) => ({ id, type: 'http.request', params: { url }, ...extra });

interface StepView {
  nodeId: string;
  status: string;
  input: { nodes: Record<string, unknown>; trigger?: { body: unknown } } | null;
  output: unknown;
  attempts: { attempt: number; startedAt: string; durationMs: number; error: string | null }[];
  reusedFromExecutionId: string | null;
}

describe('step data, retry from the failed step, version restore and diff', () => {
  let local: LocalHttpServer;
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;
  let other: AuthHeader;

  beforeAll(async () => {
    [local, api] = await Promise.all([
      LocalHttpServer.start(),
      startTestApi({ HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1', EXECUTION_DATA_MAX_BYTES: String(DATA_MAX_BYTES) }),
    ]);
    server = api.app.getHttpServer();
    ({ authHeader: auth } = await registerUser(server));
    ({ authHeader: other } = await registerUser(server));
  });
  afterAll(async () => {
    await api?.close();
    await local?.close();
  });
  beforeEach(() => local.reset());

  const steps = async (id: string) => (await request(server).get(`/executions/${id}`).set(auth).expect(200)).body.steps as StepView[];

  it('a step records the data it saw (parent outputs, trigger data it reads) and every attempt', async () => {
    local.route('/flaky', (_req, nth) => (nth === 1 ? { status: 503, body: 'busy' } : { body: { ok: true } }));
    const execution = await runOnce(
      server,
      auth,
      chain(
        http('first', local.url('/first')),
        http('second', `${local.url('/flaky')}?q={{ trigger.body.q }}`, { retries: 1, retryBackoffMs: 20 }),
      ),
      { q: 'hello' },
    );
    expect(execution.status).toBe('SUCCEEDED');
    const [, first, second] = await steps(execution.id);
    expect(first.input).toEqual({ nodes: { start: expect.objectContaining({ body: { q: 'hello' } }) } });
    expect(second.input).toEqual({ nodes: { first: first.output }, trigger: expect.objectContaining({ body: { q: 'hello' } }) });
    expect(second.attempts).toEqual([
      { attempt: 1, startedAt: expect.any(String), durationMs: expect.any(Number), error: expect.stringContaining('503') },
      { attempt: 2, startedAt: expect.any(String), durationMs: expect.any(Number), error: null },
    ]);
    expect(first.attempts).toHaveLength(1);
  });

  it('stores step data over EXECUTION_DATA_MAX_BYTES truncated, while the run gets the whole value', async () => {
    const big = 'x'.repeat(DATA_MAX_BYTES * 3);
    local.route('/big', () => ({ body: { big } }));
    const execution = await runOnce(
      server,
      auth,
      chain(http('big', local.url('/big')), http('size', `${local.url('/size')}?n={{ $length(nodes.big.body.big) }}`)),
    );
    expect(execution.status).toBe('SUCCEEDED');
    expect(local.requestsTo('/size')[0].query.n).toBe(String(big.length)); // the next node saw it whole
    const [, bigStep, sizeStep] = await steps(execution.id);
    expect(bigStep.output).toEqual({ truncated: true, bytes: expect.any(Number), preview: expect.stringContaining('{"status":200') });
    expect((bigStep.output as { bytes: number }).bytes).toBeGreaterThan(big.length);
    expect(sizeStep.input).toEqual({ truncated: true, bytes: expect.any(Number), preview: expect.stringContaining('{"nodes":{"big":') });
    expect(JSON.stringify(bigStep.output).length).toBeLessThan(DATA_MAX_BYTES);
  });

  describe('retry', () => {
    const definition = () => chain(http('a', local.url('/a')), http('b', local.url('/b')), http('c', local.url('/c')));

    async function failedOnce(): Promise<{ workflowId: string; executionId: string }> {
      local.route('/b', (_req, nth) => (nth === 1 ? { status: 500, body: 'first time fails' } : { body: { b: nth } }));
      const { id: workflowId } = await createWorkflow(server, auth, {
        name: `retry-${Math.random().toString(36).slice(2, 8)}`,
        definition: definition(),
      });
      const first = await waitForExecution(server, auth, await runWorkflow(server, auth, workflowId));
      expect(first.status).toBe('FAILED');
      return { workflowId, executionId: first.id };
    }

    it('from the failed step runs only the remaining nodes and records the reused ones with their origin', async () => {
      const { executionId } = await failedOnce();
      const res = await request(server).post(`/executions/${executionId}/retry`).set(auth).send({ from: 'failed' }).expect(202);
      expect(res.body).toMatchObject({ retryOfId: executionId, attempt: 2, reusedSteps: ['start', 'a'] });
      const retried = await waitForExecution(server, auth, res.body.id);
      expect(retried).toMatchObject({ status: 'SUCCEEDED', attempt: 2, output: { body: { path: '/c' } } });
      expect([local.requestsTo('/a').length, local.requestsTo('/b').length, local.requestsTo('/c').length]).toEqual([1, 2, 1]);
      const view = await steps(res.body.id);
      expect(view.map((s) => [s.nodeId, s.status, s.reusedFromExecutionId])).toEqual([
        ['start', 'SUCCEEDED', executionId],
        ['a', 'SUCCEEDED', executionId],
        ['b', 'SUCCEEDED', null],
        ['c', 'SUCCEEDED', null],
      ]);
    });

    it('by default retries from the start, as before (every node runs again)', async () => {
      const { executionId } = await failedOnce();
      const res = await request(server).post(`/executions/${executionId}/retry`).set(auth).expect(202);
      expect(res.body.reusedSteps).toEqual([]);
      expect((await waitForExecution(server, auth, res.body.id)).status).toBe('SUCCEEDED');
      expect([local.requestsTo('/a').length, local.requestsTo('/b').length, local.requestsTo('/c').length]).toEqual([2, 2, 1]);
    });

    it('version latest: allowed when only the failed node changed, 409 naming the node when an ancestor changed', async () => {
      const { workflowId, executionId } = await failedOnce();
      const fixed = definition();
      fixed.nodes[2].params = { url: `${local.url('/b')}?fixed=1` };
      await request(server).patch(`/workflows/${workflowId}`).set(auth).send({ definition: fixed }).expect(200);
      const ok = await request(server)
        .post(`/executions/${executionId}/retry`)
        .set(auth)
        .send({ from: 'failed', version: 'latest' })
        .expect(202);
      const retried = await waitForExecution(server, auth, ok.body.id);
      expect(retried).toMatchObject({ status: 'SUCCEEDED', workflowVersion: 2 });
      expect(local.requestsTo('/b').at(-1)!.query.fixed).toBe('1');
      expect(local.requestsTo('/a')).toHaveLength(1);

      const changed = definition();
      changed.nodes[1].params = { url: `${local.url('/a')}?v=3` };
      await request(server).patch(`/workflows/${workflowId}`).set(auth).send({ definition: changed }).expect(200);
      const refused = await request(server)
        .post(`/executions/${executionId}/retry`)
        .set(auth)
        .send({ from: 'failed', version: 'latest' })
        .expect(409);
      expect(refused.body.message).toContain('node "a" changed');
      // From the start on the latest version stays possible.
      await request(server).post(`/executions/${executionId}/retry`).set(auth).send({ version: 'latest' }).expect(202);
    });

    it('retries form a chain: attempts count up, never twice the same, even for concurrent retries; GET shows the chain', async () => {
      local.route('/b', () => ({ status: 500, body: 'always fails' }));
      const { id: workflowId } = await createWorkflow(server, auth, { name: 'chain', definition: definition() });
      const first = await waitForExecution(server, auth, await runWorkflow(server, auth, workflowId));
      const concurrent = await Promise.all(
        [1, 2, 3].map(() => request(server).post(`/executions/${first.id}/retry`).set(auth).send({ from: 'failed' })),
      );
      expect(concurrent.map((r) => r.status)).toEqual([202, 202, 202]);
      expect(concurrent.map((r) => r.body.attempt).sort()).toEqual([2, 3, 4]);
      const second = await waitForExecution(server, auth, concurrent[0].body.id);
      for (const r of concurrent.slice(1)) await waitForExecution(server, auth, r.body.id);
      const next = await request(server).post(`/executions/${second.id}/retry`).set(auth).expect(202);
      expect(next.body).toMatchObject({ attempt: 5, retryOfId: second.id });
      await waitForExecution(server, auth, next.body.id);
      const view = (await request(server).get(`/executions/${next.body.id}`).set(auth).expect(200)).body;
      expect(view.retryChain.map((e: { id: string; attempt: number }) => e.attempt)).toEqual([1, 2, 3, 4, 5]);
      expect(view.retryChain[0].id).toBe(first.id);
    });

    it('refuses a bad body with 400 and another user’s execution with 404', async () => {
      const { executionId } = await failedOnce();
      const bad = await request(server).post(`/executions/${executionId}/retry`).set(auth).send({ from: 'middle' }).expect(400);
      expect(JSON.stringify(bad.body.message)).toContain('from');
      await request(server).post(`/executions/${executionId}/retry`).set(auth).send({ version: 'newest' }).expect(400);
      await request(server).post(`/executions/${executionId}/retry`).set(other).send({ from: 'failed' }).expect(404);
      await request(server).get(`/executions/${executionId}`).set(other).expect(404);
    });
  });

  describe('versions', () => {
    it('restore makes a new version equal to an old one; diff is structural; another user gets 404', async () => {
      const v1 = chain(
        { id: 'a', type: 'data.set', params: { fields: { a: '1' } } },
        { id: 'b', type: 'data.set', params: { fields: { b: '1' } } },
      );
      const { id } = await createWorkflow(server, auth, { name: 'versions', definition: v1 });
      const v2 = chain(
        { id: 'a', type: 'data.set', params: { fields: { a: '2' } } },
        { id: 'c', type: 'data.set', params: { fields: { c: '1' } } },
      );
      await request(server).patch(`/workflows/${id}`).set(auth).send({ definition: v2 }).expect(200);
      const versions = (await request(server).get(`/workflows/${id}/versions`).set(auth).expect(200)).body.items as {
        id: string;
        version: number;
      }[];
      const [first, second] = [versions.find((v) => v.version === 1)!, versions.find((v) => v.version === 2)!];

      const diff = (await request(server).get(`/workflows/${id}/versions/${first.id}/diff/${second.id}`).set(auth).expect(200)).body;
      expect(diff).toMatchObject({
        from: { id: first.id, version: 1 },
        to: { id: second.id, version: 2 },
        nodes: {
          added: [{ id: 'c' }],
          removed: [{ id: 'b' }],
          changed: [{ id: 'a', fields: {}, params: { fields: { from: { a: '1' }, to: { a: '2' } } } }],
        },
        edges: { added: [{ from: 'a', to: 'c' }], removed: [{ from: 'a', to: 'b' }] },
      });

      const restored = (await request(server).post(`/workflows/${id}/versions/${first.id}/restore`).set(auth).expect(200)).body;
      expect(restored).toMatchObject({ version: 3, definition: v1, restoredFrom: { id: first.id, version: 1 } });
      const after = (await request(server).get(`/workflows/${id}/versions`).set(auth).expect(200)).body.items as {
        id: string;
        version: number;
        definition: unknown;
      }[];
      expect(after.map((v) => v.version).sort()).toEqual([1, 2, 3]);
      expect(after.find((v) => v.version === 3)!.definition).toEqual(v1);
      expect(after.find((v) => v.version === 2)!.definition).toEqual(v2); // history unchanged

      for (const [method, path] of [
        ['post', `/workflows/${id}/versions/${first.id}/restore`],
        ['get', `/workflows/${id}/versions/${first.id}/diff/${second.id}`],
      ] as const)
        await request(server)[method](path).set(other).expect(404);
      const { id: otherWorkflow } = await createWorkflow(server, other, { name: 'theirs', definition: v1 });
      await request(server).get(`/workflows/${otherWorkflow}/versions/${first.id}/diff/${second.id}`).set(other).expect(404);
      await request(server).get(`/workflows/${id}/versions/nope/diff/${second.id}`).set(auth).expect(400);
    });
  });

  describe('jobs without an execution row', () => {
    it('are never completed silently: the job fails (kept, retried with backoff) instead of being removed', async () => {
      const queue = api.app.get<Queue>(getQueueToken('executions'));
      const executionId = '00000000-0000-4000-8000-000000000001';
      await queue.add('run', { executionId }, { jobId: executionId, attempts: 1, removeOnComplete: true, removeOnFail: 100 });
      let state = 'unknown';
      for (let i = 0; i < 100 && state !== 'failed'; i++) {
        await sleep(50);
        state = (await (await queue.getJob(executionId))?.getState()) ?? 'removed';
      }
      expect(state).toBe('failed');
      expect((await queue.getJob(executionId))!.failedReason).toContain('not found');
      const metrics = await request(server).get('/metrics');
      expect(metrics.text).toMatch(/execution_jobs_orphaned_total(\{[^}]*\})? [1-9]/);
    });

    it('a second deployment on another database with the same Redis key prefix is refused at boot', async () => {
      const db = await createTestDatabase();
      const config = testConfig({
        DATABASE_URL: db.url,
        REDIS_KEY_PREFIX: api.config.redis.REDIS_KEY_PREFIX,
        PORT: '0',
        HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1',
      });
      const app = await createHttpApp(AppModule.register(config), config);
      try {
        await expect(startHttpApp(app, config, 0, { migrate: false, handleSignals: false })).rejects.toThrow(
          /REDIS_KEY_PREFIX .* another database/,
        );
      } finally {
        await app.close();
        await db.drop();
      }
      // The first deployment still runs its executions.
      expect((await runOnce(server, auth, chain({ id: 'a', type: 'data.set', params: { fields: { a: '1' } } }))).status).toBe('SUCCEEDED');
    });
  });
});
