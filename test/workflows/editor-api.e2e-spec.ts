import { get as httpGet, IncomingMessage, Server } from 'node:http';
import Redis from 'ioredis';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '@app/database';
import { ExecutionRow, newExecutionRow, RetentionService, userExecutionUpdatesChannel } from '@app/executions';
import { ExecutionWriter } from '../../libs/executions/src/execution-writer.service';
import { registerUser, RegisteredUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow, eventually, waitForExecution } from '../support/workflows';

const transform = (id: string, expression: string, extra: object = {}) => ({
  id,
  type: 'data.transform',
  params: { expression },
  ...extra,
});

describe("the editor's API", () => {
  let api: TestApi;
  let server: Server;
  let owner: RegisteredUser;
  let other: RegisteredUser;

  beforeAll(async () => {
    api = await startTestApi();
    server = api.app.getHttpServer();
    owner = await registerUser(server);
    other = await registerUser(server);
  });
  afterAll(() => api?.close());

  describe('node positions', () => {
    it('are saved with the version and returned; the engine ignores them', async () => {
      const definition = chain(transform('double', 'trigger.body.n * 2', { position: { x: 120.5, y: -40 } }));
      const { id } = await createWorkflow(server, owner.authHeader, { name: 'positioned', definition });
      const res = await request(server).get(`/workflows/${id}`).set(owner.authHeader);
      expect(res.body.definition.nodes[1].position).toEqual({ x: 120.5, y: -40 });
      const run = await request(server).post(`/workflows/${id}/run`).set(owner.authHeader).send({ n: 4 });
      expect((await waitForExecution(server, owner.authHeader, run.body.id)).output).toBe(8);
    });

    it('must be finite numbers x and y', async () => {
      for (const position of [{ x: 'a', y: 1 }, { x: 1 }, { x: 1, y: 2, z: 3 }, { x: 1e12, y: 0 }]) {
        const res = await request(server)
          .post('/workflows')
          .set(owner.authHeader)
          .send({ name: 'p', definition: chain(transform('t', '1', { position })) });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.message)).toMatch(/position/);
      }
    });
  });

  describe('optimistic concurrency on PATCH /workflows/:id', () => {
    it('answers 409 with currentVersion when the workflow changed since baseVersion; force or no baseVersion overwrites', async () => {
      const { id } = await createWorkflow(server, owner.authHeader, { name: 'shared', definition: chain(transform('t', '1')) });
      // Two editors both opened version 1; the first save wins.
      const first = await request(server)
        .patch(`/workflows/${id}`)
        .set(owner.authHeader)
        .send({ baseVersion: 1, definition: chain(transform('t', '2')) });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(2);
      const second = await request(server)
        .patch(`/workflows/${id}`)
        .set(owner.authHeader)
        .send({ baseVersion: 1, definition: chain(transform('t', '3')) });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ statusCode: 409, error: 'Conflict', currentVersion: 2 });
      expect(second.body.message).toContain('force');
      const forced = await request(server)
        .patch(`/workflows/${id}`)
        .set(owner.authHeader)
        .send({ baseVersion: 1, force: true, definition: chain(transform('t', '3')) });
      expect(forced.status).toBe(200);
      expect(forced.body.version).toBe(3);
      const script = await request(server)
        .patch(`/workflows/${id}`)
        .set(owner.authHeader)
        .send({ definition: chain(transform('t', '4')) });
      expect(script.body.version).toBe(4);
    });

    it('lets exactly one of two concurrent saves from the same base through', async () => {
      const { id } = await createWorkflow(server, owner.authHeader, { name: 'race', definition: chain(transform('t', '1')) });
      const save = (n: number) =>
        request(server)
          .patch(`/workflows/${id}`)
          .set(owner.authHeader)
          .send({ baseVersion: 1, definition: chain(transform('t', String(n))) });
      const statuses = (await Promise.all([save(2), save(3), save(4)])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409]);
    });

    it('is 404 for another user', async () => {
      const { id } = await createWorkflow(server, owner.authHeader, { name: 'mine', definition: chain(transform('t', '1')) });
      const res = await request(server).patch(`/workflows/${id}`).set(other.authHeader).send({ baseVersion: 1, name: 'x' });
      expect(res.status).toBe(404);
    });
  });

  describe('structured validation problems', () => {
    const save = (definition: object) => request(server).post('/workflows').set(owner.authHeader).send({ name: 'bad', definition });

    it('places each problem on its node, edge and path, keeping the message list', async () => {
      const definition = chain({ id: 'x', type: 'no.such', params: {} }, { id: 'req', type: 'http.request', params: { method: 'GET' } });
      const res = await save(definition);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('node "x": unknown node type "no.such"');
      expect(res.body.problems).toEqual(
        expect.arrayContaining([
          { nodeId: 'x', path: 'type', message: 'unknown node type "no.such"' },
          expect.objectContaining({ nodeId: 'req', path: expect.stringMatching(/^params/), message: expect.stringContaining('url') }),
        ]),
      );
      expect(res.body.problems.length).toBeGreaterThanOrEqual(res.body.message.length);
    });

    it('marks the edges of a cycle', async () => {
      const set = (id: string) => ({ id, type: 'data.set', params: { fields: { a: '1' } } });
      const res = await save({
        nodes: [{ id: 'start', type: 'trigger.manual', params: {} }, set('a'), set('b')],
        edges: [
          { from: 'start', to: 'a' },
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(['definition: the graph has a cycle through nodes "a", "b"']);
      expect(res.body.problems.map((p: { edge: object }) => p.edge)).toEqual([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ]);
    });

    it('gives a bad JSONata expression its node, param path and position', async () => {
      const res = await save(
        chain({ id: 'calc', type: 'data.set', params: { fields: { ok: '1', total: 'nodes.a +' } }, position: { x: 1, y: 2 } }),
      );
      expect(res.status).toBe(400);
      const [problem] = res.body.problems;
      expect(problem).toMatchObject({ nodeId: 'calc', path: 'params.fields.total' });
      expect(problem.message).toMatch(/at position \d+/);
    });
  });

  describe('POST /workflows/test-runs', () => {
    const testRun = (auth: Record<string, string>, body: object) => request(server).post('/workflows/test-runs').set(auth).send(body);

    it('runs an unsaved draft with the given input: 202 + Location, trigger TEST, listed only with ?test=true', async () => {
      const res = await testRun(owner.authHeader, {
        definition: chain(transform('sum', 'trigger.body.a + trigger.body.b')),
        input: { a: 2, b: 3 },
      });
      expect(res.status).toBe(202);
      expect(res.headers.location).toBe(`/executions/${res.body.id}`);
      const execution = await waitForExecution(server, owner.authHeader, res.body.id);
      expect(execution).toMatchObject({ status: 'SUCCEEDED', output: 5, trigger: 'TEST' });
      expect(execution.steps.map((s) => s.nodeId)).toEqual(['start', 'sum']);
      const defaultList = await request(server).get('/executions').set(owner.authHeader);
      expect(defaultList.body.items.map((e: { id: string }) => e.id)).not.toContain(res.body.id);
      const tests = await request(server).get('/executions?test=true').set(owner.authHeader);
      expect(tests.body.items.map((e: { id: string }) => e.id)).toContain(res.body.id);
      const byTrigger = await request(server).get('/executions?trigger=TEST').set(owner.authHeader);
      expect(byTrigger.body.items.map((e: { id: string }) => e.id)).toContain(res.body.id);
      // The scratch workflow of unsaved drafts stays hidden.
      const workflows = await request(server).get('/workflows').set(owner.authHeader);
      expect(workflows.body.items.map((w: { id: string }) => w.id)).not.toContain(res.body.workflowId);
    });

    it('runs a draft of a saved workflow under it without changing its versions', async () => {
      const { id } = await createWorkflow(server, owner.authHeader, { name: 'edited', definition: chain(transform('t', '1')) });
      const res = await testRun(owner.authHeader, { workflowId: id, definition: chain(transform('t', '41 + 1')) });
      expect(res.status).toBe(202);
      expect(res.body.workflowId).toBe(id);
      expect((await waitForExecution(server, owner.authHeader, res.body.id)).output).toBe(42);
      const workflow = await request(server).get(`/workflows/${id}`).set(owner.authHeader);
      expect(workflow.body).toMatchObject({ version: 1, definition: { nodes: [expect.anything(), { params: { expression: '1' } }] } });
      const versions = await request(server).get(`/workflows/${id}/versions`).set(owner.authHeader);
      expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
      const listed = await request(server).get(`/executions?workflowId=${id}&test=true`).set(owner.authHeader);
      expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([res.body.id]);
    });

    it('validates like a save: 400 with problems, nothing queued', async () => {
      const res = await testRun(owner.authHeader, { definition: chain({ id: 'x', type: 'no.such', params: {} }) });
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([{ nodeId: 'x', path: 'type', message: 'unknown node type "no.such"' }]);
      const missing = await testRun(owner.authHeader, { input: {} });
      expect(missing.status).toBe(400);
    });

    it('places a credential the user does not have on its node', async () => {
      const missing = randomUUID();
      const definition = chain({ id: 'call', type: 'http.request', params: { url: 'http://127.0.0.1:9/x', credentialId: missing } });
      const res = await testRun(owner.authHeader, { definition });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([`node "call": credential ${missing} not found`]);
      expect(res.body.problems).toEqual([{ nodeId: 'call', message: `credential ${missing} not found` }]);
    });

    it('a retried test run is still a test run', async () => {
      const res = await testRun(owner.authHeader, { definition: chain({ id: 'boom', type: 'flow.fail', params: { message: 'no' } }) });
      expect((await waitForExecution(server, owner.authHeader, res.body.id)).status).toBe('FAILED');
      const retry = await request(server).post(`/executions/${res.body.id}/retry`).set(owner.authHeader).send({});
      expect(retry.status).toBe(202);
      expect(await waitForExecution(server, owner.authHeader, retry.body.id)).toMatchObject({ status: 'FAILED', trigger: 'TEST' });
      const defaultList = await request(server).get('/executions').set(owner.authHeader);
      expect(defaultList.body.items.map((e: { id: string }) => e.id)).not.toContain(retry.body.id);
    });

    it("is 404 for another user's workflow", async () => {
      const { id } = await createWorkflow(server, owner.authHeader, { name: 'private', definition: chain(transform('t', '1')) });
      const res = await testRun(other.authHeader, { workflowId: id, definition: chain(transform('t', '1')) });
      expect(res.status).toBe(404);
    });
  });

  describe('GET /executions?trigger=', () => {
    it('filters by trigger and refuses unknown ones', async () => {
      const { id } = await createWorkflow(server, owner.authHeader, { name: 'manual', definition: chain(transform('t', '1')) });
      const run = await request(server).post(`/workflows/${id}/run`).set(owner.authHeader).send({});
      await waitForExecution(server, owner.authHeader, run.body.id);
      const manual = await request(server).get('/executions?trigger=MANUAL').set(owner.authHeader);
      expect(manual.body.items.every((e: { trigger: string }) => e.trigger === 'MANUAL')).toBe(true);
      expect(manual.body.items.map((e: { id: string }) => e.id)).toContain(run.body.id);
      const webhook = await request(server).get('/executions?trigger=WEBHOOK').set(owner.authHeader);
      expect(webhook.body.items.map((e: { id: string }) => e.id)).not.toContain(run.body.id);
      expect((await request(server).get('/executions?trigger=NOPE').set(owner.authHeader)).status).toBe(400);
      expect((await request(server).get('/executions?test=maybe').set(owner.authHeader)).status).toBe(400);
    });
  });

  describe('GET /executions/events (per-user server-sent events)', () => {
    function open(auth: Record<string, string>): Promise<{ res: IncomingMessage; text: () => string; close: () => void }> {
      const req = httpGet(`${api.url}/executions/events`, { headers: auth });
      return new Promise((resolve, reject) =>
        req
          .once('response', (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            resolve({ res, text: () => text, close: () => req.destroy() });
          })
          .once('error', reject),
      );
    }

    it("streams created/status/finished for the user's own executions only", async () => {
      const mine = await open(owner.authHeader);
      const theirs = await open(other.authHeader);
      try {
        expect(mine.res.statusCode).toBe(200);
        expect(mine.res.headers['content-type']).toMatch(/^text\/event-stream/);
        await eventually('subscribed', () => mine.text().includes(': subscribed') && theirs.text().includes(': subscribed'));
        const { id } = await createWorkflow(server, owner.authHeader, { name: 'streamed', definition: chain(transform('t', '1')) });
        const run = await request(server).post(`/workflows/${id}/run`).set(owner.authHeader).send({});
        await eventually('finished event', () => mine.text().includes('event: finished'));
        const events = mine
          .text()
          .split('\n\n')
          .filter((b) => b.includes(run.body.id))
          .map((b) => /^event: (.*)$/m.exec(b)?.[1]);
        expect(events[0]).toBe('created');
        expect(events[events.length - 1]).toBe('finished');
        expect(mine.text()).toContain('"status":"SUCCEEDED"');
        expect(theirs.text()).not.toContain(run.body.id);
        expect(theirs.text()).not.toContain('event:');
      } finally {
        mine.close();
        theirs.close();
      }
    });

    it("gets one grouped commit's runs of one owner in one message, and still reads the one-summary form", async () => {
      const { REDIS_URL, REDIS_KEY_PREFIX: prefix } = api.config.redis;
      const ownerChannel = userExecutionUpdatesChannel(prefix, owner.user.id);
      // A subscriber of its own counts what is published to the owner's channel (MONITOR's output can race
      // its +OK on a busy Redis and break the client).
      const listener = new Redis(REDIS_URL);
      const published: string[] = [];
      listener.on('message', (channel: string, message: string) => channel === ownerChannel && published.push(message));
      await listener.subscribe(ownerChannel);
      const mine = await open(owner.authHeader);
      try {
        await eventually('subscribed', () => mine.text().includes(': subscribed'));
        const { id: workflowId } = await createWorkflow(server, owner.authHeader, {
          name: 'grouped',
          definition: chain(transform('t', '1')),
        });
        const version = await api.app.get(PrismaService).workflowVersion.findFirstOrThrow({ where: { workflowId } });
        const row = (status: ExecutionRow['status']) => ({
          ...newExecutionRow({
            workflowId,
            workflowVersionId: version.id,
            userId: owner.user.id,
            trigger: 'MANUAL',
            input: { body: null, headers: {}, query: {}, method: 'POST', path: '' },
          }),
          status,
        });
        // In id order, as the grouped commit writes and announces them.
        const batch = [row('QUEUED'), row('RUNNING'), row('SUCCEEDED')].sort((a, b) => (a.id < b.id ? -1 : 1));
        await api.app.get(ExecutionWriter).write({ insert: batch });
        await eventually('three events', () => batch.every((r) => mine.text().includes(r.id)));
        await eventually('published', () => published.length === 1);
        expect(JSON.parse(published[0]).executions.map((e: { id: string }) => e.id)).toEqual(batch.map((r) => r.id));
        const events = (id: string) =>
          mine
            .text()
            .split('\n\n')
            .filter((b) => b.includes(id))
            .map((b) => /^event: (.*)$/m.exec(b)?.[1]);
        expect(batch.map((r) => events(r.id))).toEqual(
          batch.map((r) => [r.status === 'QUEUED' ? 'created' : r.status === 'RUNNING' ? 'status' : 'finished']),
        );

        // What a publisher from before the grouped form sends during a rolling upgrade.
        const legacy = { ...row('SUCCEEDED'), input: undefined };
        const publisher = listener.duplicate();
        await publisher.publish(ownerChannel, JSON.stringify({ execution: legacy }));
        publisher.disconnect();
        await eventually('legacy summary streamed', () => events(legacy.id).includes('finished'));
      } finally {
        mine.close();
        listener.disconnect();
      }
    });

    it('needs the Authorization header', async () => {
      expect((await request(server).get('/executions/events')).status).toBe(401);
    });
  });

  // Last: pruning from a date in the future removes every finished execution of this file.
  it('retention prunes test runs and then their hidden drafts, never saved versions', async () => {
    const prisma = api.app.get(PrismaService);
    const { id } = await createWorkflow(server, owner.authHeader, { name: 'kept', definition: chain(transform('t', '1')) });
    const run = await request(server)
      .post('/workflows/test-runs')
      .set(owner.authHeader)
      .send({ workflowId: id, definition: chain(transform('t', '2')) });
    await waitForExecution(server, owner.authHeader, run.body.id);
    expect(await prisma.workflowVersion.count({ where: { workflowId: id } })).toBe(2);
    const future = new Date(Date.now() + (api.config.execution.EXECUTION_RETENTION_DAYS + 1) * 86_400_000);
    await api.app.get(RetentionService).prune(future);
    expect(await prisma.execution.count({ where: { id: run.body.id } })).toBe(0);
    expect((await prisma.workflowVersion.findMany({ where: { workflowId: id } })).map((v) => v.version)).toEqual([1]);
  });
});

describe('test runs count against the execution rate limit', () => {
  let api: TestApi;
  let server: Server;
  let owner: RegisteredUser;

  beforeAll(async () => {
    api = await startTestApi({
      THROTTLE_ENABLED: 'true',
      THROTTLE_API_LIMIT: '100',
      THROTTLE_EXECUTION_LIMIT: '2',
      THROTTLE_BURST_LIMIT: '100',
    });
    server = api.app.getHttpServer();
    owner = await registerUser(server);
  });
  afterAll(() => api?.close());

  it('shares the window with manual runs: the third run in the minute is 429', async () => {
    const definition = chain(transform('t', '1'));
    const { id } = await createWorkflow(server, owner.authHeader, { name: 'limited', definition });
    expect((await request(server).post('/workflows/test-runs').set(owner.authHeader).send({ definition })).status).toBe(202);
    expect((await request(server).post(`/workflows/${id}/run`).set(owner.authHeader).send({})).status).toBe(202);
    const refused = await request(server).post('/workflows/test-runs').set(owner.authHeader).send({ definition });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/execution/);
  });
});
