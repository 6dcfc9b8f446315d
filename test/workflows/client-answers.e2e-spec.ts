import { Server } from 'node:http';
import request from 'supertest';
import { LocalHttpServer } from '../support/local-http';
import { startApiWithUser, TestApi } from '../support/test-app';
import {
  activate,
  AuthHeader,
  chain,
  createWorkflow,
  eventually,
  getExecution,
  runOnce,
  runWorkflow,
  waitForExecution,
} from '../support/workflows';

const PUBLIC_BASE_URL = 'https://hooks.example.com';
const hook = (path: string, params: object = {}) => ({ id: 'hook', type: 'trigger.webhook', params: { path, ...params } });

/** Answers that say what is wrong, and answers a client can use as they are. */
describe('client-facing answers', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;
  let local: LocalHttpServer;

  beforeAll(async () => {
    local = await LocalHttpServer.start();
    ({ api, server, auth } = await startApiWithUser({ PUBLIC_BASE_URL: `${PUBLIC_BASE_URL}/`, HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1' }));
  });
  afterAll(async () => {
    await api?.close();
    await local?.close();
  });

  const save = (definition: object) => request(server).post('/workflows').set(auth).send({ name: 'answers', definition });

  async function saveRefused(definition: object): Promise<string[]> {
    const res = await save(definition);
    expect(res.status).toBe(400);
    return res.body.message;
  }

  async function activeWebhook(path: string, nodes: object[], params: object = {}): Promise<string> {
    const all = [hook(path, params), ...nodes] as { id: string }[];
    const { id } = await createWorkflow(server, auth, {
      name: path,
      definition: { nodes: all, edges: all.slice(1).map((n, i) => ({ from: all[i].id, to: n.id })) },
    });
    await activate(server, auth, id);
    return id;
  }

  describe('a JSON body without Content-Type: application/json', () => {
    const body = JSON.stringify({ name: 'x', definition: chain() });

    it.each([
      ['a form (curl -d)', 'application/x-www-form-urlencoded', 'Content-Type application/x-www-form-urlencoded'],
      ['text/plain', 'text/plain', 'Content-Type text/plain'],
    ])('%s: 415 naming the expected type', async (_label, contentType, got) => {
      const res = await request(server).post('/workflows').set(auth).set('content-type', contentType).send(body);
      expect(res.status).toBe(415);
      expect(res.body).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: `This endpoint takes a JSON body sent with Content-Type: application/json (got ${got})`,
      });
    });

    it('no Content-Type at all: 415 too', async () => {
      const res = await fetch(`${api.url}/workflows`, { method: 'POST', headers: auth, body: new Blob([body]) });
      expect(res.status).toBe(415);
      expect(((await res.json()) as { message: string }).message).toContain('(got no Content-Type)');
    });

    it('webhooks still take forms and text as they come', async () => {
      await activeWebhook('answers-raw', []);
      const form = await request(server).post('/webhook/answers-raw').type('form').send('a=1&b=two');
      expect(form.status).toBe(200);
      expect(form.body.body).toEqual({ a: '1', b: 'two' });
      const text = await request(server).post('/webhook/answers-raw').set('content-type', 'text/plain').send('hello');
      expect(text.status).toBe(200);
      expect(text.body.body).toBe('hello');
    });
  });

  describe('validation messages say what is wrong and what is expected', () => {
    it('a missing edges list', async () => {
      const { nodes } = chain();
      expect(await saveRefused({ nodes })).toEqual(['definition.edges is required: an array of edges {from, to} (use [] for none)']);
    });

    it('a JSONata syntax error: position, token, and the quotes plain text needs', async () => {
      const [problem] = await saveRefused(chain({ id: 'greet', type: 'data.set', params: { fields: { text: 'hello world' } } }));
      expect(problem).toBe(
        'node "greet": Expression "hello world": Syntax error: "world" at position 11 near \'world\'; to use it as text, write a string literal in quotes: "hello world"',
      );
      const [end] = await saveRefused(chain({ id: 'sum', type: 'data.transform', params: { expression: '$sum(1,' } }));
      expect(end).toContain('at position 7 (the end of the expression)');
    });

    it('a bare word (a path that matches nothing) gets the same hint', async () => {
      const [problem] = await saveRefused(chain({ id: 'greet', type: 'data.set', params: { fields: { text: 'hello' } } }));
      expect(problem).toContain('"hello" is a path that matches nothing');
      expect(problem).toContain('write a string literal in quotes: "hello"');
      expect(
        (await save(chain({ id: 'ok', type: 'data.set', params: { fields: { a: 'true', b: '"hello"', c: 'trigger' } } }))).status,
      ).toBe(201);
    });

    it('cron shorthands: @hourly and @daily are accepted, others refused saying what is supported', async () => {
      for (const cron of ['@hourly', '@daily'])
        expect((await save({ nodes: [{ id: 'cron', type: 'trigger.schedule', params: { cron } }], edges: [] })).status).toBe(201);
      const [problem] = await saveRefused({ nodes: [{ id: 'cron', type: 'trigger.schedule', params: { cron: '@reboot' } }], edges: [] });
      expect(problem).toBe(
        'node "cron": params.cron: \'@reboot\' is not a supported shorthand (expected five or six cron fields, e.g. "*/5 * * * *", or one of @yearly, @monthly, @weekly, @daily, @hourly)',
      );
    });

    it('an unknown time zone', async () => {
      const [problem] = await saveRefused({
        nodes: [{ id: 'cron', type: 'trigger.schedule', params: { cron: '0 * * * *', timezone: 'Mars/Olympus' } }],
        edges: [],
      });
      expect(problem).toBe('node "cron": params.timezone: unknown time zone \'Mars/Olympus\' (use an IANA name like Europe/Paris)');
    });

    it('?from=yesterday asks for an ISO 8601 date-time; a real one works', async () => {
      const res = await request(server).get('/executions?from=yesterday').set(auth);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(['from must be an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z']);
      expect((await request(server).get('/executions?from=2026-01-31T00:00:00Z&to=2099-01-01').set(auth)).status).toBe(200);
    });
  });

  describe('webhook answers', () => {
    it('a failed run: the anonymous caller gets a generic message with the executionId; the owner sees the details', async () => {
      local.route('/private', () => ({ status: 500, body: { secret: 'db password in a stack trace' } }));
      await activeWebhook('answers-fail', [{ id: 'call', type: 'http.request', params: { url: `${local.url()}/private` } }]);
      const res = await request(server).post('/webhook/answers-fail').send({});
      expect(res.status).toBe(422);
      const executionId = res.headers['x-execution-id'];
      expect(res.body).toEqual({
        statusCode: 422,
        error: 'Workflow execution failed',
        message: `The workflow execution failed; its owner can see why in execution ${executionId}`,
        executionId,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|db password/);
      const execution = await getExecution(server, auth, executionId);
      expect(execution.error).toContain('500');
    });

    it('the webhook url is absolute, from PUBLIC_BASE_URL', async () => {
      const id = await activeWebhook('answers-url', []);
      const info = await request(server).get(`/workflows/${id}/webhook`).set(auth).expect(200);
      expect(info.body.url).toBe(`${PUBLIC_BASE_URL}/webhook/answers-url`);
    });

    it('an async webhook 202 carries a Location to the execution', async () => {
      await activeWebhook('answers-async', [], { mode: 'async' });
      const res = await request(server).post('/webhook/answers-async').send({});
      expect(res.status).toBe(202);
      expect(res.headers.location).toBe(`/executions/${res.body.executionId}`);
      expect((await request(server).get(res.headers.location).set(auth)).status).toBe(200);
    });
  });

  describe('executions', () => {
    it('a manual run and a retry: 202 with a Location to the execution', async () => {
      const { id } = await createWorkflow(server, auth, {
        name: 'answers-run',
        definition: chain({ id: 'stop', type: 'flow.fail', params: { message: 'no' } }),
      });
      const run = await request(server).post(`/workflows/${id}/run`).set(auth).send({});
      expect(run.status).toBe(202);
      expect(run.headers.location).toBe(`/executions/${run.body.id}`);
      await waitForExecution(server, auth, run.body.id);
      const retry = await request(server).post(`/executions/${run.body.id}/retry`).set(auth);
      expect(retry.status).toBe(202);
      expect(retry.headers.location).toBe(`/executions/${retry.body.id}`);
    });

    it('a cancelled execution has its durationMs', async () => {
      const { id } = await createWorkflow(server, auth, {
        name: 'answers-cancel',
        definition: chain({ id: 'wait', type: 'flow.delay', params: { seconds: 60 } }),
      });
      const executionId = await runWorkflow(server, auth, id);
      await eventually('the run reaches the delay', async () =>
        (await getExecution(server, auth, executionId)).steps.some((s) => s.nodeId === 'start'),
      );
      const res = await request(server).post(`/executions/${executionId}/cancel`).set(auth);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('CANCELLED');
      expect(res.body.durationMs).toEqual(expect.any(Number));
      expect(res.body.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('http.request sends a User-Agent (workflow-platform/<version>) unless the node sets one', async () => {
      local.route('/ua', () => ({ body: { ok: true } }));
      await runOnce(server, auth, chain({ id: 'call', type: 'http.request', params: { url: `${local.url()}/ua` } }));
      await runOnce(
        server,
        auth,
        chain({ id: 'call', type: 'http.request', params: { url: `${local.url()}/ua`, headers: { 'User-Agent': 'mine/1' } } }),
      );
      const [first, second] = local.requestsTo('/ua');
      expect(first.headers['user-agent']).toMatch(/^workflow-platform\/\d+\.\d+\.\d+/);
      expect(second.headers['user-agent']).toBe('mine/1');
    });
  });
});
