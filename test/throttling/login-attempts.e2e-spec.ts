import { Server } from 'node:http';
import request from 'supertest';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { freshIp, from, LimitedUser, rateHeaders, registerFrom } from './support';

const WRONG = 'not the password 123';

// The auth limiter as configured by default (5 per 900 s); api and burst out of the way.
describe('login attempts (in-process API, Redis storage): failures count, successes do not', () => {
  let api: TestApi;
  let server: Server;

  beforeAll(async () => {
    api = await startTestApi({
      THROTTLE_ENABLED: 'true',
      TRUST_PROXY: '127.0.0.1',
      THROTTLE_API_LIMIT: '1000',
      THROTTLE_BURST_LIMIT: '1000',
    });
    server = api.app.getHttpServer();
  });
  afterAll(() => api?.close());

  const login = (email: string, password: string, ip: string) =>
    request(server).post('/auth/login').set(from(ip)).send({ email, password });

  function expectLockedOut(res: request.Response): void {
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/\(auth: 5 per 900 s\)/) });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
  }

  it('register, log in, mistype once, log in again and again from one address: never locked out', async () => {
    const ip = freshIp();
    const user = await registerFrom(server, ip);
    await login(user.email, TEST_PASSWORD, ip).expect(200);
    await login(user.email, WRONG, ip).expect(401);
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(user.email, TEST_PASSWORD, ip)).status);
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it('5 failures for one account lock it, from any address; its right password too; other accounts unaffected', async () => {
    const [victim, other] = [await registerFrom(server, freshIp()), await registerFrom(server, freshIp())];
    const ips = Array.from({ length: 5 }, () => freshIp());
    for (const ip of ips) await login(victim.email, WRONG, ip).expect(401);
    expectLockedOut(await login(victim.email, TEST_PASSWORD, freshIp()));
    expectLockedOut(await login(` ${victim.email.toUpperCase()} `, TEST_PASSWORD, freshIp())); // the same account, however spelled
    await login(other.email, TEST_PASSWORD, ips[0]).expect(200); // each address has one failure only
  });

  it('5 failures from one address, across accounts and unknown emails, lock that address only', async () => {
    const ip = freshIp();
    const users: LimitedUser[] = [];
    for (let i = 0; i < 4; i++) users.push(await registerFrom(server, freshIp()));
    for (const user of users) await login(user.email, WRONG, ip).expect(401);
    await login(uniqueEmail('nobody'), WRONG, ip).expect(401);
    const fresh = await registerFrom(server, freshIp());
    expectLockedOut(await login(fresh.email, TEST_PASSWORD, ip));
    expect(rateHeaders(await login(fresh.email, TEST_PASSWORD, freshIp()).expect(200)).limit).toBe('5');
  });

  it('a successful login clears the account’s failures (not the address’s)', async () => {
    const user = await registerFrom(server, freshIp());
    for (let i = 0; i < 4; i++) await login(user.email, WRONG, freshIp()).expect(401);
    await login(user.email, TEST_PASSWORD, freshIp()).expect(200);
    for (let i = 0; i < 4; i++) await login(user.email, WRONG, freshIp()).expect(401);
    await login(user.email, TEST_PASSWORD, freshIp()).expect(200);
  });

  it('a malformed body is a 400, not a counted attempt', async () => {
    const ip = freshIp();
    const user = await registerFrom(server, freshIp());
    for (let i = 0; i < 7; i++)
      await request(server).post('/auth/login').set(from(ip)).send({ email: 'not-an-email', password: '' }).expect(400);
    await login(user.email, TEST_PASSWORD, ip).expect(200);
  });

  it('parallel guesses cannot slip past the limit: at most 5 are checked', async () => {
    const user = await registerFrom(server, freshIp());
    const answers = await Promise.all(Array.from({ length: 12 }, () => login(user.email, WRONG, freshIp())));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });
});
