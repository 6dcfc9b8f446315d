import { Server } from 'node:http';
import request from 'supertest';
import { startApiWithUser, TestApi } from '../support/test-app';
import { activate, AuthHeader, chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';

interface RunSummary {
  id: string;
  status: string;
  trigger: string;
  startedAt: string | null;
  durationMs: number | null;
}

interface ListItem {
  id: string;
  name: string;
  tags: string[];
  status: string;
  lastExecution: RunSummary | null;
  recentRuns: RunSummary[];
}

const ok = chain({ id: 'out', type: 'data.set', params: { fields: { v: '1' } } });
const failing = chain({ id: 'boom', type: 'data.set', params: { fields: { v: '$error("boom")' } } });

describe('GET /workflows: filters, last run and run history', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => ({ api, server, auth } = await startApiWithUser()));
  afterAll(() => api?.close());

  const list = async (query: Record<string, string> = {}): Promise<ListItem[]> =>
    (await request(server).get('/workflows').query(query).set(auth).expect(200)).body.items;

  async function runAndWait(id: string): Promise<string> {
    const executionId = await runWorkflow(server, auth, id);
    await waitForExecution(server, auth, executionId);
    return executionId;
  }

  it('gives each workflow its newest run and up to 10 runs, newest first, without test runs', async () => {
    const busy = await createWorkflow(server, auth, { name: 'busy one', tags: ['billing'], definition: ok });
    const never = await createWorkflow(server, auth, { name: 'never run', tags: ['nightly'], definition: ok });
    const broken = await createWorkflow(server, auth, { name: 'broken one', tags: ['billing', 'nightly'], definition: failing });

    const runs: string[] = [];
    for (let i = 0; i < 12; i++) runs.push(await runAndWait(busy.id));
    const failed = await runAndWait(broken.id);
    const testRun = await request(server).post('/workflows/test-runs').set(auth).send({ workflowId: busy.id, definition: ok }).expect(202);
    await waitForExecution(server, auth, testRun.body.id);

    const items = await list();
    const byName = (name: string) => items.find((w) => w.name === name)!;
    const busyRow = byName('busy one');
    expect(busyRow.recentRuns.map((r) => r.id)).toEqual(runs.slice(-10).reverse());
    expect(busyRow.lastExecution).toEqual(busyRow.recentRuns[0]);
    expect(busyRow.lastExecution).toMatchObject({ id: runs[11], status: 'SUCCEEDED', trigger: 'MANUAL' });
    expect(busyRow.lastExecution!.startedAt).toEqual(expect.any(String));
    expect(busyRow.lastExecution!.durationMs).toEqual(expect.any(Number));
    expect(byName('broken one').lastExecution).toMatchObject({ id: failed, status: 'FAILED' });
    expect(byName('broken one').recentRuns).toHaveLength(1);
    expect(byName('never run')).toMatchObject({ lastExecution: null, recentRuns: [] });
    expect(never.id).toBe(byName('never run').id);
  });

  it('filters by name, tag and status, and lists the tags in use', async () => {
    const active = await createWorkflow(server, auth, { name: 'Active Mailer', tags: ['mail'], definition: ok });
    await activate(server, auth, active.id);

    expect((await list({ search: 'mailer' })).map((w) => w.name)).toEqual(['Active Mailer']);
    expect((await list({ tag: 'nightly' })).map((w) => w.name).sort()).toEqual(['broken one', 'never run']);
    expect((await list({ tag: 'billing', search: 'busy' })).map((w) => w.name)).toEqual(['busy one']);
    expect((await list({ status: 'ACTIVE' })).map((w) => w.name)).toEqual(['Active Mailer']);
    expect((await list({ status: 'INACTIVE' })).map((w) => w.name)).toEqual([]);
    expect((await list({ tag: 'none-such' })).map((w) => w.name)).toEqual([]);

    const tags = await request(server).get('/workflows/tags').set(auth).expect(200);
    expect(tags.body).toEqual({ items: ['billing', 'mail', 'nightly'] });
  });

  it('refuses bad filters with 400', async () => {
    for (const query of [{ status: 'RUNNING' }, { tag: '' }, { limit: '0' }, { search: 'x'.repeat(121) }])
      expect((await request(server).get('/workflows').query(query).set(auth)).status).toBe(400);
  });

  it('pages: the run history follows each page', async () => {
    const first = await request(server).get('/workflows').query({ limit: 2 }).set(auth).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await request(server).get('/workflows').query({ limit: 10, cursor: first.body.nextCursor }).set(auth).expect(200);
    const busy = [...first.body.items, ...second.body.items].find((w: ListItem) => w.name === 'busy one');
    expect(busy.recentRuns).toHaveLength(10);
  });
});

describe('GET /executions: time range', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => ({ api, server, auth } = await startApiWithUser()));
  afterAll(() => api?.close());

  it('lists runs inside [from, to) and refuses bad dates and from after to with 400', async () => {
    const { id } = await createWorkflow(server, auth, { name: 'ranged', definition: ok });
    const before = new Date(Date.now() - 1000).toISOString();
    const executionId = await runWorkflow(server, auth, id);
    const after = new Date(Date.now() + 1000).toISOString();
    const ids = async (query: object) =>
      (await request(server).get('/executions').query(query).set(auth).expect(200)).body.items.map((e: { id: string }) => e.id);
    expect(await ids({ from: before, to: after })).toEqual([executionId]);
    expect(await ids({ from: after })).toEqual([]);
    expect(await ids({ to: before })).toEqual([]);
    expect(await ids({ from: before, trigger: 'MANUAL', workflowId: id })).toEqual([executionId]);
    expect(await ids({ from: before, trigger: 'WEBHOOK' })).toEqual([]);

    const refused = await request(server).get('/executions').query({ from: after, to: before }).set(auth);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/from must not be after to/);
    for (const query of [{ from: 'yesterday' }, { to: '2026-13-01T00:00:00Z' }, { from: '1' }]) {
      const res = await request(server).get('/executions').query(query).set(auth);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(/ISO 8601/);
    }
  });
});
