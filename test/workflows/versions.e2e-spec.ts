import { Server } from 'node:http';
import request from 'supertest';
import { registerUser } from '../support/auth';
import { startApiWithUser, TestApi } from '../support/test-app';
import { activate, AuthHeader, chain, createWorkflow, getExecution, runWorkflow, waitForExecution } from '../support/workflows';

const label = (v: string) => chain({ id: 'out', type: 'data.set', params: { fields: { v: `"${v}"` } } });
const hook = (path: string, v: string) => ({
  nodes: [
    { id: 'hook', type: 'trigger.webhook', params: { path } },
    { id: 'out', type: 'data.set', params: { fields: { v: `"${v}"` } } },
  ],
  edges: [{ from: 'hook', to: 'out' }],
});

describe('workflow versions, listing and deletion', () => {
  let api: TestApi;
  let server: Server;
  let auth: AuthHeader;

  beforeAll(async () => ({ api, server, auth } = await startApiWithUser()));
  afterAll(() => api?.close());

  const patch = (id: string, body: object) => request(server).patch(`/workflows/${id}`).set(auth).send(body);
  const versions = async (id: string) => (await request(server).get(`/workflows/${id}/versions`).set(auth).expect(200)).body;

  it('a new definition creates version 2; a name-only change creates none', async () => {
    const { id } = await createWorkflow(server, auth, { name: 'versioned', definition: label('one') });

    const renamed = await patch(id, { name: 'renamed', tags: ['t'] }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'renamed', tags: ['t'], version: 1, definition: label('one') });
    expect((await versions(id)).items).toHaveLength(1);

    const updated = await patch(id, { definition: label('two') }).expect(200);
    expect(updated.body).toMatchObject({ name: 'renamed', version: 2, definition: label('two') });

    const list = await versions(id);
    expect(list.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.items[1].definition).toEqual(label('one'));
    expect(list.items[0].definition).toEqual(label('two'));
    expect(list.nextCursor).toBeNull();

    const paged = (await request(server).get(`/workflows/${id}/versions?limit=1`).set(auth).expect(200)).body;
    expect(paged.items.map((v: { version: number }) => v.version)).toEqual([2]);
    const rest = (await request(server).get(`/workflows/${id}/versions?limit=1&cursor=${paged.nextCursor}`).set(auth).expect(200)).body;
    expect(rest).toMatchObject({ items: [{ version: 1 }], nextCursor: null });

    expect((await request(server).get(`/workflows/${id}`).set(auth).expect(200)).body).toMatchObject({
      version: 2,
      definition: label('two'),
    });
  });

  it('an execution started on v1 runs v1 to the end although v2 is saved meanwhile', async () => {
    const v1 = chain(
      { id: 'wait', type: 'flow.delay', params: { ms: 1000 } },
      { id: 'out', type: 'data.set', params: { fields: { v: '"one"' } } },
    );
    const { id } = await createWorkflow(server, auth, { name: 'pinned', definition: v1 });
    const executionId = await runWorkflow(server, auth, id);
    await waitForExecution(server, auth, executionId, ['RUNNING']);

    await patch(id, { definition: label('two') }).expect(200);
    const execution = await waitForExecution(server, auth, executionId);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', workflowVersion: 1, output: { v: 'one' } });
    expect(execution.steps.map((s) => s.nodeId)).toEqual(['start', 'wait', 'out']);

    const next = await waitForExecution(server, auth, await runWorkflow(server, auth, id));
    expect(next).toMatchObject({ status: 'SUCCEEDED', workflowVersion: 2, output: { v: 'two' } });
    expect(next.steps.map((s) => s.nodeId)).toEqual(['start', 'out']);
  });

  it('a new definition of an active webhook workflow moves the webhook and runs the new version', async () => {
    const { id } = await createWorkflow(server, auth, { name: 'hooked', definition: hook('versions-old', 'one') });
    await activate(server, auth, id);
    expect((await request(server).post('/webhook/versions-old').send({})).body).toEqual({ v: 'one' });

    await patch(id, { definition: hook('versions-new', 'two') }).expect(200);
    expect((await request(server).post('/webhook/versions-old').send({})).status).toBe(404);
    const res = await request(server).post('/webhook/versions-new').send({}).expect(200);
    expect(res.body).toEqual({ v: 'two' });
    expect((await getExecution(server, auth, res.headers['x-execution-id'])).workflowVersion).toBe(2);
  });

  it('a new definition whose webhook path another active workflow holds: 409, and no version is created', async () => {
    await activate(server, auth, (await createWorkflow(server, auth, { name: 'holder', definition: hook('versions-held', 'a') })).id);
    const { id } = await createWorkflow(server, auth, { name: 'mover', definition: hook('versions-mine', 'b') });
    await activate(server, auth, id);

    expect((await patch(id, { definition: hook('versions-held', 'b2') })).status).toBe(409);
    expect((await request(server).get(`/workflows/${id}`).set(auth).expect(200)).body).toMatchObject({
      version: 1,
      definition: hook('versions-mine', 'b'),
    });
    expect((await versions(id)).items).toHaveLength(1);
    expect((await request(server).post('/webhook/versions-mine').send({}).expect(200)).body).toEqual({ v: 'b' });
    expect((await request(server).post('/webhook/versions-held').send({}).expect(200)).body).toEqual({ v: 'a' });
  });

  describe('GET /workflows', () => {
    let owner: AuthHeader;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      ({ authHeader: owner } = await registerUser(server));
      for (const [name, tags] of [
        ['Alpha report', ['reports', 'daily']],
        ['beta sync', ['sync']],
        ['ALPHA cleanup', ['daily']],
        ['gamma', []],
      ] as const)
        ids[name] = (await createWorkflow(server, owner, { name, tags, definition: label(name) })).id;
      await activate(server, owner, ids['gamma']);
    });

    const list = async (query: string) => (await request(server).get(`/workflows${query}`).set(owner).expect(200)).body;
    const names = (page: { items: { name: string }[] }) => page.items.map((w) => w.name);

    it('lists the caller’s workflows, newest first, without definitions', async () => {
      const page = await list('');
      expect(names(page)).toEqual(['gamma', 'ALPHA cleanup', 'beta sync', 'Alpha report']);
      expect(page.items[0]).toMatchObject({ status: 'ACTIVE', active: true, version: 1 });
      expect(page.items[0].definition).toBeUndefined();
      expect(page.nextCursor).toBeNull();
    });

    it('filters by name (case-insensitive), tag and status', async () => {
      expect(names(await list('?search=alpha'))).toEqual(['ALPHA cleanup', 'Alpha report']);
      expect(names(await list('?tag=daily'))).toEqual(['ALPHA cleanup', 'Alpha report']);
      expect(names(await list('?tag=daily&search=report'))).toEqual(['Alpha report']);
      expect(names(await list('?status=ACTIVE'))).toEqual(['gamma']);
      expect(names(await list('?tag=none'))).toEqual([]);
      await request(server).get('/workflows?status=BOGUS').set(owner).expect(400);
      await request(server).get('/workflows?limit=0').set(owner).expect(400);
      await request(server).get('/workflows?cursor=garbage').set(owner).expect(400);
    });

    it('pages with a cursor: every workflow once, in order', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...names(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(2);
      expect(seen).toEqual(['gamma', 'ALPHA cleanup', 'beta sync', 'Alpha report']);
    });
  });

  it('soft delete: 404 afterwards everywhere, left out of lists, and its webhook stops answering', async () => {
    const { id } = await createWorkflow(server, auth, { name: 'doomed', definition: hook('versions-doomed', 'x') });
    await activate(server, auth, id);
    await request(server).post('/webhook/versions-doomed').send({}).expect(200);
    const executionId = await runWorkflow(server, auth, id); // any workflow can also be run by hand
    await waitForExecution(server, auth, executionId);

    await request(server).delete(`/workflows/${id}`).set(auth).expect(204);
    await request(server).get(`/workflows/${id}`).set(auth).expect(404);
    await request(server).patch(`/workflows/${id}`).set(auth).send({ name: 'again' }).expect(404);
    await request(server).get(`/workflows/${id}/versions`).set(auth).expect(404);
    await request(server).post(`/workflows/${id}/activate`).set(auth).expect(404);
    await request(server).post(`/workflows/${id}/run`).set(auth).send({}).expect(404);
    await request(server).delete(`/workflows/${id}`).set(auth).expect(404);
    const res = await request(server).post('/webhook/versions-doomed').send({});
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const all = (await request(server).get('/workflows?limit=100').set(auth).expect(200)).body;
    expect(all.items.map((w: { id: string }) => w.id)).not.toContain(id);
    // Its history stays readable.
    expect((await getExecution(server, auth, executionId)).status).toBe('SUCCEEDED');
  });

  it('unknown and malformed ids: 404 and 400', async () => {
    await request(server).get('/workflows/00000000-0000-4000-8000-000000000000').set(auth).expect(404);
    await request(server).get('/workflows/not-a-uuid').set(auth).expect(400);
  });
});
