import { Server } from 'node:http';
import request from 'supertest';
import { registerUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { AuthHeader, chain, createWorkflow, waitForExecution } from '../support/workflows';

/** POST /workflows/:id/run and POST /executions/:id/retry with Idempotency-Key: what the console's offline replay relies on. */
describe('Idempotency-Key on run and retry', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;
  let workflowId: string;

  beforeAll(async () => {
    api = await startTestApi();
    server = api.app.getHttpServer();
    ({ authHeader: auth } = await registerUser(server));
    ({ id: workflowId } = await createWorkflow(server, auth, {
      name: 'Keyed',
      definition: chain({ id: 'set', type: 'data.set', params: { fields: { a: '1' } } }),
    }));
  });
  afterAll(() => api?.close());

  const run = (key?: string) => {
    const req = request(server).post(`/workflows/${workflowId}/run`).set(auth);
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send({});
  };
  const runsOf = async (id: string) =>
    (await request(server).get(`/executions?workflowId=${id}&limit=100`).set(auth).expect(200)).body.items as { id: string }[];

  it('a repeat with the same key answers the first run and starts nothing, even after it finished', async () => {
    const first = await run('replay-1').expect(202);
    await waitForExecution(server, auth, first.body.id);
    const again = await run('replay-1').expect(202);
    expect(again.body).toMatchObject({ id: first.body.id, workflowId, status: 'SUCCEEDED' });
    expect(again.headers.location).toBe(`/executions/${first.body.id}`);
    expect((await runsOf(workflowId)).filter((e) => e.id === first.body.id)).toHaveLength(1);
    expect(await runsOf(workflowId)).toHaveLength(1);
  });

  it('concurrent repeats start one run; other keys and no key start their own', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => run('burst-1')));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const other = await run('burst-2').expect(202);
    const unkeyed = await run().expect(202);
    expect(new Set([answers[0].body.id, other.body.id, unkeyed.body.id]).size).toBe(3);
    expect(await runsOf(workflowId)).toHaveLength(4);
  });

  it('refuses a malformed key with 400', async () => {
    const res = await run('has spaces').expect(400);
    expect(res.body.message).toMatch(/Idempotency-Key/);
    expect((await run('x'.repeat(151)).expect(400)).body.statusCode).toBe(400);
  });

  it('a retry repeated with the same key answers the first retry', async () => {
    const { id: failingId } = await createWorkflow(server, auth, {
      name: 'Failing',
      definition: chain({ id: 'call', type: 'http.request', params: { url: 'http://127.0.0.1:9/refused' } }),
    });
    const origin = await request(server).post(`/workflows/${failingId}/run`).set(auth).send({}).expect(202);
    expect((await waitForExecution(server, auth, origin.body.id)).status).toBe('FAILED');
    const retry = () => request(server).post(`/executions/${origin.body.id}/retry`).set(auth).set('Idempotency-Key', 'retry-1').send({});
    const [a, b] = await Promise.all([retry(), retry()]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body).toMatchObject({ id: a.body.id, retryOfId: origin.body.id, attempt: 2 });
    expect((await retry().expect(202)).body.id).toBe(a.body.id);
    // The same key on another workflow's run is a different request.
    expect((await run('retry-1').expect(202)).body.id).not.toBe(a.body.id);
    expect(await runsOf(failingId)).toHaveLength(2);
  });
});
