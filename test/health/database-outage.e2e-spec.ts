import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { MigrationRunner } from '@app/database';
import { createHttpApp, startHttpApp } from '@app/http';
import { registerUser, TEST_PASSWORD } from '../support/auth';
import { deleteRedisKeys } from '../support/process-api';
import { TestPostgresCluster } from '../support/processes';
import { testConfig } from '../support/test-config';

/** The API in-process on a PostgreSQL cluster of its own, which the test stops under it. */
describe('routes while PostgreSQL is unreachable', () => {
  let postgres: TestPostgresCluster;
  let app: NestFastifyApplication;
  let server: Server;
  let prefix: string;

  beforeAll(async () => {
    postgres = await TestPostgresCluster.start();
    await new MigrationRunner({ databaseUrl: postgres.url() }).migrate();
    prefix = `wp-test-${randomBytes(4).toString('hex')}:`;
    const config = testConfig({ DATABASE_URL: postgres.url(), REDIS_KEY_PREFIX: prefix, PORT: '0' });
    app = await createHttpApp(AppModule.register(config), config);
    await startHttpApp(app, config, 0, { migrate: false, handleSignals: false });
    server = app.getHttpServer();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await postgres?.destroy();
    await deleteRedisKeys(prefix);
  });

  it('answers 503 with a clear JSON body (not 500), and works again once PostgreSQL is back', async () => {
    const { authHeader, email } = await registerUser(server);
    await request(server).get('/workflows').set(authHeader).expect(200);

    await postgres.stop();
    const answers = [
      await request(server).get('/workflows').set(authHeader),
      await request(server).post('/auth/login').send({ email, password: TEST_PASSWORD }),
      await request(server).post('/webhook/any-path').send({}),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringContaining('database is unreachable'),
      });
    }

    await postgres.start();
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++)
      status = (await request(server).get('/workflows').set(authHeader)).status;
    expect(status).toBe(200);
  }, 60_000);
});
