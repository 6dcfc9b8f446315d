import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { PrismaService } from '@app/database';
import { startTestApi, TestApi } from '../support/test-app';
import { registerUser, setUserDisabled, TEST_PASSWORD, uniqueEmail } from '../support/auth';

describe('auth: register, login, me, JWT guard (real PostgreSQL)', () => {
  let api: TestApi;
  let prisma: PrismaService;
  beforeAll(async () => {
    api = await startTestApi();
    prisma = api.app.get(PrismaService);
  });
  afterAll(() => api?.close());

  const http = () => request(api.app.getHttpServer());
  const server = () => api.app.getHttpServer();

  describe('POST /auth/register', () => {
    it('creates a FREE user and returns it with an access token', async () => {
      const email = uniqueEmail();
      const res = await http().post('/auth/register').send({ email, password: TEST_PASSWORD, name: 'Ada' }).expect(201);
      expect(res.body).toEqual({
        user: { id: expect.any(String), email, name: 'Ada', role: 'USER', tier: 'FREE' },
        accessToken: expect.any(String),
      });
      const row = await prisma.user.findUniqueOrThrow({ where: { id: res.body.user.id } });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain(TEST_PASSWORD);
    });

    it('stores the email trimmed and lower-cased, so logins ignore case', async () => {
      const email = uniqueEmail('MiXeD').toUpperCase();
      const { user } = await registerUser(server(), { email: `  ${email} ` });
      expect(user.email).toBe(email.toLowerCase());
      await http().post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    });

    it('answers 409 for an email already registered, whatever its case', async () => {
      const { email } = await registerUser(server());
      const res = await http()
        .post('/auth/register')
        .send({ email: email.toUpperCase(), password: TEST_PASSWORD, name: 'Again' })
        .expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.any(String) });
    });

    it('answers 400 naming every problem at once', async () => {
      const res = await http().post('/auth/register').send({ email: 'not-an-email', password: 'short', name: '' }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      const messages: string[] = res.body.message;
      expect(messages).toEqual(
        expect.arrayContaining([
          'email must be a valid email address',
          `password must be at least ${api.config.auth.PASSWORD_MIN_LENGTH} characters long`,
          'name must be longer than or equal to 1 characters',
        ]),
      );
    });

    it('answers 400 for missing fields, a too long password or name, and unknown fields', async () => {
      const missing = await http().post('/auth/register').send({}).expect(400);
      expect(missing.body.message.join('\n')).toMatch(/email[\s\S]*password[\s\S]*name/);

      const long = await http()
        .post('/auth/register')
        .send({ email: uniqueEmail(), password: 'p'.repeat(257), name: 'n'.repeat(201) })
        .expect(400);
      expect(long.body.message).toEqual(
        expect.arrayContaining(['password must be at most 256 characters long', 'name must be shorter than or equal to 200 characters']),
      );

      const extra = await http()
        .post('/auth/register')
        .send({ email: uniqueEmail(), password: TEST_PASSWORD, name: 'A', role: 'ADMIN' })
        .expect(400);
      expect(extra.body.message).toEqual(['property role should not exist']);
    });
  });

  describe('POST /auth/login', () => {
    it('returns 200 with a token and the user, and records lastLoginAt', async () => {
      const { user, email } = await registerUser(server());
      const res = await http().post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), user });
      const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.lastLoginAt).toBeInstanceOf(Date);
      await http().get('/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    });

    it('answers 401 with the same message for a wrong password and an unknown email', async () => {
      const { email } = await registerUser(server());
      const wrong = await http().post('/auth/login').send({ email, password: 'wrong password!' }).expect(401);
      const unknown = await http()
        .post('/auth/login')
        .send({ email: uniqueEmail('nobody'), password: TEST_PASSWORD })
        .expect(401);
      expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' });
      expect(unknown.body).toEqual(wrong.body);
    });

    it('refuses disabled users, and their existing tokens stop working', async () => {
      const { user, email, authHeader } = await registerUser(server());
      await http().get('/auth/me').set(authHeader).expect(200);
      await setUserDisabled(api.app, user.id);
      await http().post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);
      await http().get('/auth/me').set(authHeader).expect(401);
    });

    it('answers 400 for a malformed body', () => http().post('/auth/login').send({ email: 'x' }).expect(400));
  });

  describe('GET /auth/me and the global guard', () => {
    it('returns the caller', async () => {
      const { user, authHeader } = await registerUser(server(), { name: 'Grace' });
      const { body } = await http().get('/auth/me').set(authHeader).expect(200);
      expect(body).toEqual({ ...user, name: 'Grace', createdAt: expect.any(String) });
      expect(Object.keys(body).sort()).toEqual(['createdAt', 'email', 'id', 'name', 'role', 'tier']);
    });

    it('answers 401 JSON without credentials, with WWW-Authenticate', async () => {
      const res = await http().get('/auth/me').expect(401);
      expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing credentials' });
      expect(res.headers['www-authenticate']).toBe('Bearer');
    });

    it('leaves public routes open', async () => {
      await http().get('/health').expect(200);
      await http().get('/health').set('Authorization', 'Bearer garbage').expect(200);
    });

    it('answers 401 for unsupported schemes and garbage tokens', async () => {
      await http().get('/auth/me').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
      await http().get('/auth/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    });

    it('answers 401 for a tampered token', async () => {
      const { accessToken } = await registerUser(server());
      const other = await registerUser(server());
      const [header, , signature] = accessToken.split('.');
      const otherPayload = other.accessToken.split('.')[1];
      await http().get('/auth/me').set('Authorization', `Bearer ${header}.${otherPayload}.${signature}`).expect(401);
      const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
      await http()
        .get('/auth/me')
        .set('Authorization', `Bearer ${header}.${accessToken.split('.')[1]}.${flipped}`)
        .expect(401);
    });

    it('answers 401 for an expired token, another issuer, another secret or alg none', async () => {
      const { user } = await registerUser(server());
      const { JWT_SECRET, JWT_ISSUER } = api.config.auth;
      const now = Math.floor(Date.now() / 1000);
      const jwt = new JwtService({ secret: JWT_SECRET });
      const valid = await jwt.signAsync({ sub: user.id }, { issuer: JWT_ISSUER, expiresIn: 60 });
      await http().get('/auth/me').set('Authorization', `Bearer ${valid}`).expect(200);

      const expired = await jwt.signAsync({ sub: user.id, iat: now - 7200, exp: now - 3600 }, { issuer: JWT_ISSUER });
      const res = await http().get('/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
      expect(res.body.message).toBe('Invalid or expired token');

      const otherIssuer = await jwt.signAsync({ sub: user.id }, { issuer: 'someone-else', expiresIn: 60 });
      await http().get('/auth/me').set('Authorization', `Bearer ${otherIssuer}`).expect(401);

      const otherSecret = await new JwtService({ secret: 'x'.repeat(48) }).signAsync(
        { sub: user.id },
        { issuer: JWT_ISSUER, expiresIn: 60 },
      );
      await http().get('/auth/me').set('Authorization', `Bearer ${otherSecret}`).expect(401);

      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const none = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: user.id, iss: JWT_ISSUER, exp: now + 60 })}.`;
      await http().get('/auth/me').set('Authorization', `Bearer ${none}`).expect(401);
    });

    it('answers 401 for a token signed with the real secret but without exp or iss, or with another HMAC alg', async () => {
      const { user } = await registerUser(server());
      const { JWT_SECRET, JWT_ISSUER } = api.config.auth;
      const jwt = new JwtService({ secret: JWT_SECRET });
      const noExp = await jwt.signAsync({ sub: user.id }, { issuer: JWT_ISSUER });
      expect(JSON.parse(Buffer.from(noExp.split('.')[1], 'base64url').toString())).not.toHaveProperty('exp');
      const res = await http().get('/auth/me').set('Authorization', `Bearer ${noExp}`).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, message: 'Invalid or expired token' });

      const noIssuer = await jwt.signAsync({ sub: user.id }, { expiresIn: 60 });
      await http().get('/auth/me').set('Authorization', `Bearer ${noIssuer}`).expect(401);
      const hs512 = await jwt.signAsync({ sub: user.id }, { issuer: JWT_ISSUER, expiresIn: 60, algorithm: 'HS512' });
      await http().get('/auth/me').set('Authorization', `Bearer ${hs512}`).expect(401);
    });

    it('answers 401 for the token of a user that no longer exists', async () => {
      const { user, authHeader } = await registerUser(server());
      await prisma.user.delete({ where: { id: user.id } });
      await http().get('/auth/me').set(authHeader).expect(401);
    });
  });

  describe('audit log', () => {
    it('records register, login and failed logins with ip and user agent', async () => {
      const { user, email } = await registerUser(server());
      await http().post('/auth/login').set('User-Agent', 'audit-test/1.0').send({ email, password: TEST_PASSWORD }).expect(200);
      await http().post('/auth/login').set('User-Agent', 'audit-test/1.0').send({ email, password: 'wrong password!' }).expect(401);
      const unknownEmail = uniqueEmail('ghost');
      await http()
        .post('/auth/login')
        .set('User-Agent', 'audit-test/1.0')
        .send({ email: unknownEmail, password: 'whatever-pass' })
        .expect(401);

      const rows = await prisma.auditLog.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } });
      expect(rows.map((r) => r.action)).toEqual(['auth.register', 'auth.login', 'auth.login_failed']);
      expect(rows[1]).toMatchObject({ entityType: 'User', entityId: user.id, ip: expect.any(String), userAgent: 'audit-test/1.0' });
      expect(rows[2].metadata).toEqual({ reason: 'wrong_password', email });

      const anonymous = await prisma.auditLog.findMany({ where: { action: 'auth.login_failed', userId: null } });
      const ghost = anonymous.find((r) => (r.metadata as { email?: string }).email === unknownEmail);
      expect(ghost).toMatchObject({
        userId: null,
        ip: expect.any(String),
        userAgent: 'audit-test/1.0',
        metadata: { reason: 'unknown_email' },
      });
    });

    it('never stores passwords in the audit log', async () => {
      const password = 'very-unique-password-9f3a';
      const { email } = await registerUser(server(), { password });
      await http().post('/auth/login').send({ email, password }).expect(200);
      await http()
        .post('/auth/login')
        .send({ email, password: `${password}-wrong` })
        .expect(401);
      const rows = await prisma.auditLog.findMany();
      expect(JSON.stringify(rows)).not.toContain(password);
    });
  });

  it('documents the auth routes in OpenAPI', async () => {
    const { body } = await http().get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/auth/register', '/auth/login', '/auth/me', '/auth/api-keys', '/auth/api-keys/{id}', '/users/{id}/tier']),
    );
    expect(body.paths['/auth/me'].get.security).toEqual(expect.arrayContaining([{ bearer: [] }, { 'api-key': [] }]));
  });
});
