import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { createHttpApp, startHttpApp } from '@app/http';
import { uniquePrefix } from '../support/process-api';
import { startTestApi, TestApi } from '../support/test-app';
import { testConfig } from '../support/test-config';
import { createTestDatabase } from '../support/test-database';
import { from, LimitedUser, registerFrom } from './support';

const LIMIT = 20;

/** Two API replicas in this process: one database, one Redis, the same key prefix. */
describe('limits shared by replicas through Redis', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const replicas: { app: NestFastifyApplication; url: string }[] = [];
  let user: LimitedUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    const prefix = uniquePrefix('rl-replicas');
    for (let i = 0; i < 2; i++) {
      const config = testConfig({
        DATABASE_URL: db.url,
        REDIS_KEY_PREFIX: prefix,
        PORT: '0',
        WORKER_INLINE: 'false',
        THROTTLE_ENABLED: 'true',
        THROTTLE_API_LIMIT: String(LIMIT),
        THROTTLE_BURST_LIMIT: '1000',
      });
      const app = await createHttpApp(AppModule.register(config), config);
      await startHttpApp(app, config, 0, { migrate: false, handleSignals: false });
      await app.getHttpAdapter().getInstance().ready();
      replicas.push({ app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') });
    }
    user = await registerFrom(replicas[0].app.getHttpServer(), '127.0.0.1');
  });
  afterAll(async () => {
    for (const { app } of replicas) await app.close();
    await db?.drop();
  });

  it(`a limit of ${LIMIT} admits exactly ${LIMIT} of 60 concurrent requests split across both`, async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const res = await fetch(`${replicas[i % 2].url}/auth/me`, { headers: user.auth });
        await res.arrayBuffer();
        return { replica: i % 2, status: res.status, remaining: res.headers.get('ratelimit-remaining') };
      }),
    );
    const admitted = answers.filter((a) => a.status === 200);
    expect(admitted).toHaveLength(LIMIT);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(60 - LIMIT);
    // One atomic counter: every "remaining" value from 19 down to 0 handed out exactly once.
    expect(admitted.map((a) => Number(a.remaining)).sort((x, y) => x - y)).toEqual(Array.from({ length: LIMIT }, (_, i) => i));
    expect(new Set(admitted.map((a) => a.replica)).size).toBe(2);
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not buy a fresh budget', async () => {
    const server = replicas[1].app.getHttpServer();
    await request(server).get('/auth/me').set(user.auth).expect(429);
    await request(server).get('/auth/me').set(user.auth).set(from('203.0.113.77')).expect(429);
  });
});

describe('THROTTLE_ENABLED=false', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ THROTTLE_ENABLED: 'false', THROTTLE_API_LIMIT: '1', THROTTLE_AUTH_LIMIT: '1' })));
  afterAll(() => api?.close());

  it('limits nothing and sends no RateLimit headers', async () => {
    const server = api.app.getHttpServer();
    const user = await registerFrom(server, '127.0.0.1');
    await registerFrom(server, '127.0.0.1');
    for (let i = 0; i < 3; i++)
      expect((await request(server).get('/auth/me').set(user.auth).expect(200)).headers['ratelimit-limit']).toBeUndefined();
  });
});
