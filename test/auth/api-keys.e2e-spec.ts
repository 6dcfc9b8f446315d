import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { AUTH_CACHE_TTL_MS } from '@app/auth';
import { PrismaService } from '@app/database';
import { startTestApi, TestApi } from '../support/test-app';
import { createApiKey, registerUser, RegisteredUser } from '../support/auth';
import { waitFor } from '../support/processes';
import { chain, createWorkflow } from '../support/workflows';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('auth: API keys (real PostgreSQL)', () => {
  let api: TestApi;
  let prisma: PrismaService;
  let owner: RegisteredUser;
  beforeAll(async () => {
    api = await startTestApi();
    prisma = api.app.get(PrismaService);
    owner = await registerUser(api.app.getHttpServer());
  });
  afterAll(() => api?.close());

  const http = () => request(api.app.getHttpServer());
  const newKey = (body: { name?: string; expiresInDays?: number; expiresAt?: string; scope?: string } = {}) =>
    createApiKey(api.app.getHttpServer(), owner.authHeader, body);

  it('creates a key: the secret is shown once and only its SHA-256 is stored', async () => {
    const res = await http().post('/auth/api-keys').set(owner.authHeader).send({ name: 'CI' }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'CI',
      prefix: res.body.key.slice(0, 10),
      key: expect.stringMatching(/^wp_[A-Za-z0-9_-]{43}$/),
      scope: 'full',
      createdAt: expect.any(String),
      expiresAt: null,
    });
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row).toMatchObject({ userId: owner.user.id, keyHash: sha256(res.body.key), prefix: res.body.key.slice(0, 10), revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(res.body.key);
    const audit = await prisma.auditLog.findFirst({ where: { action: 'auth.api_key_created', entityId: res.body.id } });
    expect(audit).toMatchObject({ userId: owner.user.id, entityType: 'ApiKey' });
    expect(JSON.stringify(audit)).not.toContain(res.body.key);
  });

  it('sets expiresAt from expiresInDays', async () => {
    const { expiresAt } = await newKey({ expiresInDays: 30 });
    const days = (new Date(expiresAt!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('validates the body', async () => {
    const res = await http()
      .post('/auth/api-keys')
      .set(owner.authHeader)
      .send({ name: '', expiresInDays: 0, scopes: ['x'] })
      .expect(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'property scopes should not exist',
        'name must be longer than or equal to 1 characters',
        'expiresInDays must not be less than 1',
      ]),
    );
  });

  it('authenticates with Authorization: Bearer wp_... and with X-API-Key, and records lastUsedAt', async () => {
    const { id, key } = await newKey();
    const viaBearer = await http().get('/auth/me').set('Authorization', `Bearer ${key}`).expect(200);
    expect(viaBearer.body).toMatchObject({ id: owner.user.id, email: owner.email });
    await http().get('/auth/me').set('X-API-Key', key).expect(200);

    const { lastUsedAt } = await prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(lastUsedAt).toBeInstanceOf(Date);
    await http().get('/auth/me').set('X-API-Key', key).expect(200);
    // Written at most once a minute, not on every request.
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(lastUsedAt);
  });

  it('rejects unknown and malformed keys with 401', async () => {
    const { key } = await newKey();
    const altered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    await http().get('/auth/me').set('X-API-Key', altered).expect(401);
    await http().get('/auth/me').set('Authorization', `Bearer ${altered}`).expect(401);
    await http().get('/auth/me').set('X-API-Key', 'wp_short').expect(401);
    const res = await http().get('/auth/me').set('X-API-Key', 'not-a-key').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('rejects expired keys', async () => {
    const { id, key } = await newKey({ expiresInDays: 1 });
    await prisma.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await http().get('/auth/me').set('X-API-Key', key).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, message: 'API key expired' });
  });

  it('lists the caller’s keys without secrets, newest first, with a cursor', async () => {
    const other = await registerUser(api.app.getHttpServer());
    await createApiKey(api.app.getHttpServer(), other.authHeader, { name: 'not mine' });
    const created = [await newKey({ name: 'list-1' }), await newKey({ name: 'list-2' }), await newKey({ name: 'list-3' })];

    const first = await http().get('/auth/api-keys').query({ limit: 2 }).set(owner.authHeader).expect(200);
    expect(first.body.items.map((k: { id: string }) => k.id)).toEqual([created[2].id, created[1].id]);
    expect(first.body.nextCursor).toEqual(expect.any(String)); // opaque: clients pass it back as is
    expect(Object.keys(first.body.items[0]).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'scope']);
    expect(JSON.stringify(first.body)).not.toContain(created[2].key);

    const all: { id: string; name: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await http()
        .get('/auth/api-keys')
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .set(owner.authHeader)
        .expect(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.map((k) => k.name)).not.toContain('not mine');
    expect(new Set(all.map((k) => k.id)).size).toBe(all.length);
    expect(all.map((k) => k.id)).toEqual(expect.arrayContaining(created.map((k) => k.id)));

    await http().get('/auth/api-keys').query({ limit: 0 }).set(owner.authHeader).expect(400);
    await http().get('/auth/api-keys').query({ cursor: 'nope' }).set(owner.authHeader).expect(400);
  });

  it('revokes a key: 204, then 401 with it, gone from the list, audited', async () => {
    const { id, key } = await newKey({ name: 'to revoke' });
    await http().get('/auth/me').set('X-API-Key', key).expect(200);
    await http().delete(`/auth/api-keys/${id}`).set(owner.authHeader).expect(204);
    await http().get('/auth/me').set('X-API-Key', key).expect(401);
    await http().get('/auth/me').set('Authorization', `Bearer ${key}`).expect(401);

    const { body } = await http().get('/auth/api-keys').query({ limit: 100 }).set(owner.authHeader).expect(200);
    expect(body.items.map((k: { id: string }) => k.id)).not.toContain(id);
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).toBeInstanceOf(Date);
    expect(await prisma.auditLog.count({ where: { action: 'auth.api_key_revoked', entityId: id, userId: owner.user.id } })).toBe(1);

    await http().delete(`/auth/api-keys/${id}`).set(owner.authHeader).expect(404);
  });

  it('answers 404 for another user’s key, which keeps working', async () => {
    const other = await registerUser(api.app.getHttpServer());
    const theirs = await createApiKey(api.app.getHttpServer(), other.authHeader);
    const res = await http().delete(`/auth/api-keys/${theirs.id}`).set(owner.authHeader).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await http().get('/auth/me').set('X-API-Key', theirs.key).expect(200);
    await http().delete('/auth/api-keys/not-a-uuid').set(owner.authHeader).expect(400);
  });

  it('stops a key revoked by another replica within the auth cache TTL', async () => {
    const { id, key } = await newKey();
    await http().get('/auth/me').set('X-API-Key', key).expect(200);
    // Straight to the database, as another API replica would: this process only learns it when its cache entry expires.
    await prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    const elapsed = await waitFor(
      'revoked key refused',
      async () => (await http().get('/auth/me').set('X-API-Key', key)).status === 401,
      AUTH_CACHE_TTL_MS + 2_000,
    );
    expect(elapsed).toBeLessThanOrEqual(AUTH_CACHE_TTL_MS + 500);
  }, 15_000);

  describe('scopes and expiry', () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const definition = chain({ id: 'x', type: 'data.transform', params: { expression: '1' } });
    let workflowId: string;
    beforeAll(async () => {
      ({ id: workflowId } = await createWorkflow(api.app.getHttpServer(), owner.authHeader, { name: 'scoped', definition }));
    });

    it('creates keys with a scope and an ISO expiresAt, and lists both', async () => {
      const expiresAt = inDays(7);
      const created = await newKey({ name: 'scoped-ro', scope: 'read-only', expiresAt });
      expect(created).toMatchObject({ scope: 'read-only', expiresAt: new Date(expiresAt).toISOString() });
      const { body } = await http().get('/auth/api-keys').query({ limit: 100 }).set(owner.authHeader).expect(200);
      expect(body.items.find((k: { id: string }) => k.id === created.id)).toMatchObject({
        scope: 'read-only',
        expiresAt: new Date(expiresAt).toISOString(),
      });
    });

    it('validates scope and expiresAt', async () => {
      const res = await http()
        .post('/auth/api-keys')
        .set(owner.authHeader)
        .send({ name: 'bad', scope: 'admin', expiresAt: 'next tuesday' })
        .expect(400);
      expect(res.body.message).toEqual(
        expect.arrayContaining(['scope must be one of read-only, run-only, full', 'expiresAt must be an ISO 8601 date']),
      );
      const past = await http()
        .post('/auth/api-keys')
        .set(owner.authHeader)
        .send({ name: 'past', expiresAt: inDays(-1) })
        .expect(400);
      expect(past.body.message).toEqual(['expiresAt must be in the future']);
      const both = await http()
        .post('/auth/api-keys')
        .set(owner.authHeader)
        .send({ name: 'both', expiresAt: inDays(1), expiresInDays: 1 })
        .expect(400);
      expect(both.body.message).toBe('Give expiresAt or expiresInDays, not both');
    });

    it('read-only: GET and HEAD pass; anything else is 403 naming the scope needed', async () => {
      const { key } = await newKey({ scope: 'read-only' });
      await http().get(`/workflows/${workflowId}`).set('X-API-Key', key).expect(200);
      await http().head('/auth/me').set('X-API-Key', key).expect(200);
      const run = await http().post(`/workflows/${workflowId}/run`).set('X-API-Key', key).send({}).expect(403);
      expect(run.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: `This API key has scope read-only; POST /workflows/:id/run needs scope run-only`,
      });
      const edit = await http().patch(`/workflows/${workflowId}`).set('X-API-Key', key).send({ name: 'renamed' }).expect(403);
      expect(edit.body.message).toMatch(/needs scope full$/);
      await http().post('/auth/api-keys').set('X-API-Key', key).send({ name: 'escalate', scope: 'read-only' }).expect(403);
      await http().post(`/executions/${randomUUID()}/retry`).set('X-API-Key', key).expect(403);
    });

    it('run-only: reads, runs and retries pass; definitions, keys and other writes are 403', async () => {
      const { id, key } = await newKey({ scope: 'run-only' });
      await http().get('/workflows').set('X-API-Key', key).expect(200);
      const run = await http().post(`/workflows/${workflowId}/run`).set('X-API-Key', key).send({}).expect(202);
      expect(run.body.id).toEqual(expect.any(String));
      await http().post(`/executions/${randomUUID()}/retry`).set('X-API-Key', key).expect(404); // past the scope check
      const routes = [
        http().post('/workflows').send({ name: 'new', definition }),
        http().patch(`/workflows/${workflowId}`).send({ name: 'renamed' }),
        http().delete(`/workflows/${workflowId}`),
        http().post(`/workflows/${workflowId}/deactivate`),
        http().post(`/executions/${run.body.id}/cancel`),
        http().post('/auth/api-keys').send({ name: 'k', scope: 'run-only' }),
        http().delete(`/auth/api-keys/${id}`),
      ];
      for (const pending of routes) {
        const res = await pending.set('X-API-Key', key);
        expect({ status: res.status, message: res.body.message }).toEqual({
          status: 403,
          message: expect.stringMatching(/^This API key has scope run-only; .+ needs scope full$/),
        });
      }
      expect((await http().get(`/workflows/${workflowId}`).set(owner.authHeader).expect(200)).body.name).toBe('scoped');
    });

    it('a key cannot create a key broader or longer-lived than itself', async () => {
      const expiresAt = inDays(10);
      const { key } = await newKey({ scope: 'full', expiresAt });
      const asKey = (body: object) =>
        http()
          .post('/auth/api-keys')
          .set('X-API-Key', key)
          .send({ name: 'child', ...body });
      const never = await asKey({}).expect(403);
      expect(never.body.message).toBe(
        `This API key expires at ${new Date(expiresAt).toISOString()}: a key it creates needs an expiresAt no later than that`,
      );
      await asKey({ expiresAt: inDays(11) }).expect(403);
      await asKey({ expiresInDays: 30 }).expect(403);
      const child = await asKey({ scope: 'read-only', expiresAt: inDays(5) }).expect(201);
      expect(child.body).toMatchObject({ scope: 'read-only' });
      await asKey({ expiresAt }).expect(201);
      // A JWT (the user themself) is not narrowed.
      await http().post('/auth/api-keys').set(owner.authHeader).send({ name: 'forever' }).expect(201);
    });

    it('JWT callers are not affected by scopes', async () => {
      await http().patch(`/workflows/${workflowId}`).set(owner.authHeader).send({ description: 'still editable' }).expect(200);
    });
  });
});
