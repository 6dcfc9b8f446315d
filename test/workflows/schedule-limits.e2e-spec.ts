import { Server } from 'node:http';
import request from 'supertest';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseExposition, total } from '../metrics/exposition';
import { registerUser, RegisteredUser } from '../support/auth';
import { waitFor } from '../support/processes';
import { withSql } from '../support/process-api';
import { startTestApi, TestApi } from '../support/test-app';

const scheduled = (cron: string) => ({
  nodes: [
    { id: 'tick', type: 'trigger.schedule', params: { cron, timezone: 'UTC' } },
    { id: 'stamp', type: 'data.set', params: { fields: { firedAt: 'trigger.body.firedAt' } } },
  ],
  edges: [{ from: 'tick', to: 'stamp' }],
});

/**
 * Tier minimum intervals (defaults: FREE 60 s, ENTERPRISE 1 s) and scheduled runs counted against the
 * owner's execution limit (2 per minute here for FREE and ENTERPRISE alike, through the tier table).
 */
describe('schedule limits per tier', () => {
  let api: TestApi;
  let server: Server;
  let free: RegisteredUser;
  let enterprise: RegisteredUser;

  const sql = <T>(text: string, params: unknown[] = []) =>
    withSql(api.config.database.DATABASE_URL, async (c) => (await c.query(text, params)).rows as T[]);
  const setTier = (user: RegisteredUser, tier: string) => sql(`UPDATE users SET tier = $2 WHERE id = $1`, [user.user.id, tier]);
  const create = (user: RegisteredUser, cron: string) =>
    request(server)
      .post('/workflows')
      .set(user.authHeader)
      .send({ name: `every ${cron}`, definition: scheduled(cron) });

  beforeAll(async () => {
    api = await startTestApi({
      THROTTLE_ENABLED: 'true',
      THROTTLE_EXECUTION_LIMIT: '2',
      THROTTLE_TIER_TABLE: 'FREE:100/20,PRO:1000/100,ENTERPRISE:100/20,ADMIN:100000/1000',
    });
    server = api.app.getHttpServer();
    free = await registerUser(server);
    enterprise = await registerUser(server);
    await setTier(enterprise, 'ENTERPRISE');
  }, 60_000);
  afterAll(() => api?.close());

  it('refuses to save a cron firing more often than the tier allows, naming the node and the minimum', async () => {
    const res = await create(free, '*/10 * * * * *').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Schedule too frequent for your tier' });
    expect(res.body.message).toEqual([expect.stringMatching(/^node "tick": .*every 10 s.*FREE tier allows at most one run every 60 s$/)]);
    // Twice an hour, but a minute apart: the real gap between fires is what counts.
    const { body } = await create(free, '0,1 * * * *').expect(201);
    await request(server).post(`/workflows/${body.id}/activate`).set(free.authHeader).expect(200);
    await create(enterprise, '* * * * * *').expect(201);
  });

  it('refuses to activate when the owner tier no longer allows the saved cron', async () => {
    const { body } = await create(enterprise, '*/5 * * * * *').expect(201);
    await setTier(enterprise, 'FREE');
    const refused = await request(server).post(`/workflows/${body.id}/activate`).set(enterprise.authHeader).expect(400);
    expect(refused.body.message).toEqual([expect.stringContaining('node "tick"')]);
    expect((await sql<{ count: string }>(`SELECT count(*) FROM schedules WHERE "workflowId" = $1`, [body.id]))[0].count).toBe('0');
    await setTier(enterprise, 'ENTERPRISE');
    await request(server).post(`/workflows/${body.id}/activate`).set(enterprise.authHeader).expect(200);
    await request(server).post(`/workflows/${body.id}/deactivate`).set(enterprise.authHeader).expect(200);
  });

  it('scheduled runs consume the owner execution limit; slots over it are recorded FAILED and counted', async () => {
    const { body } = await create(enterprise, '* * * * * *').expect(201);
    await request(server).post(`/workflows/${body.id}/activate`).set(enterprise.authHeader).expect(200);
    const runs = () =>
      sql<{ status: string; error: string | null }>(
        `SELECT status, error FROM executions WHERE "workflowId" = $1 AND trigger = 'SCHEDULE'`,
        [body.id],
      );
    await waitFor('a slot over the limit', async () => (await runs()).filter((r) => r.status === 'FAILED').length >= 2, 15_000, 200);
    await request(server).post(`/workflows/${body.id}/deactivate`).set(enterprise.authHeader).expect(200);
    await sleep(500);
    await waitFor('runs finished', async () => (await runs()).every((r) => !['QUEUED', 'RUNNING'].includes(r.status)), 5_000, 200);

    const all = await runs();
    expect(all.filter((r) => r.status === 'SUCCEEDED')).toHaveLength(2); // the limit: 2 per minute
    const skipped = all.filter((r) => r.status !== 'SUCCEEDED');
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    for (const r of skipped)
      expect(r).toEqual({
        status: 'FAILED',
        error: expect.stringMatching(
          /^Schedule slot skipped: the owner's execution rate limit \(2 runs per 60 s for the ENTERPRISE tier\) was reached$/,
        ),
      });
    const metrics = parseExposition((await request(server).get('/metrics')).text);
    expect(total(metrics, 'schedule_slots_skipped_total', { reason: 'rate_limit' })).toBe(skipped.length);
  }, 30_000);
});
