import { DynamicModule, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { APP_VERSION, AppConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { installGracefulShutdown, LifecycleService } from '@app/health';
import { configureApp } from './configure-app';
import { createFastifyAdapter } from './fastify-adapter.factory';
import { installWebConsole } from './web-console';
import { AppRole, startupSummary } from './startup-summary';

export interface CreateOptions {
  /** The API serves the built web console (apps/web); the worker does not. A folder, or true for dist/web. */
  webConsole?: boolean | string;
}

export async function createHttpApp(
  module: DynamicModule,
  config: AppConfig,
  options: CreateOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, createFastifyAdapter(config), { bufferLogs: true, rawBody: true });
  configureApp(app, config);
  // Parts are read as streams by the routes that want them (libs/files); each call sets its own limits.
  await app.register(fastifyMultipart);
  // request.cookies and reply.setCookie, for the browser session's refresh cookie (libs/auth).
  await app.register(fastifyCookie);
  if (options.webConsole) {
    const fastify = app.getHttpAdapter().getInstance();
    await installWebConsole(fastify, {
      root: typeof options.webConsole === 'string' ? options.webConsole : undefined,
      sentryDsn: config.observability.SENTRY_WEB_DSN?.trim() || undefined,
      sentryEnvironment: config.observability.SENTRY_ENVIRONMENT?.trim() || config.server.NODE_ENV,
      release: APP_VERSION,
    });
  }
  return app;
}

export interface StartOptions {
  migrate: boolean;
  /** In-process tests keep the test runner's own signal handling. */
  handleSignals?: boolean;
  /** For the start-up summary; `api` when not given. */
  role?: AppRole;
}

/**
 * config -> migrations -> the features' start-up steps -> listening. Module hooks (which may read
 * tables or restore queue schedulers) run only once the schema is up to date, and no probe or request
 * reaches the process before it can answer it.
 */
export async function startHttpApp(app: NestFastifyApplication, config: AppConfig, port: number, options: StartOptions): Promise<void> {
  if (options.handleSignals !== false)
    installGracefulShutdown(app, {
      drainDelayMs: config.server.SHUTDOWN_DRAIN_DELAY_MS,
      gracePeriodMs: config.server.SHUTDOWN_GRACE_PERIOD_MS,
    });
  const lifecycle = app.get(LifecycleService);
  lifecycle.completeStep('config');
  await prepareDatabase(config, options);
  lifecycle.completeStep('migrations');
  await app.init();
  await lifecycle.runFeatureSteps();
  await app.listen(port, config.server.HOST);
  const { message, startup } = startupSummary(config, options.role ?? 'api', await app.getUrl(), APP_VERSION);
  new Logger('Startup').log({ startup }, message);
}
