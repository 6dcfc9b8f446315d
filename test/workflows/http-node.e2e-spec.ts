import { Server } from 'node:http';
import { registerUser } from '../support/auth';
import { LocalHttpServer } from '../support/local-http';
import { startApiWithUser, startTestApi, TestApi } from '../support/test-app';
import { AuthHeader, chain, runOnce } from '../support/workflows';

type StepView = { nodeId: string; status: string; attempt: number; output: unknown; error: string | null };

const call = (params: object, extra: object = {}) => chain({ id: 'call', type: 'http.request', params, ...extra });

describe('http.request node', () => {
  let local: LocalHttpServer;

  beforeAll(async () => {
    local = await LocalHttpServer.start();
  });
  afterAll(() => local?.close());
  beforeEach(() => local.reset());

  describe('with 127.0.0.1 allowed (HTTP_NODE_ALLOWED_HOSTS)', () => {
    let api: TestApi;
    let server: Server;
    let auth: AuthHeader;

    beforeAll(async () => {
      api = await startTestApi({ HTTP_NODE_ALLOWED_HOSTS: '127.0.0.1' });
      server = api.app.getHttpServer();
      ({ authHeader: auth } = await registerUser(server));
    });
    afterAll(() => api?.close());

    it('sends the method, templated url and headers and a JSON body; parses a JSON answer', async () => {
      local.route('/orders/42', () => ({ status: 201, headers: { 'x-upstream': 'ok' }, body: { accepted: true, id: 'o-42' } }));
      const execution = await runOnce(
        server,
        auth,
        call({
          method: 'PUT',
          url: `${local.url()}/orders/{{ trigger.body.order }}?source={{ trigger.body.source }}`,
          headers: { 'x-token': 'secret-{{ trigger.body.user }}', 'x-static': 'plain' },
          body: '{ "qty": trigger.body.qty * 2, "user": trigger.body.user }',
        }),
        { order: 42, source: 'web', user: 'ann', qty: 3 },
      );
      expect(execution.status).toBe('SUCCEEDED');

      const [received] = local.requestsTo('/orders/42');
      expect(received).toMatchObject({ method: 'PUT', query: { source: 'web' }, json: { qty: 6, user: 'ann' } });
      expect(received.headers).toMatchObject({ 'x-token': 'secret-ann', 'x-static': 'plain', 'content-type': 'application/json' });
      const step = execution.steps[1] as StepView;
      expect(step.output).toMatchObject({ status: 201, body: { accepted: true, id: 'o-42' }, headers: { 'x-upstream': 'ok' } });
      expect(execution.output).toEqual(step.output);
    });

    it('defaults to GET without a body; a text answer stays text; the next node reads the response', async () => {
      local.route('/text', () => ({ body: 'plain words' }));
      const execution = await runOnce(
        server,
        auth,
        chain(
          { id: 'call', type: 'http.request', params: { url: local.url('/text') } },
          { id: 'use', type: 'data.set', params: { fields: { status: 'nodes.call.status', text: '$uppercase(nodes.call.body)' } } },
        ),
      );
      expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { status: 200, text: 'PLAIN WORDS' } });
      const [received] = local.requestsTo('/text');
      expect(received.method).toBe('GET');
      expect(received.body).toBe('');
    });

    it('an upstream error status fails the node (so retries apply), saying which status', async () => {
      local.route('/broken', () => ({ status: 503, body: { error: 'down' } }));
      const execution = await runOnce(server, auth, call({ url: local.url('/broken') }));
      expect(execution.status).toBe('FAILED');
      expect(execution.steps[1]).toMatchObject({ status: 'FAILED' });
      expect(execution.error).toContain('answered 503');

      const tolerant = await runOnce(server, auth, call({ url: local.url('/broken'), failOnErrorStatus: false }));
      expect(tolerant).toMatchObject({ status: 'SUCCEEDED', output: { status: 503, body: { error: 'down' } } });
    });

    it('a response over maxResponseBytes fails the node', async () => {
      local.route('/big', () => ({ body: 'x'.repeat(5_000) }));
      const execution = await runOnce(server, auth, call({ url: local.url('/big'), maxResponseBytes: 1_000 }));
      expect(execution.status).toBe('FAILED');
      expect(execution.steps[1]).toMatchObject({ status: 'FAILED', error: 'Response larger than 1000 bytes' });
      expect(local.requestsTo('/big')).toHaveLength(1);
    });

    it('the request timeout param fails a call the server does not answer', async () => {
      local.route('/slow', () => ({ hang: true }));
      const execution = await runOnce(server, auth, call({ url: local.url('/slow'), timeoutMs: 200 }));
      expect(execution.status).toBe('FAILED');
      expect(execution.steps[1].error).toContain('/slow failed');
    });

    it('a connection refused fails with a clear error', async () => {
      const execution = await runOnce(server, auth, call({ url: 'http://127.0.0.1:1/nothing' }));
      expect(execution.status).toBe('FAILED');
      expect(execution.steps[1].error).toMatch(/HTTP GET http:\/\/127\.0\.0\.1:1\/nothing failed: .*ECONNREFUSED/);
    });

    it('refuses non-http schemes', async () => {
      const execution = await runOnce(server, auth, call({ url: 'file:///etc/passwd' }));
      expect(execution.status).toBe('FAILED');
      expect(execution.steps[1].error).toContain('only http and https URLs are allowed');
    });
  });

  describe('default SSRF guard (no allow list)', () => {
    let api: TestApi;
    let server: Server;
    let auth: AuthHeader;

    beforeAll(async () => ({ api, server, auth } = await startApiWithUser()));
    afterAll(() => api?.close());

    it.each([
      ['loopback literal', () => local.url('/ssrf'), 'loopback'],
      ['localhost by name', () => `http://localhost:${local.portNumber}/ssrf`, 'loopback'],
      ['loopback in another notation', () => `http://2130706433:${local.portNumber}/ssrf`, 'loopback'],
      ['IPv6 loopback', () => `http://[::1]:${local.portNumber}/ssrf`, 'loopback'],
      ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${local.portNumber}/ssrf`, 'loopback'],
      ['cloud metadata (link-local)', () => 'http://169.254.169.254/latest/meta-data/', 'linkLocal'],
      ['private 10/8', () => 'http://10.0.0.1/', 'private'],
      ['private 192.168/16', () => 'http://192.168.1.1/', 'private'],
      ['unspecified 0.0.0.0', () => `http://0.0.0.0:${local.portNumber}/ssrf`, 'unspecified'],
    ])('refuses %s', async (_label, url, range) => {
      const execution = await runOnce(server, auth, call({ url: url() }));
      expect(execution.status).toBe('FAILED');
      const step = execution.steps[1] as StepView;
      expect(step.status).toBe('FAILED');
      expect(step.error).toContain('which workflows may not reach');
      expect(step.error).toContain(range);
      expect(execution.error).toContain('node "call"');
      expect(local.requests).toHaveLength(0);
    });

    it('a refusal is not retried into success and never reaches the server', async () => {
      const execution = await runOnce(server, auth, call({ url: local.url('/ssrf') }, { retries: 2, retryBackoffMs: 10 }));
      expect(execution.status).toBe('FAILED');
      expect(local.requests).toHaveLength(0);
    });
  });
});
