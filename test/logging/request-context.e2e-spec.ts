import { readFileSync } from 'node:fs';
import { get as httpGet, IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { storage } from 'nestjs-pino/storage';
import request from 'supertest';
import { PrismaService } from '@app/database';
import { requestContexts } from '@app/logging';
import { ApiWithUser, startApiWithUser } from '../support/test-app';
import { activate, createWorkflow, eventually } from '../support/workflows';

const { _expect, ...echoSum } = JSON.parse(readFileSync(join(__dirname, '../../examples/echo-sum.workflow.json'), 'utf8'));

/** Console/API requests run in an async request context; the webhook ingress, probes and metrics do not. */
describe('request context on demand (real API)', () => {
  let ctx: ApiWithUser;
  const queriedFor: (string | undefined)[] = [];

  beforeAll(async () => {
    ctx = await startApiWithUser();
    const workflow = await createWorkflow(ctx.server, ctx.auth, echoSum);
    await activate(ctx.server, ctx.auth, workflow.id);
    // A Prisma query runs inside whatever async context its request has.
    ctx.api.app.get(PrismaService).onQuery(() => queriedFor.push(storage.getStore()?.logger.bindings().req?.id));
  }, 60_000);
  afterAll(() => ctx?.api.close());

  it('a console request has its request logger everywhere it goes', async () => {
    queriedFor.length = 0;
    await request(ctx.server).get('/workflows').set(ctx.auth).set('x-request-id', 'console-ctx-1').expect(200);
    expect(queriedFor).toContain('console-ctx-1');
    expect(requestContexts.enabled).toBe(true);
  });

  it('the storages switch off once no console request is in flight, and webhooks, probes and metrics leave them off', async () => {
    await eventually('request context switched off', () => !requestContexts.enabled, 10_000);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(ctx.server)
          .post('/webhook/echo-sum')
          .send({ a: i, b: 1, id: `w-${i}` }),
      ),
    );
    expect(answers.map((a) => [a.status, a.body.total])).toEqual(answers.map((_, i) => [200, i + 1]));
    await request(ctx.server).get('/health/live').expect(200);
    await request(ctx.server).get('/health/ready').expect(200);
    await request(ctx.server).get('/metrics').expect(200);
    expect(requestContexts.enabled).toBe(false);
  });

  it('an open event stream does not keep them on, and still gets its events', async () => {
    const req = httpGet(`${ctx.api.url}/executions/events`, { headers: ctx.auth });
    const res = await new Promise<IncomingMessage>((resolve, reject) => req.once('response', resolve).once('error', reject));
    let received = '';
    res.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    try {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      await eventually('request context switched off with the stream open', () => !requestContexts.enabled, 10_000);
      const answer = await request(ctx.server).post('/webhook/echo-sum').send({ a: 2, b: 3, id: 'streamed' }).expect(200);
      await eventually('the run on the stream', () => received.includes(answer.headers['x-execution-id']));
      expect(requestContexts.enabled).toBe(false);
    } finally {
      req.destroy();
    }
  });

  it('paths at the edge of the route patterns never leave them on', async () => {
    await eventually('request context switched off', () => !requestContexts.enabled, 10_000);
    for (const path of ['/webhook/', '/webhook', '/health/', '/health/live/', '/metrics/', '/metrics?x=1'])
      await request(ctx.server).get(path);
    await eventually('request context switched off again', () => !requestContexts.enabled, 10_000);
  });

  it('the next console request switches them on again, with its own context', async () => {
    queriedFor.length = 0;
    await request(ctx.server).get('/workflows').set(ctx.auth).set('x-request-id', 'console-ctx-2').expect(200);
    expect(queriedFor).toContain('console-ctx-2');
    expect(queriedFor).not.toContain('console-ctx-1');
    expect(requestContexts.enabled).toBe(true);
  });
});
