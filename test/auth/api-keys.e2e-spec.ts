import { createHash } from 'node:crypto';
import request from 'supertest';
import { AUTH_CACHE_TTL_MS } from '@app/auth';
import { PrismaService } from '@app/database';
import { startTestApi, TestApi } from '../support/test-app';
import { createApiKey, registerUser, RegisteredUser } from '../support/auth';
import { waitFor } from '../support/processes';

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
  const newKey = (body: { name?: string; expiresInDays?: number } = {}) => createApiKey(api.app.getHttpServer(), owner.authHeader, body);

  it('creates a key: the secret is shown once and only its SHA-256 is stored', async () => {
    const res = await http().post('/auth/api-keys').set(owner.authHeader).send({ name: 'CI' }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'CI',
      prefix: res.body.key.slice(0, 10),
      key: expect.stringMatching(/^wp_[A-Za-z0-9_-]{43}$/),
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
    expect(res.body.message).toBe('Invalid API key');
  });

  it('lists the caller’s keys without secrets, newest first, with a cursor', async () => {
    const other = await registerUser(api.app.getHttpServer());
    await createApiKey(api.app.getHttpServer(), other.authHeader, { name: 'not mine' });
    const created = [await newKey({ name: 'list-1' }), await newKey({ name: 'list-2' }), await newKey({ name: 'list-3' })];

    const first = await http().get('/auth/api-keys').query({ limit: 2 }).set(owner.authHeader).expect(200);
    expect(first.body.items.map((k: { id: string }) => k.id)).toEqual([created[2].id, created[1].id]);
    expect(first.body.nextCursor).toEqual(expect.any(String)); // opaque: clients pass it back as is
    expect(Object.keys(first.body.items[0]).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'scopes']);
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
});
