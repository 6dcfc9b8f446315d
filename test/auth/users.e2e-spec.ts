import request from 'supertest';
import { PrismaService } from '@app/database';
import { startTestApi, TestApi } from '../support/test-app';
import { createApiKey, makeAdmin, registerUser, RegisteredUser } from '../support/auth';

describe('users: admin-only tier changes and listing (real PostgreSQL)', () => {
  let api: TestApi;
  let prisma: PrismaService;
  let admin: RegisteredUser;
  let member: RegisteredUser;
  beforeAll(async () => {
    api = await startTestApi();
    prisma = api.app.get(PrismaService);
    admin = await registerUser(api.app.getHttpServer(), { name: 'Admin' });
    member = await registerUser(api.app.getHttpServer(), { name: 'Member' });
    // The admin's token is cached as a USER first: makeAdmin must still take effect at once.
    await http().get('/auth/me').set(admin.authHeader).expect(200);
    await makeAdmin(api.app, admin.user.id);
  });
  afterAll(() => api?.close());

  const http = () => request(api.app.getHttpServer());

  it('PATCH /users/:id/tier is 403 for non-admins', async () => {
    const res = await http().patch(`/users/${member.user.id}/tier`).set(member.authHeader).send({ tier: 'ENTERPRISE' }).expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden', message: 'Requires role ADMIN' });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.user.id } })).tier).toBe('FREE');
  });

  it('PATCH /users/:id/tier is 401 without credentials', () =>
    http().patch(`/users/${member.user.id}/tier`).send({ tier: 'PRO' }).expect(401));

  it('lets an admin change a tier: 200 with the user, persisted, audited, visible to the user at once', async () => {
    await http().get('/auth/me').set(member.authHeader).expect(200);
    const res = await http()
      .patch(`/users/${member.user.id}/tier`)
      .set(admin.authHeader)
      .set('User-Agent', 'admin-ui')
      .send({ tier: 'PRO' })
      .expect(200);
    expect(res.body).toEqual({
      id: member.user.id,
      email: member.email,
      name: 'Member',
      role: 'USER',
      tier: 'PRO',
      createdAt: expect.any(String),
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.user.id } })).tier).toBe('PRO');
    expect((await http().get('/auth/me').set(member.authHeader).expect(200)).body.tier).toBe('PRO');

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'user.tier_changed', entityId: member.user.id } });
    expect(audit).toMatchObject({
      userId: admin.user.id,
      entityType: 'User',
      userAgent: 'admin-ui',
      metadata: { from: 'FREE', to: 'PRO' },
    });
  });

  it('works with an admin’s API key too', async () => {
    const { key } = await createApiKey(api.app.getHttpServer(), admin.authHeader);
    await http().patch(`/users/${member.user.id}/tier`).set('X-API-Key', key).send({ tier: 'ENTERPRISE' }).expect(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.user.id } })).tier).toBe('ENTERPRISE');
  });

  it('validates the tier and the id, and answers 404 for an unknown user', async () => {
    const bad = await http().patch(`/users/${member.user.id}/tier`).set(admin.authHeader).send({ tier: 'GOLD' }).expect(400);
    expect(bad.body.message[0]).toMatch(/^tier must be one of the following values/);
    await http().patch('/users/nope/tier').set(admin.authHeader).send({ tier: 'PRO' }).expect(400);
    await http().patch('/users/00000000-0000-4000-8000-000000000000/tier').set(admin.authHeader).send({ tier: 'PRO' }).expect(404);
  });

  it('GET /users lists users for admins only, newest first, with a cursor', async () => {
    await http().get('/users').set(member.authHeader).expect(403);
    const extra = [await registerUser(api.app.getHttpServer()), await registerUser(api.app.getHttpServer())];
    const first = await http().get('/users').query({ limit: 1 }).set(admin.authHeader).expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toEqual({
      id: extra[1].user.id,
      email: extra[1].email,
      name: 'Test User',
      role: 'USER',
      tier: 'FREE',
      createdAt: expect.any(String),
      disabledAt: null,
      lastLoginAt: null,
    });
    expect(first.body.items[0]).not.toHaveProperty('passwordHash');
    const second = await http().get('/users').query({ limit: 1, cursor: first.body.nextCursor }).set(admin.authHeader).expect(200);
    expect(second.body.items[0].id).toBe(extra[0].user.id);
    const all = await http().get('/users').query({ limit: 100 }).set(admin.authHeader).expect(200);
    expect(all.body.items).toHaveLength(4);
    expect(all.body.nextCursor).toBeNull();
  });
});
