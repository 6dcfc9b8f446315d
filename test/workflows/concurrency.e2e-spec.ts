import { Server } from 'node:http';
import request from 'supertest';
import { registerUser, setUserTier } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { startTestApi, TestApi } from '../support/test-app';
import { AuthHeader, chain, createWorkflow, eventually, getExecution, runWorkflow, waitForExecution } from '../support/workflows';

const HOLD_MS = 300;

/** Per-tier limits on executions running at once per user; the excess waits in the queue. */
describe('tier concurrency limits', () => {
  let local: LocalHttpServer;
  let api: TestApi;
  let server: Server;

  beforeAll(async () => {
    [local, api] = await Promise.all([
      LocalHttpServer.start(),
      startTestApi({
        HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1',
        EXECUTION_CONCURRENCY_FREE: '2',
        EXECUTION_CONCURRENCY_PRO: '6',
        WORKER_CONCURRENCY: '20',
        WEBHOOK_SYNC_TIMEOUT_MS: '250',
      }),
    ]);
    server = api.app.getHttpServer();
  });
  afterAll(async () => {
    await api?.close();
    await local?.close();
  });
  beforeEach(() => {
    local.reset();
    holdFor(HOLD_MS);
  });

  const holdFor = (delayMs: number) => local.route('/hold', () => ({ delayMs, body: { ok: true } }));

  async function userWithWorkflow(): Promise<{ auth: AuthHeader; userId: string; workflowId: string }> {
    const { authHeader, user } = await registerUser(server);
    const definition = chain({ id: 'hold', type: 'http.request', params: { url: `${local.url('/hold')}?n={{ trigger.body.n }}` } });
    const { id } = await createWorkflow(server, authHeader, { name: 'holder', definition });
    return { auth: authHeader, userId: user.id, workflowId: id };
  }

  async function runAll(auth: AuthHeader, workflowId: string, count: number, from = 0): Promise<string[]> {
    return Promise.all(Array.from({ length: count }, (_, i) => runWorkflow(server, auth, workflowId, { n: from + i })));
  }

  it('FREE (limit 2): 8 runs at once never hold more than 2 requests; all 8 SUCCEED, none dropped', async () => {
    const { auth, workflowId } = await userWithWorkflow();
    const started = Date.now();
    const ids = await runAll(auth, workflowId, 8);
    const executions = await Promise.all(ids.map((id) => waitForExecution(server, auth, id, undefined, 20_000)));

    expect(executions.map((e) => e.status)).toEqual(Array(8).fill('SUCCEEDED'));
    expect(local.peakConcurrency).toBe(2);
    expect(
      local
        .requestsTo('/hold')
        .map((r) => Number(r.query.n))
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * HOLD_MS); // four waves of two
  });

  it('FREE: a freed slot is handed to the waiting run at once, not after its queue delay', async () => {
    const { auth, workflowId } = await userWithWorkflow();
    const ids = await runAll(auth, workflowId, 4);
    await Promise.all(ids.map((id) => waitForExecution(server, auth, id, undefined, 20_000)));

    const starts = local.requestsTo('/hold').map((r) => r.receivedAt);
    const ends = local.answered.filter((a) => a.path === '/hold').map((a) => a.at);
    expect([starts.length, ends.length]).toEqual([4, 4]);
    // The two runs refused a slot wait delayed for 1–2 s as a fallback only: each starts as a run ends.
    for (const start of starts.slice(2)) {
      const freedAt = Math.max(...ends.filter((end) => end <= start));
      expect(start - freedAt).toBeLessThan(600);
    }
    expect(local.peakConcurrency).toBe(2);
  });

  it('PRO (limit 6): the same burst runs more than 2 at once, never more than 6', async () => {
    const { auth, userId, workflowId } = await userWithWorkflow();
    await setUserTier(api.app, userId, 'PRO');
    const ids = await runAll(auth, workflowId, 8);
    const executions = await Promise.all(ids.map((id) => waitForExecution(server, auth, id, undefined, 20_000)));

    expect(executions.map((e) => e.status)).toEqual(Array(8).fill('SUCCEEDED'));
    expect(local.peakConcurrency).toBeGreaterThan(2);
    expect(local.peakConcurrency).toBeLessThanOrEqual(6);
  });

  it('the limit is per user: two FREE users run 2 each at the same time', async () => {
    const [a, b] = await Promise.all([userWithWorkflow(), userWithWorkflow()]);
    holdFor(800); // long enough for both users' first two to overlap on a busy machine
    const ids = await Promise.all([runAll(a.auth, a.workflowId, 3), runAll(b.auth, b.workflowId, 3, 10)]);
    await Promise.all([
      ...ids[0].map((id) => waitForExecution(server, a.auth, id)),
      ...ids[1].map((id) => waitForExecution(server, b.auth, id)),
    ]);
    expect(local.peakConcurrency).toBeGreaterThan(2); // more than one user's limit...
    expect(local.peakConcurrency).toBeLessThanOrEqual(4); // ...but within both together
  });

  it('sync webhooks that outlive WEBHOOK_SYNC_TIMEOUT_MS: 202 with an id that can be looked up, and they keep their slot', async () => {
    const { auth } = await userWithWorkflow();
    const definition = {
      nodes: [
        { id: 'hook', type: 'trigger.webhook', params: { path: 'conc-slow' } },
        { id: 'hold', type: 'http.request', params: { url: `${local.url('/hold')}?n={{ trigger.body.n }}` } },
      ],
      edges: [{ from: 'hook', to: 'hold' }],
    };
    holdFor(800);
    const { id } = await createWorkflow(server, auth, { name: 'slow hook', definition });
    await request(server).post(`/workflows/${id}/activate`).set(auth).expect(200);
    const answers = await Promise.all([0, 1, 2, 3].map((n) => request(server).post('/webhook/conc-slow').send({ n })));
    for (const answer of answers) {
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ executionId: expect.any(String), status: 'RUNNING' });
      const lookup = await request(server).get(`/executions/${answer.body.executionId}`).set(auth);
      expect([answer.body.executionId, lookup.status]).toEqual([answer.body.executionId, 200]);
    }
    const executions = await Promise.all(answers.map((a) => waitForExecution(server, auth, a.body.executionId)));
    expect(executions.map((e) => e.status)).toEqual(Array(4).fill('SUCCEEDED'));
    expect(executions.every((e) => e.steps.length === 2)).toBe(true);
    expect(local.peakConcurrency).toBe(2); // the inline runs kept their slots past the 202
  });

  it('an execution waiting for a slot can be cancelled: it never runs', async () => {
    const { auth, workflowId } = await userWithWorkflow();
    const running = await runAll(auth, workflowId, 2);
    await eventually('both slots taken', () => local.requestsTo('/hold').length === 2);
    const waiting = await runWorkflow(server, auth, workflowId, { n: 99 });

    const res = await request(server).post(`/executions/${waiting}/cancel`).set(auth).expect(200);
    expect(res.body.status).toBe('CANCELLED');
    for (const id of running) expect((await waitForExecution(server, auth, id)).status).toBe('SUCCEEDED');
    await new Promise((resolve) => setTimeout(resolve, 600)); // longer than the limiter's re-check delay
    expect(local.requestsTo('/hold').map((r) => r.query.n)).not.toContain('99');
    expect(await getExecution(server, auth, waiting)).toMatchObject({ status: 'CANCELLED', steps: [] });
  });
});
