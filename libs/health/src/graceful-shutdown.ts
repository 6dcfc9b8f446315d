import { INestApplication, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { LifecycleService } from './lifecycle.service';

export interface ShutdownOptions {
  drainDelayMs: number;
  gracePeriodMs: number;
}

/**
 * SIGTERM/SIGINT: readiness turns 503 at once, the server keeps answering for the drain delay (so the
 * load balancer stops sending traffic), then stops accepting connections, lets in-flight requests
 * finish, closes modules (queues, Redis, PostgreSQL) and exits 0; past the grace period it exits 1.
 */
export function installGracefulShutdown(app: INestApplication, options: ShutdownOptions): void {
  const logger = new Logger('Shutdown');
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    app.get(LifecycleService).beginShutdown();
    logger.log({ signal, ...options }, 'Shutting down');
    setTimeout(() => {
      logger.error({ gracePeriodMs: options.gracePeriodMs }, 'Grace period exceeded; exiting');
      process.exit(1);
    }, options.gracePeriodMs).unref();
    await sleep(options.drainDelayMs);
    try {
      await app.close();
      logger.log('Shutdown complete');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
