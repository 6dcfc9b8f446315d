import { DynamicModule, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { EXECUTION_QUEUE } from '@app/executions';
import { installGracefulShutdown, LifecycleService } from '@app/health';
import { configureApp } from './configure-app';
import { createFastifyAdapter } from './fastify-adapter.factory';

export async function createHttpApp(module: DynamicModule, config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, createFastifyAdapter(config), { bufferLogs: true, rawBody: true });
  configureApp(app, config);
  return app;
}

/**
 * Listens first so the probes answer while the process starts, then readies the schema and the
 * queue; /health/startup turns 200 only after both.
 */
export interface StartOptions {
  migrate: boolean;
  /** In-process tests keep the test runner's own signal handling. */
  handleSignals?: boolean;
}

export async function startHttpApp(app: NestFastifyApplication, config: AppConfig, port: number, options: StartOptions): Promise<void> {
  if (options.handleSignals !== false)
    installGracefulShutdown(app, { drainDelayMs: config.server.SHUTDOWN_DRAIN_DELAY_MS, gracePeriodMs: config.server.SHUTDOWN_GRACE_PERIOD_MS });
  await app.listen(port, config.server.HOST);
  const lifecycle = app.get(LifecycleService);
  await prepareDatabase(config, options);
  lifecycle.completeStep('migrations');
  await app.get<Queue>(getQueueToken(EXECUTION_QUEUE)).waitUntilReady();
  lifecycle.completeStep('queue');
  new Logger('Startup').log({ url: await app.getUrl() }, 'Started');
}
