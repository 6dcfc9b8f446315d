import { Server } from 'node:http';
import request from 'supertest';
import { createApiKey, registerUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { activate, AuthHeader, chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';

const hookDefinition = (path: string) => ({
  nodes: [
    { id: 'hook', type: 'trigger.webhook', params: { path, verifySignature: true } },
    { id: 'stop', type: 'flow.fail', params: { message: 'always' } },
  ],
  edges: [{ from: 'hook', to: 'stop' }],
});

/** User B walks every route with user A's ids: each is 404, as if the thing did not exist. */
describe('cross-user isolation', () => {
  let api: TestApi;
  let server: Server;
  let a: AuthHeader;
  let b: AuthHeader;
  let bKey: { 'X-API-Key': string };
  const mine: { workflowId: string; versionId: string; executionId: string; apiKeyId: string; bWorkflowId: string; bExecutionId: string } =
    {} as never;

  beforeAll(async () => {
    api = await startTestApi();
    server = api.app.getHttpServer();
    [{ authHeader: a }, { authHeader: b }] = await Promise.all([registerUser(server), registerUser(server)]);
    bKey = { 'X-API-Key': (await createApiKey(server, b, { name: 'b key' })).key };

    mine.workflowId = (
      await createWorkflow(server, a, { name: 'A secret workflow', tags: ['a-only'], definition: hookDefinition('iso-a') })
    ).id;
    await activate(server, a, mine.workflowId);
    mine.versionId = (await request(server).get(`/workflows/${mine.workflowId}/versions`).set(a).expect(200)).body.items[0].id;
    mine.executionId = (await waitForExecution(server, a, await runWorkflow(server, a, mine.workflowId))).id; // FAILED: retryable by A
    mine.apiKeyId = (await createApiKey(server, a, { name: 'a key' })).id;

    mine.bWorkflowId = (
      await createWorkflow(server, b, {
        name: 'B workflow',
        definition: chain({ id: 'x', type: 'data.set', params: { fields: { x: '1' } } }),
      })
    ).id;
    mine.bExecutionId = (await waitForExecution(server, b, await runWorkflow(server, b, mine.bWorkflowId))).id;
  });
  afterAll(() => api?.close());

  // [method, what, path, body]: every row has all four, or Jest would hand a `done` callback in as the body.
  const routes: [string, string, () => string, object | null][] = [
    ['GET', 'workflow', () => `/workflows/${mine.workflowId}`, null],
    ['PATCH', 'workflow rename', () => `/workflows/${mine.workflowId}`, { name: 'stolen' }],
    [
      'PATCH',
      'workflow definition',
      () => `/workflows/${mine.workflowId}`,
      { definition: chain({ id: 'x', type: 'data.set', params: { fields: { x: '1' } } }) },
    ],
    ['DELETE', 'workflow', () => `/workflows/${mine.workflowId}`, null],
    ['POST', 'activate', () => `/workflows/${mine.workflowId}/activate`, null],
    ['POST', 'deactivate', () => `/workflows/${mine.workflowId}/deactivate`, null],
    ['GET', 'versions', () => `/workflows/${mine.workflowId}/versions`, null],
    ['POST', 'version restore', () => `/workflows/${mine.workflowId}/versions/${mine.versionId}/restore`, null],
    ['GET', 'version diff', () => `/workflows/${mine.workflowId}/versions/${mine.versionId}/diff/${mine.versionId}`, null],
    ['GET', 'webhook (signing secret)', () => `/workflows/${mine.workflowId}/webhook`, null],
    ['POST', 'run', () => `/workflows/${mine.workflowId}/run`, { x: 1 }],
    ['GET', 'execution', () => `/executions/${mine.executionId}`, null],
    ['POST', 'cancel', () => `/executions/${mine.executionId}/cancel`, null],
    ['POST', 'retry', () => `/executions/${mine.executionId}/retry`, null],
    ['POST', 'retry from the failed step', () => `/executions/${mine.executionId}/retry`, { from: 'failed', version: 'latest' }],
    ['DELETE', 'API key', () => `/auth/api-keys/${mine.apiKeyId}`, null],
  ];

  const send = (method: string, path: string, auth: object, body: object | null) => {
    const req = request(server)
      [method.toLowerCase() as 'get'](path)
      .set(auth as Record<string, string>);
    return body ? req.send(body) : req;
  };

  it.each(routes)('%s %s with another user’s id: 404 and nothing leaks (bearer and API key)', async (method, _label, path, body) => {
    for (const auth of [b, bKey]) {
      const res = await send(method, path(), auth, body);
      expect([method, path(), res.status]).toEqual([method, path(), 404]);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(JSON.stringify(res.body)).not.toMatch(/A secret workflow|signingSecret|always/);
    }
  });

  it('after the walk, A’s things are untouched', async () => {
    const workflow = (await request(server).get(`/workflows/${mine.workflowId}`).set(a).expect(200)).body;
    expect(workflow).toMatchObject({ name: 'A secret workflow', status: 'ACTIVE', version: 1 });
    expect((await request(server).get(`/workflows/${mine.workflowId}/versions`).set(a).expect(200)).body.items).toHaveLength(1);
    const executions = (await request(server).get(`/executions?workflowId=${mine.workflowId}`).set(a).expect(200)).body.items;
    expect(executions.map((e: { id: string }) => e.id)).toEqual([mine.executionId]); // B's run and retry did not happen
    expect((await request(server).get(`/executions/${mine.executionId}`).set(a).expect(200)).body.status).toBe('FAILED');
    const keys = (await request(server).get('/auth/api-keys').set(a).expect(200)).body.items;
    expect(keys.map((k: { id: string }) => k.id)).toContain(mine.apiKeyId);
    expect((await request(server).get(`/workflows/${mine.workflowId}/webhook`).set(a).expect(200)).body.signingSecret).toEqual(
      expect.any(String),
    );
    // ...and A can still do what B could not.
    await request(server).post(`/executions/${mine.executionId}/retry`).set(a).expect(202);
  });

  it('lists show only the caller’s own items', async () => {
    for (const auth of [b, bKey]) {
      const workflows = (await request(server).get('/workflows').set(auth).expect(200)).body.items;
      expect(workflows.map((w: { id: string }) => w.id)).toEqual([mine.bWorkflowId]);
      expect((await request(server).get('/workflows?tag=a-only').set(auth).expect(200)).body.items).toEqual([]);
      expect((await request(server).get('/workflows?search=secret').set(auth).expect(200)).body.items).toEqual([]);

      const executions = (await request(server).get('/executions').set(auth).expect(200)).body.items;
      expect(executions.map((e: { id: string }) => e.id)).toEqual([mine.bExecutionId]);
      expect((await request(server).get(`/executions?workflowId=${mine.workflowId}`).set(auth).expect(200)).body.items).toEqual([]);
      expect((await request(server).get('/executions?status=FAILED').set(auth).expect(200)).body.items).toEqual([]);

      const keys = (await request(server).get('/auth/api-keys').set(auth).expect(200)).body.items;
      expect(keys.map((k: { name: string }) => k.name)).toEqual(['b key']);
    }
  });

  it('a cursor from A’s list does not reveal A’s items to B', async () => {
    const page = (await request(server).get('/workflows?limit=1').set(a).expect(200)).body;
    const cursor = Buffer.from(`${new Date(Date.now() + 60_000).toISOString()}|ffffffff-ffff-4fff-bfff-ffffffffffff`).toString('base64url');
    for (const c of [page.nextCursor, cursor].filter(Boolean)) {
      const items = (await request(server).get(`/workflows?cursor=${c}`).set(b).expect(200)).body.items;
      expect(items.every((w: { id: string }) => w.id === mine.bWorkflowId)).toBe(true);
    }
  });
});
