import { Server } from 'node:http';
import request from 'supertest';
import { Prisma, PrismaService } from '@app/database';
import { signWebhook } from '@app/webhooks';
import { registerUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { startTestApi, TestApi } from '../support/test-app';
import { activate, AuthHeader, chain, createWorkflow } from '../support/workflows';

const respondAfter = (path: string, respond: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  nodes: [
    { id: 'hook', type: 'trigger.webhook', params: { path, ...extra } },
    { id: 'reply', type: 'flow.respond', params: respond },
  ],
  edges: [{ from: 'hook', to: 'reply' }],
});

/** JSON text nested `levels` deep: {"a":{"a":...}}. */
const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

describe('webhook and input hardening', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;
  let local: LocalHttpServer;

  beforeAll(async () => {
    local = await LocalHttpServer.start();
    api = await startTestApi({ HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1' });
    server = api.app.getHttpServer();
    ({ authHeader: auth } = await registerUser(server));
  });
  afterAll(async () => {
    await api?.close();
    await local?.close();
  });

  async function hook(
    path: string,
    respond: Record<string, unknown> = { body: 'trigger' },
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const { id } = await createWorkflow(server, auth, { name: `hook ${path}`, definition: respondAfter(path, respond, extra) });
    await activate(server, auth, id);
    return id;
  }

  const executionsOf = async (workflowId: string) =>
    (await request(server).get(`/executions?workflowId=${workflowId}`).set(auth).expect(200)).body.items as { id: string }[];

  describe('flow.respond answers', () => {
    it.each([
      ['a 1xx status', { status: 100 }, 'status'],
      ['101 Switching Protocols', { status: 101 }, 'status'],
      ['Set-Cookie', { headers: { 'Set-Cookie': 'session=stolen' } }, 'Set-Cookie'],
      [
        'Access-Control-Allow-Origin',
        { headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' } },
        'Access-Control-Allow-Origin',
      ],
      ['Content-Length', { headers: { 'Content-Length': '5' } }, 'Content-Length'],
      ['Transfer-Encoding', { headers: { 'Transfer-Encoding': 'chunked' } }, 'Transfer-Encoding'],
      ['Connection', { headers: { Connection: 'upgrade' } }, 'Connection'],
      ['Content-Security-Policy', { headers: { 'Content-Security-Policy': "script-src 'unsafe-inline'" } }, 'Content-Security-Policy'],
      ['a CRLF in a value', { headers: { 'X-Note': 'a\r\nSet-Cookie: x=1' } }, 'X-Note'],
      ['an invalid header name', { headers: { 'bad name': 'x' } }, 'bad name'],
    ])('%s is refused at save with a 400 naming the node', async (_label, respond, named) => {
      const res = await request(server)
        .post('/workflows')
        .set(auth)
        .send({ name: 'bad answer', definition: respondAfter('wh-bad-answer', respond) });
      expect(res.status).toBe(400);
      const message = (res.body.message as string[]).join('\n');
      expect(message).toContain('node "reply"');
      expect(message).toContain(named);
    });

    it('ordinary headers and statuses are still accepted', async () => {
      await hook('wh-ok-headers', { status: 201, headers: { 'Content-Type': 'text/html', 'X-Custom': 'yes' }, body: '"<p>hi</p>"' });
      const res = await request(server).post('/webhook/wh-ok-headers').send({}).expect(201);
      expect(res.headers['x-custom']).toBe('yes');
      expect(res.headers['content-type']).toContain('text/html');
    });

    it('every webhook answer, errors included, carries nosniff and a sandbox CSP', async () => {
      await hook('wh-sec-headers', { body: '"<script>alert(1)</script>"', headers: { 'Content-Type': 'text/html' } });
      const answers = [
        await request(server).post('/webhook/wh-sec-headers').send({}),
        await request(server).post('/webhook/wh-no-such-path').send({}),
        await request(server).post('/webhook/wh-sec-headers').set('content-type', 'application/json').send('{"a": '),
        await request(server).get('/webhook/wh-sec-headers'),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 404, 400, 405]);
      for (const answer of answers) {
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.headers['content-security-policy']).toBe('sandbox');
      }
    });

    it('a stored old definition with forbidden values: dropped at run time, never sent', async () => {
      const id = await hook('wh-legacy', { status: 200, body: '"ok"' });
      const prisma = api.app.get(PrismaService);
      const version = await prisma.workflowVersion.findFirstOrThrow({ where: { workflowId: id } });
      const legacy = respondAfter('wh-legacy', {
        status: 101,
        headers: {
          'Set-Cookie': 'session=x',
          'Access-Control-Allow-Origin': '*',
          'Content-Length': '1',
          'X-Bad': 'a\r\nb',
          'Content-Security-Policy': 'default-src *',
          'X-Kept': 'yes',
        },
        body: '"ok"',
      });
      await prisma.workflowVersion.update({ where: { id: version.id }, data: { definition: legacy as unknown as Prisma.InputJsonValue } });
      const res = await request(server).post('/webhook/wh-legacy').send({});
      expect(res.status).toBe(200);
      expect(res.text).toBe('ok');
      expect(res.headers['x-kept']).toBe('yes');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['x-bad']).toBeUndefined();
      expect(res.headers['content-security-policy']).toBe('sandbox');
    });
  });

  describe('input the database cannot store is refused at the edge', () => {
    let workflowId: string;
    beforeAll(async () => {
      local.route('/side-effect', () => ({ status: 200, body: { ok: true } }));
      const definition = {
        nodes: [
          { id: 'hook', type: 'trigger.webhook', params: { path: 'wh-side-effect' } },
          { id: 'call', type: 'http.request', params: { method: 'POST', url: local.url('/side-effect') } },
          { id: 'reply', type: 'flow.respond', params: { body: '{ "ok": true }' } },
        ],
        edges: [
          { from: 'hook', to: 'call' },
          { from: 'call', to: 'reply' },
        ],
      };
      ({ id: workflowId } = await createWorkflow(server, auth, { name: 'side effect', definition }));
      await activate(server, auth, workflowId);
    });

    it.each([
      ['a lone surrogate', '{"text":"\\ud800"}', 'body.text', 'surrogate'],
      ['a NUL character', '{"text":"a\\u0000b"}', 'body.text', 'NUL'],
      ['a NUL in a property name', '{"a\\u0000":1}', 'body', 'NUL'],
      ['JSON nested 2,000 levels deep', nested(2_000), 'body', 'deeper than 64'],
    ])('%s: 400 naming the field, nothing runs, no execution, the key stays free', async (_label, raw, field, reason) => {
      const res = await request(server)
        .post('/webhook/wh-side-effect')
        .set('content-type', 'application/json')
        .set('Idempotency-Key', 'edge-key')
        .send(raw);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringContaining(field) });
      expect(res.body.message).toContain(reason);
      expect(local.requestsTo('/side-effect')).toHaveLength(0);
      expect(await executionsOf(workflowId)).toHaveLength(0);
    });

    it('after refused input, a correct request with the same Idempotency-Key runs at once', async () => {
      const started = Date.now();
      const res = await request(server).post('/webhook/wh-side-effect').set('Idempotency-Key', 'edge-key').send({ text: 'fine' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await executionsOf(workflowId)).toHaveLength(1);
    });

    it('a NUL in a query parameter or in the webhook path: 400, not 500', async () => {
      const query = await request(server).post('/webhook/wh-side-effect?x=%00').send({});
      expect(query.status).toBe(400);
      expect(query.body.message).toContain('query.x');
      const path = await request(server).post('/webhook/wh%00x').send({});
      expect(path.status).toBe(400);
    });

    it('names, searches, emails and /run bodies: a 400 that says what is wrong', async () => {
      const name = await request(server).post('/workflows').set(auth).send({ name: 'bad\u0000name', definition: chain() });
      expect(name.status).toBe(400);
      expect(name.body.message).toContain('body.name');

      const search = await request(server).get('/workflows?search=%00').set(auth);
      expect(search.status).toBe(400);
      expect(search.body.message).toContain('query.search');

      const email = await request(server)
        .post('/auth/register')
        .set('content-type', 'application/json')
        .send('{"email":"a\\ud800@example.com","password":"correct horse battery staple","name":"x"}');
      expect(email.status).toBe(400);
      expect(email.body.message).toContain('body.email');

      const { id } = await createWorkflow(server, auth, { name: 'manual', definition: chain() });
      const run = await request(server)
        .post(`/workflows/${id}/run`)
        .set(auth)
        .set('content-type', 'application/json')
        .send('{"x":"\\udc00"}');
      expect(run.status).toBe(400);
      expect(run.body.message).toContain('body.x');
      const deep = await request(server).post(`/workflows/${id}/run`).set(auth).set('content-type', 'application/json').send(nested(100));
      expect(deep.status).toBe(400);
    });
  });

  describe('Idempotency-Key', () => {
    it('the same key with another body: 422; with the same body: the first answer', async () => {
      const id = await hook('wh-idem-body', { body: '{ "n": trigger.body.n }' });
      const first = await request(server).post('/webhook/wh-idem-body').set('Idempotency-Key', 'k-1').send({ n: 1 }).expect(200);
      const other = await request(server).post('/webhook/wh-idem-body').set('Idempotency-Key', 'k-1').send({ n: 2 });
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ statusCode: 422, message: expect.stringContaining('different request') });
      const same = await request(server).post('/webhook/wh-idem-body').set('Idempotency-Key', 'k-1').send({ n: 1 }).expect(200);
      expect(same.headers['x-execution-id']).toBe(first.headers['x-execution-id']);
      expect(same.body).toEqual({ n: 1 });
      expect(await executionsOf(id)).toHaveLength(1);
    });
  });

  describe('signatures over raw bodies', () => {
    let secret: string;
    beforeAll(async () => {
      const id = await hook('wh-signed-text', { body: '{ "body": trigger.body }' }, { verifySignature: true });
      secret = (await request(server).get(`/workflows/${id}/webhook`).set(auth).expect(200)).body.signingSecret;
    });
    const post = (contentType: string, body: string, signature: string) =>
      request(server).post('/webhook/wh-signed-text').set('content-type', contentType).set('X-Webhook-Signature', signature).send(body);

    it.each(['text/plain', 'application/xml'])('a signed %s body is verified and reaches the workflow as text', async (contentType) => {
      const body = contentType === 'text/plain' ? 'amount=10' : '<order amount="10"/>';
      const res = await post(contentType, body, signWebhook(secret, body));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ body });
      expect((await post(contentType, `${body} `, signWebhook(secret, body))).status).toBe(401);
    });

    it.each([
      ['a fractional timestamp', (s: string) => s.replace(/^t=(\d+)/, 't=$1.0')],
      ['a truncated MAC', (s: string) => s.slice(0, -1)],
      ['trailing garbage', (s: string) => `${s},v1=00`],
    ])('%s: 401 malformed', async (_label, mangle) => {
      const res = await post('text/plain', 'x', mangle(signWebhook(secret, 'x')));
      expect(res.status).toBe(401);
      expect(res.body.message).toContain('malformed');
    });
  });

  describe('webhook paths are unique case-insensitively', () => {
    it('a path that differs only in case: 409 naming both spellings', async () => {
      await hook('Wh-Case');
      const { id } = await createWorkflow(server, auth, { name: 'case clash', definition: respondAfter('wh-case', { body: 'trigger' }) });
      const res = await request(server).post(`/workflows/${id}/activate`).set(auth);
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('"wh-case"');
      expect(res.body.message).toContain('"Wh-Case"');
    });

    it('the database refuses a clash too (unique index on lower(path))', async () => {
      const prisma = api.app.get(PrismaService);
      const existing = await prisma.webhook.findFirstOrThrow({ where: { path: 'Wh-Case' } });
      await expect(prisma.webhook.create({ data: { workflowId: existing.workflowId, path: 'WH-CASE', active: true } })).rejects.toThrow(
        /unique/i,
      );
    });
  });
});
