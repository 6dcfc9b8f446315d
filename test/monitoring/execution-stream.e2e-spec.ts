import { get as httpGet, IncomingMessage, Server } from 'node:http';
import Redis from 'ioredis';
import request from 'supertest';
import { executionUpdatesChannel, userExecutionUpdatesChannel } from '@app/executions';
import { registerUser, RegisteredUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { chain, createWorkflow, eventually, runWorkflow } from '../support/workflows';
import { parseExposition, total } from '../metrics/exposition';

interface StreamEvent {
  event: string;
  data: { status?: string; nodeId?: string; id?: string; output?: unknown };
}

function parseEvents(text: string): StreamEvent[] {
  return text
    .split('\n\n')
    .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: /^data: (.*)$/m.exec(block)?.[1] }))
    .filter((e): e is { event: string; data: string } => Boolean(e.event && e.data))
    .map(({ event, data }) => ({ event, data: JSON.parse(data) }));
}

describe('GET /executions/:id/events (server-sent events)', () => {
  let api: TestApi;
  let server: Server;
  let owner: RegisteredUser;

  beforeAll(async () => {
    api = await startTestApi();
    server = api.app.getHttpServer();
    owner = await registerUser(server);
  });
  afterAll(() => api?.close());

  const openStreams = async () => total(parseExposition((await request(server).get('/metrics')).text), 'websocket_connections_active');

  async function delayed(ms: number): Promise<string> {
    const { id } = await createWorkflow(server, owner.authHeader, {
      name: 'streamed',
      definition: chain(
        { id: 'before', type: 'data.set', params: { fields: { n: '1' } } },
        { id: 'wait', type: 'flow.delay', params: { ms } },
        { id: 'after', type: 'data.transform', params: { expression: 'nodes.before.n + 1' } },
      ),
    });
    return runWorkflow(server, owner.authHeader, id);
  }

  it('streams status and step updates until the execution is final, then ends; open streams are counted', async () => {
    const executionId = await delayed(800);
    const response = request(server)
      .get(`/executions/${executionId}/events`)
      .set(owner.authHeader)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      });
    const pending = response.then((res) => res);
    await eventually('stream counted as open', async () => (await openStreams()) === 1);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = parseEvents(res.body as string);
    const statuses = events.filter((e) => e.event === 'status').map((e) => e.data.status);
    expect(statuses[statuses.length - 1]).toBe('SUCCEEDED');
    expect(statuses).toContain('RUNNING');
    const steps = events.filter((e) => e.event === 'step').map((e) => `${e.data.nodeId}:${e.data.status}`);
    expect(steps).toEqual(expect.arrayContaining(['start:SUCCEEDED', 'before:SUCCEEDED', 'wait:SUCCEEDED', 'after:SUCCEEDED']));
    // Causal order: every step event comes before the final status (they are committed in one write).
    const finalStatus = events.findIndex((e) => e.event === 'status' && e.data.status === 'SUCCEEDED');
    expect(events.map((e) => e.event).lastIndexOf('step')).toBeLessThan(finalStatus);
    expect(events[events.length - 1]).toMatchObject({ event: 'done', data: { id: executionId, status: 'SUCCEEDED', output: 2 } });
    await eventually('stream no longer counted', async () => (await openStreams()) === 0);
  });

  it('stops and uncounts the stream when the client goes away', async () => {
    const executionId = await delayed(5_000);
    // A plain socket the test closes, like a browser tab going away (fetch's abort leaves undici
    // opening a fresh idle connection, which would hold up the app's close).
    const req = httpGet(`${api.url}/executions/${executionId}/events`, { headers: owner.authHeader });
    const res = await new Promise<IncomingMessage>((resolve, reject) => req.once('response', resolve).once('error', reject));
    expect(res.statusCode).toBe(200);
    await eventually('stream counted as open', async () => (await openStreams()) === 1);
    req.destroy();
    await eventually('stream closed on disconnect', async () => (await openStreams()) === 0);
  });

  it("sends an execution's own update (row and steps) only when someone follows its owner; the summary always", async () => {
    const { REDIS_URL, REDIS_KEY_PREFIX: prefix } = api.config.redis;
    // Not redis.monitor(): lines arriving with MONITOR's +OK are emitted as "Command queue state error" before it
    // returns the connection, where nothing can listen (redis/ioredis#1981). They precede the runs below.
    const monitor = new Redis(REDIS_URL, { monitor: true, lazyConnect: true });
    monitor.on('error', () => undefined);
    const monitoring = new Promise((resolve) => monitor.once('monitoring', resolve));
    await monitor.connect();
    await monitoring;
    const published: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'publish' && args[1]?.startsWith(prefix)) published.push(args[1]);
    });
    const status = async (id: string) => (await request(server).get(`/executions/${id}`).set(owner.authHeader)).body.status;
    const ownerChannel = userExecutionUpdatesChannel(prefix, owner.user.id);
    try {
      const unwatched = await delayed(0);
      await eventually('unwatched run finished', async () => (await status(unwatched)) === 'SUCCEEDED');
      await eventually('its summaries published', () => published.filter((c) => c === ownerChannel).length >= 2);
      expect(published).not.toContain(executionUpdatesChannel(prefix, unwatched));

      // The console's list stream follows the owner: now each run's own channel is sent to as well.
      const req = httpGet(`${api.url}/executions/events`, { headers: owner.authHeader });
      const res = await new Promise<IncomingMessage>((resolve, reject) => req.once('response', resolve).once('error', reject));
      expect(res.statusCode).toBe(200);
      try {
        const watched = await delayed(0);
        await eventually('watched run finished', async () => (await status(watched)) === 'SUCCEEDED');
        await eventually('its own updates published', () => published.includes(executionUpdatesChannel(prefix, watched)));
      } finally {
        req.destroy();
      }
    } finally {
      monitor.disconnect();
    }
  });

  it('is 404 for executions of other users (and unknown ones), 401 without credentials', async () => {
    const executionId = await delayed(10);
    const stranger = await registerUser(server);
    await request(server).get(`/executions/${executionId}/events`).set(stranger.authHeader).expect(404);
    await request(server).get('/executions/11111111-1111-4111-8111-111111111111/events').set(owner.authHeader).expect(404);
    await request(server).get(`/executions/${executionId}/events`).expect(401);
    expect(await openStreams()).toBe(0);
  });
});
