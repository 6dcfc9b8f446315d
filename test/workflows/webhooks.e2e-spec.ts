import { Server } from 'node:http';
import request from 'supertest';
import { PrismaService } from '@app/database';
import { signWebhook } from '@app/webhooks';
import { registerUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { activate, AuthHeader, createWorkflow, getExecution, waitForExecution } from '../support/workflows';

const BODY_LIMIT = 4_096;

function hookDefinition(params: Record<string, unknown>, reply = '{ "got": trigger.body, "q": trigger.query }') {
  return {
    nodes: [
      { id: 'hook', type: 'trigger.webhook', params },
      { id: 'reply', type: 'flow.respond', params: { status: 200, body: reply } },
    ],
    edges: [{ from: 'hook', to: 'reply' }],
  };
}

describe('webhooks', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => {
    api = await startTestApi({ WEBHOOK_BODY_LIMIT_BYTES: String(BODY_LIMIT), WEBHOOK_SIGNATURE_TOLERANCE_SECONDS: '300' });
    server = api.app.getHttpServer();
    ({ authHeader: auth } = await registerUser(server));
  });
  afterAll(() => api?.close());

  async function hook(params: Record<string, unknown>, reply?: string): Promise<string> {
    const { id } = await createWorkflow(server, auth, { name: `hook ${params.path}`, definition: hookDefinition(params, reply) });
    await activate(server, auth, id);
    return id;
  }

  const executionsOf = async (workflowId: string) =>
    (await request(server).get(`/executions?workflowId=${workflowId}`).set(auth).expect(200)).body.items as { id: string }[];

  it('sync: answers with the run’s result and an x-execution-id header; query and body reach the workflow', async () => {
    const id = await hook({ path: 'wh-sync' });
    const res = await request(server).post('/webhook/wh-sync?x=1').send({ a: 1 }).expect(200);
    expect(res.body).toEqual({ got: { a: 1 }, q: { x: '1' } });
    const execution = await getExecution(server, auth, res.headers['x-execution-id']);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', trigger: 'WEBHOOK' });
    expect((await executionsOf(id)).map((e) => e.id)).toEqual([execution.id]);
  });

  it('execution and step ids are UUIDv7: a later execution sorts after an earlier one', async () => {
    await hook({ path: 'wh-ids' });
    const first = (await request(server).post('/webhook/wh-ids').send({}).expect(200)).headers['x-execution-id'];
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = (await request(server).post('/webhook/wh-ids').send({}).expect(200)).headers['x-execution-id'];
    const steps = await api.app
      .get(PrismaService)
      .executionStep.findMany({ where: { executionId: { in: [first, second] } }, select: { id: true } });
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const id of [first, second, ...steps.map((s) => s.id)]) expect(id).toMatch(v7);
    expect(first < second).toBe(true);
  });

  it('async: 202 {executionId, status}; a pure workflow has already run (eager start, see webhook-eager-start)', async () => {
    await hook({ path: 'wh-async', mode: 'async' });
    const res = await request(server).post('/webhook/wh-async').send({ a: 2 }).expect(202);
    expect(res.body).toEqual({ executionId: expect.any(String), status: 'SUCCEEDED' });
    const execution = await waitForExecution(server, auth, res.body.executionId);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { got: { a: 2 } } });
  });

  it('GET and PUT webhooks; the wrong method is 405 JSON', async () => {
    await hook({ path: 'wh-get', method: 'GET' });
    expect((await request(server).get('/webhook/wh-get?name=ann').expect(200)).body).toEqual({ got: null, q: { name: 'ann' } });
    await hook({ path: 'wh-put', method: 'PUT' });
    expect((await request(server).put('/webhook/wh-put').send({ b: 1 }).expect(200)).body).toMatchObject({ got: { b: 1 } });

    const wrong = await request(server).post('/webhook/wh-get').send({});
    expect(wrong.status).toBe(405);
    expect(wrong.body).toMatchObject({ statusCode: 405, message: expect.stringContaining('accepts GET') });
  });

  it('unknown, never activated and deactivated paths: 404 JSON', async () => {
    const unknown = await request(server).post('/webhook/no-such-hook').send({});
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/json');
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });

    await createWorkflow(server, auth, { name: 'draft', definition: hookDefinition({ path: 'wh-draft' }) });
    expect((await request(server).post('/webhook/wh-draft').send({})).status).toBe(404);

    const id = await hook({ path: 'wh-off' });
    await request(server).post('/webhook/wh-off').send({}).expect(200);
    await request(server).post(`/workflows/${id}/deactivate`).set(auth).expect(200);
    expect((await request(server).post('/webhook/wh-off').send({})).status).toBe(404);
    await request(server).get(`/workflows/${id}/webhook`).set(auth).expect(404);
    await activate(server, auth, id);
    await request(server).post('/webhook/wh-off').send({}).expect(200);
  });

  it('a path used by another active workflow cannot be activated twice: 409', async () => {
    await hook({ path: 'wh-taken' });
    const { id } = await createWorkflow(server, auth, { name: 'second', definition: hookDefinition({ path: 'wh-taken' }) });
    expect((await request(server).post(`/workflows/${id}/activate`).set(auth)).status).toBe(409);
    expect((await request(server).get(`/workflows/${id}`).set(auth)).body.status).toBe('DRAFT');
  });

  describe('signed webhooks (verifySignature)', () => {
    let secret: string;
    const body = JSON.stringify({ amount: 10 });
    const post = (signature?: string, raw = body) => {
      const req = request(server).post('/webhook/wh-signed').set('content-type', 'application/json');
      return (signature ? req.set('X-Webhook-Signature', signature) : req).send(raw);
    };

    beforeAll(async () => {
      const id = await hook({ path: 'wh-signed', verifySignature: true }, 'trigger');
      const info = (await request(server).get(`/workflows/${id}/webhook`).set(auth).expect(200)).body;
      expect(info).toMatchObject({
        path: 'wh-signed',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/wh-signed$/),
        method: 'POST',
        mode: 'sync',
        active: true,
        signingSecret: expect.any(String),
      });
      expect(info.signingSecret.length).toBeGreaterThanOrEqual(32);
      secret = info.signingSecret;
    });

    it('a valid signature over the raw body: 200; the signature header is not handed to the workflow', async () => {
      const res = await post(signWebhook(secret, body)).set('Authorization', 'Bearer not-for-workflows');
      expect(res.status).toBe(200);
      expect(res.body.body).toEqual({ amount: 10 });
      expect(Object.keys(res.body.headers)).not.toEqual(expect.arrayContaining(['x-webhook-signature']));
      expect(Object.keys(res.body.headers)).not.toContain('authorization');
    });

    it.each([
      ['missing', () => undefined, 'missing'],
      ['malformed', () => 'v1=abc', 'malformed'],
      ['wrong secret', () => signWebhook('not-the-secret', body), 'does not match'],
      ['signed over another body', () => signWebhook(secret, JSON.stringify({ amount: 1_000 })), 'does not match'],
      ['stale (10 minutes old)', () => signWebhook(secret, body, Math.floor(Date.now() / 1000) - 600), 'tolerance'],
      ['from the future', () => signWebhook(secret, body, Math.floor(Date.now() / 1000) + 600), 'tolerance'],
    ])('%s signature: 401, no execution', async (_label, signature, reason) => {
      const res = await post(signature());
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, message: expect.stringContaining(reason) });
      expect(res.headers['x-execution-id']).toBeUndefined();
    });

    it('an unsigned webhook has no signing secret', async () => {
      const id = await hook({ path: 'wh-unsigned' });
      expect((await request(server).get(`/workflows/${id}/webhook`).set(auth).expect(200)).body).toMatchObject({ signingSecret: null });
    });
  });

  describe('Idempotency-Key', () => {
    it('sync: the same key twice answers the same execution; one execution row', async () => {
      const id = await hook({ path: 'wh-idem' }, '{ "n": trigger.body.n }');
      const first = await request(server).post('/webhook/wh-idem').set('Idempotency-Key', 'order-1').send({ n: 1 }).expect(200);
      const again = await request(server).post('/webhook/wh-idem').set('Idempotency-Key', 'order-1').send({ n: 1 }).expect(200);
      expect(again.headers['x-execution-id']).toBe(first.headers['x-execution-id']);
      expect(again.body).toEqual({ n: 1 }); // the first run's answer (another body with this key is a 422)
      const other = await request(server).post('/webhook/wh-idem').set('Idempotency-Key', 'order-2').send({ n: 3 }).expect(200);
      expect(other.headers['x-execution-id']).not.toBe(first.headers['x-execution-id']);
      expect((await executionsOf(id)).length).toBe(2);
    });

    it('sync: two concurrent requests with one key run once', async () => {
      const id = await hook({ path: 'wh-idem-race' }, '{ "n": trigger.body.n }');
      const answers = await Promise.all(
        [1, 2, 3].map(() => request(server).post('/webhook/wh-idem-race').set('Idempotency-Key', 'race').send({ n: 1 })),
      );
      expect(new Set(answers.map((a) => a.headers['x-execution-id'])).size).toBe(1);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect((await executionsOf(id)).length).toBe(1);
    });

    it('async: the same key twice gives the same executionId and status; one execution row', async () => {
      const id = await hook({ path: 'wh-idem-async', mode: 'async' });
      const first = await request(server).post('/webhook/wh-idem-async').set('Idempotency-Key', 'k1').send({}).expect(202);
      const again = await request(server).post('/webhook/wh-idem-async').set('Idempotency-Key', 'k1').send({}).expect(202);
      expect(again.body).toEqual(first.body); // the same execution, where it stands now (eager start: already SUCCEEDED)
      expect(first.body.status).toBe('SUCCEEDED');
      await waitForExecution(server, auth, first.body.executionId);
      expect((await executionsOf(id)).length).toBe(1);
    });

    it('a malformed key: 400', async () => {
      await hook({ path: 'wh-idem-bad' });
      const res = await request(server).post('/webhook/wh-idem-bad').set('Idempotency-Key', 'has spaces and !').send({});
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('Idempotency-Key');
    });
  });

  describe('request bodies', () => {
    beforeAll(() => hook({ path: 'wh-body' }));

    it(`a body over WEBHOOK_BODY_LIMIT_BYTES (${BODY_LIMIT}): 413 JSON, not 500`, async () => {
      const res = await request(server)
        .post('/webhook/wh-body')
        .send({ big: 'x'.repeat(BODY_LIMIT + 100) });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.body).toMatchObject({ statusCode: 413 });
    });

    it('malformed JSON: 400 JSON', async () => {
      const res = await request(server).post('/webhook/wh-body').set('content-type', 'application/json').send('{"a": ');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400 });
    });

    it('a body just under the limit is accepted', async () => {
      const res = await request(server)
        .post('/webhook/wh-body')
        .send({ big: 'x'.repeat(BODY_LIMIT - 200) });
      expect(res.status).toBe(200);
      expect(res.body.got.big).toHaveLength(BODY_LIMIT - 200);
    });
  });
});
