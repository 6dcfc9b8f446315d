import { Server } from 'node:http';
import request from 'supertest';
import { parseExposition, total } from '../metrics/exposition';
import { AppProcess, freePort } from '../support/processes';
import { startApiWithUser, TestApi } from '../support/test-app';
import { testRawEnv } from '../support/test-config';
import { waitStarted } from '../support/process-api';
import { AuthHeader, chain, createWorkflow, runWorkflow } from '../support/workflows';

function parseEvents(text: string): { event: string; data: { status?: string; nodeId?: string; output?: unknown } }[] {
  return text
    .split('\n\n')
    .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: /^data: (.*)$/m.exec(block)?.[1] }))
    .filter((e): e is { event: string; data: string } => Boolean(e.event && e.data))
    .map(({ event, data }) => ({ event, data: JSON.parse(data) }));
}

/**
 * The API runs no worker (WORKER_INLINE=false): a worker process runs the execution, and the API's
 * stream follows it through the updates the worker publishes, without reading the execution again.
 */
describe('GET /executions/:id/events with the worker in another process', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;
  let worker: AppProcess;

  beforeAll(async () => {
    ({ api, server, auth } = await startApiWithUser({ WORKER_INLINE: 'false' }));
    const port = await freePort();
    worker = AppProcess.spawn(
      'worker',
      testRawEnv({
        WORKER_PORT: String(port),
        DATABASE_URL: api.config.database.DATABASE_URL,
        REDIS_URL: api.config.redis.REDIS_URL,
        REDIS_KEY_PREFIX: api.config.redis.REDIS_KEY_PREFIX,
        MIGRATE_ON_START: 'false',
      }),
    );
    await waitStarted(worker, `http://127.0.0.1:${port}`, 'worker');
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  const executionReads = async () =>
    total(parseExposition((await request(server).get('/metrics')).text), 'database_queries_total', {
      model: 'Execution',
      operation: 'findFirst',
    });

  it('streams every status and step the worker commits, reading the execution once', async () => {
    const { id } = await createWorkflow(server, auth, {
      name: 'streamed-across-processes',
      definition: chain(
        { id: 'before', type: 'data.set', params: { fields: { n: '1' } } },
        { id: 'wait', type: 'flow.delay', params: { ms: 2_000 } },
        { id: 'after', type: 'data.transform', params: { expression: 'nodes.before.n + 1' } },
      ),
    });
    const executionId = await runWorkflow(server, auth, id);
    const readsBefore = await executionReads();

    const res = await request(server)
      .get(`/executions/${executionId}/events`)
      .set(auth)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString()));
        r.on('end', () => done(null, text));
      });

    expect(res.status).toBe(200);
    const events = parseEvents(res.body as string);
    const statuses = events.filter((e) => e.event === 'status').map((e) => e.data.status);
    expect(statuses).toContain('RUNNING');
    expect(statuses[statuses.length - 1]).toBe('SUCCEEDED');
    const steps = events.filter((e) => e.event === 'step').map((e) => `${e.data.nodeId}:${e.data.status}`);
    expect(steps).toEqual(['start:SUCCEEDED', 'before:SUCCEEDED', 'wait:SUCCEEDED', 'after:SUCCEEDED']); // each once, in order
    expect(events[events.length - 1]).toMatchObject({ event: 'done', data: { id: executionId, status: 'SUCCEEDED', output: 2 } });
    // Over two seconds of streaming: the one read at the start (polling every 200 ms made 10 or more).
    expect((await executionReads()) - readsBefore).toBe(1);
  }, 30_000);
});
