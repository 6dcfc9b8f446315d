import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { RedisService } from '@app/redis';
import { ExecutionReconciler } from './execution-reconciler.service';

/**
 * Runs the reconciler every RECONCILE_INTERVAL_MS in one worker process per interval (a Redis lock).
 * A plain timer, not a BullMQ job scheduler: a Redis restarted without its data forgets those, and
 * that is precisely when the reconciler is needed. Without Redis there is nothing to compare with, so
 * the round is skipped.
 */
@Injectable()
export class ReconcileTimer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconcileTimer.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
    private readonly reconciler: ExecutionReconciler,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.execution.RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return; // a slow round is not overlapped by the next tick
    this.running = this.round()
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'Reconciling executions failed; retrying next interval'))
      .finally(() => (this.running = undefined));
  }

  private async round(): Promise<void> {
    const ttl = Math.max(100, this.config.execution.RECONCILE_INTERVAL_MS - 100);
    const slot = await this.redis.client.set(`${this.redis.keyPrefix}executions:reconcile:slot`, randomUUID(), 'PX', ttl, 'NX');
    if (slot !== 'OK') return;
    await this.reconciler.reconcile();
  }
}
