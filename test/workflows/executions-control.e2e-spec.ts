import { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { registerUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { startTestApi, TestApi } from '../support/test-app';
import { AuthHeader, chain, createWorkflow, eventually, getExecution, runOnce, runWorkflow, waitForExecution } from '../support/workflows';

const http = (id: string, url: string, extra: object = {}) => ({ id, type: 'http.request', params: { url }, ...extra });

describe('retries, timeouts, cancel and retry of executions', () => {
  let local: LocalHttpServer;
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => {
    [local, api] = await Promise.all([LocalHttpServer.start(), startTestApi({ HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1' })]);
    server = api.app.getHttpServer();
    ({ authHeader: auth } = await registerUser(server));
  });
  afterAll(async () => {
    await api?.close();
    await local?.close();
  });
  beforeEach(() => local.reset());

  it('a node with retries: 2 against a server that fails twice succeeds on attempt 3, with growing backoff', async () => {
    local.route('/flaky', (_req, nth) => (nth <= 2 ? { drop: true } : { body: { ok: nth } }));
    const execution = await runOnce(server, auth, chain(http('call', local.url('/flaky'), { retries: 2, retryBackoffMs: 50 })));
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { status: 200, body: { ok: 3 } } });
    expect(execution.steps[1]).toMatchObject({ nodeId: 'call', status: 'SUCCEEDED', attempt: 3, error: null });
    const times = local.requestsTo('/flaky').map((r) => r.receivedAt);
    expect(times).toHaveLength(3);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(45);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(95); // 50 ms, then 100 ms
  });

  it('retries exhausted: FAILED on the last attempt with the last error', async () => {
    local.route('/down', () => ({ status: 503, body: 'unavailable' }));
    const execution = await runOnce(server, auth, chain(http('call', local.url('/down'), { retries: 2, retryBackoffMs: 10 })));
    expect(execution.status).toBe('FAILED');
    expect(execution.steps[1]).toMatchObject({ status: 'FAILED', attempt: 3 });
    expect(execution.steps[1].error).toContain('503');
    expect(local.requestsTo('/down')).toHaveLength(3);
  });

  it('a node timeout (timeoutMs on the node) ends the execution TIMED_OUT', async () => {
    local.route('/hang', () => ({ hang: true }));
    const started = Date.now();
    const execution = await runOnce(
      server,
      auth,
      chain(http('call', local.url('/hang'), { timeoutMs: 300 }), { id: 'next', type: 'data.set', params: { fields: { a: '1' } } }),
    );
    expect(execution.status).toBe('TIMED_OUT');
    expect(execution.error).toBe('node "call": timed out after 300 ms');
    expect(execution.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ['start', 'SUCCEEDED'],
      ['call', 'TIMED_OUT'],
    ]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  describe('cancel', () => {
    it('a running execution becomes CANCELLED at once and stays so when its worker finishes the node', async () => {
      local.route('/hold', () => ({ delayMs: 700, body: { held: true } }));
      const { id } = await createWorkflow(server, auth, {
        name: 'cancellable',
        definition: chain(http('hold', local.url('/hold')), http('after', local.url('/after'))),
      });
      const executionId = await runWorkflow(server, auth, id);
      await eventually('the slow node is running', () => local.requestsTo('/hold').length === 1);
      expect((await getExecution(server, auth, executionId)).status).toBe('RUNNING');

      await request(server).post(`/executions/${executionId}/retry`).set(auth).expect(409); // still running

      const res = await request(server).post(`/executions/${executionId}/cancel`).set(auth).expect(200);
      expect(res.body).toMatchObject({ id: executionId, status: 'CANCELLED', error: 'Cancelled by the user' });

      // The worker finishes the node it was in, then stops before the next one: nothing overwrites CANCELLED.
      await eventually('the slow node answered', () => local.answered.some((a) => a.path === '/hold'), 5_000);
      await sleep(400);
      const after = await getExecution(server, auth, executionId);
      expect(after).toMatchObject({ status: 'CANCELLED', error: 'Cancelled by the user' });
      expect(after.steps.map((s) => s.nodeId)).not.toContain('after');
      expect(local.requestsTo('/after')).toHaveLength(0);

      await request(server).post(`/executions/${executionId}/cancel`).set(auth).expect(409);
    });

    it('a run paused in flow.delay: the resume job does not run it on', async () => {
      const { id } = await createWorkflow(server, auth, {
        name: 'paused',
        definition: chain({ id: 'wait', type: 'flow.delay', params: { ms: 400 } }, http('after', local.url('/after'))),
      });
      const executionId = await runWorkflow(server, auth, id);
      await eventually('paused in the delay', async () =>
        (await getExecution(server, auth, executionId)).steps.some((s) => s.nodeId === 'wait'),
      );
      await request(server).post(`/executions/${executionId}/cancel`).set(auth).expect(200);
      await sleep(700);
      const after = await getExecution(server, auth, executionId);
      expect(after.status).toBe('CANCELLED');
      expect(after.steps.map((s) => s.nodeId)).toEqual(['start', 'wait']);
      expect(local.requestsTo('/after')).toHaveLength(0);
    });

    it('a finished execution: 409', async () => {
      const execution = await runOnce(server, auth, chain({ id: 'a', type: 'data.set', params: { fields: { a: '1' } } }));
      const res = await request(server).post(`/executions/${execution.id}/cancel`).set(auth);
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('SUCCEEDED');
      expect((await getExecution(server, auth, execution.id)).status).toBe('SUCCEEDED');
    });
  });

  describe('retry', () => {
    it('of a FAILED execution: 202, a new execution with retryOfId and attempt 2 on the same version and input', async () => {
      local.route('/once', (_req, nth) => (nth === 1 ? { status: 500, body: 'first time fails' } : { body: { n: nth } }));
      const first = await runOnce(server, auth, chain(http('call', `${local.url('/once')}?x={{ trigger.body.x }}`)), { x: 'same' });
      expect(first.status).toBe('FAILED');

      const res = await request(server).post(`/executions/${first.id}/retry`).set(auth).expect(202);
      expect(res.body).toMatchObject({ id: expect.any(String), status: 'QUEUED', retryOfId: first.id, attempt: 2 });
      expect(res.body.id).not.toBe(first.id);
      const retried = await waitForExecution(server, auth, res.body.id);
      expect(retried).toMatchObject({
        status: 'SUCCEEDED',
        trigger: 'RETRY',
        attempt: 2,
        retryOfId: first.id,
        workflowVersion: 1,
        output: { body: { n: 2 } },
      });
      expect(local.requestsTo('/once').map((r) => r.query.x)).toEqual(['same', 'same']);
      expect((await getExecution(server, auth, first.id)).status).toBe('FAILED'); // the original is left as it was

      // A SUCCEEDED one cannot be retried.
      const refused = await request(server).post(`/executions/${retried.id}/retry`).set(auth);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('SUCCEEDED');
    });

    it('of a TIMED_OUT execution counts attempts on', async () => {
      local.route('/hang', () => ({ hang: true }));
      const first = await runOnce(server, auth, chain(http('call', local.url('/hang'), { timeoutMs: 100 })));
      expect(first.status).toBe('TIMED_OUT');
      const second = (await request(server).post(`/executions/${first.id}/retry`).set(auth).expect(202)).body;
      const secondDone = await waitForExecution(server, auth, second.id);
      expect(secondDone).toMatchObject({ status: 'TIMED_OUT', attempt: 2 });
      const third = (await request(server).post(`/executions/${second.id}/retry`).set(auth).expect(202)).body;
      expect(third).toMatchObject({ attempt: 3, retryOfId: second.id });
      await waitForExecution(server, auth, third.id);
    });
  });

  describe('GET /executions', () => {
    let owner: AuthHeader;
    let good: string;
    let bad: string;
    const succeeded: string[] = [];
    let failed: string;
    let between: string;

    beforeAll(async () => {
      ({ authHeader: owner } = await registerUser(server));
      good = (
        await createWorkflow(server, owner, {
          name: 'good',
          definition: chain({ id: 'a', type: 'data.set', params: { fields: { a: '1' } } }),
        })
      ).id;
      bad = (
        await createWorkflow(server, owner, { name: 'bad', definition: chain({ id: 'f', type: 'flow.fail', params: { message: 'no' } }) })
      ).id;
      for (let i = 0; i < 3; i++) succeeded.push((await waitForExecution(server, owner, await runWorkflow(server, owner, good))).id);
      await sleep(20);
      between = new Date().toISOString();
      await sleep(20);
      failed = (await waitForExecution(server, owner, await runWorkflow(server, owner, bad))).id;
    });

    const list = async (query: string) =>
      (await request(server).get(`/executions${query}`).set(owner).expect(200)).body as {
        items: { id: string; status: string; workflowId: string }[];
        nextCursor: string | null;
      };
    const ids = (page: { items: { id: string }[] }) => page.items.map((e) => e.id);

    it('lists the caller’s executions newest first, without steps', async () => {
      const page = await list('');
      expect(ids(page)).toEqual([failed, ...[...succeeded].reverse()]);
      expect(page.nextCursor).toBeNull();
      expect((page.items[0] as { steps?: unknown }).steps).toBeUndefined();
    });

    it('filters by workflowId, status and time range', async () => {
      expect(ids(await list(`?workflowId=${good}`))).toEqual([...succeeded].reverse());
      expect(ids(await list(`?workflowId=${bad}`))).toEqual([failed]);
      expect(ids(await list('?status=FAILED'))).toEqual([failed]);
      expect(ids(await list(`?status=SUCCEEDED&workflowId=${bad}`))).toEqual([]);
      expect(ids(await list(`?from=${encodeURIComponent(between)}`))).toEqual([failed]);
      expect(ids(await list(`?to=${encodeURIComponent(between)}`))).toEqual([...succeeded].reverse());
      expect(
        ids(await list(`?from=${encodeURIComponent(between)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)),
      ).toEqual([failed]);
    });

    it('pages with a cursor: {items, nextCursor}, every execution once', async () => {
      const first = await list('?limit=3');
      expect(first.items).toHaveLength(3);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await list(`?limit=3&cursor=${first.nextCursor}`);
      expect(second).toMatchObject({ nextCursor: null });
      expect([...ids(first), ...ids(second)]).toEqual([failed, ...[...succeeded].reverse()]);
      // The cursor composes with the filters.
      const filtered = await list(`?workflowId=${good}&limit=2`);
      expect(ids(await list(`?workflowId=${good}&limit=2&cursor=${filtered.nextCursor}`))).toEqual([succeeded[0]]);
    });

    it('refuses bad filters with 400', async () => {
      for (const query of ['?status=DONE', '?workflowId=nope', '?from=yesterday', '?limit=1000', '?cursor=%%%', '?extra=1'])
        expect([query, (await request(server).get(`/executions${query}`).set(owner)).status]).toEqual([query, 400]);
    });
  });
});

describe('execution timeout (EXECUTION_TIMEOUT_MS)', () => {
  let local: LocalHttpServer;
  let api: TestApi;

  beforeAll(async () => {
    [local, api] = await Promise.all([
      LocalHttpServer.start(),
      startTestApi({ HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1', EXECUTION_TIMEOUT_MS: '1000' }),
    ]);
  });
  afterAll(async () => {
    await api?.close();
    await local?.close();
  });

  it('a chain of slow nodes is stopped at the execution deadline: TIMED_OUT', async () => {
    local.route('/slow', () => ({ delayMs: 400, body: {} }));
    const server = api.app.getHttpServer();
    const { authHeader } = await registerUser(server);
    const started = Date.now();
    const execution = await runOnce(
      server,
      authHeader,
      chain(http('s1', local.url('/slow')), http('s2', local.url('/slow')), http('s3', local.url('/slow')), http('s4', local.url('/slow'))),
    );
    expect(execution.status).toBe('TIMED_OUT');
    expect(Date.now() - started).toBeLessThan(2_500);
    const statuses = execution.steps.map((s) => s.status);
    expect(statuses.slice(0, 3)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']); // start, s1, s2
    expect(execution.steps.filter((s) => s.status === 'SUCCEEDED').length).toBeLessThan(5);
    expect(execution.steps.map((s) => s.nodeId)).not.toContain('s4');
    expect(local.requestsTo('/slow').length).toBeLessThanOrEqual(3);
  });
});
