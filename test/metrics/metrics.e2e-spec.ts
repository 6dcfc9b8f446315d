import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { PrismaService } from '@app/database';
import { EXECUTION_QUEUE } from '@app/executions';
import { registerUser } from '../support/auth';
import { startApiWithUser, startTestApi, TestApi } from '../support/test-app';
import { activate, AuthHeader, chain, createWorkflow, eventually, runOnce } from '../support/workflows';
import { has, parseExposition, promtoolCheck, Sample, total } from './exposition';

describe('GET /metrics (API, real PostgreSQL and Redis)', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => ({ api, server, auth } = await startApiWithUser()));
  afterAll(() => api?.close());

  async function scrape(): Promise<Sample[]> {
    const res = await request(server).get('/metrics').expect(200);
    return parseExposition(res.text);
  }

  /** Runs `action` and returns how much the matching samples grew meanwhile. */
  async function growth(name: string, labels: Record<string, string>, action: () => Promise<unknown>): Promise<number> {
    const before = total(await scrape(), name, labels);
    await action();
    return total(await scrape(), name, labels) - before;
  }

  it('serves the Prometheus text format with the process metrics, without authentication', async () => {
    const res = await request(server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(res.text);
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      expect(has(samples, name)).toBe(true);
  });

  it('http_requests_total and the duration histogram count each request under its route template', async () => {
    const labels = { method: 'GET', route: '/executions/:id', status: '404' };
    const missing = '00000000-0000-4000-8000-000000000000';
    const before = await scrape();
    await request(server).get(`/executions/${missing}`).set(auth).expect(404);
    await request(server).get(`/executions/${missing}`).set(auth).expect(404);
    const after = await scrape();
    expect(total(after, 'http_requests_total', labels) - total(before, 'http_requests_total', labels)).toBe(2);
    expect(total(after, 'http_request_duration_seconds_count', labels) - total(before, 'http_request_duration_seconds_count', labels)).toBe(
      2,
    );
    expect(has(after, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(true);
    const text = (await request(server).get('/metrics')).text;
    expect(text).not.toContain(missing); // route templates only, never raw URLs
  });

  it('labels requests no route matched "unmatched", never with their URL', async () => {
    const path = `/scanner-${randomBytes(4).toString('hex')}`;
    expect(await growth('http_requests_total', { route: 'unmatched', status: '404' }, () => request(server).get(path).expect(404))).toBe(1);
    expect((await request(server).get('/metrics')).text).not.toContain(path);
  });

  it('errors_total counts 4xx as client and unexpected exceptions as unhandled (never a 4xx as server)', async () => {
    expect(await growth('errors_total', { type: 'client' }, () => request(server).get('/workflows').expect(401))).toBe(1);
    // A real fault: the table behind GET /auth/api-keys disappears for a moment.
    const prisma = api.app.get(PrismaService);
    const unhandled = await growth('errors_total', { type: 'unhandled' }, async () => {
      await prisma.$executeRawUnsafe('ALTER TABLE api_keys RENAME TO api_keys_away');
      try {
        await request(server).get('/auth/api-keys').set(auth).expect(500);
      } finally {
        await prisma.$executeRawUnsafe('ALTER TABLE api_keys_away RENAME TO api_keys');
      }
    });
    expect(unhandled).toBe(1);
  });

  it('workflow executions: total by status and trigger, duration histogram, failures in errors_total', async () => {
    const before = await scrape();
    await runOnce(server, auth, chain({ id: 'ok', type: 'data.transform', params: { expression: '1 + 1' } }));
    await runOnce(server, auth, chain({ id: 'stop', type: 'flow.fail', params: { message: 'no' } }));
    let after: Sample[] = [];
    await eventually('execution metrics', async () => {
      after = await scrape();
      return (
        total(after, 'workflow_executions_total', { status: 'failed', trigger: 'manual' }) >
        total(before, 'workflow_executions_total', { status: 'failed', trigger: 'manual' })
      );
    });
    const grew = (name: string, labels: Record<string, string>) => total(after, name, labels) - total(before, name, labels);
    expect(grew('workflow_executions_total', { status: 'succeeded', trigger: 'manual' })).toBe(1);
    expect(grew('workflow_executions_total', { status: 'failed', trigger: 'manual' })).toBe(1);
    expect(grew('workflow_execution_duration_seconds_count', {})).toBe(2);
    expect(grew('errors_total', { type: 'execution' })).toBe(1);
  });

  it('webhook answers a workflow decided are labelled origin="workflow": its 500 is no platform 5xx', async () => {
    const hook = async (nodes: object[]) => {
      const path = `o-${randomBytes(4).toString('hex')}`;
      const all = [{ id: 'hook', type: 'trigger.webhook', params: { path } }, ...nodes] as { id: string }[];
      const definition = { nodes: all, edges: all.slice(1).map((n, i) => ({ from: all[i].id, to: n.id })) };
      await activate(server, auth, (await createWorkflow(server, auth, { name: `origin-${path}`, definition })).id);
      return `/webhook/${path}`;
    };
    const own500 = await hook([{ id: 'reply', type: 'flow.respond', params: { status: 500, body: '"broken on purpose"' } }]);
    const failing = await hook([{ id: 'stop', type: 'flow.fail', params: { message: 'no' } }]);
    const route = { route: '/webhook/:path' };
    const before = await scrape();
    await request(server).post(own500).send({}).expect(500);
    await request(server).post(failing).send({}).expect(422);
    await request(server)
      .post(`/webhook/none-${randomBytes(4).toString('hex')}`)
      .send({})
      .expect(404);
    let after: Sample[] = [];
    await eventually('the failed webhook execution counted', async () => {
      after = await scrape();
      return (
        total(after, 'workflow_executions_total', { status: 'failed', trigger: 'webhook' }) >
        total(before, 'workflow_executions_total', { status: 'failed', trigger: 'webhook' })
      );
    });
    const grew = (name: string, labels: Record<string, string>) => total(after, name, labels) - total(before, name, labels);
    expect(grew('http_requests_total', { ...route, status: '500', origin: 'workflow' })).toBe(1);
    expect(grew('http_requests_total', { status: '500', origin: 'platform' })).toBe(0);
    expect(grew('http_requests_total', { ...route, status: '422', origin: 'workflow' })).toBe(1);
    expect(grew('http_requests_total', { ...route, status: '404', origin: 'platform' })).toBe(1);
    expect(grew('http_request_duration_seconds_count', { ...route, status: '500', origin: 'workflow' })).toBe(1);
    expect(grew('workflow_executions_total', { status: 'failed', trigger: 'webhook' })).toBe(1);
    expect(grew('errors_total', { type: 'server' })).toBe(0);
  });

  it('database_queries_total counts Prisma queries by model and operation, and the grouped execution writes', async () => {
    expect(await growth('database_queries_total', { model: 'User', operation: 'create' }, () => registerUser(server))).toBe(1);
    const grouped = await growth('database_queries_total', { model: 'Execution', operation: 'groupCommit' }, () =>
      runOnce(server, auth, chain({ id: 'x', type: 'data.transform', params: { expression: '2' } })),
    );
    expect(grouped).toBeGreaterThanOrEqual(1);
  });

  it('cache_operations_total: webhook lookups miss then hit, auth lookups, trace cache writes', async () => {
    const path = `m-${randomBytes(4).toString('hex')}`;
    const { id } = await createWorkflow(server, auth, {
      name: 'hooked',
      definition: {
        nodes: [
          { id: 'hook', type: 'trigger.webhook', params: { path } },
          { id: 'x', type: 'data.transform', params: { expression: '1' } },
        ],
        edges: [{ from: 'hook', to: 'x' }],
      },
    });
    await activate(server, auth, id);
    const before = await scrape();
    await request(server).post(`/webhook/${path}`).send({});
    await request(server).post(`/webhook/${path}`).send({});
    await request(server).get('/workflows').set(auth).expect(200);
    let after: Sample[] = [];
    await eventually('a trace cache write', async () => {
      after = await scrape();
      return (
        total(after, 'cache_operations_total', { operation: 'trace_write', result: 'ok' }) >
        total(before, 'cache_operations_total', { operation: 'trace_write', result: 'ok' })
      );
    });
    const grew = (labels: Record<string, string>) =>
      total(after, 'cache_operations_total', labels) - total(before, 'cache_operations_total', labels);
    expect(grew({ operation: 'webhook_lookup', result: 'miss' })).toBe(1);
    expect(grew({ operation: 'webhook_lookup', result: 'hit' })).toBe(1);
    expect(grew({ operation: 'auth_user' })).toBeGreaterThanOrEqual(1);
  });

  it('workflow_queue_jobs{state} reads the BullMQ queue at scrape time', async () => {
    const samples = await scrape();
    for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed'])
      expect(has(samples, 'workflow_queue_jobs', { state })).toBe(true);
    const queue = api.app.get<Queue>(getQueueToken(EXECUTION_QUEUE));
    const before = total(samples, 'workflow_queue_jobs', { state: 'delayed' });
    const job = await queue.add('metrics-probe', {}, { delay: 60_000 });
    try {
      await eventually(
        'delayed job counted',
        async () => total(await scrape(), 'workflow_queue_jobs', { state: 'delayed' }) === before + 1,
        10_000,
        250,
      );
    } finally {
      await job.remove();
    }
  });

  it('backup_last_status, backup_last_success_timestamp_seconds and backup_runs_total come from BackupRecord', async () => {
    const runs = (samples: Sample[]) => ({
      succeeded: total(samples, 'backup_runs_total', { status: 'succeeded' }),
      failed: total(samples, 'backup_runs_total', { status: 'failed' }),
    });
    expect(runs(await scrape())).toEqual({ succeeded: 0, failed: 0 }); // exported from the start, so increase() sees the first run
    const prisma = api.app.get(PrismaService);
    expect(has(await scrape(), 'backup_last_status')).toBe(false); // no backup yet: absent, not a fake 0 or 1
    const finishedAt = new Date(Date.now() - 3_600_000);
    await prisma.backupRecord.create({
      data: {
        id: 'b-ok',
        trigger: 'SCHEDULED',
        location: '/tmp/b-ok',
        status: 'SUCCEEDED',
        startedAt: new Date(finishedAt.getTime() - 1000),
        finishedAt,
      },
    });
    await eventually('first backup seen', async () => total(await scrape(), 'backup_last_status') === 1, 10_000, 250);
    const ok = await scrape();
    expect(total(ok, 'backup_last_success_timestamp_seconds')).toBeCloseTo(finishedAt.getTime() / 1000, 0);
    expect(total(ok, 'backup_runs_total', { status: 'succeeded' })).toBe(1);

    await prisma.backupRecord.create({
      data: { id: 'b-bad', trigger: 'MANUAL', location: '/tmp/b-bad', status: 'FAILED', finishedAt: new Date() },
    });
    await eventually('failed backup seen', async () => total(await scrape(), 'backup_last_status') === 0, 10_000, 250);
    const failed = await scrape();
    expect(total(failed, 'backup_runs_total', { status: 'failed' })).toBe(1);
    expect(total(failed, 'backup_last_success_timestamp_seconds')).toBeCloseTo(finishedAt.getTime() / 1000, 0);

    // A later `backup verify` finds the failed run good after all: the status flips, the counter never goes down.
    await prisma.backupRecord.update({ where: { id: 'b-bad' }, data: { status: 'SUCCEEDED', error: null } });
    await eventually('verified backup seen', async () => total(await scrape(), 'backup_last_status') === 1, 10_000, 250);
    expect(runs(await scrape())).toEqual({ succeeded: 1, failed: 1 });
  });

  it('passes promtool check metrics (last: every series has samples by now)', async () => {
    const res = await request(server).get('/metrics').expect(200);
    const lint = promtoolCheck(res.text);
    expect(lint.output).toBe('');
    expect(lint.status).toBe(0);
  });
});

describe('GET /metrics with METRICS_TOKEN, rate limiting on', () => {
  let api: TestApi;
  const token = randomBytes(24).toString('hex');
  beforeAll(async () => {
    api = await startTestApi({ METRICS_TOKEN: token, THROTTLE_ENABLED: 'true', THROTTLE_API_LIMIT: '5', THROTTLE_BURST_LIMIT: '3' });
  });
  afterAll(() => api?.close());
  const scrape = async () =>
    parseExposition((await request(api.app.getHttpServer()).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200)).text);

  it('requires Authorization: Bearer <token>', async () => {
    const server = api.app.getHttpServer();
    const denied = await request(server).get('/metrics').expect(401);
    expect(denied.headers['www-authenticate']).toBe('Bearer');
    await request(server).get('/metrics').set('Authorization', `Bearer ${token}x`).expect(401);
    await request(server).get('/metrics').set('Authorization', token).expect(401);
    const ok = await request(server).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
    expect(ok.text).toContain('http_requests_total');
  });

  it('is never rate limited', async () => {
    const server = api.app.getHttpServer();
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        request(server)
          .get('/metrics')
          .set('Authorization', `Bearer ${token}`)
          .then((r) => r.status),
      ),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it("rate_limit_rejections_total (the throttling library's) moves when requests are refused", async () => {
    const server = api.app.getHttpServer();
    const { authHeader } = await registerUser(server);
    const before = total(await scrape(), 'rate_limit_rejections_total');
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(server)
          .get('/workflows')
          .set(authHeader)
          .then((r) => r.status),
      ),
    );
    const refused = statuses.filter((status) => status === 429).length;
    expect(refused).toBeGreaterThan(0);
    const after = await scrape();
    // Counted per limiter that refused (api and burst may both refuse one request).
    expect(total(after, 'rate_limit_rejections_total') - before).toBeGreaterThanOrEqual(refused);
    expect(has(after, 'rate_limit_fallbacks_total')).toBe(true);
  });
});
