import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../../apps/api/src/app.module';
import { AppConfig } from '@app/config';
import { CreateOptions, createHttpApp, startHttpApp } from '@app/http';
import { RegisteredUser, registerUser } from './auth';
import { deleteRedisKeys } from './process-api';
import { createTestDatabase } from './test-database';
import { testConfig } from './test-config';

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  close: () => Promise<void>;
}

/** The real API in-process on this file's own database and Redis key prefix, listening on a free port. */
export async function startTestApi(overrides: Record<string, string> = {}, options: CreateOptions = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  const config = testConfig({
    DATABASE_URL: db.url,
    REDIS_KEY_PREFIX: `wp-test-${randomBytes(4).toString('hex')}:`,
    PORT: '0',
    ...overrides,
  });
  const app = await createHttpApp(AppModule.register(config), config, options);
  await startHttpApp(app, config, 0, { migrate: false, handleSignals: false });
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    url: await app.getUrl(),
    close: async () => {
      await app.close();
      await db.drop();
      // Only this file's keys: the prefix is its own, and the Redis is shared (unless a test pointed elsewhere).
      if (!overrides.REDIS_URL) await deleteRedisKeys(config.redis.REDIS_KEY_PREFIX);
    },
  };
}

export interface ApiWithUser {
  api: TestApi;
  server: Server;
  auth: { Authorization: string };
  user: RegisteredUser['user'];
}

/** The API plus one registered user: the setup most e2e files start with. */
export async function startApiWithUser(overrides: Record<string, string> = {}): Promise<ApiWithUser> {
  const api = await startTestApi(overrides);
  const server = api.app.getHttpServer();
  const { authHeader, user } = await registerUser(server);
  return { api, server, auth: authHeader, user };
}
