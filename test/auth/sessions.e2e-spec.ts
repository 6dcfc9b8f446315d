import { JwtService } from '@nestjs/jwt';
import { Server } from 'node:http';
import request from 'supertest';
import { PrismaService } from '@app/database';
import { AuthCache } from '@app/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { bearer, createApiKey, registerUser, RegisteredUser, TEST_PASSWORD } from '../support/auth';

const SESSION = { 'X-Session': 'cookie' };
const DAY_MS = 86_400_000;

/** The refresh cookie of a response, with its attributes as sent. */
function refreshCookie(res: request.Response): { token: string; attributes: string[]; header: string } {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const header = cookies.find((c) => c.startsWith('wp_refresh='));
  if (!header) throw new Error(`no refresh cookie in ${res.status} ${JSON.stringify(res.headers)}`);
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return { token: pair.slice('wp_refresh='.length), attributes, header };
}

const cookieHeader = (token: string) => ({ Cookie: `wp_refresh=${token}` });

describe('browser sessions: refresh cookie rotation, reuse detection, logout, per-device list (real PostgreSQL and Redis)', () => {
  let api: TestApi;
  let server: Server;
  let prisma: PrismaService;
  let owner: RegisteredUser;

  beforeAll(async () => {
    api = await startTestApi({
      // Only the failed-login limit is under test here (the last test); the general limits stay out of the way.
      THROTTLE_ENABLED: 'true',
      THROTTLE_AUTH_LIMIT: '3',
      THROTTLE_API_LIMIT: '100000',
      THROTTLE_BURST_LIMIT: '100000',
    });
    server = api.app.getHttpServer();
    prisma = api.app.get(PrismaService);
    owner = await registerUser(server);
  });
  afterAll(() => api?.close());

  const http = () => request(server);
  const login = (user: RegisteredUser = owner) =>
    http()
      .post('/auth/login')
      .set(SESSION)
      .set('User-Agent', 'jest-browser/1.0')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
  const refresh = (token: string) => http().post('/auth/refresh').set(SESSION).set(cookieHeader(token));
  /** Pretends a rotation happened long ago, past the race grace window, so presenting the old token is a replay. */
  const ageRotations = (userId: string) =>
    prisma.session.updateMany({ where: { userId, replacedAt: { not: null } }, data: { replacedAt: new Date(Date.now() - 60_000) } });
  const sidOf = (accessToken: string) => api.app.get(JwtService).decode<{ sid?: string }>(accessToken).sid;

  /** Other replicas may honour a revoked session for up to AUTH_CACHE_TTL_MS: wait that bound out at most. */
  async function expectRefusedWithin(accessToken: string, ms = 6_000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      const res = await http().get('/auth/me').set(bearer(accessToken));
      if (res.status === 401) return;
      if (Date.now() > deadline) throw new Error(`access token still accepted (${res.status})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('keeps plain logins as they were: JSON token only, no cookie, no sid', async () => {
    const res = await http().post('/auth/login').send({ email: owner.email, password: TEST_PASSWORD }).expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'user']);
    expect(sidOf(res.body.accessToken)).toBeUndefined();
  });

  it('sets the refresh cookie HttpOnly; Secure; SameSite=Strict; Path=/auth on a login with X-Session: cookie', async () => {
    const res = await login();
    const { token, attributes } = refreshCookie(res);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const maxAge = attributes.find((a) => a.startsWith('Max-Age='));
    expect(attributes.filter((a) => a !== maxAge).sort()).toEqual(['HttpOnly', 'Path=/auth', 'SameSite=Strict', 'Secure']);
    expect(Number(maxAge?.slice('Max-Age='.length))).toBeGreaterThan(30 * 86_400 - 10); // SESSION_TTL_DAYS default
    expect(JSON.stringify(res.body)).not.toContain(token);
    const sid = sidOf(res.body.accessToken);
    expect(sid).toMatch(/^[0-9a-f-]{36}$/);
    await http().get('/auth/me').set(bearer(res.body.accessToken)).expect(200);
    const row = await prisma.session.findFirstOrThrow({ where: { familyId: sid } });
    expect(row.tokenHash).not.toContain(token); // only the hash is stored
    expect(row.userAgent).toBe('jest-browser/1.0');
  });

  it('starts a session on register too', async () => {
    const res = await http()
      .post('/auth/register')
      .set(SESSION)
      .send({ email: `s-${Date.now()}@example.com`, password: TEST_PASSWORD, name: 'S' })
      .expect(201);
    await refresh(refreshCookie(res).token).expect(200);
  });

  it('rotates the cookie on every refresh and returns a new access token bound to the same session', async () => {
    const first = await login();
    const sid = sidOf(first.body.accessToken);
    const r1 = await refresh(refreshCookie(first).token).expect(200);
    const next = refreshCookie(r1);
    expect(next.token).not.toBe(refreshCookie(first).token);
    expect(next.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/auth']));
    expect(r1.body).toEqual({ accessToken: expect.any(String), user: expect.objectContaining({ id: owner.user.id, email: owner.email }) });
    expect(sidOf(r1.body.accessToken)).toBe(sid);
    await http().get('/auth/me').set(bearer(r1.body.accessToken)).expect(200);
    await refresh(next.token).expect(200);
  });

  it('revokes the whole family when an old refresh token is replayed: the newest cookie and the access tokens fail too', async () => {
    const first = await login();
    const stolen = refreshCookie(first).token;
    const r1 = await refresh(stolen).expect(200);
    const r2 = await refresh(refreshCookie(r1).token).expect(200);
    const newest = refreshCookie(r2).token;
    await ageRotations(owner.user.id);

    const replay = await refresh(stolen).expect(401);
    expect(replay.body.message).toMatch(/already used/);
    await refresh(newest).expect(401);
    const sid = sidOf(first.body.accessToken)!;
    expect(await prisma.session.count({ where: { familyId: sid, revokedAt: null } })).toBe(0);

    // Another replica learns through the database within AUTH_CACHE_TTL_MS: forget this process's knowledge.
    api.app.get(AuthCache).sessionRevoked.clear();
    await expectRefusedWithin(r2.body.accessToken);
    await expectRefusedWithin(first.body.accessToken);
    const audit = await prisma.auditLog.findFirst({ where: { action: 'auth.session_revoked', entityId: sid } });
    expect(audit?.metadata).toEqual({ reason: 'refresh_token_reuse' });
  });

  it('answers 409 without revoking when two tabs refresh with the same cookie at once', async () => {
    const first = await login();
    const token = refreshCookie(first).token;
    const winner = await refresh(token).expect(200);
    const loser = await refresh(token).expect(409);
    expect(loser.body.message).toMatch(/retry/);
    await refresh(refreshCookie(winner).token).expect(200);
  });

  it('requires X-Session: cookie on refresh and logout (CSRF) and answers 4xx JSON for bad cookies', async () => {
    const token = refreshCookie(await login()).token;
    const noHeader = await http().post('/auth/refresh').set(cookieHeader(token)).expect(403);
    expect(noHeader.body.message).toMatch(/X-Session: cookie/);
    await http().post('/auth/logout').set(cookieHeader(token)).expect(403);
    await http().post('/auth/refresh').set({ 'X-Session': 'yes' }).set(cookieHeader(token)).expect(400);
    await http().post('/auth/refresh').set(SESSION).expect(401);
    await refresh('not-a-token').expect(401);
    await refresh('A'.repeat(43)).expect(401);
    await refresh(token).expect(200); // none of that hurt the session
  });

  it('logout revokes the session everywhere it reached and clears the cookie', async () => {
    const first = await login();
    const r1 = await refresh(refreshCookie(first).token).expect(200);
    const res = await http()
      .post('/auth/logout')
      .set(SESSION)
      .set(cookieHeader(refreshCookie(r1).token))
      .expect(204);
    const cleared = refreshCookie(res);
    expect(cleared.token).toBe('');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['Path=/auth', 'HttpOnly', 'Secure', 'SameSite=Strict']));
    await refresh(refreshCookie(r1).token).expect(401);
    await http().get('/auth/me').set(bearer(first.body.accessToken)).expect(401);
    await http().get('/auth/me').set(bearer(r1.body.accessToken)).expect(401);
    await http().post('/auth/logout').set(SESSION).expect(204); // nothing to end: still fine
  });

  it('lists active sessions with the current one marked, and revokes one by id (others get 404)', async () => {
    const user = await registerUser(server);
    const laptop = await login(user);
    const phone = await login(user);
    const list = await http().get('/auth/sessions').set(bearer(laptop.body.accessToken)).expect(200);
    const laptopSid = sidOf(laptop.body.accessToken);
    const phoneSid = sidOf(phone.body.accessToken)!;
    expect(list.body).toHaveLength(2);
    expect(list.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: laptopSid, current: true, userAgent: 'jest-browser/1.0', ip: expect.any(String) }),
        expect.objectContaining({ id: phoneSid, current: false }),
      ]),
    );
    expect(Object.keys(list.body[0]).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'id', 'ip', 'lastUsedAt', 'userAgent']);

    await http().delete(`/auth/sessions/${phoneSid}`).set(owner.authHeader).expect(404);
    await http().delete('/auth/sessions/not-a-uuid').set(bearer(laptop.body.accessToken)).expect(400);
    await http().delete(`/auth/sessions/${phoneSid}`).set(bearer(laptop.body.accessToken)).expect(204);
    await http().get('/auth/me').set(bearer(phone.body.accessToken)).expect(401);
    await refresh(refreshCookie(phone).token).expect(401);
    const after = await http().get('/auth/sessions').set(bearer(laptop.body.accessToken)).expect(200);
    expect(after.body.map((s: { id: string }) => s.id)).toEqual([laptopSid]);
  });

  it('ends a session after SESSION_IDLE_DAYS without a refresh, and SESSION_TTL_DAYS after sign-in', async () => {
    const idle = await login();
    const idleSid = sidOf(idle.body.accessToken)!;
    await prisma.session.updateMany({ where: { familyId: idleSid }, data: { lastUsedAt: new Date(Date.now() - 7 * DAY_MS - 1000) } });
    expect((await refresh(refreshCookie(idle).token).expect(401)).body.message).toMatch(/idle/);
    const list = await http().get('/auth/sessions').set(owner.authHeader).expect(200);
    expect(list.body.map((s: { id: string }) => s.id)).not.toContain(idleSid);

    const old = await login();
    await prisma.session.updateMany({ where: { familyId: sidOf(old.body.accessToken) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await refresh(refreshCookie(old).token).expect(401)).body.message).toMatch(/expired/);

    // Six days idle is still within the limit: a day of idle work keeps the user signed in.
    const recent = await login();
    await prisma.session.updateMany({
      where: { familyId: sidOf(recent.body.accessToken) },
      data: { lastUsedAt: new Date(Date.now() - 6 * DAY_MS) },
    });
    await refresh(refreshCookie(recent).token).expect(200);
  });

  it('keeps API keys and plain Bearer JWTs working; session routes are JWT-only', async () => {
    const key = await createApiKey(server, owner.authHeader, { scope: 'full' });
    await http().get('/auth/me').set('X-API-Key', key.key).expect(200);
    const denied = await http().get('/auth/sessions').set('X-API-Key', key.key).expect(403);
    expect(denied.body.message).toMatch(/not an API key/);
    await http().get('/auth/sessions').set(owner.authHeader).expect(200);
  });

  it('does not count refreshes or logouts as failed logins (auth limit 3 here)', async () => {
    for (let i = 0; i < 5; i++) {
      await refresh('B'.repeat(43)).expect(401);
      await http().post('/auth/logout').set(SESSION).expect(204);
    }
    await login();
  });
});
